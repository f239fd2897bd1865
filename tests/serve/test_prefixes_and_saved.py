"""A real `chipgraph serve` on 127.0.0.1: chipgraph's prefixes undeclared, syntax errors in the
user's own lines and columns, unknown prefixes named, and saved questions run with their
parameters checked (``/query?saved=NAME&arg.PARAM=VALUE``); the CLI against the same endpoint."""
from __future__ import annotations

import csv
import io
import json
import signal
import sys

import httpx
import pytest
from helpers import populated, serve_cli
from typer.testing import CliRunner

from chipgraph.cli import app
from chipgraph.serve import network_isolation_available

pytestmark = pytest.mark.skipif(sys.platform != "linux" or not network_isolation_available(),
                                reason="`chipgraph serve` needs Linux with unprivileged user namespaces")


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory):
    path = populated(tmp_path_factory.mktemp("served") / "store")
    proc, port = serve_cli(path, "--timeout", "20")
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(20)


def ask(endpoint, accept="application/sparql-results+json", **params) -> httpx.Response:
    return httpx.get(endpoint + "/query", params=params, headers={"Accept": accept}, timeout=30)


def values(r: httpx.Response, var: str) -> list[str]:
    return [b[var]["value"] for b in r.json()["results"]["bindings"]]


def test_serve_accepts_chipgraph_prefixes_undeclared(endpoint):
    r = ask(endpoint, query="SELECT ?l WHERE { ent:deepseek skos:prefLabel ?l }")
    assert r.status_code == 200, r.text
    assert values(r, "l") == ["DeepSeek"]
    r = ask(endpoint, query="PREFIX ent: <urn:other:> SELECT (ent:x AS ?x) WHERE {}")  # its own wins
    assert values(r, "x") == ["urn:other:x"]
    r = httpx.post(endpoint + "/query", content="ASK { ?d a cg:Document }",
                   headers={"Content-Type": "application/sparql-query"}, timeout=30)
    assert r.status_code == 200 and r.json()["boolean"] is True


def test_serve_unknown_prefix_is_named_at_the_users_line(endpoint):
    r = ask(endpoint, query="SELECT ?s WHERE {\n  ?s foo:bar ?o }")
    assert r.status_code == 400 and r.headers["X-Chipgraph-Error"] == "query"
    assert "unknown prefix `foo:`" in r.text and "line 2, column 6" in r.text
    assert "\\u{" not in r.text and "..=" not in r.text
    r = ask(endpoint, query="SELECT ?s WHERE { ?s foo:bar ?o }")  # line 1: columns not moved by the prefixes
    assert "line 1, column 22" in r.text


def test_serve_syntax_error_columns_are_the_users_own(endpoint):
    text = "SELECT ?s WHERE { ?s ?p ?o "
    r = ask(endpoint, query=text)
    assert r.status_code == 400
    assert "line 1, column 28" in r.text and text in r.text


def test_serve_saved_question_with_a_label(endpoint):
    r = ask(endpoint, saved="chips_used", **{"arg.user": "DeepSeek"})
    assert r.status_code == 200, r.text
    assert values(r, "chipLabel") == ["H800"]
    assert "ent:deepseek (DeepSeek, Company)" in json.loads(r.headers["X-Chipgraph-Notes"])[0]
    r = ask(endpoint, accept="text/csv", saved="entity_mentions", **{"arg.entity": "ent:huawei"})
    assert r.status_code == 200 and r.headers["Content-Type"].startswith("text/csv")
    assert {row["entity"] for row in csv.DictReader(io.StringIO(r.text))} == {
        "https://w3id.org/chipgraph/entity/huawei"}


@pytest.mark.parametrize("params, status, says", [
    ({"saved": "chips_used", "arg.usr": "x"}, 400, "no parameter ?usr; its parameters: ?user"),
    ({"saved": "entity_mentions"}, 400, "entity_mentions needs ?entity"),
    ({"saved": "chips_used", "arg.user": "<a b>"}, 400, "not a valid IRI"),
    ({"saved": "chips_used", "arg.user": "Nobody Known"}, 400, "no entity is labelled 'Nobody Known'"),
    ({"saved": "controls_in_force", "arg.date": "soon"}, 400, "is not a day YYYY-MM-DD"),
    ({"saved": "chips_usd"}, 404, "close matches: chips_used"),
])
def test_serve_saved_question_bad_parameters(endpoint, params, status, says):
    r = ask(endpoint, **params)
    assert r.status_code == status, r.text
    assert says in r.text and "Traceback" not in r.text
    if status == 400:
        assert r.headers["X-Chipgraph-Error"] == "bad-parameter"


def test_serve_saved_question_unknown_iri_warns(endpoint):
    r = ask(endpoint, saved="chips_used", **{"arg.user": "ent:deepsek"})
    assert r.status_code == 200 and values(r, "chip") == []
    warnings = json.loads(r.headers["X-Chipgraph-Warnings"])
    assert warnings == ["?user: ent:deepsek is not in the store; close matches: ent:deepseek (DeepSeek, Company)"]


def test_cli_against_the_endpoint(endpoint):
    def cli(*args):
        return CliRunner().invoke(app, ["--store", endpoint, "query", *args])

    r = cli("SELECT ?s WHERE {\n  ?s a cg:Company .\n  ?s foo:bar ?o }")
    assert r.exit_code == 1
    assert "unknown prefix `foo:`" in r.stderr and "line 3, column 6" in r.stderr and "\\u{" not in r.stderr
    r = cli("chips_used", "--bind", "user=deepseek", "-f", "csv")
    assert r.exit_code == 0, r.output
    assert [row["chipLabel"] for row in csv.DictReader(io.StringIO(r.stdout))] == ["H800"]
    assert "note: ?user=deepseek is ent:deepseek" in r.stderr
    r = cli("chips_used", "--bind", "user=ent:deepsek")
    assert r.exit_code == 0 and "close matches: ent:deepseek" in r.stderr
    r = cli("SELECT ?l WHERE { ent:nvidia skos:prefLabel ?l }", "--width", "80")
    assert r.exit_code == 0 and "Nvidia" in r.stdout and "1 row(s)" in r.stdout
