"""The patient record: reading it as plain values, and changing it as units of work."""
