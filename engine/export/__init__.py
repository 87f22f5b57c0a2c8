"""Export of the record log to NATS JetStream."""
