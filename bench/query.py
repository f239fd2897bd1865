"""Saved questions on the embedded Oxigraph store against rdflib's in-memory Dataset.

    python bench/query.py                  # about 1M triples (a few minutes on 2 cores)
    python bench/query.py --triples 100000 # quick run
    python bench/query.py --before old/    # also time the .rq files of old/ (same names) on the same load

With ``--before DIR`` each saved question whose text in DIR differs from the shipped one is
also timed in its DIR form, on the same store and rdflib Dataset in the same run, so a
rewrite is compared before and after on one machine state (rows, Oxigraph s, rdflib s).

Builds a synthetic corpus of hand-made extractions of realistic shape (documents with
sentences, entities drawn from a skewed pool so that popular ones recur, relations with
evidence, quotes, Entity List listings), loads it into an on-disk store
(``Store.bulk_add``), loads the same quads into an rdflib ``Dataset`` (union default
graph), and times every saved question on both in the same run.  Then it times adding
one new article to the large store against adding it to an empty one.

Prints the load times, peak memory (ru_maxrss), per-query times and the ratio
rdflib / Oxigraph (goal >= 10x), and the incremental-add ratio (goal <= 2x).
"""
from __future__ import annotations

import argparse
import random
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

# bench/ holds scripts named like stdlib modules (html.py): keep it off the import path
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]

from rdflib import XSD, Dataset, Literal, URIRef  # noqa: E402

from chipgraph import ids  # noqa: E402
from chipgraph.model import Document, Entity, Evidence, Extraction, Mention, Quote, Relation, Sentence
from chipgraph.query import saved_queries
from chipgraph.store import Store, _prefixes

VERSION = "bench"
TRIPLES_PER_DOC = 285  # measured on this generator (862,184 quads for 3,030 documents); sizes the corpus
POOL = {"Company": 3000, "Chip": 600, "ExportControl": 150, "Person": 4000, "Country": 60,
        "GovernmentBody": 120, "AIModel": 300, "Organization": 600}
RELATIONS = [("ExportControl", "restricts", "Chip"), ("ExportControl", "imposedBy", "GovernmentBody"),
             ("ExportControl", "targets", "Country"), ("Company", "manufactures", "Chip"),
             ("Company", "usesChip", "Chip"), ("Person", "affiliatedWith", "Company"),
             ("Person", "affiliatedWith", "Organization"), ("Company", "basedIn", "Country"),
             ("Company", "develops", "AIModel")]
ROLES = ["analyst", "chief executive", "senior fellow", "spokesperson", "professor"]


def _pick(rng: random.Random, typ: str) -> str:
    n = POOL[typ]
    # Zipf-like: a few entities (Nvidia, the H100...) recur across many documents
    return f"{typ.lower()}-{min(int(rng.paretovariate(1.1)) - 1, n - 1)}"


def _name(key: str) -> str:
    typ, num = key.rsplit("-", 1)
    return f"{typ.title()} {num}"


