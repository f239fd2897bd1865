"""Rule versions of ECCN 3A090 as data: one parameter set per version, each citing its text.

The October 2022 and October 2023 versions are hand-written in ``data/rules.json`` with the
rule text they were checked against; the current version is parsed from the eCFR
Commerce Control List text (``data/ccl_3a090.json``, rebuilt by
``scripts/build_chip_specs.py``), which is the source of truth for today's thresholds.
Each version also has its 4A090 paragraphs (:class:`SystemParagraph`: computers and
assemblies containing an IC that meets a 3A090 paragraph); today's are parsed from
``data/ccl_4a090.json``.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace
from functools import cache
from importlib import resources

from ..errors import InputError

QUANTITIES = {  # quantity -> (label in explanations, unit)
    "tpp": ("TPP", ""),
    "pd": ("PD", ""),
    "io_bandwidth_gb_s": ("interconnect", "GB/s"),
    "memory_bandwidth_density": ("memory bandwidth density", "GB/s/mm²"),
}


@dataclass(frozen=True)
class Bound:
    """One condition on one quantity: ``min`` ≤ value < ``below``, or value > ``above``."""

    quantity: str
    min: float | None = None
    below: float | None = None
    above: float | None = None

    def holds(self, value: float) -> bool:
        return ((self.min is None or value >= self.min) and (self.below is None or value < self.below)
                and (self.above is None or value > self.above))

    def limits(self) -> list[float]:
        return [x for x in (self.min, self.below, self.above) if x is not None]


@dataclass(frozen=True)
class Paragraph:
    """An ECCN paragraph: met when every bound of any one clause holds."""

    eccn: str
    any_of: tuple[tuple[Bound, ...], ...]
    text: str
    applies_to: str = "processor"  # "memory" for 3A090.c (high-bandwidth memory)


@dataclass(frozen=True)
class SystemParagraph:
    """A 4A090 paragraph: computers, "electronic assemblies" and "components" containing an
    integrated circuit that meets the 3A090 paragraph ``contains`` of the same version.

    ``text`` is the rule's own words, quoted, or None where the reference data lacks them
    (then ``summary`` quotes what the rule says of itself and ``note`` says why)."""

    eccn: str  # "4A090.a"
    contains: str  # "3A090.a"
    text: str | None
    summary: str = ""
    note: str = ""


@dataclass(frozen=True)
class RuleVersion:
    id: str  # the FR document number, or "current"
    label: str
    citation: str
    url: str
    published: str | None
    paragraphs: tuple[Paragraph, ...]
    title: str = ""
    systems: tuple[SystemParagraph, ...] = ()  # 4A090

    @property
    def fr_document(self) -> str | None:
        return None if self.id == "current" else self.id


def _data(name: str) -> str:
    return resources.files(__package__).joinpath("data", name).read_text(encoding="utf-8")


def _bound(d: dict) -> Bound:
    if d.get("quantity") not in QUANTITIES:
        raise InputError("rules.json", f"unknown quantity {d.get('quantity')!r}")
    return Bound(d["quantity"], d.get("min"), d.get("below"), d.get("above"))


_CLAUSE = re.compile(r"'(total processing performance|performance density)' of (\d+(?:\.\d+)?) or more"
                     r"(?: and less than (\d+(?:\.\d+)?))?")
_HBM = re.compile(r"'memory bandwidth density' greater than (\d+(?:\.\d+)?) gigabytes per second per square millimeter")
_QTY = {"total processing performance": "tpp", "performance density": "pd"}


def _num(s: str) -> float | int:
    x = float(s)
    return int(x) if x.is_integer() else x


def parse_ccl_3a090(ccl: dict) -> RuleVersion:
    """Today's 3A090 thresholds from the CCL paragraphs.

    Sub-paragraphs ``a.1``, ``a.2``, ``b.1``, ``b.2`` each give one clause of their parent
    (``3A090.a`` is met by any of its sub-paragraphs); ``c`` is the HBM paragraph.  Notes and
    the presumption text between them carry no thresholds and are skipped.  Raises
    :class:`InputError` when the text no longer has the expected paragraphs.
    """
    where = "ccl_3a090.json"
    clauses: dict[str, list[tuple[Bound, ...]]] = {}
    texts: dict[str, list[str]] = {}
    hbm = None
    for item in ccl["items"]:
        p, text = item.get("paragraph") or "", item.get("text") or ""
        m_sub = re.fullmatch(r"([ab])\.(\d)", p)
        if m_sub and item.get("kind") == "item":
            bounds = tuple(Bound(_QTY[q], _num(lo), _num(hi) if hi else None) for q, lo, hi in _CLAUSE.findall(text))
            if not bounds:
                raise InputError(where, f"3A090.{p} has no threshold: {text[:80]!r}")
            clauses.setdefault(m_sub.group(1), []).append(bounds)
            texts.setdefault(m_sub.group(1), []).append(f"{p}. {text}")
        elif p in ("a", "b") and text.startswith("Integrated circuits having") and p not in texts:
            texts[p] = [f"{p}. {text}"]
        elif p == "c" and _HBM.search(text):
            hbm = Paragraph("3A090.c", ((Bound("memory_bandwidth_density", above=_num(_HBM.search(text).group(1))),),),
                            f"c. {text}", applies_to="memory")
    if set(clauses) != {"a", "b"}:
        raise InputError(where, f"expected 3A090.a and 3A090.b sub-paragraphs, found {sorted(clauses)}")
    paras = [Paragraph(f"3A090.{k}", tuple(clauses[k]), " ".join(texts[k])) for k in ("a", "b")]
    if hbm is not None:
        paras.append(hbm)
    return RuleVersion("current", f"current CCL (eCFR {ccl['ecfr_issue_date']})",
                       f"{ccl['citation']}, eCFR as of {ccl['ecfr_issue_date']}", ccl["source_url"],
                       ccl["ecfr_issue_date"], tuple(paras), title="Commerce Control List, ECCN 3A090")


_CONTAINS = re.compile(r"containing integrated circuits, any of which meets or exceeds the limits in (3A090\.[a-z])\.?$")


def parse_ccl_4a090(ccl: dict) -> tuple[SystemParagraph, ...]:
    """Today's 4A090 paragraphs from the CCL: each item ``a``, ``b``… that names the 3A090
    paragraph its integrated circuits meet. Raises :class:`InputError` when there is none."""
    out = []
    for item in ccl["items"]:
        p, text = item.get("paragraph") or "", (item.get("text") or "").strip()
        m = _CONTAINS.search(text)
        if item.get("kind") == "item" and re.fullmatch(r"[a-z]", p) and m:
            out.append(SystemParagraph(f"4A090.{p}", m.group(1), f"{p}. {text}"))
    if not out:
        raise InputError("ccl_4a090.json", "no 4A090 paragraph naming the 3A090 paragraph its ICs meet")
    return tuple(out)


def _systems(v: dict) -> tuple[SystemParagraph, ...]:
    return tuple(SystemParagraph(s["eccn"], s["contains"], s.get("text"), s.get("summary", ""), s.get("note", ""))
                 for s in v.get("systems", ()))


@cache
def rule_versions() -> tuple[RuleVersion, ...]:
    """The October 2022 and October 2023 versions, then the current one, in order."""
    data = json.loads(_data("rules.json"))
    out = []
    for v in data["versions"]:
        paras = tuple(Paragraph(p["eccn"], tuple(tuple(_bound(b) for b in clause) for clause in p["any_of"]),
                                p["text"], p.get("applies_to", "processor")) for p in v["paragraphs"])
        out.append(RuleVersion(v["id"], v["label"], v["citation"], v["url"], v.get("published"), paras, v.get("title", ""),
                               _systems(v)))
    current = parse_ccl_3a090(json.loads(_data("ccl_3a090.json")))
    out.append(replace(current, systems=parse_ccl_4a090(json.loads(_data("ccl_4a090.json")))))
    return tuple(out)


def rule_version(rule_id: str) -> RuleVersion:
    for v in rule_versions():
        if v.id == rule_id:
            return v
    raise KeyError(rule_id)
