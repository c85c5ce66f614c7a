"""RDF stage: the graph → Turtle, an Oxigraph store, and back.

- :mod:`.ids`: stable, readable IRIs (pinyin slugs).
- :mod:`.blocks`: the graph's Turtle as self-contained blocks in a fixed order.
- :mod:`.store`: the on-disk Oxigraph store of a build folder, found and opened.
- :mod:`.writer`: ``graph.ttl`` and the store, written from the previous build's where it can.
- :mod:`.changes`: what an incremental write changes in the store, and what to check again.
- :mod:`.reader`: a saved build read back into the graph stage's ``MultiDiGraph``.
- :mod:`.terms`: pyoxigraph terms as plain Python values.
"""

from __future__ import annotations

from .blocks import new_graph, rdf_blocks, to_rdf, turtle_text

__all__ = ["new_graph", "rdf_blocks", "to_rdf", "turtle_text"]
