"""SQL storage of the notifier: notifications, engine messages to publish, e-mails sent or given up."""
