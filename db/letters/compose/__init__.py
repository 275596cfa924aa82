"""Composing each letter from the record: plain queries gather the facts into the data
classes `reports.letters` renders, and every fact that is missing is named with the place
in the program where it is entered. One module per kind."""
