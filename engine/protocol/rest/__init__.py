"""A subset of Camunda 8's REST API v2, with the same JSON shapes."""
