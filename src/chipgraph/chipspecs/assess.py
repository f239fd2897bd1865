"""Assessments: which 3A090 paragraph a chip variant meets under each rule version.

The arithmetic is the evidence.  TPP is Epoch's figure (bit length × dense TOPS, the CCL's
2 × MacTOPS × bit length, Note 1 and 3 to 3A090) in the rule's units (10¹² bit-OP/s); PD is
TPP divided by the die area (Note 4).  Logic is three-valued: a clause with one failed bound
fails even when another input is unknown, and a met clause meets even when another clause
is unknown; otherwise the result is unknown.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .rules import QUANTITIES, Bound, Paragraph, RuleVersion, SystemParagraph, rule_versions
from .specs import SpecValue, Variant

MEETS, NOT_MET, UNKNOWN = "meets", "does_not_meet", "unknown"

APPROX_PD = ("Epoch's die size taken as the 'applicable die area' (all logic dies on a non-planar "
             "process); for a package of several logic dies it may cover one die only")
APPROX_IO = ("intranode (chip-to-chip, e.g. NVLink) bandwidth taken for the aggregate bidirectional "
             "transfer rate over all inputs and outputs; host interfaces (PCIe) are not added")


@dataclass(frozen=True)
class Input:
    """A computed quantity with what it was computed from."""

    quantity: str
    value: float | None
    sources: tuple[str, ...] = ()
    approximation: str = ""
    missing: str = ""  # why it is unknown


@dataclass(frozen=True)
class Assessment:
    variant: Variant
    rule: RuleVersion
    paragraph: Paragraph
    result: str
    inputs: dict[str, Input] = field(hash=False, compare=False)
    explanation: str = ""

    @property
    def tpp(self) -> float | None:
        return self.inputs["tpp"].value

    @property
    def pd(self) -> float | None:
        return self.inputs["pd"].value

    def as_dict(self) -> dict:
        """Plain data (the JSON contract of ``chipgraph classify --format json``)."""
        return {
            "kind": "chip", "chip": self.variant.family, "variant": self.variant.name,
            "chip_iri": str(self.variant.chip_iri),
            "rule": self.rule.id, "rule_label": self.rule.label, "eccn": self.paragraph.eccn,
            "result": self.result, "tpp": _round(self.tpp), "pd": _round(self.pd),
            "io_bandwidth_gb_s": _round(self.inputs["io_bandwidth_gb_s"].value),
            "inputs": {q: {"value": _round(i.value), "sources": list(i.sources),
                           **({"approximation": i.approximation} if i.approximation else {}),
                           **({"missing": i.missing} if i.missing else {})} for q, i in self.inputs.items()},
            "thresholds": [[_bound_dict(b) for b in clause] for clause in self.paragraph.any_of],
            "explanation": self.explanation,
        }


def _round(x: float | None) -> float | None:
    return None if x is None else round(x, 4)


def _bound_dict(b: Bound) -> dict:
    return {"quantity": b.quantity, **{k: v for k, v in (("min", b.min), ("below", b.below), ("above", b.above))
                                       if v is not None}}


def _sources(*vals: SpecValue | None) -> tuple[str, ...]:
    return tuple(dict.fromkeys(v.source for v in vals if v is not None))


def inputs(v: Variant) -> dict[str, Input]:
    """TPP, PD and interconnect of a variant, each with its sources or why it is unknown."""
    t, die, io = v.get("epoch_tpp_bit_ops_per_s"), v.get("die_area_mm2"), v.get("intranode_bandwidth_bytes_per_s")
    tpp = Input("tpp", t.value / 1e12, _sources(t), t.approximation) if t else \
        Input("tpp", None, missing="Epoch gives no TPP")
    if tpp.value is not None and die is not None and die.value > 0:
        approx = "; ".join(x for x in (APPROX_PD, die.approximation) if x)
        pd = Input("pd", tpp.value / die.value, _sources(t, die), approx)
    else:
        pd = Input("pd", None, _sources(t, die), missing="die size unknown" if die is None else "TPP unknown")
    bw = Input("io_bandwidth_gb_s", io.value / 1e9, _sources(io), "; ".join(x for x in (APPROX_IO, io.approximation) if x)) \
        if io else Input("io_bandwidth_gb_s", None, missing="interconnect bandwidth unknown")
    return {"tpp": tpp, "pd": pd, "io_bandwidth_gb_s": bw}


def _fmt(x: float) -> str:
    if abs(x) >= 100:
        s = f"{x:,.1f}"
        return s[:-2] if s.endswith(".0") else s
    return f"{x:.2f}".rstrip("0").rstrip(".")


def _bound_text(b: Bound, inp: Input) -> tuple[bool | None, str]:
    name, unit = QUANTITIES[b.quantity]
    unit = f" {unit}" if unit else ""
    if inp.value is None:
        return None, f"{name} unknown ({inp.missing})"
    ok = b.holds(inp.value)
    shown = f"{name} {_fmt(inp.value)}{unit}"
    if ok:
        parts = [f"≥ {_fmt(b.min)}" if b.min is not None else "", f"< {_fmt(b.below)}" if b.below is not None else "",
                 f"> {_fmt(b.above)}" if b.above is not None else ""]
        return True, f"{shown} {' and '.join(p for p in parts if p)}"
    if b.min is not None and inp.value < b.min:
        return False, f"{shown} < {_fmt(b.min)}"
    if b.below is not None and inp.value >= b.below:
        return False, f"{shown} ≥ {_fmt(b.below)}"
    return False, f"{shown} ≤ {_fmt(b.above)}"


def _clause(clause: tuple[Bound, ...], ins: dict[str, Input]) -> tuple[bool | None, str]:
    results = [_bound_text(b, ins[b.quantity]) for b in clause]
    values = [r for r, _ in results]
    verdict = False if False in values else (None if None in values else True)
    texts = [t for _, t in results]
    bad = [t for r, t in results if r is False]
    if verdict is False and True in values:  # "TPP 15,832 ≥ 4,800, but interconnect 400 GB/s < 600"
        return False, ", ".join(t for r, t in results if r) + ", but " + " and ".join(bad)
    if verdict is False:  # a failed bound decides, whatever is unknown
        rest = [t for r, t in results if r is None]
        return False, " and ".join(bad) + (f" ({'; '.join(rest)})" if rest else "")
    return verdict, " and ".join(texts)


def assess(v: Variant, rule: RuleVersion, paragraph: Paragraph) -> Assessment:
    ins = inputs(v)
    clauses = [_clause(c, ins) for c in paragraph.any_of]
    values = [r for r, _ in clauses]
    result = MEETS if True in values else (UNKNOWN if None in values else NOT_MET)
    if result == MEETS:
        because = next(t for r, t in clauses if r)
        tail = f"{paragraph.eccn} under the {rule.label}"
    else:
        because = "; ".join(t for _, t in clauses)
        tail = (f"not {paragraph.eccn} under the {rule.label}" if result == NOT_MET
                else f"{paragraph.eccn} unknown under the {rule.label}")
    return Assessment(v, rule, paragraph, result, ins, f"{v.label}: {because}: {tail}")


def assessments(vs: list[Variant] | tuple[Variant, ...], rules: tuple[RuleVersion, ...] | None = None) -> list[Assessment]:
    """Every variant × rule version × applicable paragraph, in a stable order.

    The HBM paragraph (3A090.c) applies to memory devices; its note excludes co-packaged
    logic and HBM whose dominant function is processing, so it is not assessed for the
    processors of the Epoch table."""
    out = []
    for v in vs:
        for rule in rules or rule_versions():
            for p in rule.paragraphs:
                if p.applies_to == "processor":
                    out.append(assess(v, rule, p))
    return out


def status(found: list[Assessment]) -> str:
    """The paragraph one variant falls in under one version: the first met (``3A090.a``
    before ``.b``), "not 3A090", or "unknown" when no paragraph is met and one is unknown."""
    met = [a.paragraph.eccn for a in found if a.result == MEETS]
    if met:
        return met[0]
    return "unknown" if any(a.result == UNKNOWN for a in found) else "not 3A090"


@dataclass(frozen=True)
class SystemAssessment:
    """A computer, "electronic assembly" or "component" against one 4A090 paragraph of one
    rule version: met when any integrated circuit it contains meets the 3A090 paragraph the
    4A090 paragraph names (under the same version)."""

    system: str
    rule: RuleVersion
    paragraph: SystemParagraph
    result: str
    contains: tuple[Assessment, ...]  # the contained variants' assessments it rests on
    explanation: str = ""

    def as_dict(self) -> dict:
        """Plain data; for a chip's own system entry (:func:`containing`) it also carries the
        keys of :meth:`Assessment.as_dict` that scripts rely on (``chip``, ``tpp``, ``pd``)."""
        out = {"kind": "system", "system": self.system, "rule": self.rule.id, "rule_label": self.rule.label,
               "eccn": self.paragraph.eccn, "contains_eccn": self.paragraph.contains, "result": self.result,
               "contains": [a.variant.name for a in self.contains], "explanation": self.explanation,
               "rule_text": self.paragraph.text}
        if self.paragraph.text is None:
            out |= {"rule_summary": self.paragraph.summary, "rule_text_note": self.paragraph.note}
        if len({a.variant.name for a in self.contains}) == 1:
            a = self.contains[0]
            out |= {"chip": a.variant.family, "variant": a.variant.name, "chip_iri": str(a.variant.chip_iri),
                    "tpp": _round(a.tpp), "pd": _round(a.pd),
                    "io_bandwidth_gb_s": _round(a.inputs["io_bandwidth_gb_s"].value)}
        return out


def _system(system: str, rule: RuleVersion, sp: SystemParagraph, found: tuple[Assessment, ...],
            decided: bool = True) -> SystemAssessment:
    """The verdict is the best of its chips': one that meets makes it meet; else one unknown
    (or no 3A090 paragraph to check, ``decided`` False) makes it unknown; else not met."""
    meets = [a for a in found if a.result == MEETS]
    if meets:
        result, labels = MEETS, [meets[0].variant.label]
    else:
        result = UNKNOWN if any(a.result == UNKNOWN for a in found) or not decided else NOT_MET
        labels = list(dict.fromkeys(a.variant.label for a in found))
    return SystemAssessment(system, rule, sp, result, found,
                            system_explanation(system, result, labels, sp.eccn, sp.contains, rule.label))


def system_explanation(system: str, result: str, labels: list[str], eccn: str, contains: str, rule_label: str) -> str:
    """The one line for a system: "X: it contains the H800 SXM5, which meets 3A090.a: 4A090.a
    under the October 2023 rule" (``labels``: the chip that meets, or every chip it holds)."""
    if result == MEETS:
        why = f"it contains the {labels[0]}, which meets {contains}: {eccn}"
    elif result == UNKNOWN:
        why = f"whether a chip it contains meets {contains} is unknown: {eccn} unknown"
    else:
        why = f"no chip it contains ({', '.join(labels) or 'none given'}) meets {contains}: not {eccn}"
    return f"{system}: {why} under the {rule_label}"


