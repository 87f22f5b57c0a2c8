"""An embedded BPMN engine speaking Zeebe's gateway protocol and a subset of Camunda 8's REST API v2."""
