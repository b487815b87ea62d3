"""Pushing each station's journal to the central PostgreSQL database."""
