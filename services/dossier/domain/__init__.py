"""Rules of the application, without I/O: cases, eligibility, steps, statuses, numbering, complements."""
