#!/usr/bin/env python3
"""Regenerate ``src/chipgraph/extract/data/reference.json`` from the shared reference folder.

Usage: ``python scripts/build_reference.py [REFERENCE_DIR]`` (default ``../shared/reference``
relative to the repository).

Only licence-clean sources are read: the US-Government restricted-party lists (Consolidated
Screening List rows of the BIS Entity List, the MEU list, the DoW 1260H list, OFAC NS-CMIC,
the FCC Covered List), Epoch AI's ML hardware data (CC BY) and Wikidata QIDs (CC0 facts).
The ETO chip explorer files are non-commercial and are NOT read.  The output keeps only what
matching needs, and is deterministic (sorted, no timestamps) so the committed file diffs well.
"""
from __future__ import annotations

import argparse
import csv
import json
import re
import sys
import unicodedata
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "src" / "chipgraph" / "extract" / "data" / "reference.json"

EPOCH_CREDIT = "Epoch AI, 'Data on Machine Learning Hardware', epoch.ai (CC BY 4.0)"

# list files with the nsfreg layout: (file, list name, source url)
NSFREG_LISTS = [
    ("bis_meu_list_ecfr_2026-07-09.json", "Military End-User (MEU) List",
     "https://www.ecfr.gov/current/title-15/subtitle-B/chapter-VII/subchapter-C/part-744/appendix-Supplement%20No.%207%20to%20Part%20744"),
    ("dow_1260h_chinese_military_companies_2026-06-10.json", "Section 1260H List (Chinese Military Companies)",
     "https://www.federalregister.gov/documents/2026/06/10/2026-11571"),
    ("ofac_ns_cmic_list_2026-07-09.json", "Non-SDN Chinese Military-Industrial Complex Companies List (NS-CMIC)",
     "https://www.treasury.gov/ofac/downloads/ccmc/nscmiclist.pdf"),
    ("fcc_covered_list_2026-07-09.json", "FCC Covered List",
     "https://www.fcc.gov/supplychain/coveredlist"),
]
ECFR_ENTITY_LIST = "bis_entity_list_ecfr_2026-07-09.json"  # the official text: citations with dates
COUNTRY_ISO = {"China": "CN", "Hong Kong": "HK", "Taiwan": "TW", "Russia": "RU", "United States": "US",
               "Singapore": "SG", "Iran": "IR", "Macau": "MO"}

_SUFFIX = re.compile(
    r"[,\s]+(co\.?,?\s*ltd\.?|company limited|corporation limited|co\.?|corp\.?|corporation|inc\.?|"
    r"ltd\.?|limited|llc|plc|gmbh|s\.?a\.?|pte\.?\s*ltd\.?|group co\.?,?\s*ltd\.?)$", re.I)
_PAREN = re.compile(r"\s*\(([^)]*)\)\s*")


def short_forms(name: str) -> list[str]:
    """Forms of a listed name a news text may use: without legal suffix, acronym in parentheses."""
    forms = []
    m = re.search(r"\(([A-Z][A-Z0-9&-]{1,9})\)\s*$", name)
    base = name
    if m:
        forms.append(m.group(1))
        base = name[:m.start()].strip()
    forms.append(base)
    prev = None
    while prev != base:
        prev = base
        base = _SUFFIX.sub("", base).strip(" ,")
    if base and len(base) > 3:
        forms.append(base)
    seen, out = set(), []
    for f in forms:
        if f and f.lower() not in seen:
            seen.add(f.lower())
            out.append(f)
    return out


# a Federal Register citation, optionally followed by the date of its notice ("84 FR 22963, 5/21/19")
_FR_CITE = re.compile(r"\b(\d{1,3})\s+FR\s+(\d{1,6})\b")
_MDY = re.compile(r"[\s,;.]*(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})(?!\d)")
_LEGAL_WORDS = {"co", "company", "corp", "corporation", "inc", "incorporated", "ltd", "limited", "llc",
                "plc", "gmbh", "sa", "ag", "pte", "pvt", "bv", "srl", "jsc", "oao", "ooo", "zao", "group"}


def fr_date(volume: int, month: str, day: str, year: str) -> str | None:
    """The ISO date of an M/D/YY (or M/D/YYYY) notice date of Federal Register volume ``volume``
    (the year 1935 + volume); None when it is no calendar date or its year is not the volume's."""
    expected = 1935 + volume
    y = int(year)
    if len(year) == 2:
        y = next((c for c in (1900 + y, 2000 + y) if c == expected), 0)
    if y != expected:
        return None
    try:
        return date(y, int(month), int(day)).isoformat()
    except ValueError:
        return None


