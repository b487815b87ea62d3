"""Genealogy questions: what is in this unit, where did this lot go, what must a recall cover."""
