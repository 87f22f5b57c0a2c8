"""The tasklist's use cases, typed against `domain.ports`."""
