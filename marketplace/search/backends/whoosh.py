"""The Whoosh backend (the default): a local index folder, always rebuildable from the database.

SEARCH_INDEX_DIR holds
    writer.lock           one writer at a time, across threads and processes
    current -> build-…    symlink to the live index, swapped atomically after a full rebuild
    build-…/              Whoosh indexes (the live one and the one before it)

Documents: products (name, description), cooperatives (name, name and place, story) and
categories (their names). A product matches a category or a cooperative word through the
category or cooperative it belongs to, so a cooperative rename rewrites one document, and a
product document stays small (a full rebuild of 50,000 products takes seconds, not minutes).

A results page needs every match (its total and facet counts), so searches read posting
lists into sets, rank with set algebra (`ranking.combine`), and filter, count facets and
order with per-document values kept in Whoosh columns (price, stars, district…), loaded once
per index segment. The database then loads, and re-checks, only the page shown.
"""
import heapq
import logging
import os
import shutil
import threading
import time
import uuid
from collections import Counter, defaultdict
from itertools import accumulate, chain, islice
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from whoosh import columns, fields, index
from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.formats import Existence
from whoosh.matching.wrappers import FilterMatcher
from whoosh.reading import TermNotFound
from whoosh.util.filelock import FileLock

from marketplace.catalog.services import aggregate_facets, facet_checks, price_bucket
from marketplace.search import documents as docs
from marketplace.search.analysis import exact_analyzer, folded_analyzer
from marketplace.search.backends import SearchHits, SearchUnavailable, WriterBusy
from marketplace.search.ranking import (
    EXACT, EXPANDED_FIELDS, FIELD_WEIGHTS, FOLDED, FUZZY, MAX_FUZZY, MIN_FUZZY, MIN_PREFIX, PREFIX, PREFIX_EXACT, combine,
)

log = logging.getLogger(__name__)

MAX_EXPANSIONS = 200  # terms a prefix may expand to, per field
REBUILD_BATCH = 10_000  # documents per segment in a full rebuild
PRODUCT, COOPERATIVE, CATEGORY = 1, 2, 3  # document kinds; 0 is a deleted document
KIND_CODES = {"product": PRODUCT, "cooperative": COOPERATIVE, "category": CATEGORY}
EPOCH = datetime(2000, 1, 1)
NUMBERS = {  # column -> struct typecode
    "kind": "b", "ref": "i", "hint": "i", "category": "i", "coop": "i", "stars": "b", "stale_from": "i",
    "price": "q", "in_stock": "b", "created": "q",
}
TEXTS = ("group", "district")

# Which fields hold a tier's words, and whether products reach them through a category or a
# cooperative document.
PRODUCT_TIERS = (("name", None), ("category", CATEGORY), ("cooperative", COOPERATIVE), ("description", None))
COOPERATIVE_TIERS = (("name", None), ("cooperative", None), ("description", None))
NAME_TIERS = (("name", None),)


def build_schema():
    def text(analyzer):
        # Existence: search only needs which documents hold a word (ranking is by field).
        return fields.FieldType(Existence(), analyzer, scorable=False)

    spec = {"key": fields.ID(unique=True)}  # "p12", "c3", "g5"
    spec.update({name: fields.COLUMN(columns.NumericColumn(code)) for name, code in NUMBERS.items()})
    spec.update({name: fields.COLUMN(columns.VarBytesColumn()) for name in TEXTS})
    folded, exact = folded_analyzer(), exact_analyzer()
    for name in docs.FIELDS:
        spec[f"{name}_f"] = text(folded)
        spec[f"{name}_x"] = text(exact)
    return fields.Schema(**spec)


# Which text of a document goes in which field, per kind.
_FIELDS_OF = {
    "product": (("name", "name"), ("description", "description")),
    "cooperative": (("name", "name"), ("cooperative", "cooperative"), ("description", "description")),
    "category": (("category", "category"),),
}


