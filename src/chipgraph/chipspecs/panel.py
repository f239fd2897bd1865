"""Plain data for a chip page or panel: specifications with the credit, status per version."""
from __future__ import annotations

from .assess import assessments, containing, status
from .specs import EPOCH_CREDIT, EPOCH_URL, FIELDS, find_variants


def chip_panel(chip_iri: str) -> dict | None:
    """For a chip entity IRI, its variants' specifications (each value with its source,
    unknown values as ``None``), the statuses per rule version (with ``systems``: the 4A090
    paragraphs a system containing the variant meets, :func:`containing`) and the credit line.

    ``None`` when the chip is in no specification table.  Only str, int, float, bool, list,
    dict and None: the views can serialise it to JSON as it is."""
    vs = find_variants(str(chip_iri))
    if not vs:
        return None
    out = []
    for v in vs:
        found = assessments([v])
        by_rule: dict[str, list] = {}
        for a in found:
            by_rule.setdefault(a.rule.id, []).append(a)
        out.append({
            "name": v.name, "label": v.label, "maker": v.maker, "release_date": v.release_date,
            "specs": [{"field": f, "label": label, "unit": unit,
                       "value": v.get(f).value if v.get(f) else None,
                       "source": v.get(f).source if v.get(f) else None,
                       "approximation": v.get(f).approximation if v.get(f) else ""}
                      for f, (label, unit) in FIELDS.items()],
            "statuses": [{"rule": rid, "rule_label": group[0].rule.label, "rule_url": group[0].rule.url,
                          "status": status(group),
                          "assessments": [{"eccn": a.paragraph.eccn, "result": a.result, "explanation": a.explanation}
                                          for a in group],
                          "systems": [{"eccn": s.paragraph.eccn, "result": s.result, "explanation": s.explanation}
                                      for s in containing(group)]}
                         for rid, group in by_rule.items()],
        })
    return {"chip": str(vs[0].chip_iri), "family": vs[0].family, "variants": out,
            "credit": EPOCH_CREDIT, "credit_url": EPOCH_URL, "licence": "CC BY 4.0"}
