"""The PostgreSQL backend (SEARCH_BACKEND=postgres): one index shared by every app server.

Documents live in `search_documents`: tsvectors built in SQL, `folded` (through the
`search_fold` function: NFC, unaccent, đ → d, lower case) and `exact` (lower case, diacritics
kept), each field under its own weight (name A, category B, cooperative C, description D),
which rank; `expanded` (name, category, cooperative: where prefixes and typos apply) and
`names`, which with `folded` select candidates through GIN indexes without weights (so
without rechecking rows); and the values filters, facets and ordering need (as the Whoosh
backend keeps in columns). `search_words` lists the folded vocabulary, for typo tolerance
(edit-distance variants looked up by key) and "did you mean" (pg_trgm similarity).
Migration 0003 creates all of it on PostgreSQL; `install()` does the same for tests.
Ranking is the one of `ranking.py`, written as SQL; filters and facets are the catalogue's,
over this table's columns.
"""
import string
import time
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import TSVECTOR, insert
from whoosh.support.levenshtein import distance

from marketplace.catalog.services import FacetColumns, aggregate_facets, facet_conditions, grouped_facets_query
from marketplace.search import documents as docs
from marketplace.search.backends import SearchHits
from marketplace.search.ranking import (
    EXACT, EXPANDED_FIELDS, FIELD_WEIGHTS, FOLDED, FUZZY, MAX_FUZZY, MIN_FUZZY, MIN_PREFIX, PREFIX, PREFIX_EXACT,
)

WEIGHTS = {"name": "A", "category": "B", "cooperative": "C", "description": "D"}
WRITER_LOCK = 0x0C0F5EA4C4  # pg_advisory_xact_lock key: one writer at a time
ALPHABET = string.ascii_lowercase + string.digits  # folded Vietnamese is ASCII
STALE_CHECK_SECONDS = 60

# Kept in step with migrations/versions/0003_search_postgres.py (which applies it to real
# databases); tests and `install()` create the same objects on a fresh database.
DDL = (
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    """CREATE OR REPLACE FUNCTION search_fold(text) RETURNS text
       LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
       AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary,
                                          translate(normalize($1, NFC), 'đĐ', 'dD'))) $$""",
    """CREATE TABLE IF NOT EXISTS search_documents (
           kind varchar(12) NOT NULL,
           ref_id integer NOT NULL,
           hint integer NOT NULL DEFAULT 0,
           folded tsvector NOT NULL,
           exact tsvector NOT NULL,
           expanded tsvector NOT NULL,
           names tsvector NOT NULL,
           category_id integer,
           group_code varchar(16),
           cooperative_id integer,
           district varchar(32),
           price bigint NOT NULL DEFAULT 0,
           in_stock boolean NOT NULL DEFAULT false,
           created_at timestamp,
           stars integer,
           stale_from date,
           CONSTRAINT pk_search_documents PRIMARY KEY (kind, ref_id))""",
    "CREATE INDEX IF NOT EXISTS ix_search_documents_folded ON search_documents USING gin (folded)",
    "CREATE INDEX IF NOT EXISTS ix_search_documents_expanded ON search_documents USING gin (expanded)",
    "CREATE INDEX IF NOT EXISTS ix_search_documents_names ON search_documents USING gin (names)",
    "CREATE INDEX IF NOT EXISTS ix_search_documents_stale_from ON search_documents (stale_from)",
    "CREATE INDEX IF NOT EXISTS ix_search_documents_hint ON search_documents (kind, hint DESC, ref_id DESC)",
    'CREATE TABLE IF NOT EXISTS search_words (word text COLLATE "C" NOT NULL CONSTRAINT pk_search_words PRIMARY KEY)',
    # On lower(word), always equal to word: equality lookups then keep the primary key.
    "CREATE INDEX IF NOT EXISTS ix_search_words_trigram ON search_words USING gin (lower(word) gin_trgm_ops)",
)

metadata = sa.MetaData()  # not the app's: Alembic autogenerate must not see these tables
search_documents = sa.Table(
    "search_documents", metadata,
    sa.Column("kind", sa.String(12), primary_key=True),
    sa.Column("ref_id", sa.Integer, primary_key=True),
    sa.Column("hint", sa.Integer, nullable=False),
    sa.Column("folded", TSVECTOR, nullable=False),
    sa.Column("exact", TSVECTOR, nullable=False),
    sa.Column("expanded", TSVECTOR, nullable=False),
    sa.Column("names", TSVECTOR, nullable=False),
    sa.Column("category_id", sa.Integer),
    sa.Column("group_code", sa.String(16)),
    sa.Column("cooperative_id", sa.Integer),
    sa.Column("district", sa.String(32)),
    sa.Column("price", sa.BigInteger, nullable=False),
    sa.Column("in_stock", sa.Boolean, nullable=False),
    sa.Column("created_at", sa.DateTime),
    sa.Column("stars", sa.Integer),
    sa.Column("stale_from", sa.Date),
)
search_words = sa.Table("search_words", metadata, sa.Column("word", sa.Text, primary_key=True))
COLUMNS = FacetColumns(search_documents.c.stars, search_documents.c.group_code, search_documents.c.district,
                       search_documents.c.price, search_documents.c.in_stock)
