"""Use cases: keyword-only functions receiving one transaction's repositories and their ports."""
