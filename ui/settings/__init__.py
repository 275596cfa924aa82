"""The administrator's clinic settings."""
