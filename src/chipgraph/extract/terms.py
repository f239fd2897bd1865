"""Entity types and relation predicates of the ontology, without rdflib.

``data/ontology.json`` is derived from ``ontology/chipgraph.ttl`` (``chipgraph.vocab``
writes it; a test checks it against the Turtle).  Code names types and predicates as
``T.Company`` and ``P.basedIn``: a name the ontology does not define raises
:class:`AttributeError` instead of becoming a new string.  The file is read on first use.
"""
from __future__ import annotations

import json
from functools import cache
from importlib import resources


@cache
def ontology_terms() -> dict:
    return json.loads(resources.files(__package__).joinpath("data", "ontology.json").read_text(encoding="utf-8"))


def namespace() -> str:
    return ontology_terms()["namespace"]


class _Names:
    """Attribute access to one list of the terms file; each name is its own value."""

    def __init__(self, field: str) -> None:
        self._field = field

    def _load(self) -> tuple[str, ...]:
        names = tuple(ontology_terms()[self._field])
        for n in names:
            setattr(self, n, n)  # later look-ups are plain attributes
        return names

    def __getattr__(self, name: str) -> str:
        if name.startswith("_") or name not in self._load():
            raise AttributeError(f"the ontology defines no {self._field[:-1].replace('_', ' ')} {name!r}")
        return name

    def __iter__(self):
        return iter(self._load())

    def __contains__(self, name: object) -> bool:
        return name in self._load()


T = _Names("entity_types")  # T.Company == "Company"
P = _Names("predicates")  # P.basedIn == "basedIn"
