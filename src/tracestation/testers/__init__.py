"""Automatic testers' result files: read from a file or a folder, and a watched folder."""
