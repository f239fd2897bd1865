"""The extraction pipeline: a list of components run in order over one DocContext.

Each component reads the context and returns its hits; :meth:`DocContext.record` stores
them.  To add a finder, write ``component(ctx) -> hits`` and put it in :data:`PIPELINE`.
"""
from __future__ import annotations

from ..model import Document, Extraction
from .chips import chip_and_model_mentions
from .context import DocContext
from .controls import control_mentions, measures
from .coordination import company_anaphors
from .linking import derived_mentions, link
from .mentions import dictionary_mentions, inside_measure_titles, resolve
from .official import official_measures
from .organizations import organization_mentions
from .people import administration_mentions, person_mentions
from .quotes import quotes
from .relations import RELATIONS

PIPELINE = (
    # mentions: typed spans of the text
    dictionary_mentions,       # known names, countries, governments, chips
    chip_and_model_mentions,   # model numbers and families
    organization_mentions,     # suffixes, descriptors, institutions, acronyms
    person_mentions,           # capitalised names with contextual evidence
    resolve,                   # one candidate per stretch of text
    administration_mentions,   # "NAME's administration" (beside the person's own mention)
    control_mentions,          # export-control measures (may overlap names)
    inside_measure_titles,     # names inside a named measure's title are part of it
    derived_mentions,          # later mentions of acronyms and short names
    # entities
    link,                      # candidates -> document entities
    measures,                  # ExportControl mentions -> measures
    company_anaphors,          # "the company" -> the firm it stands for
    # relations, one component per predicate (or group of measure predicates)
    *RELATIONS,
    # quotes
    quotes,
)


def clear_content_caches() -> None:
    """Forget what the caches keyed by text content hold (normalised words, resolved dates,
    pronoun tests), so that the next document is read as if nothing had been read before:
    what a benchmark that repeats its texts needs to measure unseen documents."""
    from ..catalogue import dates, linker
    from . import keys
    for f in (linker.tokens, dates._resolve, dates._date_matches, dates._days_without_year, keys.pronoun_like):
        f.cache_clear()


def extract(document: Document) -> Extraction:
    ctx = DocContext.of(document)
    for component in PIPELINE:
        ctx.record(component(ctx))
    return official_measures(ctx.result())  # measures linked to the catalogue, after relations
