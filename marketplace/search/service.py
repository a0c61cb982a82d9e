"""The search service: ranked products under the storefront's filters and facets, highlighted
snippets, "did you mean", suggestions, matching cooperatives, and the index's lifecycle.

The index answers which products match and how well and, from the values it keeps beside
the text (price, stars, district…), applies the filters, counts the facets and orders the
page, with the catalogue's own filter rules (`catalog.services`). The database then loads
the page's cards and has the last word on what may be shown. Without words, a "search" is
the catalogue's listing.
"""
import json
import logging
import threading
from dataclasses import dataclass, field, replace
from itertools import islice, product

import sqlalchemy as sa
from flask import current_app
from whoosh.support.levenshtein import damerau_levenshtein

from marketplace import cache, clock
from marketplace.catalog import services as catalog
from marketplace.catalog.models import OcopCategory, Product
from marketplace.extensions import db
from marketplace.producers.models import ApprovalStatus, Cooperative
from marketplace.search import documents as docs, sync
from marketplace.search.analysis import fold_word, highlight, parse_query, snippet, words
from marketplace.search.backends import Scope, SearchHits, SearchUnavailable
from marketplace.search.ranking import MIN_PREFIX, much_better, ranked_ids, weak

log = logging.getLogger(__name__)

BACKENDS = ("whoosh", "postgres")
MAX_CORRECTED_WORDS = 3
MAX_TRIES = 6  # corrected queries tried for "did you mean"
MAX_NAMED = 100  # names counted to compare a corrected query with weak matches
_creating = threading.Lock()
# The generation of the index's content (marketplace.cache): bumped after every write, so a
# results page shared by all processes is never older than the index.
INDEX = "search-index"


def init_app(app):
    if app.config.get("SEARCH_BACKEND", "whoosh") not in BACKENDS:
        raise RuntimeError(f"SEARCH_BACKEND must be one of {', '.join(BACKENDS)}")
    sync.listen(db.session)
    # How sync's after-commit hook reaches this app's writer (created on first use).
    app.extensions["search_writer"] = lambda: writer(app)


def _make_backend(app):
    timeout = app.config.get("SEARCH_WRITE_TIMEOUT", 2.0)
    if app.config.get("SEARCH_BACKEND", "whoosh") == "postgres":
        from marketplace.search.backends.postgres import PostgresBackend

        return PostgresBackend(db.engine, write_timeout=timeout)
    from marketplace.search.backends.whoosh import WhooshBackend

    return WhooshBackend(app.config["SEARCH_INDEX_DIR"], db.engine.connect, write_timeout=timeout)


def writer(app=None):
    """The app's search writer (and through it, its backend), created on first use."""
    app = app or current_app._get_current_object()
    found = app.extensions.get("search")
    if found is None:
        with _creating:
            found = app.extensions.get("search")
            if found is None:
                found = app.extensions["search"] = sync.Writer(
                    _make_backend(app), on_applied=lambda: cache.bump(INDEX, app))
    return found


def backend():
    """The app's backend; with Whoosh, first brought up to date with the other machines'
    committed changes (the feed, read at most once a second)."""
    found = writer()
    feed = _feed(current_app._get_current_object())
    if feed is not None:
        feed.catch_up(found)
    return found.backend


def _feed(app):
    if not sync.feed_wanted(app):
        return None
    found = app.extensions.get("search_feed")
    if found is None:
        with _creating:
            found = app.extensions.get("search_feed")
            if found is None:
                found = app.extensions["search_feed"] = sync.Feed(
                    db.engine, app.config["SEARCH_INDEX_DIR"], sync.feed_origin(app),
                    interval=app.config["SEARCH_FEED_SECONDS"])
    return found


def _read(method, *args, default):
    """A backend read; when the index cannot be read the shopper gets `default`, never a 500."""
    try:
        return method(*args)
    except (SearchUnavailable, sa.exc.SQLAlchemyError) as error:
        log.warning("search unavailable: %r", error)
        return default


@dataclass(frozen=True)
class Highlight:
    name: str
    snippet: str


@dataclass
class SearchResults:
    query: object
    results: catalog.ProductPage
    highlights: dict = field(default_factory=dict)  # product id -> Highlight
    did_you_mean: str = ""
    cooperatives: list = field(default_factory=list)
    matched: int = 0  # products the words match, before the facet filters
    unavailable: bool = False  # the index could not be read: an empty page, not an error