def _stale_from(document):
    days = []
    if document.next_issue:
        days.append(document.next_issue.toordinal())
    if document.next_expiry:
        days.append(document.next_expiry.toordinal() + 1)
    return min(days) if days else 0


def _fields(document):
    key = {"product": "p", "cooperative": "c", "category": "g"}[document.kind] + str(document.id)
    values = {"key": key, "kind": KIND_CODES[document.kind], "ref": document.id, "hint": document.hint}
    if document.kind == "product":
        created = document.created_at or EPOCH
        values.update(
            category=document.category_id or 0, coop=document.cooperative_id or 0, stars=document.stars or 0,
            stale_from=_stale_from(document), price=document.price, in_stock=int(bool(document.in_stock)),
            created=int((created - EPOCH).total_seconds()),
            group=(document.group_code or "").encode(), district=(document.district or "").encode(),
        )
    for fieldname, attribute in _FIELDS_OF[document.kind]:
        text = getattr(document, attribute)
        if text:
            values[f"{fieldname}_f"] = values[f"{fieldname}_x"] = text
    return values


def _read_ids(matcher):
    """Every document number of a posting list, a block at a time (Whoosh's own all_ids()
    costs a generator step per posting; the index is pinned, see requirements.txt)."""
    if isinstance(matcher, FilterMatcher):
        matcher = matcher.child  # deleted documents are dropped later, by kind
    if not isinstance(matcher, W3LeafMatcher):
        return list(matcher.all_ids())
    found = []
    while matcher.is_active():
        if matcher._data is None:
            matcher._read_data()
        ids = matcher._data[0]
        found.extend(ids if matcher._byteids else accumulate(ids))  # ids are stored as deltas
        matcher._next_block()
    return found


class _FacetKeys:
    """Numbers for the distinct (stars, group, district, price range, in stock) tuples: a
    document's facet values are one small int, counted in C (a few thousand tuples exist)."""

    def __init__(self):
        self.values = [None]  # 0: not a product
        self._codes = {}
        self._lock = threading.Lock()

    def code(self, values):
        found = self._codes.get(values)
        if found is None:
            with self._lock:
                found = self._codes.get(values)
                if found is None:
                    found = self._codes[values] = len(self.values)
                    self.values.append(values)
        return found


class _Segment:
    """Per-document values of one index segment (segments never change; deletions are
    applied per generation)."""

    def __init__(self, leaf, keys):
        count = leaf.doc_count_all()
        for name in NUMBERS:
            setattr(self, name, list(leaf.column_reader(name)) if count else [])
        for name in TEXTS:
            setattr(self, name, [value.decode() for value in leaf.column_reader(name)] if count else [])
        self.facet_key = [
            keys.code((stars or None, group, district or None, price_bucket(price), in_stock)) if kind == PRODUCT else 0
            for kind, stars, group, district, price, in_stock in zip(
                self.kind, self.stars, self.group, self.district, self.price, self.in_stock)
        ]
        # Relevance ties, and sort=stars: stars (a mild boost), then newer, then higher id.
        self.order_key = [(stars * 10**11 + created) * 10**9 + ref
                          for stars, created, ref in zip(self.stars, self.created, self.ref)]


