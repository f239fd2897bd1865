"""``chipgraph classify`` and ``chipgraph assess``: chips against the 3A090 thresholds (and 4A090)."""
from __future__ import annotations

import json
from enum import Enum
from typing import Annotated

import typer

from ..errors import ChipgraphError
from .app import app, fail, open_store


class ClassifyFormat(str, Enum):
    table = "table"
    json = "json"


def _num(x: float | None, digits: int = 0) -> str:
    return "unknown" if x is None else f"{x:,.{digits}f}"


def _who(r: dict) -> str:
    name = r.get("variant_label") or r.get("variant") or r["system"]
    return f"system with {name}" if r.get("kind") == "system" else name


def _rule_texts(rows: list[dict]) -> list[str]:
    """One line per 4A090 paragraph shown: its rule text, or why it is not quoted."""
    out = {}
    for r in rows:
        if r.get("kind") == "system":
            said = (f"“{r['rule_text']}”" if r["rule_text"] else
                    "text not quoted: not in the reference data (rule_text_note in --format json; "
                    "docs/chip-rules.md)")
            out.setdefault((r["rule"], r["eccn"]), f"{r['eccn']}, {r['rule_label']}: {said}")
    return list(out.values())


def _table(rows: list[dict]) -> str:
    head = ("variant", "rule", "eccn", "result", "TPP", "PD", "I/O GB/s")
    body = [(_who(r), r["rule"], r["eccn"], r["result"],
             _num(r["tpp"], 1 if r["tpp"] is not None and r["tpp"] % 1 else 0), _num(r["pd"], 2),
             _num(r.get("io_bandwidth_gb_s"))) for r in rows]
    widths = [max(len(str(x)) for x in col) for col in zip(head, *body)]
    lines = ["  ".join(str(x).ljust(w) for x, w in zip(line, widths)).rstrip() for line in (head, *body)]
    lines.append("")
    lines += [r["explanation"] for r in rows]
    texts = _rule_texts(rows)
    if texts:
        lines += ["", "4A090 rule text (computers, “electronic assemblies” and “components” containing the chip):",
                  *texts]
    return "\n".join(lines)


@app.command()
def classify(
    chip: Annotated[str, typer.Argument(help="A chip name (H800, 'H800 SXM5', Gaudi 2) or entity IRI.")],
    format: Annotated[ClassifyFormat, typer.Option("--format", "-f", help="table, or json for scripts.")] = ClassifyFormat.table,
    from_store: Annotated[bool, typer.Option("--from-store", help="Read the assessments from the store "
                                             "(--store; load them with `chipgraph assess`) instead of the shipped data.")] = False,
) -> None:
    """Which 3A090 paragraph a chip meets under each rule version, with the numbers, and the
    4A090 paragraph that a system containing the chip meets (rows "system with ...").

    Specifications: Epoch AI, 'Data on Machine Learning Hardware', epoch.ai (CC BY)."""
    from ..chipspecs import EPOCH_CREDIT, classify as run, containing, store_assessments, store_systems

    try:
        if from_store:
            with open_store(read_only=True) as store:
                rows = store_assessments(store, chip)
                rows += store_systems(store, rows)
        else:
            found = run(chip)
            rows = [a.as_dict() | {"variant_label": a.variant.label} for a in found]
            rows += [s.as_dict() | {"variant_label": s.contains[0].variant.label}
                     for s in containing(found) if s.contains]
    except ChipgraphError as exc:
        raise fail(exc) from exc
    if format is ClassifyFormat.json:
        typer.echo(json.dumps([{k: v for k, v in r.items() if k != "variant_label"} for r in rows],
                              ensure_ascii=False, indent=2))
    else:
        typer.echo(_table(rows))
        typer.echo(f"\nSpecifications: {EPOCH_CREDIT} (CC BY); thresholds: docs/chip-rules.md")


@app.command()
def assess() -> None:
    """Write the chip specifications, rule versions and 3A090 assessments into the store
    (two named graphs, each replaced atomically)."""
    from ..chipspecs import load_into

    try:
        with open_store() as store:
            names = load_into(store)
    except ChipgraphError as exc:
        raise fail(exc) from exc
    for name in names:
        typer.echo(f"loaded <{name}>")
