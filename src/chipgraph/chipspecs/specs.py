"""Chip specifications: Epoch AI's hardware table, plus a small cited supplement.

Each Epoch row is a *variant* ("NVIDIA H800 SXM5") of a chip *family* ("H800"): the name
articles use, linked to the same entity IRI that extraction mints (``ids.entity_iri``).
Variants are kept apart, never merged.  A value is Epoch's, or a supplement value with the
URL it was read from; anything else is unknown (``None``), never guessed.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from rdflib import URIRef

from .. import ids
from ..errors import InputError

EPOCH_CREDIT = "Epoch AI, 'Data on Machine Learning Hardware', epoch.ai"
EPOCH_URL = "https://epoch.ai/data/machine-learning-hardware"

FIELDS = {  # field -> (label, unit) as shown
    "dense_fp16_tensor_flops": ("dense FP16/BF16 tensor", "FLOP/s"),
    "dense_tf32_flops": ("dense TF32", "FLOP/s"),
    "dense_fp8_flops": ("dense FP8", "FLOP/s"),
    "dense_fp4_flops": ("dense FP4", "FLOP/s"),
    "dense_int8_ops": ("dense INT8", "OP/s"),
    "dense_int4_ops": ("dense INT4", "OP/s"),
    "memory_bytes": ("memory", "bytes"),
    "memory_bandwidth_bytes_per_s": ("memory bandwidth", "byte/s"),
    "intranode_bandwidth_bytes_per_s": ("intranode (interconnect) bandwidth", "byte/s"),
    "internode_bandwidth_bits_per_s": ("internode bandwidth", "bit/s"),
    "die_area_mm2": ("die size", "mm²"),
    "process_nm": ("process node", "nm"),
    "epoch_tpp_bit_ops_per_s": ("total processing performance (Epoch)", "bit-OP/s"),
}


@dataclass(frozen=True)
class SpecValue:
    value: float | int
    source: str  # EPOCH_URL or the supplement's URL
    note: str = ""
    approximation: str = ""


@dataclass(frozen=True)
class Variant:
    name: str  # Epoch's hardware name, "NVIDIA H800 SXM5"
    label: str  # without the maker, "H800 SXM5"
    family: str  # the chip articles name, "H800"
    maker: str | None
    release_date: str | None
    type: str | None
    values: dict[str, SpecValue] = field(default_factory=dict, hash=False, compare=False)
    datasheets: tuple[str, ...] = ()

    @property
    def chip_iri(self) -> URIRef:
        """The chip entity: the IRI extraction mints for the family name."""
        return ids.entity_iri(ids.entity_key(self.family))

    @property
    def iri(self) -> URIRef:
        return URIRef(ids.BASE + "chip-variant/" + ids.slug(self.name))

    def get(self, name: str) -> SpecValue | None:
        return self.values.get(name)


def _data(name: str) -> str:
    return resources.files(__package__).joinpath("data", name).read_text(encoding="utf-8")


@cache
def variants() -> tuple[Variant, ...]:
    """Every variant of the shipped table, supplement values filled in."""
    return build_variants(json.loads(_data("epoch_specs.json")), json.loads(_data("supplement.json")))


def build_variants(table: dict, supplement: dict) -> tuple[Variant, ...]:
    """Variants from the Epoch table and the supplement (both as parsed JSON).

    Raises :class:`InputError` naming ``supplement.json`` for a value without a known
    variant, a known field, a number or a source URL."""
    extra: dict[str, dict[str, SpecValue]] = {}
    names = {r["name"] for r in table["variants"]}
    for i, s in enumerate(supplement.get("values", [])):
        problem = ("unknown variant" if s.get("variant") not in names else
                   "unknown field" if s.get("field") not in FIELDS else
                   "value is not a number" if not isinstance(s.get("value"), (int, float)) else
                   "no source URL" if not str(s.get("source", "")).startswith(("https://", "http://")) else "")
        if problem:
            raise InputError("supplement.json", f"value {i + 1} ({s.get('variant')!r}, {s.get('field')!r}): {problem}")
        extra.setdefault(s["variant"], {})[s["field"]] = SpecValue(s["value"], s["source"], s.get("note", ""),
                                                                   s.get("approximation", ""))
    out = []
    for r in table["variants"]:
        vals = {f: SpecValue(r[f], EPOCH_URL) for f in FIELDS if f in r}
        for f, v in extra.get(r["name"], {}).items():
            vals.setdefault(f, v)  # Epoch's own value wins; the supplement only fills gaps
        out.append(Variant(r["name"], r["label"], r["family"], r.get("maker"), r.get("release_date"), r.get("type"),
                           vals, tuple(r.get("datasheets", ()))))
    return tuple(out)


def _norm(s: str) -> str:
    return " ".join(s.casefold().replace("-", " ").split())


def find_variants(chip: str) -> list[Variant]:
    """Variants for a chip family name ("H800", "gaudi 2"), a variant name or label
    ("NVIDIA H800 SXM5", "H800 SXM5"), or an IRI (chip entity or variant).  Empty when the
    chip is in no table."""
    chip = chip.strip().strip("<>")
    if chip.startswith(("http://", "https://")):
        return [v for v in variants() if chip in (str(v.chip_iri), str(v.iri))]
    key = _norm(chip)
    family = [v for v in variants() if _norm(v.family) == key]
    if family:
        return family
    exact = [v for v in variants() if key in (_norm(v.name), _norm(v.label))]
    if exact:
        return exact
    slug = ids.entity_key(chip)  # "Gaudi 2" and "Gaudi2" name one entity only if their keys agree
    return [v for v in variants() if ids.entity_key(v.family) == slug or ids.entity_key(v.family) == slug.replace("-", "")]
