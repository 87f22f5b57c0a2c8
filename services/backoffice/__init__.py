"""The back-office: the agents' tasklist and the process owners' console."""
