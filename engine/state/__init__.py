"""SQL state of the engine: tables, repositories, connection setup and schema versioning; never the runtime."""
