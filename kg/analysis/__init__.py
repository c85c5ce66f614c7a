"""Analyses of a finished build: scores against gold annotations, review lists, statistics."""
