"""What talks to the outside: SMTP, e-mail rendering (Jinja2), the e-mail queue, the documents service."""
