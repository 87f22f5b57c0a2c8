"""The Zeebe dialect of SpiffWorkflow, organised like Spiff's own `camunda` package.

`parser` reads Zeebe models, `specs` holds the task and event classes it creates, `script_engine`
evaluates sequence flow conditions, `serializer` turns specs and workflow states into JSON, `workflow`
is the workflow class the engine runs.


* The parser is Spiff's `BpmnParser` with a `TaskParser` mixin on every node parser: it reads the
  `zeebe:*` extensions into the spec's `extensions`, keeps the XML order of outgoing flows (Zeebe
  evaluates conditions in that order; Spiff would sort them by diagram position), leaves
  multi-instance to our layer, and replaces message, timer, signal and error event definitions by
  `HostEventDefinition`: an event that only fires when our layer says so (Spiff would otherwise
  correlate messages by its own properties, evaluate timers on its own clock and catch errors with
  its own priority).
* Every BPMN element spec is `manual`: `do_engine_steps` runs only Spiff's internal tasks (splits,
  joins of boundary events, start and end bookkeeping); the host enters each element, then runs it.
* Job-like elements (tasks, call activities) are `HostTask`s: the token waits on them until our layer
  completes the element; Spiff then moves it on.
* The script engine routes '='-text to FEEL over our scoped variables and keeps other text literal.
* Specs are serialized once per process version; a workflow's state (task tree, no spec) per instance.
"""
