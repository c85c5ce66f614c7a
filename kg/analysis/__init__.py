"""Analyses of a built graph: :mod:`.stats` (counts, central entities, components,
communities) and :mod:`.report`, the text ``kg stats`` prints."""
