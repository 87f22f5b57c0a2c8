"""SQL storage of the notifier: notifications, e-mails sent or given up, and the outboxes."""
