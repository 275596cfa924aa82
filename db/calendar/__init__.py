"""The booking calendar: appointments, their history, the clinic's hours and capacity."""
