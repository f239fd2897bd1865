#!/usr/bin/env python3
"""Regenerate ``src/chipgraph/catalogue/data/catalogue.json`` from the shared reference folder.

Usage: ``python scripts/build_catalogue.py [REFERENCE_DIR]`` (default ``../shared/reference``
relative to the repository). The Federal Register BIS/EAR documents, the official lists and
the Commerce Control List are read as ``catalogue/data/build.toml`` says and merged with the
hand-curated ``catalogue/data/curated.toml``. The CSET/ETO files (non-commercial) are never read.
The output is deterministic (sorted, no timestamps).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from chipgraph.catalogue.build import write_catalogue  # noqa: E402
from chipgraph.errors import ChipgraphError  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("reference_dir", nargs="?", default=str(REPO.parent / "shared" / "reference"))
    ap.add_argument("-o", "--out", default=None, help="output file (default: the packaged catalogue.json)")
    args = ap.parse_args()
    try:
        path = write_catalogue(args.reference_dir, args.out)
    except ChipgraphError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