class _Snapshot:
    """One generation of the index, as one thread reads it."""

    def __init__(self, path, generation, ix, reader, segments):
        self.path, self.generation, self.index, self.reader = path, generation, ix, reader
        self.leaves = reader.leaf_readers()
        for name in (*NUMBERS, *TEXTS, "facet_key", "order_key"):
            setattr(self, name, [value for segment in segments for value in getattr(segment, name)])
        for (leaf, base) in self.leaves:
            if leaf.has_deletions():
                for docnum in leaf.deleted_docs_set:
                    self.kind[base + docnum] = 0
        self.products = {d for d, kind in enumerate(self.kind) if kind == PRODUCT}
        self.by_category, self.by_coop = defaultdict(list), defaultdict(list)
        for d in self.products:
            self.by_category[self.category[d]].append(d)
            self.by_coop[self.coop[d]].append(d)
        stale = [day for d, day in enumerate(self.stale_from) if day and self.kind[d] == PRODUCT]
        self.first_stale_day = min(stale) if stale else None

    def postings(self, fieldname, term):
        found = set()
        for leaf, base in self.leaves:
            try:
                ids = _read_ids(leaf.postings(fieldname, term))
            except TermNotFound:
                continue
            found.update(map(base.__add__, ids) if base else ids)
        return found

    def expansions(self, fieldname, prefix):
        terms = []
        for term in self.reader.expand_prefix(fieldname, prefix):
            terms.append(term)
            if len(terms) == MAX_EXPANSIONS:
                break
        return terms

    def joined(self, found, kind):
        """Products under the categories (or cooperatives) among documents `found`."""
        by_ref = self.by_category if kind == CATEGORY else self.by_coop
        refs = {self.ref[d] for d in found if self.kind[d] == kind}
        return set().union(*(by_ref.get(ref, ()) for ref in refs))


