"""The development SMTP sink: an SMTP server that keeps every e-mail and a page to read them."""
