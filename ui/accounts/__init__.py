"""Signing in, the idle lock, and the administrator's accounts screen."""
