"""The guard's checks as pure functions: each refusal from its parts alone."""
from __future__ import annotations

import pytest

from chipgraph.serve import answers, guards
from chipgraph.serve.guards import HostPolicy, Refusal


def refused(fn, *args) -> Refusal:
    with pytest.raises(Refusal) as info:
        fn(*args)
    return info.value


@pytest.mark.parametrize("values, status", [([], 400), (["127.0.0.1:80", "127.0.0.1:80"], 400),
                                            (["evil.test:80"], 421), (["127.0.0.1:81"], 421)])
def test_guards_host_refusals(values, status):
    assert refused(guards.check_host, values, HostPolicy("127.0.0.1", 80)).status == status


def test_guards_host_policy_names_and_wildcards():
    loop = HostPolicy("127.0.0.1", 7878, ("chips.test", "other.test:9"))
    assert all(loop.allows(h) for h in ("localhost:7878", "[::1]:7878", "chips.test:1", "other.test:9"))
    assert not any(loop.allows(h) for h in ("other.test:10", "evil:7878", "", "a b"))
    assert HostPolicy("0.0.0.0", 7878).allows("anything.test")  # unchecked (the CLI warns)


@pytest.mark.parametrize("lengths, te, status", [
    ([], None, 411), (["5"], "chunked", 411), (["-1"], None, 400), (["1", "2"], None, 400),
    (["x"], None, 400), (["9" * 16], None, 400), (["101"], None, 413)])
def test_guards_body_length_refusals(lengths, te, status):
    assert refused(guards.body_length, lengths, te, 100).status == status


def test_guards_body_length_and_origin_accept():
    assert guards.body_length([" 42 ", "42"], None, 100) == 42
    guards.check_origin("GET", "http://evil.test", "127.0.0.1:1")  # reads carry no Origin check
    guards.check_origin("POST", "http://127.0.0.1:1", "127.0.0.1:1")
    assert refused(guards.check_origin, "POST", "null", "127.0.0.1:1").status == 403


def test_guards_write_needs_update_mode_and_the_token():
    assert refused(guards.check_write, False, "t", "Bearer t").status == 403
    assert refused(guards.check_write, True, "t", "Bearer u").status == 401
    assert refused(guards.check_write, True, "t", None).status == 401
    guards.check_write(True, "t", "bEaReR t")


def test_guards_form_and_text_refuse_bad_encodings():
    assert guards.form("query=ASK%20%7B%7D&x=") == {"query": ["ASK {}"], "x": [""]}
    assert refused(guards.form, "query=%ff").status == 400
    assert refused(guards.utf8, b"\xff").status == 400


def test_guards_accept_negotiation():
    table = answers.RESULT_TYPES
    assert guards.accepted(None, table) == "application/sparql-results+json"
    assert guards.accepted("text/csv;q=0.5, application/sparql-results+xml", table) == "application/sparql-results+xml"
    assert guards.accepted("text/*", table) == "text/csv"
    assert guards.accepted("image/png", table) is None


def test_answers_one_writer_per_kind():
    import pyoxigraph as ox

    store = ox.Store()
    store.add(ox.Quad(ox.NamedNode("urn:a"), ox.NamedNode("urn:b"), ox.Literal("x", language="en")))
    res = store.query("SELECT ?o WHERE { ?s ?p ?o }")
    data = answers.solutions_json([v.value for v in res.variables], list(res))
    assert b'"xml:lang": "en"' in data
    ctype, csv = answers.solutions(data, "text/csv")
    assert ctype.startswith("text/csv") and csv.splitlines()[1] == b"x"
    assert answers.boolean(b"true", "application/sparql-results+json")[1].endswith(b"true}")
    nt = b'<urn:a> <urn:b> "x"@en .\n'
    assert b"@en" in answers.graph(nt, "text/turtle")[1]
    assert answers.dataset(b'<urn:a> <urn:b> "x" <urn:g> .\n', "application/trig")[1].count(b"urn:g") == 1
