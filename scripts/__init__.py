"""Developer commands behind the Makefile (`make run`)."""
