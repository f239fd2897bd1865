"""An extraction as the JSON contract of ``chipgraph extract --format json``
(``../shared/eval/README.md``): entity IRIs from keys, evidence as sentence text and offsets."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .keys import entity_iri_text

if TYPE_CHECKING:
    from ..model import Evidence, Extraction


def extraction_json(ex: Extraction) -> dict[str, Any]:
    def ev(e: Evidence) -> dict[str, Any]:
        return {"sentence": ex.sentences[e.sentence].text, "start": e.start, "end": e.end}

    d = ex.document
    return {
        "document": {
            k: v for k, v in (
                ("key", d.key), ("title", d.title), ("url", d.url), ("published", d.published),
                ("publisher", d.publisher), ("published_approx", d.published_approx),
            ) if v is not None
        },
        "entities": [
            {
                "id": entity_iri_text(e.key), "name": e.name, "type": e.type,
                "aliases": list(e.aliases), "confidence": round(e.confidence, 3),
                "identifiers": dict(e.identifiers),
                "mentions": [{"start": m.start, "end": m.end, "text": m.surface} for m in e.mentions],
                **({"catalogue": e.official.catalogue} if e.official else {}),
                **({"official": (e.official.officials if e.official.also else e.official.official)}
                   if e.official and e.official.official else {}),
                # how the catalogue link was made: its confidence, the deciding cue, the words
                **({"link": {"confidence": round(e.official.confidence, 3), "cue": e.official.cue,
                             "evidence": e.official.evidence}} if e.official else {}),
            }
            for e in ex.entities
        ],
        "relations": [
            {
                "subject": entity_iri_text(r.subject), "predicate": r.predicate,
                "object": entity_iri_text(r.object), "confidence": round(r.confidence, 3),
                **({"role": r.role} if r.role else {}),
                "evidence": [ev(e) for e in r.evidence],
            }
            for r in ex.relations
        ],
        "quotes": [
            {
                "speaker": entity_iri_text(q.speaker) if q.speaker else None,
                "text": q.text, "confidence": round(q.confidence, 3),
                **({"alt_speakers": [entity_iri_text(s) for s in q.alt_speakers]} if q.alt_speakers else {}),
                "evidence": ev(q.evidence),
            }
            for q in ex.quotes
        ],
    }
