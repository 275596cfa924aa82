"""Annual reviews: recorded once, never edited; each closes its checklist items."""
