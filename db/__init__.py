"""Persistence: models, migrations, sessions and the clinic's workflows as units of work."""
