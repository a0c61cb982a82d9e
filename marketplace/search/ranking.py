"""How a match ranks, shared by both backends.

A document must match every query word. Each word scores the best of its matches:
    field weight (name 8 > category 4 > cooperative 2 > description 1)
  × kind (exact, diacritics as typed 6 > folded 4 > exact prefix 3 > prefix 2 > one typo 1).
Field comes first between full words (a folded name match beats an exact category match);
within a field, the diacritics the shopper typed win ("dừa" ranks coconut above melon,
*dưa*). A document's score is the sum over words. Scores are few and coarse on purpose:
equally relevant products then order by their valid stars (a mild boost that never
outweighs text relevance), then newer first: a product with a valid badge (3★+) comes before
a 1–2★ one, and both before a product without a rating, within the same score.

"Did you mean" offers a corrected query when nothing matches, or when the matches are *weak*
and a correction finds many more (see `weak` and `much_better`).
"""
import json

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

FIELD_WEIGHTS = {"name": 8, "category": 4, "cooperative": 2, "description": 1}
EXACT, FOLDED, PREFIX_EXACT, PREFIX, FUZZY = 6, 4, 3, 2, 1
# Prefix and typo matching look at these fields only: the description's vocabulary is large
# and a prefix there matches almost anything.
EXPANDED_FIELDS = ("name", "category", "cooperative")
MIN_PREFIX = 2  # a one-letter last word is still being typed
MIN_FUZZY = 5  # one typo is tolerated in words this long or longer
# ...and no longer than this: a longer "word" is junk, and its edits are thousands of look-ups.
MAX_FUZZY = 20
FEW_MATCHES = 5  # fewer matching products than this are weak…
MUCH_MORE = 3  # …and a correction in this many times as many names (at least FEW_MATCHES) is better


def ranked_ids(classes, dialect_name):
    """A FROM clause of (product_id, rank) over lists of ids (rank: the list's position), for
    the catalogue query, in one bound value (any number of ids)."""
    if dialect_name == "postgresql":
        ids = [pid for ids_ in classes for pid in ids_]
        ranks = [rank for rank, ids_ in enumerate(classes) for _ in ids_]
        return sa.func.unnest(
            sa.bindparam("ranked_ids", ids, type_=postgresql.ARRAY(sa.Integer)),
            sa.bindparam("ranked_ranks", ranks, type_=postgresql.ARRAY(sa.Integer)),
        ).table_valued("product_id", "rank").render_derived(name="matches")
    # SQLite: [[ids of class 0], [ids of class 1], …] as one JSON value, unnested twice.
    outer = sa.func.json_each(sa.bindparam("ranked_classes", json.dumps(classes))).table_valued("key", "value").alias("cls")
    inner = sa.func.json_each(outer.c.value).table_valued("value").alias("m")
    return (
        sa.select(inner.c.value.label("product_id"), outer.c.key.label("rank"))
        .select_from(outer)
        .join(inner, sa.true())
        .subquery("matches")
    )


def combine(word_tiers):
    """Score classes of documents matching every word.

    `word_tiers` has, per query word, a list of (score, set of documents) for each way the
    word matched. Returns [(score, set)] best first. Set algebra only: the per-document work
    happens inside C set operations.
    """
    word_tiers = [tiers for tiers in word_tiers]
    if len(word_tiers) > 1:  # keep only documents that match every word, before scoring
        unions = sorted((set().union(*(docs for _score, docs in tiers)) for tiers in word_tiers), key=len)
        candidates = unions[0].intersection(*unions[1:])
        word_tiers = [[(score, docs & candidates) for score, docs in tiers] for tiers in word_tiers]
    groups = None
    for tiers in word_tiers:
        classes, assigned = {}, set()
        for score, docs in sorted(tiers, key=lambda t: -t[0]):
            new = docs - assigned if assigned else docs
            if new:
                classes.setdefault(score, set()).update(new)
                assigned |= new
        if groups is None:
            groups = classes
        else:
            merged = {}
            for group_score, group in groups.items():
                for score, docs in classes.items():
                    both = group & docs
                    if both:
                        merged.setdefault(group_score + score, set()).update(both)
            groups = merged
        if not groups:
            return []
    return sorted((groups or {}).items(), key=lambda item: -item[0])


def weak(matched, loose):
    """Whether `matched` products are weak matches: `loose` when some word is not in the index
    (it matched only as one typo or as the prefix of a longer word), or there are few (none
    is the fewest)."""
    return loose or matched < FEW_MATCHES


def much_better(named, named_now, loose):
    """Whether a corrected query whose words are in `named` product names is worth offering
    over weak matches, whose words are in `named_now` names: over loose matches, when it names
    at least one and no fewer (every word then as the shop spells it); over few, MUCH_MORE
    times as many, and at least FEW_MATCHES (a real product line, not another near miss)."""
    if loose:
        return named >= max(1, named_now)
    return named >= max(FEW_MATCHES, MUCH_MORE * named_now)
