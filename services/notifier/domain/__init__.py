"""The notifier's rules: notifications, their texts, e-mails and their retries. No I/O here."""
