"""SQL state of the engine: tables, connection setup and schema versioning."""
