"""``python -m chipgraph.extract FILE.txt``: print the extraction of one plain-text file as JSON."""
from __future__ import annotations

import json
import sys
from pathlib import Path

from ..model import Document
from . import extract


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m chipgraph.extract FILE.txt", file=sys.stderr)
        return 2
    path = Path(args[0])
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        print(f"cannot read {path}: {exc}", file=sys.stderr)
        return 1
    extraction = extract(Document(key=path.name, text=text, source=str(path)))
    print(json.dumps(extraction.to_json(), ensure_ascii=False, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
