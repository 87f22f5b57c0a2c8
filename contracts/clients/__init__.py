"""Typed clients of the internal APIs, one per service, all with the error policy of `base`."""
