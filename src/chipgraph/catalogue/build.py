"""Build the measure catalogue (``data/catalogue.json``) from the reference folder.

The catalogue is data: this module only reads ``../shared/reference/`` (Federal Register
BIS/EAR documents, the official lists, the Commerce Control List) as ``data/build.toml``
says, merges ``data/curated.toml`` (the well-known measures the folder lacks, and
annotations of Federal Register documents), and returns plain records. It never reads the
CSET/ETO files, which are non-commercial. ``scripts/build_catalogue.py`` writes the result.
"""
from __future__ import annotations

import csv
import json
import re
import tomllib
from importlib import resources
from pathlib import Path
from typing import Any

from ..errors import InputError

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_FR_NUMBER = re.compile(r"^\d{4}-\d{4,6}$")
_DATE_FIELDS = ("announced", "published", "effective", "rescinded")
_COPIED = ("press_names", "body_names", "amends", "rescinds", "eccns", "chips", "compliant_chips", "targets",
           "companies", "materials", "topic_words", "id_local", "source_note", "prominence", *_DATE_FIELDS)


def data_file(name: str) -> Path:
    return Path(str(resources.files("chipgraph.catalogue") / "data" / name))


def _toml(path: Path) -> dict[str, Any]:
    try:
        with open(path, "rb") as fh:
            return tomllib.load(fh)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise InputError(str(path), f"cannot read the catalogue data: {exc}") from exc


def _json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise InputError(str(path), f"cannot read reference data: {exc}") from exc


def _record(key: str, kind: str, name: str, **fields: Any) -> dict[str, Any]:
    rec: dict[str, Any] = {"key": key, "kind": kind, "official_name": name, "press_names": [], "body_names": [],
                           "issuer": [], "country": None, "amends": [], "rescinds": [], "eccns": [],
                           "chips": [], "compliant_chips": [], "targets": [], "companies": [],
                           "materials": [], "topic_words": [], "official": None, "id_local": None,
                           "source_url": None, "source_note": None, "abstract": None, "authority": None,
                           "program": None,
                           "topic": "ai-chips", "prominence": 0.0, "entries": None}
    rec.update({d: None for d in _DATE_FIELDS})
    rec.update(fields)
    return rec


def _check_dates(rec: dict[str, Any], where: str) -> None:
    for d in _DATE_FIELDS:
        if rec[d] is not None and not _DATE.match(str(rec[d])):
            raise InputError(where, f"measure {rec['key']!r}: {d} {rec[d]!r} is not YYYY-MM-DD")


def _fr_records(ref: Path, cfg: dict[str, Any]) -> list[dict[str, Any]]:
    path = ref / cfg["file"]
    out = []
    try:
        fh = open(path, newline="", encoding="utf-8")
    except OSError as exc:
        raise InputError(str(path), f"cannot read: {exc.strerror or exc}") from exc
    with fh:
        for line, row in enumerate(csv.DictReader(fh), start=2):
            number, date = row.get("fr_document_number", ""), row.get("publication_date", "")
            if not _FR_NUMBER.match(number) or not _DATE.match(date):
                continue  # not a document we can cite
            title = row.get("title", "").strip()
            low, keywords = title.lower(), row.get("keywords_matched", "").lower()
            if any(low.startswith(o) for o in cfg["notice_openings"]):
                kind = "notice"
            else:
                kind = "rule"
            if any(k in keywords for k in cfg["chip_keywords"]):
                topic = "ai-chips"
            elif any(w in low for w in cfg["list_title_words"]):
                topic = "entity-list"
            else:
                topic = "other"
            url = row.get("federalregister_url", "")
            out.append(_record(
                "fr-" + number, kind, title, official=number, id_local=number, published=date,
                abstract=row.get("abstract") or None, topic=topic,
                source_url=url if url.startswith("https://www.federalregister.gov/") else None,
                issuer=list(cfg["issuer"]), country=cfg["country"]))
    return out


