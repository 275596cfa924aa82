"""Clinic settings kept in the database, so every workstation shares them."""
