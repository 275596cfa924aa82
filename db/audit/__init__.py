"""The tamper-evident audit trail: what is recorded, how it is sealed, how it is checked."""