def search_products(filters, page=1, per_page=24, locale="vi", today=None, with_cooperatives=False):
    """A page of products for `filters.q` under the other filters, ranked by relevance (or the
    chosen sort), with facet counts, highlights and, when nothing matches, a suggestion.
    Without words it is the catalogue's own listing."""
    today = today or clock.today()
    query = parse_query(filters.q)
    if not query:
        listing = catalog.list_products(replace(filters, q="", sort=_plain_sort(filters.sort)), page, per_page,
                                        today=today, with_facets=True)
        return SearchResults(query, listing)
    scope = _scope(filters)
    hits = _hits(query, filters, page, per_page, today, scope) if scope else None
    empty = catalog.ProductPage(items=[], page=page, per_page=per_page, total=0, facets=catalog.Facets())
    if hits is None:
        return SearchResults(query, empty, unavailable=scope is not None)
    if hits.ordered:
        items = catalog.product_cards(hits.ids, today)
    else:
        ranked = ranked_ids([hits.ids], db.session.get_bind().dialect.name)
        items = catalog.list_products(filters, page, per_page, product_ids=ranked, today=today).items
    listing = catalog.ProductPage(items=items, page=page, per_page=per_page, total=hits.total, facets=hits.facets)
    found = SearchResults(query, listing, matched=hits.matched)
    found.highlights = {
        card.product.id: Highlight(
            name=highlight(card.product.name(locale), hits.terms, hits.prefixes),
            snippet=snippet(card.product.description(locale), hits.terms, hits.prefixes),
        )
        for card in items
        if card.card is not None  # still buyable
    }
    found.did_you_mean = did_you_mean(query, hits.matched)
    if with_cooperatives:
        found.cooperatives = matching_cooperatives(query)
    return found


def _hits(query, filters, page, per_page, today, scope):
    """The index's answer, shared by every process until the index changes: a popular query
    costs one cache read. None when the index cannot be read."""
    key = "search:" + cache.digest(cache.generation(INDEX), today, sorted(filters.to_args().items()), page, per_page,
                                   scope.category_id, scope.cooperative_id)
    (found,) = cache.get_many([key])
    if found is not None:
        value = json.loads(found)
        return SearchHits(value["ids"], value["total"], catalog.Facets.from_json(value["facets"]),
                          frozenset(value["terms"]), tuple(value["prefixes"]), value["matched"])
    hits = _read(backend().search, query, filters, page, per_page, today, scope, default=None)
    if hits is not None and hits.stale:
        # Certificates started or ended since these were indexed: index them again, then ask again.
        writer().submit(sync.Changes(product_ids=set(hits.stale)))
        hits = _read(backend().search, query, filters, page, per_page, today, scope, default=None)
    if hits is not None and hits.ordered and not hits.stale:  # unordered: every match, not a page
        cache.set_many({key: json.dumps({
            "ids": hits.ids, "total": hits.total, "facets": hits.facets.to_json(), "terms": sorted(hits.terms),
            "prefixes": list(hits.prefixes), "matched": hits.matched})})
    return hits


def _scope(filters):
    """The sub-group and cooperative filters as ids; None when one names nothing."""
    category_id = cooperative_id = None
    if filters.subgroup:
        category_id = db.session.scalar(sa.select(OcopCategory.id).where(OcopCategory.code == filters.subgroup))
        if category_id is None:
            return None
    if filters.cooperative:
        cooperative_id = db.session.scalar(sa.select(Cooperative.id).where(Cooperative.slug == filters.cooperative))
        if cooperative_id is None:
            return None
    return Scope(category_id, cooperative_id)


def _plain_sort(sort):
    return "stars" if sort == "relevance" else sort


def did_you_mean(query, matched=0):
    """A better query than `query`, which matched `matched` products, or "" when there is none.
    Nothing matched: its unknown words corrected (within two edits) or, failing that, dropped,
    when that finds products; else as weak matches. Weak matches (ranking.weak): the query
    with one word corrected by one typo (Damerau: a letter added, dropped, changed, or two
    swapped) whose words are in the most product names, when that is much better
    (ranking.much_better) than the query's own; a word typed with its diacritics is taken as
    meant then, unless the index does not know it. Diacritics come back from the best match's
    name. A bounded number of searches, whatever arrives."""
    if not matched and (corrected := _corrected(query)):
        return corrected
    typed = [word for word in query.words if len(word.folded) >= MIN_PREFIX]  # one letter: still being typed
    unknown = _unknown(typed)
    loose = bool(unknown) or not matched  # nothing matched: as loose as matches get
    if not weak(matched, loose):
        return ""
    correctable = [word.folded for word in typed if word.folded in unknown or not word.marked][:MAX_CORRECTED_WORDS]
    if not correctable:
        return ""
    found = _read(backend().correct, correctable, MAX_TRIES * 2, default=[[] for _ in correctable])
    corrections = {
        # one typo away, and not the start of a known word typed (the shopper typed past it)
        word: [c for c in candidates
               if damerau_levenshtein(c, word) == 1 and (word in unknown or not word.startswith(c))][:MAX_TRIES]
        for word, candidates in zip(correctable, found)
    }
    folded = [word.folded for word in typed]
    trials = [  # one word changed at a time, each word's likeliest corrections first
        folded[:position] + [corrections[word][rank]] + folded[position + 1:]
        for rank in range(MAX_TRIES)
        for position, word in enumerate(folded)
        if rank < len(corrections.get(word, ()))
    ][:MAX_TRIES]
    if not trials:
        return ""
    best, best_ids = None, []
    for trial in trials:
        ids = _in_names(trial)
        if len(ids) > len(best_ids):
            best, best_ids = trial, ids
    if best is None or not much_better(len(best_ids), len(_in_names(folded)), loose):
        return ""
    return _spelled(best, best_ids[0])


