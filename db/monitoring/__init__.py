"""The monitoring checklist in the database: completions, events, dismissals, the clinic's
rules, and the stored due dates that make the clinic-wide list one query. The rules and
their wording are `clinical.monitoring`; nothing here decides what is due."""
