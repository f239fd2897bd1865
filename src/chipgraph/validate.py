"""SHACL validation of a graph against ``ontology/shapes.ttl`` (pySHACL)."""
from __future__ import annotations

from dataclasses import dataclass

from rdflib import Graph

from .vocab import shapes_graph


@dataclass(frozen=True)
class ValidationReport:
    conforms: bool
    text: str
    violations: int


def validate_graph(data: Graph) -> ValidationReport:
    """Validate ``data`` (which must include the ontology, for the class hierarchy)."""
    from pyshacl import validate
    from rdflib.namespace import SH

    conforms, results, text = validate(data, shacl_graph=shapes_graph(), inference="none",
                                       advanced=True, allow_warnings=False)
    if not isinstance(results, Graph):  # pySHACL could not run the shapes at all
        return ValidationReport(False, str(text), 1)
    n = sum(1 for _ in results.subjects(predicate=SH.resultSeverity))
    return ValidationReport(bool(conforms), str(text), n)
