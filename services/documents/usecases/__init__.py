"""Use cases of the documents service: each receives its ports and owns one unit of work per step."""
