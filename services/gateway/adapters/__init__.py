"""Clients of the internal APIs the site calls on behalf of its visitors."""
