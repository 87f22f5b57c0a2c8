"""What the service talks to: WeasyPrint (with its Jinja2 templates) and the documents service."""
