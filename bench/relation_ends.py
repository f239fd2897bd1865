#!/usr/bin/env python3
"""Where relation recall goes, in aggregate: of each set's required gold relations, how many have
both ends among the predicted entities (by the scorer's own surface matching), and how many of
those the extractor states with the right subject, by predicate.  Prints counts only (no single
miss), so it may be run on blind sets without reading them.

Usage: ``python bench/relation_ends.py SETDIR...`` (needs ``../shared/eval/score.py``)."""
import glob
import json
import sys
from pathlib import Path

from chipgraph.documents import read_file
from chipgraph.pipeline import extract_document
sys.path.insert(0, str(Path(__file__).resolve().parents[2] / 'shared' / 'eval'))
from score import key
for s in sys.argv[1:]:
    tot = ends = found = 0
    by = {}
    for g in sorted(glob.glob(s + '/*.gold.json')):
        gold = json.load(open(g)); txt = g.replace('.gold.json', '.txt')
        pred = extract_document(read_file(Path(txt)).documents[0]).to_json()
        index = {}
        for e in gold['entities']:
            for f in [e['name'], *e.get('aliases', [])]:
                index.setdefault(key(f), set()).add(e['id'])
        p2g = {}
        for p in pred['entities']:
            for f in [p['name'], *p.get('aliases', [])]:
                if key(f) in index:
                    p2g[p['id']] = index[key(f)]; break
        matched = set().union(*p2g.values()) if p2g else set()
        gtype = {e['id']: e['type'] for e in gold['entities']}
        stated = {(gs, r['predicate'], go) for r in pred['relations']
                  for gs in p2g.get(r['subject'], ()) for go in p2g.get(r['object'], ())}
        for r in gold['relations']:
            if r.get('optional'):
                continue
            tot += 1
            objs = [r['object'], *r.get('alt_objects', [])]
            ok = r['subject'] in matched and any(o in matched for o in objs)
            kind = ('measure ' if gtype[r['subject']] == 'ExportControl' else '') + r['predicate']
            b = by.setdefault(kind, [0, 0, 0]); b[0] += 1
            if ok:
                ends += 1; b[1] += 1
                if any((r['subject'], r['predicate'], o) in stated for o in objs):
                    found += 1; b[2] += 1
    print(f"{s}: required {tot}, both ends found {ends} ({ends/tot:.0%}), stated with the right subject {found}")
    for k, (a, b, c) in sorted(by.items()):
        print(f"   {k:28s} {a:3d}  ends {b:3d}  stated {c:3d}")
