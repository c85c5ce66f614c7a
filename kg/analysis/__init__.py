"""Analyses of a built graph: :mod:`.stats` (counts, central entities, components, communities)."""
