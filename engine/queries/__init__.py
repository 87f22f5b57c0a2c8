"""Read side of the REST API: one module per resource, rows in, plain dicts out."""
