"""E-mail adapters: Jinja2 templates, the SMTP relay and the durable JetStream queue."""