def assess_system(system: str, contained: list[Variant] | tuple[Variant, ...],
                  rules: tuple[RuleVersion, ...] | None = None) -> list[SystemAssessment]:
    """A system (``system`` names it) holding the chip variants ``contained``, against each
    4A090 paragraph of each rule version (see :func:`_system` for the verdict)."""
    out = []
    for rule in rules or rule_versions():
        for sp in rule.systems:
            para = next((p for p in rule.paragraphs if p.eccn == sp.contains), None)
            found = tuple(assess(v, rule, para) for v in contained) if para is not None else ()
            out.append(_system(system, rule, sp, found, para is not None))
    return out


def containing_label(label: str) -> str:
    """How :func:`containing` names the system it reasons about: "a system containing the H800 SXM5"."""
    return f"a system containing the {label}"


def containing(found: list[Assessment]) -> list[SystemAssessment]:
    """What a computer, "electronic assembly" or "component" containing each assessed chip
    would meet: for each variant and rule version in ``found`` (a chip's 3A090 assessments),
    each 4A090 paragraph of that version, derived from the chip's own assessment of the
    3A090 paragraph it names.  No real system is assessed (the Epoch table lists none)."""
    groups: dict[tuple[str, str], list[Assessment]] = {}
    for a in found:
        groups.setdefault((a.variant.name, a.rule.id), []).append(a)
    out = []
    for group in groups.values():
        v, rule = group[0].variant, group[0].rule
        for sp in rule.systems:
            inner = tuple(a for a in group if a.paragraph.eccn == sp.contains)
            out.append(_system(containing_label(v.label), rule, sp, inner, bool(inner)))
    return out


__all__ = ["Assessment", "Input", "SystemAssessment", "assess", "assess_system", "assessments", "containing",
           "containing_label", "system_explanation", "inputs", "status",
           "MEETS", "NOT_MET", "UNKNOWN"]