class WhooshBackend:
    name = "whoosh"

    def __init__(self, index_dir, connect, write_timeout=2.0, limitmb=512):
        """`connect()` returns a new database connection (a context manager)."""
        self.dir = Path(index_dir)
        self.connect = connect
        self.write_timeout = write_timeout
        self.limitmb = limitmb
        self._local = threading.local()
        self._thread_lock = threading.Lock()
        self._segments = {}  # (build path, segment id) -> _Segment, shared by threads
        self._segments_lock = threading.Lock()
        self._keys = _FacetKeys()

    # -- reading -----------------------------------------------------------------------

    def _current(self):
        return self.dir / os.readlink(self.dir / "current")

    def _snapshot(self):
        path = self._current()
        cached = getattr(self._local, "snapshot", None)
        ix = cached.index if cached is not None and cached.path == path else index.open_dir(str(path))
        generation = ix.latest_generation()
        if cached is not None and cached.path == path and cached.generation == generation:
            return cached
        reader = ix.reader()
        snapshot = _Snapshot(path, generation, ix, reader, self._segment_values(path, reader))
        if cached is not None:
            cached.reader.close()
        self._local.snapshot = snapshot
        return snapshot

    def _segment_values(self, path, reader):
        found = []
        with self._segments_lock:
            live = {}
            for leaf, _base in reader.leaf_readers():
                key = (path, leaf.segment().segment_id()) if leaf.segment() else (path, id(leaf))
                live[key] = self._segments.get(key) or _Segment(leaf, self._keys)
                found.append(live[key])
            self._segments = live  # merged-away segments are forgotten
        return found

    def _reading(self, read):
        """Run `read(snapshot)`; a missing or unreadable index is rebuilt once, then retried."""
        try:
            return read(self._snapshot())
        except Exception as error:  # noqa: BLE001 - any failure to read the files
            self._forget_snapshot()
            log.warning("search index unreadable (%r): rebuilding it", error)
        try:
            self.rebuild(only_if_broken=True, timeout=self.write_timeout)
            return read(self._snapshot())
        except Exception as error:  # noqa: BLE001 - busy elsewhere, or still unreadable
            self._forget_snapshot()
            raise SearchUnavailable(repr(error)) from error

    def _forget_snapshot(self):
        snapshot = getattr(self._local, "snapshot", None)
        self._local.snapshot = None
        if snapshot is not None:
            try:
                snapshot.reader.close()
            except Exception:  # noqa: BLE001 - the files may be gone
                pass

    def _word_tiers(self, snap, word, last, tiers_, terms):
        """[(score, documents)] for each way one word matches."""
        def reach(found, join):
            return snap.joined(found, join) if join else found

        tiers, found_any = [], False
        for name, join in tiers_:
            weight = FIELD_WEIGHTS[name]
            folded = snap.postings(f"{name}_f", word.folded)
            if folded:
                found_any = True
                tiers.append((weight * FOLDED, reach(folded, join)))
                if word.marked:
                    tiers.append((weight * EXACT, reach(snap.postings(f"{name}_x", word.exact), join)))
            if last and name in EXPANDED_FIELDS:
                for fieldname, prefix, kind in ((f"{name}_f", word.folded, PREFIX), (f"{name}_x", word.exact, PREFIX_EXACT)):
                    if kind == PREFIX_EXACT and not word.marked:
                        continue
                    whole, expanded = prefix.encode("utf-8"), set()
                    for term in snap.expansions(fieldname, prefix):
                        if term != whole:  # the whole word already counts as a full match
                            expanded |= snap.postings(fieldname, term)
                    if expanded:
                        found_any = True
                        tiers.append((weight * kind, reach(expanded, join)))
        if not found_any and MIN_FUZZY <= len(word.folded) <= MAX_FUZZY:
            for name, join in tiers_:
                if name in EXPANDED_FIELDS:
                    for term in snap.reader.terms_within(f"{name}_f", word.folded, 1, prefix=1):
                        terms.add(term)
                        tiers.append((FIELD_WEIGHTS[name] * FUZZY, reach(snap.postings(f"{name}_f", term), join)))
        return tiers

    def _classes(self, snap, query, tiers_):
        """[(score, set of document numbers)] best first, the matched folded terms, prefixes."""
        words = list(query.words)
        prefixed = len(words[-1].folded) >= MIN_PREFIX
        if not prefixed and len(words) > 1:
            words.pop()  # a one-letter last word is still being typed
        terms = {word.folded for word in words}
        word_tiers = []
        for position, word in enumerate(words):
            tiers = self._word_tiers(snap, word, prefixed and position == len(words) - 1, tiers_, terms)
            if not tiers:
                return [], terms, ()
            word_tiers.append(tiers)
        return combine(word_tiers), terms, ((words[-1].folded,) if prefixed else ())

    def search(self, query, filters, page, per_page, today, scope):
        """One results page: product ids in order, total, facets (see SearchHits)."""
        def read(snap):
            classes, terms, prefixes = self._classes(snap, query, PRODUCT_TIERS)
            classes = [(score, found & snap.products) for score, found in classes]
            classes = [(score, found) for score, found in classes if found]
            matched = sum(len(found) for _, found in classes)
            if scope.category_id is not None:
                allowed = set(snap.by_category.get(scope.category_id, ()))
                classes = [(score, found & allowed) for score, found in classes]
            if scope.cooperative_id is not None:
                allowed = set(snap.by_coop.get(scope.cooperative_id, ()))
                classes = [(score, found & allowed) for score, found in classes]
            facets, passes = self._facets(snap, classes, filters)
            wanted = page * per_page
            key = snap.order_key.__getitem__
            if filters.sort == "relevance":
                chosen = []
                for _score, found in classes:
                    chosen += heapq.nlargest(wanted - len(chosen), filter(passes, found), key=key)
                    if len(chosen) >= wanted:
                        break
            else:
                passing = [d for _score, found in classes for d in found if passes(d)]
                if filters.sort == "name":  # the database orders names: all ids go there
                    return SearchHits([snap.ref[d] for d in passing], facets.total, facets, terms, prefixes, matched,
                                      ordered=False)
                chosen = _sorted(snap, passing, filters.sort, wanted)
            ids = [snap.ref[d] for d in chosen[(page - 1) * per_page:wanted]]
            return SearchHits(ids, facets.total, facets, terms, prefixes, matched, stale=self._stale(snap, today))

        return self._reading(read)

    def _facets(self, snap, classes, filters):
        """Facet counts over the matches, and a test of whether a document passes every filter.
        Documents are counted by their facet values (a few hundred distinct tuples), then the
        filters are checked once per tuple."""
        checks = facet_checks(filters)
        price_check = checks.pop("price", None)
        codes, values, prices = snap.facet_key, self._keys.values, snap.price
        matches = chain.from_iterable(found for _score, found in classes)
        if price_check is None:
            counted = Counter(map(codes.__getitem__, matches))
            rows = [(*values[code], *(check(*values[code]) for check in checks.values()), count)
                    for code, count in counted.items()]
            good = {code for code in counted if all(check(*values[code]) for check in checks.values())}
            facets = aggregate_facets(rows, list(checks))
            return facets, (lambda d: codes[d] in good) if checks else (lambda d: True)
        counted = Counter((codes[d], price_check(None, None, None, prices[d], None)) for d in matches)
        rows = [(*values[code], *(check(*values[code]) for check in checks.values()), ok, count)
                for (code, ok), count in counted.items()]
        good = {code for code, _ok in counted if all(check(*values[code]) for check in checks.values())}
        facets = aggregate_facets(rows, [*checks, "price"])
        return facets, lambda d: codes[d] in good and price_check(None, None, None, prices[d], None)

    def _stale(self, snap, today):
        day = today.toordinal()
        if snap.first_stale_day is None or snap.first_stale_day > day:
            return []
        return [snap.ref[d] for d in snap.products if 0 < snap.stale_from[d] <= day]

    def _top(self, query, tiers_, kind, limit):
        def read(snap):
            classes, _terms, _prefixes = self._classes(snap, query, tiers_)
            hints, refs, chosen = snap.hint, snap.ref, []
            for _score, found in classes:
                candidates = [d for d in found if snap.kind[d] == kind]
                best = heapq.nlargest(limit - len(chosen), candidates, key=lambda d: (hints[d], refs[d]))
                chosen += [refs[d] for d in best]
                if len(chosen) >= limit:
                    break
            return chosen

        return self._reading(read)

    def suggest_products(self, query, limit):
        """Ids of the products whose names best match, best first (stars then shorter names
        order equally good matches)."""
        return self._top(query, NAME_TIERS, PRODUCT, limit)

    def match_cooperatives(self, query, limit):
        return self._top(query, COOPERATIVE_TIERS, COOPERATIVE, limit)

    def correct(self, words, limit=3):
        """Up to `limit` folded corrections per word (within two edits, same first letter),
        best first, for "did you mean"."""
        def read(snap):
            corrected = []
            for word in words:
                found = []
                for name in docs.FIELDS:
                    for suggestion in snap.reader.corrector(f"{name}_f").suggest(word, limit=limit, maxdist=2, prefix=1):
                        if suggestion not in found:
                            found.append(suggestion)
                corrected.append(found[:limit])
            return corrected

        return self._reading(read)

    def knows(self, word, prefix=False):
        """Whether any field holds this folded word (`prefix`: or a word starting with it, in
        the fields where prefixes match)."""
        def read(snap):
            if any(snap.postings(f"{name}_f", word) for name in docs.FIELDS):
                return True
            return prefix and any(snap.expansions(f"{name}_f", word) for name in EXPANDED_FIELDS)

        return self._reading(read)

    # -- writing -----------------------------------------------------------------------

    @contextmanager
    def _writer_lock(self, timeout):
        """One writer at a time: a thread lock, then a file lock shared with other processes."""
        deadline = None if timeout is None else time.monotonic() + timeout
        if not self._thread_lock.acquire(timeout=-1 if timeout is None else timeout):
            raise WriterBusy("search index writer busy in this process")
        try:
            self.dir.mkdir(parents=True, exist_ok=True)
            lock = FileLock(str(self.dir / "writer.lock"))
            while not lock.acquire(blocking=False):
                if deadline is not None and time.monotonic() > deadline:
                    raise WriterBusy("search index writer busy in another process")
                time.sleep(0.02)
            try:
                yield
            finally:
                lock.release()
        finally:
            self._thread_lock.release()

    def apply(self, changes):
        """Re-read the changed documents from the database and update them (deleting those no
        longer buyable or approved). Raises WriterBusy."""
        with self._writer_lock(self.write_timeout):
            if not os.path.lexists(self.dir / "current"):
                return  # no index yet: the first search builds it from the database, change included
            try:
                ix = index.open_dir(str(self._current()))
            except Exception as error:  # noqa: BLE001 - unreadable: a rebuild covers the change
                log.warning("search index unreadable (%r): rebuilding it", error)
                self._rebuild_locked()
                return
            # Read inside the lock: the last writer always writes the latest committed rows.
            with self.connect() as connection:
                product_ids, cooperative_ids = docs.affected(connection, changes, categories_in_products=False)
                category_ids = sorted(changes.category_ids)
                found = list(docs.documents(connection, product_ids, cooperative_ids, category_ids))
            keys = ({f"p{i}" for i in product_ids} | {f"c{i}" for i in cooperative_ids} | {f"g{i}" for i in category_ids})
            writer = ix.writer(timeout=self.write_timeout)
            try:
                for document in found:
                    values = _fields(document)
                    writer.update_document(**values)
                    keys.discard(values["key"])
                for key in keys:
                    writer.delete_by_term("key", key)
            except BaseException:
                writer.cancel()
                raise
            writer.commit()

    def rebuild(self, progress=None, only_if_broken=False, timeout=None):
        """Build a fresh index from the database and swap it in."""
        with self._writer_lock(timeout):
            if only_if_broken and self._readable():
                return  # another thread or process rebuilt it meanwhile
            self._rebuild_locked(progress)

    def _readable(self):
        try:
            with index.open_dir(str(self._current())).reader() as reader:
                for leaf, _base in reader.leaf_readers():
                    _Segment(leaf, _FacetKeys())
            return True
        except Exception:  # noqa: BLE001
            return False

    def _rebuild_locked(self, progress=None):
        build = self.dir / f"build-{uuid.uuid4().hex[:12]}"
        build.mkdir(parents=True)
        try:
            ix = index.create_in(str(build), build_schema())
            with self.connect() as connection:
                found = docs.documents(connection, category_ids=None)
                if progress is not None:
                    found = progress(found, sum(docs.counts(connection).values()))
                # A segment per batch: Whoosh's posting pool stays in memory (past its limit it
                # spills to disk and merges, several times slower).
                found = iter(found)
                while batch := list(islice(found, REBUILD_BATCH)):
                    writer = ix.writer(limitmb=self.limitmb)
                    for document in batch:
                        writer.add_document(**_fields(document))
                    writer.commit(merge=False)
        except BaseException:
            shutil.rmtree(build, ignore_errors=True)
            raise
        link = self.dir / f"current.{uuid.uuid4().hex[:8]}"
        os.symlink(build.name, link)
        previous = self._current_or_none()
        os.replace(link, self.dir / "current")
        # Keep the previous build: threads may still be reading it. Older ones go.
        for old in self.dir.glob("build-*"):
            if old not in (build, previous):
                shutil.rmtree(old, ignore_errors=True)

    def _current_or_none(self):
        try:
            return self._current()
        except OSError:
            return None

    def status(self):
        def read(snap):
            counted = Counter(snap.kind)
            return {"product": counted[PRODUCT], "cooperative": counted[COOPERATIVE]}

        return self._reading(read)

    def clear(self):
        """Forget the index (tests): the next search rebuilds it from the database."""
        with self._writer_lock(None):
            self._forget_snapshot()
            for path in list(self.dir.glob("build-*")) + list(self.dir.glob("current*")):
                if path.is_symlink() or path.is_file():
                    path.unlink()
                else:
                    shutil.rmtree(path, ignore_errors=True)


def _sorted(snap, passing, sort, wanted):
    if sort == "stars":
        return heapq.nlargest(wanted, passing, key=snap.order_key.__getitem__)
    if sort == "newest":
        return heapq.nlargest(wanted, passing, key=lambda d: (snap.created[d], snap.ref[d]))
    if sort == "price_asc":
        return heapq.nsmallest(wanted, passing, key=lambda d: (snap.price[d], -snap.ref[d]))
    return heapq.nlargest(wanted, passing, key=lambda d: (snap.price[d], snap.ref[d]))
