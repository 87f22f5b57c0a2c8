"""What the documents say and compute: their data, dates and validity periods. No I/O, no framework."""