def synthetic_extraction(i: int, rng: random.Random) -> Extraction:
    key = f"https://news.example/{i // 100}/article-{i}"
    picked: dict[str, str] = {}
    rels = []
    for _ in range(11):
        st, pred, ot = rng.choice(RELATIONS)
        s, o = _pick(rng, st), _pick(rng, ot)
        picked[s], picked[o] = st, ot
        rels.append((s, pred, o))
    for typ in ("Company", "Chip", "Country"):
        picked.setdefault(_pick(rng, typ), typ)
    keys = sorted(picked)
    sentences, text, pos = [], "", 0
    per_sentence = [keys[j::12] for j in range(12)]
    for j, names in enumerate(per_sentence):
        s = f"In sentence {j} the article names " + ", ".join(_name(k) for k in names) + " and says more."
        if j:
            text += " "
            pos += 1
        sentences.append(Sentence(j, pos, pos + len(s), s))
        text += s
        pos += len(s)
    ents = []
    for j, names in enumerate(per_sentence):
        for k in names:
            at = sentences[j].start + sentences[j].text.index(_name(k))
            ments = [Mention(at, at + len(_name(k)), _name(k), j)]
            listings = ([{"list_name": "Entity List (EL) - Bureau of Industry and Security",
                          "listed_name": _name(k), "federal_register": f"{80 + int(k.rsplit('-', 1)[1]) % 10} FR {1000 + int(k.rsplit('-', 1)[1])}"}]
                        if picked[k] == "Company" and int(k.rsplit("-", 1)[1]) % 7 == 0 else [])
            ents.append(Entity(k, _name(k), picked[k], mentions=ments, listings=listings))
    sent_of = {k: j for j, names in enumerate(per_sentence) for k in names}
    relations = []
    for s, p, o in rels:
        j = sent_of[s]
        relations.append(Relation(s, p, o, [Evidence(j, sentences[j].start, sentences[j].end)], 0.8,
                                  role=rng.choice(ROLES) if p == "affiliatedWith" else None))
    quotes = []
    people = [k for k in keys if picked[k] == "Person"]
    for q in range(2):
        j = rng.randrange(12)
        sp = people[q % len(people)] if people else None
        quotes.append(Quote(sp, "says more", Evidence(j, sentences[j].end - 10, sentences[j].end - 1), 0.9,
                            about=[k for k in per_sentence[j] if k != sp][:2]))
    month = 1 + i % 12
    doc = Document(key=key, text=text, title=f"Article {i}", published=f"{2020 + i % 6}-{month:02d}-{1 + i % 28:02d}",
                   publisher=f"Outlet {i % 40}")
    return Extraction(doc, sentences, ents, relations, quotes)


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def bindings_for() -> dict[str, dict]:
    popular = {"entity": ids.entity_iri("company-0"), "user": ids.entity_iri("company-0"),
               "company": ids.entity_iri("company-0"), "control": ids.entity_iri("exportcontrol-0"),
               "person": ids.entity_iri("person-0"),
               "predicate": URIRef("https://w3id.org/chipgraph/ontology#restricts"),
               # a required date (controls_in_force): unbound, the question answers nothing
               "date": Literal("2023-06-01", datatype=XSD.date)}
    out = {}
    for q in saved_queries():
        out[q.name] = {p: popular[p] for p, _ in q.params if p in popular}
    return out


def timed(fn, repeat: int) -> tuple[float, object]:
    best, res = float("inf"), None
    for _ in range(repeat):
        t = time.perf_counter()
        res = fn()
        best = min(best, time.perf_counter() - t)
    return best, res


