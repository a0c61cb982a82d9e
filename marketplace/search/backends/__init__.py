"""Search backends: `whoosh` (a local index folder, the default) and `postgres` (one index in
the database, shared by every app server). Both offer the same methods and the same ranking
(`ranking.py`), filters and facets (`catalog.services`)."""
from dataclasses import dataclass, field


class SearchUnavailable(Exception):
    """The index cannot be read right now (being rebuilt elsewhere, database down)."""


class WriterBusy(Exception):
    """Another writer held the lock past the timeout; the change is retried later."""


@dataclass(frozen=True)
class Scope:
    """Filters given by name in the URL, resolved to ids by the service."""

    category_id: int | None = None
    cooperative_id: int | None = None


@dataclass
class SearchHits:
    """A page of matches under the filters, as the index sees it."""

    ids: list  # product ids of the page, in order (all matches when `ordered` is False)
    total: int
    facets: object  # catalog.services.Facets
    terms: frozenset = frozenset()  # folded words that matched, typo corrections included
    prefixes: tuple = ()  # folded prefix of the last word, when matched as one
    matched: int = 0  # products the words match, before filters
    ordered: bool = True  # False: the database orders and pages `ids` (sort by name)
    stale: list = field(default_factory=list)  # products whose stars changed since indexed
