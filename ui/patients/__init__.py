"""Screens for finding patients and keeping their chart."""