def _list_records(ref: Path, lists: list[dict[str, Any]]) -> list[dict[str, Any]]:
    meta = {m["id"]: m for m in _json(ref / "nsfreg_lists_metadata_2026-07-09.json")["lists"]}
    out = []
    for spec in lists:
        path = ref / spec["file"]
        data = _json(path)
        fields: dict[str, Any] = {"issuer": list(spec["issuer"]), "country": spec["country"],
                                  "program": spec.get("program"), "official": spec["key"],
                                  "id_local": spec["key"], "topic": "entity-list", "prominence": 0.5}
        name = spec.get("official_name")
        if "metadata_id" in spec:
            m = meta[spec["metadata_id"]]
            name = name or m["official_name"]
            fields.update(authority=m.get("authority"), source_url=m.get("official_url"),
                          entries=len(data.get("entities", [])))
        elif "csl_source" in spec:
            auth = data["listAuthority"][spec["csl_source"]]
            fields.update(authority=auth.get("citation"), source_url=spec["official_url"],
                          entries=data["countsBySource"].get(spec["csl_source"]))
        else:
            rows = [r for r in data if r.get("list_id") == spec["mofcom_list_id"]]
            dates = sorted(r["date_added"] for r in rows if _DATE.match(str(r.get("date_added", ""))))
            fields.update(authority=spec.get("authority"), source_url=spec["official_url"],
                          entries=len(rows), source_note=(f"listings in the reference copy run from "
                                                         f"{dates[0]} to {dates[-1]}" if dates else None))
        if not name:
            raise InputError(str(path), f"list {spec['key']!r} has no official name")
        out.append(_record(spec["key"], "list", name, **fields))
    return out


def _ccl_records(ref: Path, cfg: dict[str, Any]) -> list[dict[str, Any]]:
    data = _json(ref / cfg["file"])
    by_eccn = {e["eccn"]: e for e in data["entries"]}
    out = []
    for eccn in cfg["eccns"]:
        e = by_eccn.get(eccn)
        name = f"ECCN {eccn}" + (f": {e['heading']}" if e else " (no longer on the Commerce Control List)")
        out.append(_record("eccn-" + eccn.lower(), "eccn", name, id_local=eccn, source_url=cfg["url"],
                           issuer=["Commerce Department", "Bureau of Industry and Security"],
                           country="United States", authority="15 CFR Part 774, Supplement No. 1"))
    return out


def build_catalogue(reference_dir: str | Path, *, curated: str | Path | None = None,
                    config: str | Path | None = None) -> dict[str, Any]:
    """The catalogue as a JSON-ready dict: ``{"$comment", "measures": [...]}`` sorted by key.

    ``curated`` and ``config`` default to the packaged ``curated.toml`` and ``build.toml``.
    """
    ref = Path(reference_dir)
    curated_path = Path(curated) if curated else data_file("curated.toml")
    cfg, cur = _toml(Path(config) if config else data_file("build.toml")), _toml(curated_path)
    records = _fr_records(ref, cfg["federal_register"]) + _list_records(ref, cfg["list"])
    records += _ccl_records(ref, cfg["ccl"])
    by_key = {r["key"]: r for r in records}
    where = str(curated_path)
    for number, notes in cur.get("fr", {}).items():
        rec = by_key.get("fr-" + number)
        if rec is None:
            raise InputError(where, f"[fr.{number!r}] annotates a document not in the reference CSV")
        rec.update({k: v for k, v in notes.items() if k in _COPIED})
    for key, notes in cur.get("list", {}).items():
        if key not in by_key:
            raise InputError(where, f"[list.{key}] names no official list")
        by_key[key]["press_names"] = list(notes.get("press_names", []))
        by_key[key]["body_names"] = list(notes.get("body_names", []))
    for m in cur.get("measure", []):
        if m["key"] in by_key:
            raise InputError(where, f"measure {m['key']!r} is defined twice")
        rec = _record(m["key"], m["kind"], m["official_name"],
                      **{k: v for k, v in m.items() if k not in ("key", "kind", "official_name")})
        by_key[rec["key"]] = rec
    for rec in by_key.values():
        _check_dates(rec, where)
        for ref_key in rec["amends"] + rec["rescinds"]:
            if ref_key not in by_key:
                raise InputError(where, f"measure {rec['key']!r} amends or rescinds unknown {ref_key!r}")
    return {"$comment": "Generated by scripts/build_catalogue.py from ../shared/reference/ and "
                        "chipgraph/catalogue/data/curated.toml; do not edit by hand.",
            "measures": [by_key[k] for k in sorted(by_key)]}


def write_catalogue(reference_dir: str | Path, out: str | Path | None = None) -> Path:
    """Build and write ``catalogue.json`` (deterministic: sorted keys, no timestamps)."""
    path = Path(out) if out else data_file("catalogue.json")
    text = json.dumps(build_catalogue(reference_dir), ensure_ascii=False, indent=1, sort_keys=True)
    path.write_text(text + "\n", encoding="utf-8")
    return path
