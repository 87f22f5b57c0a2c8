"""identity's use cases: keyword-only functions; the caller owns the transaction."""
