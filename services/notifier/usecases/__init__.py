"""The notifier's use cases: notifications (in-app) and courriels (e-mail delivery)."""
