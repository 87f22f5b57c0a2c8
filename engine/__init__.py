"""An embedded BPMN engine speaking Zeebe's gateway protocol and a subset of Camunda 8's REST API v2.

Layers, each importing only those below it (checked by import-linter, `make lint`):

    protocol            gRPC gateway and REST routes: request -> command or query -> response
    commands | queries  use cases, one transaction each | the REST API's reads
    runtime             token flow with Zeebe's semantics, over the Zeebe dialect of SpiffWorkflow
    state               SQL tables and repositories; specs and flows kept as text (FlowCodec)
    model               parsed BPMN models and the records of a running instance
    feel                the FEEL language

Beside them: leaf modules anyone may use (clock, errors, keys) and the composition
(settings, parts, app, scheduler, notifications, export).
"""
