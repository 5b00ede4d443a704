"""Operational scripts (``make serve-prod``)."""
