"""Analyses of a built graph.

- :mod:`.stats`: counts, central entities, components, communities (``kg stats``).
- :mod:`.report`: the text ``kg stats`` prints.
- :mod:`.evaluate`: scores against gold annotations (``kg evaluate``), reading them with
  :mod:`.gold` and the build's predictions with :mod:`.predictions`.
- :mod:`.review`: what a reviewer should look at first, as curation lines.
- :mod:`.profile`: everything about one entity (``kg profile``).
- :mod:`.compare`: entities of one type side by side (``kg compare``).
- :mod:`.briefs`: what those two share (entity lookup, the named queries they read, HTML).
"""