def dated_citations(text: str | None) -> list[list]:
    """``[[citation, ISO date or None], ...]`` of an official list's citation text such as
    "84 FR 22963, 5/21/19; 85 FR 29853, 5/19/20"; a date only where it directly follows its
    citation, is a calendar date and agrees with the citation's volume."""
    out: list[list] = []
    for m in _FR_CITE.finditer(text or ""):
        cite = f"{int(m[1])} FR {int(m[2])}"
        d = _MDY.match(text, m.end())
        iso = fr_date(int(m[1]), d[1], d[2], d[3]) if d else None
        if [cite, iso] not in out:
            out.append([cite, iso])
    return out


def name_key(name: str) -> str:
    """A listed name for matching one list's row to another's: case, accents, punctuation and
    trailing legal suffixes ("Co., Ltd.") removed.  Equal keys only: never a fuzzy guess."""
    flat = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().casefold()
    words = re.sub(r"[^a-z0-9]+", " ", flat).split()
    while len(words) > 1 and words[-1] in _LEGAL_WORDS:
        words.pop()
    return " ".join(words)


def ecfr_dates(ref: Path) -> tuple[dict[str, list], dict[str, list]]:
    """The eCFR Entity List's dated citations by exact name and by name key; a key two
    entities with different citations share is ambiguous and left out."""
    data = json.loads((ref / ECFR_ENTITY_LIST).read_text(encoding="utf-8"))
    exact: dict[str, list] = {}
    keyed: dict[str, list | None] = {}
    for ent in data["entities"]:
        frd = dated_citations(ent.get("federal_register"))
        if not any(iso for _, iso in frd):
            continue
        exact.setdefault(ent["name"], frd)
        k = name_key(ent["name"])
        keyed[k] = frd if keyed.get(k, frd) == frd else None
    return exact, {k: v for k, v in keyed.items() if v is not None}