def _unknown(typed):
    """The typed words (folded) the index does not know: they matched only as a typo. The last
    one may just be still being typed, when known words start with it."""
    search = backend()
    unknown = {word.folded for word in typed if not _read(search.knows, word.folded, default=True)}
    if typed and typed[-1].folded in unknown and _read(search.knows, typed[-1].folded, True, default=False):
        unknown.discard(typed[-1].folded)
    return unknown


def _in_names(folded_words):
    """Products (up to MAX_NAMED) whose names hold these words, the last one maybe as a prefix, best first."""
    return _read(backend().suggest_products, parse_query(" ".join(folded_words)), MAX_NAMED, default=[])


def _corrected(query):
    """did_you_mean when nothing matched."""
    search = backend()
    folded = [word.folded for word in query.words]
    unknown = [word for word in folded if not _read(search.knows, word, default=True)][:MAX_CORRECTED_WORDS]
    if not unknown:
        return ""
    candidates = dict(zip(unknown, _read(search.correct, unknown, default=[[] for _ in unknown])))
    options = [candidates.get(word) or ([None] if word in candidates else [word]) for word in folded]
    for combination in islice(product(*options), MAX_TRIES):
        corrected = [word for word in combination if word]
        if not corrected:
            continue
        hits = _try(corrected)
        if hits is not None and hits.ids:
            return _spelled(corrected, hits.ids[0])
    return ""


def _try(folded_words):
    """A corrected query's matches among every published product (its first one in `ids`)."""
    return _read(backend().search, parse_query(" ".join(folded_words)), catalog.ProductFilters(rating="all"),
                 1, 1, clock.today(), Scope(), default=None)


def _spelled(folded_words, product_id):
    """The folded words with their diacritics, as the product's name (or description) spells them."""
    best = db.session.execute(
        catalog.buyable_products().with_only_columns(Product.name_vi, Product.description_vi)
        .where(Product.id == product_id)
    ).first()
    exact = {fold_word(word): word for word in reversed(words(" ".join(best or ())))}
    return " ".join(exact.get(word, word) for word in folded_words)


def matching_cooperatives(query, limit=4):
    ids = _read(backend().match_cooperatives, query, limit, default=[])
    if not ids:
        return []
    found = {
        cooperative.id: cooperative
        for cooperative in db.session.scalars(
            sa.select(Cooperative).where(Cooperative.id.in_(ids), Cooperative.status == ApprovalStatus.APPROVED)
        )
    }
    return [found[cid] for cid in ids if cid in found]


@dataclass(frozen=True)
class Suggestion:
    name: str
    slug: str


def suggest(text, limit=8, locale="vi"):
    """Up to `limit` product names for what is being typed, best first, for autocomplete."""
    query = parse_query(text)
    if not query:
        return []
    ids = _read(backend().suggest_products, query, limit * 2, default=[])
    if not ids:
        return []
    rows = db.session.execute(
        catalog.buyable_products()
        .with_only_columns(Product.id, Product.slug, Product.name_vi, Product.name_en)
        .where(Product.id.in_(ids))
    ).all()
    by_id = {row.id: row for row in rows}
    suggestions, seen = [], set()
    for pid in ids:
        row = by_id.get(pid)
        if row is None:
            continue
        name = (row.name_en or row.name_vi) if str(locale).startswith("en") else row.name_vi
        if name not in seen:
            seen.add(name)
            suggestions.append(Suggestion(name, row.slug))
        if len(suggestions) == limit:
            break
    return suggestions


# The index's lifecycle (CLI, seed, tests)


def reindex(progress=None):
    """Rebuild the whole index from the database (waits for the writer lock)."""
    writer().backend.rebuild(progress)
    cache.bump(INDEX)


def status():
    """{kind: (in the index, in the database)} for products and cooperatives."""
    indexed = backend().status()
    with db.engine.connect() as connection:
        expected = docs.counts(connection)
    return {kind: (indexed.get(kind, 0), expected[kind]) for kind in docs.KINDS}


def readiness():
    """What /readyz shows of the index (raises when it cannot be read): its product count."""
    return {"backend": current_app.config.get("SEARCH_BACKEND", "whoosh"),
            "products": backend().status().get("product", 0)}


def clear_index():
    """Empty the index (tests empty the database between tests); the next search rebuilds it."""
    writer().wait(10)
    writer().backend.clear()
    cache.bump(INDEX)


def wait_for_writes(timeout=10):
    """Block until the writer has applied every committed change (tests, the CLI)."""
    return writer().wait(timeout)