def rdflib_timed(ds, text, ns, bindings, budget: float) -> tuple[float, int | None]:
    """Run one query on rdflib in a forked child (it cannot be interrupted otherwise)."""
    import multiprocessing as mp

    ctx = mp.get_context("fork")
    queue = ctx.Queue()

    def child() -> None:
        t = time.perf_counter()
        n = len(list(ds.query(text, initNs=ns, initBindings=bindings)))
        queue.put((time.perf_counter() - t, n))

    proc = ctx.Process(target=child)
    proc.start()
    proc.join(budget)
    if proc.is_alive():
        proc.kill()
        proc.join()
        return budget, None
    return queue.get()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--triples", type=int, default=1_000_000, help="approximate size of the graph")
    ap.add_argument("--repeat", type=int, default=3, help="runs per query on Oxigraph (best is kept)")
    ap.add_argument("--skip-rdflib", action="store_true", help="time Oxigraph only")
    ap.add_argument("--rdflib-budget", type=float, default=15.0,
                    help="seconds an rdflib query may run before it is stopped (its ratio is then a lower bound)")
    ap.add_argument("--before", type=Path, default=None,
                    help="a folder of .rq files (an earlier version of the saved questions) to time as well")
    args = ap.parse_args(argv)

    rng = random.Random(42)
    n_docs = max(10, args.triples // TRIPLES_PER_DOC)
    t0 = time.perf_counter()
    exs = [synthetic_extraction(i, rng) for i in range(n_docs)]
    print(f"corpus: {n_docs:,} synthetic documents generated in {time.perf_counter() - t0:.1f} s")

    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "store")
        t0 = time.perf_counter()
        store.bulk_add(exs, extractor_version=VERSION)
        store._ox.optimize()
        load_ox = time.perf_counter() - t0
        n = len(store)
        print(f"oxigraph: {n:,} quads loaded in {load_ox:.1f} s (bulk_add, on disk); peak RSS {peak_mb():,.0f} MB")

        queries = [(q.name, q.text) for q in saved_queries()]
        binds = bindings_for()
        if args.before is not None:  # the earlier text of each rewritten question, as "name (before)"
            now = dict(queries)
            for p in sorted(args.before.glob("*.rq")):
                if p.stem in now and p.read_text(encoding="utf-8") != now[p.stem]:
                    queries.append((f"{p.stem} (before)", p.read_text(encoding="utf-8")))
                    binds[f"{p.stem} (before)"] = binds[p.stem]
        ox_times = {}
        for name, text in queries:
            # a slow question (over 10 s) is run once: its best of 3 would add minutes, not precision
            first, res = timed(lambda: store.query(text, binds[name]), 1)
            best = first if first > 10 or args.repeat <= 1 else min(
                first, timed(lambda: store.query(text, binds[name]), args.repeat - 1)[0])
            ox_times[name] = (best, len(res))
            print(f"  oxigraph {name}: {len(res):,} rows, {best:.4f} s", flush=True)

        rd_times = {}
        if not args.skip_rdflib:
            t0 = time.perf_counter()
            ds = Dataset(default_union=True)
            ds.parse(data=store.nquads(include_ontology=True), format="nquads")
            load_rd = time.perf_counter() - t0
            print(f"rdflib:   {len(list(ds.quads())):,} quads loaded in {load_rd:.1f} s (Dataset, memory); "
                  f"peak RSS {peak_mb():,.0f} MB")
            ns = _prefixes()
            for name, text in queries:
                rd_times[name] = rdflib_timed(ds, text, ns, binds[name], args.rdflib_budget)
            del ds

        print(f"\n{'saved question':35} {'rows':>7} {'oxigraph s':>11} {'rdflib s':>10} {'ratio':>8}")
        ratios = []
        for name, _ in queries:
            t_ox, rows = ox_times[name]
            line = f"{name:35} {rows:>7} {t_ox:>11.4f}"
            if name in rd_times:
                t_rd, rows_rd = rd_times[name]
                ratio = t_rd / max(t_ox, 1e-6)
                if not name.endswith("(before)"):
                    ratios.append(ratio)
                if rows_rd is None:  # cut off: the ratio is a lower bound
                    line += f" {'>' + format(t_rd, '.0f'):>10} {'>' + format(ratio, '.0f'):>7}x"
                else:
                    line += f" {t_rd:>10.3f} {ratio:>7.0f}x" + ("" if rows_rd == rows else f"  (rdflib rows {rows_rd})")
            print(line)
        if ratios:
            geo = statistics.geometric_mean(ratios)
            print(f"ratio rdflib/oxigraph: geometric mean {geo:.0f}x, min {min(ratios):.0f}x (goal >= 10x; "
                  f"'>' = rdflib stopped after {args.rdflib_budget:g} s, a lower bound)")

        # incremental: one new article into the large store vs into an empty one
        new = [synthetic_extraction(n_docs + k, random.Random(1000 + k)) for k in range(5)]
        big, small = [], []
        for k, ex in enumerate(new):
            with tempfile.TemporaryDirectory() as tmp2:
                empty = Store(Path(tmp2) / "empty")
                t = time.perf_counter()
                empty.add_extraction(ex, extractor_version=VERSION)
                small.append(time.perf_counter() - t)
                empty.close()
            t = time.perf_counter()
            store.add_extraction(ex, extractor_version=VERSION)
            big.append(time.perf_counter() - t)
        mb, ms = statistics.median(big), statistics.median(small)
        print(f"\nadd one article: {mb * 1000:.1f} ms into {n:,} quads vs {ms * 1000:.1f} ms into an empty "
              f"store: {mb / ms:.2f}x (goal <= 2x; median of {len(new)})")
        print(f"peak RSS {peak_mb():,.0f} MB")
        store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
