"""Relation components: one module per predicate, each ``component(ctx) -> RelationHits``.

They read :attr:`DocContext.by_sentence` (the mentions of each sentence, anaphors
included) and return their hits; the pipeline records them.  Patterns that two modules
share are in :mod:`.common` and :mod:`..patterns`.
"""
from __future__ import annotations

from .affiliation import affiliations
from .based_in import based_in
from .develops import develops
from .manufactures import manufactures
from .measures import measure_relations
from .uses_chip import uses_chip

RELATIONS = (affiliations, based_in, manufactures, develops, uses_chip, measure_relations)

__all__ = ["RELATIONS", "affiliations", "based_in", "manufactures", "develops", "uses_chip", "measure_relations"]
