"""Chip specifications against the ECCN 3A090 control thresholds, and what a computer
containing a chip meets under 4A090 (docs/chip-rules.md).

``specs`` (Epoch AI variants and chip families), ``rules`` (rule versions as data),
``assess`` (the arithmetic and its explanation), ``graph`` (RDF for the store),
``classify`` (lookup by name or IRI) and ``panel`` (plain data for chip pages).
"""
from __future__ import annotations

from .assess import (MEETS, NOT_MET, UNKNOWN, Assessment, SystemAssessment, assess, assess_system, assessments,
                     containing, inputs, status)
from .classify import classify, store_assessments, store_systems
from .graph import (ASSESSMENTS_SOURCE, SPECS_SOURCE, assessments_graph, fr_document_iri, load_into,
                    rule_iri, specs_graph)
from .panel import chip_panel
from .rules import (Bound, Paragraph, RuleVersion, SystemParagraph, parse_ccl_3a090, parse_ccl_4a090, rule_version,
                    rule_versions)
from .specs import EPOCH_CREDIT, EPOCH_URL, SpecValue, Variant, find_variants, variants

__all__ = [
    "ASSESSMENTS_SOURCE", "Assessment", "Bound", "containing", "SystemAssessment", "SystemParagraph", "assess_system",
    "parse_ccl_4a090", "EPOCH_CREDIT", "EPOCH_URL", "MEETS", "NOT_MET", "Paragraph",
    "RuleVersion", "SPECS_SOURCE", "SpecValue", "UNKNOWN", "Variant", "assess", "assessments", "assessments_graph",
    "chip_panel", "classify", "find_variants", "fr_document_iri", "inputs", "load_into", "parse_ccl_3a090",
    "rule_iri", "rule_version", "rule_versions", "specs_graph", "status", "store_assessments",
    "store_systems", "variants",
]
