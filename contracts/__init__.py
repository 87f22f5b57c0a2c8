"""Wire contracts between the process and the services: job types, messages, variables, subjects.

One module per service (`contracts.dossier`, ...) owned with that service, and `contracts.process`
for what the BPMN model and every worker share. Nothing here does I/O.
"""
