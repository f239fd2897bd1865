#!/usr/bin/env python3
"""Regenerate the shipped chip specifications and the current 3A090 text.

Usage: ``python scripts/build_chip_specs.py [REFERENCE_DIR]`` (default ``../shared/reference``).

Writes three files into ``src/chipgraph/chipspecs/data/``:

* ``epoch_specs.json``: one record per Epoch AI hardware variant ("NVIDIA H800 SXM5") with
  the chip family that articles name ("H800", the same name extraction links to, so the
  same entity IRI), release date, dense tensor performance per precision, memory, memory
  and intranode bandwidth, die size, process node and Epoch's TPP.  Empty cells stay
  absent (unknown), never guessed.  Credit: Epoch AI, 'Data on Machine Learning Hardware',
  epoch.ai (CC BY 4.0).
* ``ccl_3a090.json``: the paragraphs of ECCN 3A090 as the eCFR Commerce Control List gives
  them (text verbatim); :func:`chipgraph.chipspecs.rules.parse_ccl_3a090` turns them into
  the current thresholds.
* ``ccl_4a090.json``: the paragraphs of ECCN 4A090 (computers, "electronic assemblies" and
  "components" containing an IC that meets a 3A090 paragraph), likewise verbatim;
  :func:`chipgraph.chipspecs.rules.parse_ccl_4a090` reads them.

All three files are deterministic (sorted, no timestamps), so a rebuild diffs cleanly.
"""
from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "src" / "chipgraph" / "chipspecs" / "data"
EPOCH_FILE = "epoch_ml_hardware_2025-12-16.csv"
CCL_FILE = "ecfr_commerce_control_list_2026-07-23.json"
CCL_COMMENT = "Derived by scripts/build_chip_specs.py from " + CCL_FILE + "; do not edit by hand."
EPOCH_CREDIT = "Epoch AI, 'Data on Machine Learning Hardware', epoch.ai"

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build_reference import _MAKER_CANON, _MAKER_PREFIX, chip_forms  # noqa: E402  (one mapping for both files)

# Epoch column -> (field, unit); numbers are kept in the unit Epoch gives
COLUMNS = {
    "Tensor-FP16/BF16 performance (FLOP/s)": "dense_fp16_tensor_flops",
    "TF32 (TensorFloat-32) performance (FLOP/s)": "dense_tf32_flops",
    "FP8 performance (FLOP/s)": "dense_fp8_flops",
    "FP4 performance (FLOP/s)": "dense_fp4_flops",
    "INT8 performance (OP/s)": "dense_int8_ops",
    "INT4 performance (OP/s)": "dense_int4_ops",
    "Memory (bytes)": "memory_bytes",
    "Memory bandwidth (byte/s)": "memory_bandwidth_bytes_per_s",
    "Intranode bandwidth (byte/s)": "intranode_bandwidth_bytes_per_s",
    "Internode bandwidth (bit/s)": "internode_bandwidth_bits_per_s",
    "Die Size (mm^2)": "die_area_mm2",
    "Process size (nm)": "process_nm",
    "Total processing performance (bit-OP/s)": "epoch_tpp_bit_ops_per_s",
}


def _number(cell: str) -> float | int | None:
    cell = (cell or "").strip().replace(",", "")
    if not cell:
        return None
    try:
        x = float(cell)
    except ValueError:
        return None
    return int(x) if x.is_integer() else x


def variant_label(hw: str) -> str:
    """The variant's name without the maker: "NVIDIA H800 SXM5" -> "H800 SXM5"."""
    label = _MAKER_PREFIX.sub("", hw.strip())
    return re.sub(r"^(Habana|Radeon Instinct|Instinct)\s+", "", label).replace(" PCle", " PCIe")


def build_specs(ref: Path) -> list[dict]:
    out = []
    with (ref / EPOCH_FILE).open(encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            hw, maker = row["Hardware name"].strip(), (row["Manufacturer"] or "").strip()
            if not hw or re.search(r"GeForce|RTX|Radeon RX", hw):
                continue  # the same selection as the extractor's chip dictionary
            forms = chip_forms(hw)
            if not forms:
                continue
            rec = {"name": hw, "label": variant_label(hw), "family": forms[0],
                   "maker": _MAKER_CANON.get(maker.lower(), maker) or None,
                   "type": (row["Type"] or "").strip() or None,
                   "release_date": (row["Release date"] or "").strip() or None}
            for col, field in COLUMNS.items():
                v = _number(row.get(col, ""))
                if v is not None:
                    rec[field] = v
            links = [u for u in re.split(r"[\s;]+", row.get("Link to datasheet") or "") if u.startswith("http")]
            if links:
                rec["datasheets"] = links
            out.append({k: v for k, v in rec.items() if v is not None})
    return sorted(out, key=lambda r: (r["family"].casefold(), r["name"].casefold()))


def build_ccl(ref: Path, eccn: str = "3A090") -> dict:
    """The CCL entry ``eccn`` as shipped in ``ccl_<eccn>.json`` (without its ``$comment``)."""
    data = json.loads((ref / CCL_FILE).read_text(encoding="utf-8"))
    entry = next((e for e in data["entries"] if e["eccn"] == eccn), None)
    if entry is None:
        raise KeyError(f"{CCL_FILE}: no entry for ECCN {eccn}")
    return {"citation": data["citation"], "source_url": data["source"]["url"],
            "ecfr_issue_date": data["ecfrIssueDate"], "eccn": entry["eccn"],
            "heading": entry["heading"], "items": entry["items"]}


def _write(path: Path, obj) -> None:
    path.write_text(json.dumps(obj, ensure_ascii=False, indent=1, sort_keys=False) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("reference", nargs="?", type=Path, default=REPO.parent / "shared" / "reference")
    ap.add_argument("--out", type=Path, default=OUT)
    a = ap.parse_args(argv)
    if not a.reference.is_dir():
        print(f"reference folder not found: {a.reference}", file=sys.stderr)
        return 2
    specs = build_specs(a.reference)
    a.out.mkdir(parents=True, exist_ok=True)
    _write(a.out / "epoch_specs.json", {
        "$comment": "Derived by scripts/build_chip_specs.py from " + EPOCH_FILE + "; do not edit by hand.",
        "credit": EPOCH_CREDIT, "licence": "CC BY 4.0", "url": "https://epoch.ai/data/machine-learning-hardware",
        "variants": specs})
    counts = []
    for eccn in ("3A090", "4A090"):
        ccl = build_ccl(a.reference, eccn)
        _write(a.out / f"ccl_{eccn.lower()}.json", {"$comment": CCL_COMMENT, **ccl})
        counts.append(f"{len(ccl['items'])} {eccn} items")
    print(f"wrote {a.out}: {len(specs)} chip variants, {', '.join(counts)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