ATTRIBUTES = ("category_id", "group_code", "cooperative_id", "district", "price", "in_stock", "created_at", "stars")


def install(connection):
    for statement in DDL:
        connection.execute(sa.text(statement))


def _vector(column, folded):
    text = sa.func.search_fold(column) if folded else sa.func.lower(sa.func.normalize(column, sa.literal_column("NFC")))
    return sa.func.to_tsvector(sa.literal_column("'simple'::regconfig"), text)


def _document_vector(source, folded):
    vector = None
    for name in docs.FIELDS:
        weighted = sa.func.setweight(_vector(source.c[name], folded), sa.literal_column(f"'{WEIGHTS[name]}'::\"char\""))
        vector = weighted if vector is None else vector.op("||")(weighted)
    return sa.cast(vector, TSVECTOR)


def _lexeme(word, weights="", prefix=False):
    # Words are letters and digits only (analysis.WORD): nothing to escape in the tsquery.
    label = ("*" if prefix else "") + weights
    return f"'{word}':{label}" if label else f"'{word}'"


def _edits(word):
    """Words one edit (Damerau) away that keep the first letter, as Whoosh's terms_within."""
    head, tail = word[0], word[1:]
    splits = [(tail[:i], tail[i:]) for i in range(len(tail) + 1)]
    found = {head + a + b[1:] for a, b in splits if b}
    found |= {head + a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    found |= {head + a + c + b[1:] for a, b in splits if b for c in ALPHABET}
    found |= {head + a + c + b for a, b in splits for c in ALPHABET}
    found.discard(word)
    return found


@dataclass
class _Plan:
    word_tiers: list  # per word, [(score, field, column, tsquery)] best first
    candidates: object  # SQL condition: documents matching every word
    in_names: object  # SQL condition: every word matches in the name
    terms: set
    prefixes: tuple
    words: list = ()  # the words matched (a one-letter last word being typed is left out)
    plain: bool = False  # no diacritics typed and no typo corrected: name scores fall in two groups
    score: object = None

    def bound(self):
        """The best score a document can reach when some word is not in its name."""
        tops = [tiers[0][0] for tiers in self.word_tiers]
        outside = [max((score for score, field, *_ in tiers if field != "name"), default=0) for tiers in self.word_tiers]
        return max(sum(tops) - top + best for top, best in zip(tops, outside))


class PostgresBackend:
    name = "postgres"

    def __init__(self, engine, write_timeout=2.0):
        self.engine = engine
        self.write_timeout = write_timeout
        self._stale_checked = float("-inf")

    # -- reading -----------------------------------------------------------------------

    def _plan(self, connection, query, fields_):
        """Per word, its tiers [(score, column, tsquery)] best first; the condition selecting
        candidates (unweighted lexemes on GIN-indexed columns: exact answers, no recheck);
        the matched terms and prefixes. None when a word cannot match."""
        words = list(query.words)
        prefixed = len(words[-1].folded) >= MIN_PREFIX
        if not prefixed and len(words) > 1:
            words.pop()  # a one-letter last word is still being typed
        expanded = [name for name in fields_ if name in EXPANDED_FIELDS]
        # Columns holding every field's words, and the fields prefixes and typos look at.
        whole_column = "folded" if "description" in fields_ else "names"
        expanded_column = "names" if expanded == ["name"] else "expanded"
        known = self._known(connection, {w.folded for w in words}, words[-1].folded if prefixed and expanded else None)

        def folded(name, word, prefix=False):
            # Names have a small column of their own: cheaper to test than the weighted whole.
            if name == "name":
                return "names", _lexeme(word, prefix=prefix)
            return "folded", _lexeme(word, WEIGHTS[name], prefix=prefix)

        terms, word_tiers, conditions, in_names = {w.folded for w in words}, [], [], []
        for position, word in enumerate(words):
            last = prefixed and position == len(words) - 1
            tiers, alternatives = [], []
            if word.folded in known:
                alternatives.append((whole_column, _lexeme(word.folded)))
                for name in fields_:
                    tiers.append((FIELD_WEIGHTS[name] * FOLDED, name, *folded(name, word.folded)))
                    if word.marked:
                        tiers.append((FIELD_WEIGHTS[name] * EXACT, name, "exact", _lexeme(word.exact, WEIGHTS[name])))
            if last and expanded and (word.folded, "*") in known:
                alternatives.append((expanded_column, _lexeme(word.folded, prefix=True)))
                for name in expanded:
                    weight = WEIGHTS[name]
                    tiers.append((FIELD_WEIGHTS[name] * PREFIX, name, *folded(name, word.folded, prefix=True)))
                    if word.marked:
                        tiers.append((FIELD_WEIGHTS[name] * PREFIX_EXACT, name, "exact",
                                      _lexeme(word.exact, weight, prefix=True)))
            if not alternatives and MIN_FUZZY <= len(word.folded) <= MAX_FUZZY and expanded:
                near = sorted(connection.scalars(
                    sa.select(search_words.c.word).where(search_words.c.word.in_(_edits(word.folded)))
                ))
                if near:
                    terms.update(near)
                    alternatives.append((expanded_column, _either(near, "")))
                    for name in expanded:
                        tiers.append((FIELD_WEIGHTS[name] * FUZZY, name, "folded", _either(near, WEIGHTS[name])))
            if not alternatives:
                return None
            word_tiers.append(sorted(tiers, key=lambda tier: -tier[0]))
            conditions.append(" OR ".join(_matches(column, text) for column, text in alternatives))
            in_names.append(" OR ".join(_matches("names", text) for _, text in alternatives))
        plain = not any(word.marked for word in words) and terms == {word.folded for word in words}
        return _Plan(word_tiers, _condition(conditions), _condition(in_names), terms,
                     (words[-1].folded,) if prefixed else (), words, plain)

    def _known(self, connection, words, prefix):
        """Which words the index holds; with (prefix, "*") when some word starts with `prefix`.
        One round trip."""
        column = search_words.c.word
        query = sa.select(column, sa.literal("")).where(column.in_(words))
        if prefix:
            query = query.union_all(
                sa.select(sa.literal(prefix), sa.literal("*")).where(
                    sa.exists().where(column.startswith(prefix, autoescape=True))
                )
            )
        return {row[0] if not row[1] else (row[0], "*") for row in connection.execute(query)}

    def _scored(self, connection, query, kind, fields_):
        """The plan with its score expression and candidate condition, or None when nothing matches."""
        plan = self._plan(connection, query, fields_)
        if plan is None:
            return None
        score = " + ".join(
            "(CASE " + " ".join(f"WHEN {_matches(column, text)} THEN {s}" for s, _f, column, text in tiers) + " ELSE 0 END)"
            for tiers in plan.word_tiers
        )
        plan.score = sa.literal_column(f"({score})", sa.Integer)
        plan.candidates = sa.and_(search_documents.c.kind == kind, plan.candidates)
        return plan

    def search(self, query, filters, page, per_page, today, scope):
        """One results page: product ids in order, total, facets (see SearchHits)."""
        table = search_documents
        with self.engine.connect() as connection:
            plan = self._scored(connection, query, "product", docs.FIELDS)
            if plan is None:
                return SearchHits([], 0, aggregate_facets([], []))
            base = sa.select(table.c.ref_id).where(plan.candidates)
            if scope.category_id is not None:
                base = base.where(table.c.category_id == scope.category_id)
            if scope.cooperative_id is not None:
                base = base.where(table.c.cooperative_id == scope.cooperative_id)
            conditions = facet_conditions(filters, COLUMNS)
            rows = connection.execute(grouped_facets_query(base, filters, COLUMNS)).all()
            facets = aggregate_facets(rows, list(conditions))
            hits = SearchHits([], facets.total, facets, frozenset(plan.terms), plan.prefixes, sum(r[-1] for r in rows),
                              stale=self._stale(connection, today))
            passing = base.where(*conditions.values())
            if filters.sort == "name":  # the database orders names: all ids go there
                hits.ids, hits.ordered = connection.scalars(passing).all(), False
                return hits
            by_stars = [table.c.stars.desc().nulls_last(), table.c.created_at.desc()]
            order = {
                "relevance": [plan.score.desc(), *by_stars],
                "stars": by_stars,
                "newest": [table.c.created_at.desc()],
                "price_asc": [table.c.price.asc()],
                "price_desc": [table.c.price.desc()],
            }[filters.sort]
            ordered = passing.order_by(*order, table.c.ref_id.desc())
            wanted = page * per_page
            if filters.sort == "relevance":
                # Scoring every match is the costly part: first score only those with every word
                # in the name. When the last of them that the page needs outscores anything a
                # match outside the names could reach, they are the page.
                found = connection.execute(
                    ordered.where(plan.in_names).add_columns(plan.score.label("score")).limit(wanted)
                ).all()
                if len(found) == wanted and found[-1].score > plan.bound():
                    hits.ids = [row.ref_id for row in found[(page - 1) * per_page:]]
                    return hits
            hits.ids = connection.scalars(ordered.limit(per_page).offset((page - 1) * per_page)).all()
        return hits

    def _stale(self, connection, today):
        """Products whose stars may have changed with the calendar; asked once a minute."""
        now = time.monotonic()
        if now - self._stale_checked < STALE_CHECK_SECONDS:
            return []
        self._stale_checked = now
        table = search_documents
        return connection.scalars(
            sa.select(table.c.ref_id).where(table.c.kind == "product", table.c.stale_from <= today).limit(500)
        ).all()

    def _top(self, query, kind, fields_, limit):
        table = search_documents
        with self.engine.connect() as connection:
            plan = self._scored(connection, query, kind, fields_)
            if plan is None:
                return []
            return connection.scalars(
                sa.select(table.c.ref_id).where(plan.candidates)
                .order_by(plan.score.desc(), table.c.hint.desc(), table.c.ref_id.desc()).limit(limit)
            ).all()

    def suggest_products(self, query, limit):
        """Ids of the products whose names best match, best first (stars then shorter names
        order equally good matches)."""
        with self.engine.connect() as connection:
            plan = self._plan(connection, query, ("name",))
            if plan is None:
                return []
            if not plan.plain:
                return self._top(query, "product", ("name",), limit)
            # Without diacritics or typos every name scores one of two values: all words whole,
            # or the last one only as a prefix. Each group is then ordered by the hint alone,
            # which an index walks: a two-letter prefix need not score thousands of names.
            *first, last = plan.words
            table = search_documents
            whole = [_matches("names", _lexeme(word.folded)) for word in first]
            groups = [whole + [_matches("names", _lexeme(last.folded))]]
            if plan.prefixes:
                groups.append(whole + [_matches("names", _lexeme(last.folded, prefix=True)),
                                       "NOT " + _matches("names", _lexeme(last.folded))])
            found = []
            for conditions in groups:
                found += connection.scalars(
                    sa.select(table.c.ref_id).where(table.c.kind == "product", _condition(conditions))
                    .order_by(table.c.hint.desc(), table.c.ref_id.desc()).limit(limit - len(found))
                ).all()
                if len(found) == limit:
                    break
            return found

    def match_cooperatives(self, query, limit):
        return self._top(query, "cooperative", ("name", "cooperative", "description"), limit)

    def correct(self, words, limit=3):
        """Up to `limit` folded corrections per word for "did you mean", the words most
        documents hold first (as Whoosh's corrector): words one edit away (Damerau, same first
        letter), and words within two edits among the most similar by trigrams."""
        corrected = []
        column = search_words.c.word
        with self.engine.connect() as connection:
            for word in words:
                found = set(connection.scalars(sa.select(column).where(column.in_(_edits(word)))))
                near = connection.scalars(
                    sa.select(column)
                    .where(sa.func.lower(column).op("%")(word), column.startswith(word[0], autoescape=True))
                    .order_by(sa.func.similarity(column, word).desc(), column).limit(20)
                ).all()
                found.update(c for c in near if c != word and distance(c, word) <= 2)
                counts = connection.execute(_DOCUMENT_COUNTS, {"words": sorted(found)}).all() if found else []
                ranked = sorted(counts, key=lambda row: (-row.documents, distance(row.word, word), row.word))
                corrected.append([row.word for row in ranked[:limit]])
        return corrected

    def knows(self, word, prefix=False):
        """Whether the index holds this folded word (`prefix`: or a word starting with it)."""
        with self.engine.connect() as connection:
            return bool(self._known(connection, {word}, word if prefix else None))

    # -- writing -----------------------------------------------------------------------

    def _lock(self, connection, timeout):
        """One writer at a time (advisory lock held until the transaction ends); statements
        after it see every commit made before it was granted."""
        milliseconds = 0 if timeout is None else max(1, int(timeout * 1000))
        connection.execute(sa.text(f"SET LOCAL lock_timeout = {milliseconds}"))
        connection.execute(sa.select(sa.func.pg_advisory_xact_lock(WRITER_LOCK)))

    def _write(self, connection, product_ids=None, cooperative_ids=None):
        """Insert the documents (all when ids are None) and their words."""
        for ids, rows in ((product_ids, docs.product_rows), (cooperative_ids, docs.cooperative_rows)):
            if ids is not None and not ids:
                continue
            source = rows(ids).subquery("source")
            products = rows is docs.product_rows
            attributes = [source.c[name] for name in ATTRIBUTES] if products else []
            if products:
                attributes.append(sa.func.least(source.c.next_issue, source.c.next_expiry + sa.literal_column("1")))
            connection.execute(search_documents.insert().from_select(
                ["kind", "ref_id", "hint", "folded", "exact", "expanded", "names",
                 *(ATTRIBUTES + ("stale_from",) if products else ())],
                sa.select(source.c.kind, source.c.id, source.c.hint,
                          _document_vector(source, folded=True), _document_vector(source, folded=False),
                          _vector(source.c.name + " " + source.c.category + " " + source.c.cooperative, folded=True),
                          _vector(source.c.name, folded=True), *attributes),
            ))
            written = search_documents.c.kind == ("product" if products else "cooperative")
            if ids is not None:
                written = sa.and_(written, search_documents.c.ref_id.in_(ids))
            words = sa.select(sa.func.unnest(sa.func.tsvector_to_array(search_documents.c.folded))).where(written)
            connection.execute(insert(search_words).from_select(["word"], words.distinct()).on_conflict_do_nothing())

    def apply(self, changes):
        with self.engine.begin() as connection:
            self._lock(connection, self.write_timeout)
            product_ids, cooperative_ids = docs.affected(connection, changes)
            table = search_documents
            connection.execute(table.delete().where(sa.or_(
                sa.and_(table.c.kind == "product", table.c.ref_id.in_(product_ids)),
                sa.and_(table.c.kind == "cooperative", table.c.ref_id.in_(cooperative_ids)),
            )))
            self._write(connection, product_ids, cooperative_ids)

    def rebuild(self, progress=None, only_if_broken=False, timeout=None, chunk=2000):
        """Refill the tables in one transaction: searches see the old documents until it commits."""
        with self.engine.begin() as connection:
            self._lock(connection, timeout)
            connection.execute(search_documents.delete())
            connection.execute(search_words.delete())
            source = docs.product_rows().subquery()
            ids = connection.scalars(sa.select(source.c.id)).all()
            chunks = [ids[start:start + chunk] for start in range(0, len(ids), chunk)]
            steps = [(part, []) for part in chunks] + [([], None)]  # then every cooperative
            for product_ids, cooperative_ids in (progress(steps, len(steps)) if progress else steps):
                self._write(connection, product_ids, cooperative_ids)
        # Fold the GIN indexes' pending entries in and refresh the planner's statistics.
        with self.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            for table in (search_documents, search_words):
                connection.execute(sa.text(f"VACUUM ANALYZE {table.name}"))

    def status(self):
        with self.engine.connect() as connection:
            rows = connection.execute(
                sa.select(search_documents.c.kind, sa.func.count()).group_by(search_documents.c.kind)
            ).all()
        found = dict(rows)
        return {kind: found.get(kind, 0) for kind in docs.KINDS}

    def clear(self):
        with self.engine.begin() as connection:
            connection.execute(search_documents.delete())
            connection.execute(search_words.delete())


# Queries are written as SQL text: their shape changes with every query, and compiling
# SQLAlchemy expression trees of CASE after CASE cost more than running them. The only values
# inside are tsquery texts made of analysis.WORD words (letters and digits), quoted anyway.


_DOCUMENT_COUNTS = sa.text(
    "SELECT w AS word, (SELECT count(*) FROM search_documents d WHERE d.folded @@ plainto_tsquery('simple', w))"
    " AS documents FROM unnest(CAST(:words AS text[])) AS w"
)


def _matches(column, tsquery):
    assert column in ("folded", "exact", "expanded", "names")
    return f"{column} @@ '{tsquery.replace(chr(39), chr(39) * 2)}'::tsquery"


def _condition(parts):
    return sa.literal_column(" AND ".join(f"({part})" for part in parts), sa.Boolean)


def _either(parts, weights=None):
    if weights is not None:
        parts = [_lexeme(part, weights) for part in parts]
    return "(" + " | ".join(parts) + ")"


def include_object(obj, name, type_, reflected, compare_to):
    """Alembic autogenerate filter: the search tables live outside the models (created by
    migration 0003), so comparing the models with a PostgreSQL database must skip them."""
    table = obj if type_ == "table" else getattr(obj, "table", None)
    return not (reflected and compare_to is None and table is not None and table.name in metadata.tables)
