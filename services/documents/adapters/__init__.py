"""What talks to the outside: the blob stores of the files' contents (a directory, a NATS Object Store)."""
