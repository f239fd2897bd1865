"""Look a chip up and return its assessments: from the shipped data, or from a store."""
from __future__ import annotations

import difflib

from rdflib import Literal, URIRef

from ..errors import NotFoundError
from .assess import Assessment, assessments, containing_label, system_explanation
from .specs import Variant, find_variants, variants


def _suggest(chip: str) -> list[str]:
    names = sorted({v.family for v in variants()} | {v.label for v in variants()})
    return difflib.get_close_matches(chip, names, n=5, cutoff=0.6)


def classify(chip: str) -> list[Assessment]:
    """Every assessment of the variants of ``chip`` (a name or IRI), from the shipped data.

    Raises :class:`NotFoundError` when the chip is in no specification table: then there
    is no assessment, not an assumed one."""
    vs: list[Variant] = find_variants(chip)
    if not vs:
        raise NotFoundError(f"no chip specifications for {chip!r} (not in the Epoch AI table or the "
                            f"supplement): no assessment", _suggest(chip))
    return assessments(vs)


_STORE_NAMES = """SELECT DISTINCT ?chip ?wanted WHERE {
  ?variant a cg:ChipVariant ; cg:variantOf ?chip .
  { ?chip skos:prefLabel|skos:altLabel|rdfs:label ?name } UNION { ?variant rdfs:label|schema:name ?name }
  FILTER (LCASE(STR(?name)) = LCASE(STR(?wanted)))
} ORDER BY ?chip"""


def store_assessments(store, chip: str) -> list[dict]:
    """The assessments of ``chip`` as the store holds them (rows of ``chip_assessments``).

    ``chip`` is an IRI, or a name: matched (ignoring case) against the labels of chip
    entities and variants in the store, and the family and variant names of the shipped
    specifications.  Raises :class:`NotFoundError` when none match."""
    from ..query import saved_query

    wanted = chip.strip().strip("<>")
    if wanted.startswith(("http://", "https://")):
        iris = [URIRef(wanted)]
    else:
        found = [r["chip"] for r in store.query(_STORE_NAMES, {"wanted": Literal(wanted)})]
        iris = list(dict.fromkeys([*found, *(v.chip_iri for v in find_variants(wanted))]))
    text = saved_query("chip_assessments").text
    rows = []
    for iri in iris:
        for r in store.query(text, {"chip": iri}):
            rows.append({
                "chip": str(r["chip"]), "variant": str(r["variantLabel"]), "rule": str(r["ruleId"]),
                "eccn": str(r["eccn"]), "result": str(r["result"]),
                "tpp": None if r["tpp"] is None else r["tpp"].toPython(),
                "pd": None if r["pd"] is None else r["pd"].toPython(),
                "io_bandwidth_gb_s": None if r["ioBandwidth"] is None else r["ioBandwidth"].toPython(),
                "explanation": str(r["explanation"])})
    if not rows:
        raise NotFoundError(f"no assessment of {chip!r} in the store (is the chip in the specifications, "
                            f"and were they loaded with `chipgraph assess`?)")
    return rows


_STORE_SYSTEMS = """SELECT ?ruleId ?ruleLabel ?eccn ?contains ?text ?summary ?note WHERE {
  ?p a cg:EccnParagraph ; cg:eccn ?eccn ; cg:ruleVersion ?r ; cg:containsParagraph ?q .
  ?q cg:eccn ?contains .
  ?r dcterms:identifier ?ruleId ; rdfs:label ?ruleLabel .
  OPTIONAL { ?p cg:ruleText ?text }
  OPTIONAL { ?p cg:ruleSummary ?summary }
  OPTIONAL { ?p cg:approximation ?note }
} ORDER BY ?ruleId ?eccn"""


def store_systems(store, rows: list[dict]) -> list[dict]:
    """What a system containing each chip of ``rows`` (from :func:`store_assessments`) would
    meet, from the 4A090 paragraphs the store holds (``cg:containsParagraph``): the same
    entries as :meth:`SystemAssessment.as_dict`, derived from the chip's 3A090 rows."""
    by_key = {(r["variant"], r["rule"], r["eccn"]): r for r in rows}
    variants_seen = list(dict.fromkeys(r["variant"] for r in rows))
    out = []
    for sp in store.query(_STORE_SYSTEMS):
        rule, eccn, inner = str(sp["ruleId"]), str(sp["eccn"]), str(sp["contains"])
        for name in variants_seen:
            r = by_key.get((name, rule, inner))
            if r is None:
                continue
            system = containing_label(name)
            explanation = system_explanation(system, r["result"], [name], eccn, inner, str(sp["ruleLabel"]))
            entry = {"kind": "system", "system": system, "rule": rule, "rule_label": str(sp["ruleLabel"]),
                     "eccn": eccn, "contains_eccn": inner, "result": r["result"], "contains": [name],
                     "explanation": explanation,
                     "rule_text": None if sp["text"] is None else str(sp["text"])}
            if sp["text"] is None:
                entry |= {"rule_summary": str(sp["summary"] or ""), "rule_text_note": str(sp["note"] or "")}
            out.append(entry | {k: r[k] for k in ("chip", "variant", "tpp", "pd", "io_bandwidth_gb_s")})
    return out
