"""The pipeline is a list of components with one signature; each can run alone."""
from __future__ import annotations

import pytest

from chipgraph.extract import PIPELINE
from chipgraph.extract.candidates import Candidate, Measure, RelationHit
from chipgraph.extract.chips import chip_and_model_mentions
from chipgraph.extract.controls import control_mentions, measures
from chipgraph.extract.linking import link
from chipgraph.extract.mentions import dictionary_mentions, resolve
from chipgraph.extract.people import person_mentions
from chipgraph.extract.relations import RELATIONS, based_in, manufactures
from chipgraph.extract.terms import P, T

MENTIONS = (dictionary_mentions, chip_and_model_mentions, person_mentions, resolve)


def test_pipeline_lists_every_relation_component_once():
    assert all(r in PIPELINE for r in RELATIONS)
    assert len(set(PIPELINE)) == len(PIPELINE)
    assert all(callable(c) and c.__doc__ for c in PIPELINE)


def test_pipeline_component_returns_hits_and_writes_nothing(context_after):
    ctx = context_after("Zentrix sold Orlov chips made by Nvidia to a firm in Peru.", dictionary_mentions)
    before = list(ctx.candidates)
    hits = chip_and_model_mentions(ctx)
    assert ctx.candidates == before  # the component only returned its hits
    assert all(isinstance(h, Candidate) for h in hits)


@pytest.mark.parametrize("text,pair", [
    ("Nvidia's H200 is in demand.", ("Nvidia", "H200")),
    ("Buyers want the NVIDIA B200 in bulk.", ("Nvidia", "B200")),
    ("Customers asked for the AMD MI325X first.", ("Advanced Micro Devices", "MI325X")),
])
def test_pipeline_manufactures_component_alone(context_after, text, pair):
    ctx = context_after(text, *MENTIONS, link)
    hits = manufactures(ctx)
    names = {L.entity.key: L.entity.name for L in ctx.linked}
    assert all(isinstance(h, RelationHit) and h.predicate == P.manufactures for h in hits)
    assert pair in {(names[h.subject], names[h.object]) for h in hits}


@pytest.mark.parametrize("text", [
    "Japanese startup Korimo Labs raised new funds.",
    "Korimo Labs, a Japanese AI startup, raised new funds.",
    "Korimo Labs, based in Japan, raised new funds.",
])
def test_pipeline_based_in_component_alone(context_after, text):
    from chipgraph.extract.organizations import organization_mentions

    ctx = context_after(text, dictionary_mentions, chip_and_model_mentions, organization_mentions,
                        person_mentions, resolve, link)
    hits = based_in(ctx)
    assert [h.predicate for h in hits] == [P.basedIn]
    assert hits[0].object == "japan"


def test_pipeline_described_measure_key_is_scoped_to_its_document(context_after):
    text = "The US imposed new export controls on advanced chips to China in 2023."
    keys = []
    for doc in ("a.txt", "b.txt"):
        ctx = context_after(text, *MENTIONS, control_mentions, link, measures, key=doc)
        (m,) = ctx.measures
        assert isinstance(m, Measure) and m.entity.type == T.ExportControl
        keys.append(m.key)
    assert keys[0] != keys[1]  # same words, two documents: two measures


def test_pipeline_named_measure_keeps_its_catalogue_key(context_after):
    keys = set()
    for doc in ("a.txt", "b.txt"):
        ctx = context_after("Washington put Orvane Systems on the Entity List.", *MENTIONS, control_mentions,
                            link, measures, key=doc)
        keys |= {m.key for m in ctx.measures}
    assert keys == {"entity-list"}


def test_pipeline_record_refuses_unknown_hits(context_after):
    ctx = context_after("Text.")
    with pytest.raises(TypeError, match="does not record"):
        ctx.record([object()])
