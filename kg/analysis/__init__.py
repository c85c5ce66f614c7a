"""Analyses of a finished build: scores against gold annotations (:mod:`.evaluate`), review
lists for curation (:mod:`.review`), statistics (:mod:`.stats`, printed by :mod:`.report`)."""
