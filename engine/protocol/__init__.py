"""Translation between the wire protocols (Zeebe gRPC, Camunda REST v2) and the engine's commands."""
