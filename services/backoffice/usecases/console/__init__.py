"""The console's use cases: each checks the agent's role first."""
