"""The station core: scan in, verdict out. Shared by the window, the headless runner and replay.

Imports neither Qt nor SQL: it reaches the plant's record through the ports in `ports.py`.
"""
