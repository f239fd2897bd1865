"""Catalogue measures as typed values, loaded once from ``data/catalogue.json``.

A :class:`Measure` is one official rule, list, licence requirement, law, bill or Commerce
Control List entry. Its IRI comes from its catalogue key (``fr-2022-21658``,
``entity_list``, ``us-h20-mi308-licence-requirement-2025``), never from article text.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from functools import cached_property, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import InputError
from ..extract.keys import digest, slug
from .build import data_file

if TYPE_CHECKING:  # rdflib only where an IRI is asked for: the extractor links without it
    from rdflib import URIRef

#: Kinds of catalogue record; the first five are measures the news can talk about.
KINDS = ("rule", "list", "licence_requirement", "law", "bill", "eccn", "notice")
MEASURE_KINDS = KINDS[:5]


def measure_entity_key(key: str) -> str:
    """The ``model.Entity.key`` a linked news measure takes, so that ``ids.entity_iri`` of it
    is the measure's IRI: ``measure-<slug>-<hash>``. The hash keeps keys apart that slug
    alike (``entity_list`` and ``entity-list``)."""
    return "measure-" + slug(key, 48) + "-" + digest("measure", key, length=8)


def measure_iri(key: str) -> URIRef:
    """The canonical IRI of a catalogue measure: ``…/entity/measure-<slug>-<hash>``."""
    from .. import ids

    return ids.entity_iri(measure_entity_key(key))


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


@dataclass(frozen=True)
class Measure:
    key: str
    kind: str
    official_name: str
    press_names: tuple[str, ...]
    issuer: tuple[str, ...]
    country: str | None
    announced: date | None
    published: date | None
    effective: date | None
    rescinded: date | None
    amends: tuple[str, ...]
    rescinds: tuple[str, ...]
    eccns: tuple[str, ...]
    chips: tuple[str, ...]
    compliant_chips: tuple[str, ...]  # designed to fall under its thresholds: it let them through
    targets: tuple[str, ...]
    companies: tuple[str, ...]
    materials: tuple[str, ...]
    topic_words: tuple[str, ...]
    official: str | None  # the FR document number or list key (GUIDELINES.md)
    id_local: str | None
    source_url: str | None
    source_note: str | None
    abstract: str | None
    authority: str | None
    program: str | None
    topic: str
    prominence: float
    entries: int | None
    # names that identify it only with its issuer ("its export control list", said of the body
    # that keeps this list): another body's list of that name is another list
    body_names: tuple[str, ...] = ()

    @property
    def iri(self) -> URIRef:
        return measure_iri(self.key)

    @cached_property
    def dates(self) -> tuple[date, ...]:
        """Its official dates (announced, published, effective), earliest first."""
        return tuple(sorted(d for d in (self.announced, self.published, self.effective) if d))

    @cached_property
    def start(self) -> date | None:
        """When it first existed: the earliest of its official dates."""
        return self.dates[0] if self.dates else None

    @classmethod
    def from_record(cls, rec: dict[str, Any]) -> "Measure":
        tup = ("press_names", "issuer", "amends", "rescinds", "eccns", "chips", "compliant_chips",
               "targets", "companies", "materials", "topic_words", "body_names")
        kw = {k: rec.get(k) for k in cls.__dataclass_fields__}
        for k in tup:
            kw[k] = tuple(rec.get(k) or ())
        for k in ("announced", "published", "effective", "rescinded"):
            kw[k] = _day(rec.get(k))
        kw["prominence"] = float(rec.get("prominence") or 0.0)
        if kw["kind"] not in KINDS:
            raise ValueError(f"unknown kind {kw['kind']!r}")
        return cls(**kw)


@dataclass(frozen=True)
class Catalogue:
    measures: tuple[Measure, ...]

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_key", {m.key: m for m in self.measures})

    def __len__(self) -> int:
        return len(self.measures)

    def __iter__(self):
        return iter(self.measures)

    def get(self, key: str) -> Measure | None:
        return self._by_key.get(key)  # type: ignore[attr-defined]

    def __getitem__(self, key: str) -> Measure:
        m = self.get(key)
        if m is None:
            raise KeyError(key)
        return m


def read_catalogue(path: str | Path) -> Catalogue:
    """A catalogue file (the packaged one, or one written by ``scripts/build_catalogue.py``)."""
    p = Path(path)
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
        return Catalogue(tuple(Measure.from_record(r) for r in data["measures"]))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise InputError(str(p), f"not a measure catalogue: {exc}") from exc


@lru_cache(maxsize=1)
def load_catalogue() -> Catalogue:
    """The packaged catalogue, read once."""
    return read_catalogue(data_file("catalogue.json"))
