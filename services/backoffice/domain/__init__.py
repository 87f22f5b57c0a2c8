"""The tasklist's rules: which tasks an agent sees, and how the lists are ordered and counted."""
