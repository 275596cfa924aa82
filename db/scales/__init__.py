"""Rating scales in the record: scored results kept for good, amendments, safety alerts."""