def build_lists(ref: Path) -> tuple[list[dict], list[str], list[str], int]:
    """Entries of the restricted-party lists, merged on name; long strings interned in tables;
    with the number of Entity List rows given dated citations from the eCFR text."""
    req_table: list[str] = []
    pol_table: list[str] = []

    def intern(table: list[str], s: str) -> int | None:
        if not s:
            return None
        if s not in table:
            table.append(s)
        return table.index(s)

    entries: dict[str, dict] = {}
    exact, keyed = ecfr_dates(ref)
    dated = 0

    def add(name: str, aliases: list[str], country: str, listing: dict) -> None:
        k = name.casefold()
        e = entries.setdefault(k, {"name": name, "aliases": [], "country": country, "listings": []})
        for a in aliases:
            a = a.strip()
            if a and a.casefold() != k and a not in e["aliases"]:
                e["aliases"].append(a)
        if listing not in e["listings"]:
            e["listings"].append(listing)

    with (ref / "us_csl_entity_list_subset_2026-07-31.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            if (row.get("type") or "").lower() == "individual":
                continue
            alts = [a for a in (row["alt_names"] or "").split(";") if a.strip()]
            listing = {"list": "Entity List", "listed_name": row["name"],
                       "fr": row["federal_register_notice"], "no": row["entity_number"],
                       "req": intern(req_table, row["license_requirement"]),
                       "pol": intern(pol_table, row["license_policy"]),
                       "url": row["source_list_url"]}
            frd = exact.get(row["name"]) or keyed.get(name_key(row["name"]))
            if frd:
                listing["frd"] = frd
                dated += 1
            listing = {k: v for k, v in listing.items() if v not in (None, "")}
            add(row["name"], alts, (row["address_countries_iso2"] or "").split(";")[0], listing)
    for fname, list_name, url in NSFREG_LISTS:
        data = json.loads((ref / fname).read_text(encoding="utf-8"))
        for ent in data["entities"]:
            if "produced in a foreign country" in ent["name"]:
                continue
            listing = {"list": list_name, "listed_name": ent["name"], "url": url}
            if ent.get("federal_register"):
                listing["fr"] = ent["federal_register"]
                frd = dated_citations(ent["federal_register"])
                if any(iso for _, iso in frd):
                    listing["frd"] = frd
            add(ent["name"], ent.get("aliases") or [], COUNTRY_ISO.get(ent.get("country") or "", ent.get("country") or ""), listing)
    out = []
    for e in sorted(entries.values(), key=lambda e: e["name"].casefold()):
        forms = []
        for f in [e["name"], *e["aliases"]]:
            for s in short_forms(f):
                if s != e["name"] and s not in forms:
                    forms.append(s)
        row = {"name": e["name"], "forms": forms, "country": e["country"], "listings": e["listings"]}
        out.append(row)
    return out, req_table, pol_table, dated


_FORM_FACTOR = re.compile(
    r"\s+(SXM\d*\w*|PC[Il]e|OAM|NVL|HGX|\d+\s*GB|\(.*\)|Pro|Premium|\d+W)$", re.I)
_MAKER_PREFIX = re.compile(
    r"^(NVIDIA|AMD|Intel|Huawei|Google|Amazon|AWS|Baidu|Cambricon|Meta|Microsoft|Alibaba|"
    r"Tesla|MetaX|Biren|Graphcore|Cerebras|Groq|Sunway|Moore Threads|Enflame|Iluvatar|"
    r"Hygon|Tianshu Zhixin|T-Head|Qualcomm|Apple|Samsung|SambaNova)\s+", re.I)
_MAKER_CANON = {"nvidia": "Nvidia", "amd": "AMD", "intel": "Intel", "huawei": "Huawei",
                "google": "Google", "amazon aws": "Amazon", "kunlunxin baidu": "Kunlunxin",
                "moore threads (tencent)": "Moore Threads", "cambricon": "Cambricon",
                "alibaba": "Alibaba", "meta": "Meta", "microsoft": "Microsoft", "tesla": "Tesla",
                "metax": "MetaX", "biren": "Biren", "sunway": "Sunway"}


def chip_forms(hw: str) -> list[str]:
    """Surface forms a news text uses for an Epoch hardware name ("NVIDIA H800 SXM5" -> H800)."""
    name = hw.strip()
    forms = []
    core = _MAKER_PREFIX.sub("", name)
    for _ in range(3):
        core = _FORM_FACTOR.sub("", core).strip()
    core = re.sub(r"^(Habana|Instinct|Radeon Instinct|Tesla|HGX|Data Center GPU)\s+", "", core)
    core = re.sub(r"^(Instinct)\s+", "", core)
    if core:
        forms.append(core)
    m = re.fullmatch(r"(Ascend|Kunlun|Gaudi|TPU)\s*(\S+)", core)
    if m and m.group(1) == "Gaudi":
        forms.append(f"Gaudi {m.group(2)}")
    m2 = re.fullmatch(r"Gaudi(\d)", core)
    if m2:
        forms.append(f"Gaudi {m2.group(1)}")
    return [f for f in dict.fromkeys(forms) if len(f) >= 2]


def build_chips(ref: Path) -> list[dict]:
    chips: dict[str, dict] = {}
    with (ref / "epoch_ml_hardware_2025-12-16.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            hw, maker = row["Hardware name"].strip(), (row["Manufacturer"] or "").strip()
            if not hw or re.search(r"GeForce|RTX|Radeon RX", hw):
                continue  # consumer graphics cards: not what policy articles name as AI chips
            forms = chip_forms(hw)
            if not forms:
                continue
            name = forms[0]
            e = chips.setdefault(name.casefold(), {"name": name, "forms": [], "maker": _MAKER_CANON.get(maker.lower(), maker)})
            for f in forms[1:]:
                if f not in e["forms"] and f != e["name"]:
                    e["forms"].append(f)
    return sorted(chips.values(), key=lambda c: c["name"].casefold())


def build_wikidata(ref: Path) -> list[dict]:
    out = []
    with (ref / "wikidata_qids_semiconductor_orgs.csv").open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            country = row["hq_country"].replace("People's Republic of China", "China").replace(
                "United States of America", "United States")
            out.append({"label": row["label"], "qid": row["wikidata_qid"], "country": country})
    return sorted(out, key=lambda r: r["label"].casefold())


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("reference", nargs="?", type=Path, default=REPO.parent / "shared" / "reference")
    ap.add_argument("--out", type=Path, default=OUT)
    a = ap.parse_args(argv)
    if not a.reference.is_dir():
        print(f"reference folder not found: {a.reference}", file=sys.stderr)
        return 2
    lists, reqs, pols, dated = build_lists(a.reference)
    data = {
        "$comment": "Derived by scripts/build_reference.py; do not edit by hand.",
        "sources": {
            "lists": "US Consolidated Screening List (Entity List rows; citation dates from the eCFR "
                     "text of the Entity List), BIS MEU list, DoW 1260H list, "
                     "OFAC NS-CMIC list, FCC Covered List (US-Government works)",
            "chips": EPOCH_CREDIT,
            "wikidata": "Wikidata QIDs (CC0) with headquarters country",
        },
        "license_requirements": reqs,
        "license_policies": pols,
        "listed": lists,
        "chips": build_chips(a.reference),
        "wikidata": build_wikidata(a.reference),
    }
    a.out.parent.mkdir(parents=True, exist_ok=True)
    a.out.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=False) + "\n",
                     encoding="utf-8")
    print(f"wrote {a.out} ({a.out.stat().st_size // 1024} KiB): {len(lists)} listed, "
          f"{len(data['chips'])} chips, {len(data['wikidata'])} wikidata; "
          f"{dated} Entity List listings dated from the eCFR text")
    return 0


if __name__ == "__main__":
    sys.exit(main())
