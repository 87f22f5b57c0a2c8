"""Adapters of the `StockageFichiers` port: a directory (default) or a NATS JetStream Object Store."""
