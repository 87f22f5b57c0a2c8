"""Use cases: one function per operation, each in one transaction."""
