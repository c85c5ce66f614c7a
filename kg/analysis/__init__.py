"""Analyses of a finished build: scores against gold annotations (and later statistics)."""
