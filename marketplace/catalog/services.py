"""Catalogue queries shared by the storefront, the API and search.

A listing is one SQL query for the page of rows (product, category, cooperative and the
certificate to display, joined), one GROUP BY for the total and the facet counts, and one
for the photos, whatever the page size. Search hands in its ranked matches as a FROM clause
of (product_id, rank); the filters and facets apply on top of it.
"""
import functools
from dataclasses import dataclass, field, replace

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import contains_eager, selectinload

from marketplace import cache, clock
from marketplace.catalog.models import (
    CERTIFIED_MIN_STARS,
    OcopCategory,
    OcopCertificate,
    Product,
    ProductStatus,
    ReviewStatus,
)
from marketplace.catalog.ocop_categories import CATEGORIES_148_2023, DECISION_148_2023
from marketplace.catalog.shown import shows_certificate
from marketplace.core import pagecache
from marketplace.extensions import db
from marketplace.pagination import Page
from marketplace.producers.constants import LEGACY_DISTRICTS
from marketplace.producers.models import ApprovalStatus, Cooperative

RATINGS = ("certified", "all", "potential")
SORTS = {
    "relevance": _l("Relevance"),  # only with a search query; the default then
    "stars": _l("Most stars"),
    "newest": _l("Newest"),
    "price_asc": _l("Price: low to high"),
    "price_desc": _l("Price: high to low"),
    "name": _l("Name A–Z"),
}
MAX_PER_PAGE = 100


@dataclass(frozen=True)
class ProductFilters:
    """What a shopper filters the catalogue by; every field optional, defaults as the shop opens."""

    q: str = ""
    group: str = ""
    subgroup: str = ""
    stars_min: int | None = None
    district: str = ""
    cooperative: str = ""
    price_min: int | None = None
    price_max: int | None = None
    in_stock: bool = False
    rating: str = "certified"  # certified (badge only) | all | potential (1–2★ only)
    sort: str = "stars"

    def to_args(self, **changes):
        """The filters as URL query arguments (defaults left out), for links that keep them."""
        merged = replace(self, **changes) if changes else self
        args = {}
        for name, default in replace(starting_filters(merged.q), q="").__dict__.items():
            value = getattr(merged, name)
            if value != default and value not in (None, ""):
                args[name] = int(value) if isinstance(value, bool) else value
        return args


DEFAULTS = ProductFilters()
# Words typed are searched in every published product, best match first (certified first among
# equally good matches): a shopper who types a name must find it, badge or not. The plain
# catalogue (no words) opens on certified products, most stars first.
TEXT_SEARCH_DEFAULTS = ProductFilters(rating="all", sort="relevance")


def starting_filters(q=""):
    """The filters a shopper starts from, with or without words."""
    return replace(TEXT_SEARCH_DEFAULTS, q=q) if q else DEFAULTS


def _parse_int(args, name, errors, low=None, high=None):
    raw = (args.get(name) or "").strip()
    if not raw:
        return None
    try:
        value = int(raw)
    except ValueError:
        errors[name] = _l("must be a whole number")
        return None
    if (low is not None and value < low) or (high is not None and value > high):
        errors[name] = _l("must be between %(low)s and %(high)s", low=low, high=high if high is not None else "∞")
        return None
    return value


def parse_filters(args):
    """Read filters from query arguments. Returns (filters, errors); bad values are dropped."""
    errors = {}
    known_codes = {code for code, *_ in CATEGORIES_148_2023}
    group = (args.get("group") or "").strip()
    if group and (group not in known_codes or "." in group):
        errors["group"] = _l("unknown OCOP group")
        group = ""
    subgroup = (args.get("subgroup") or "").strip()
    if subgroup and (subgroup not in known_codes or "." not in subgroup):
        errors["subgroup"] = _l("unknown OCOP sub-group")
        subgroup = ""
    district = (args.get("district") or "").strip()
    if district and district not in LEGACY_DISTRICTS:
        errors["district"] = _l("unknown district")
        district = ""
    q = (args.get("q") or "").strip()[:200]
    start = starting_filters(q)
    rating = (args.get("rating") or start.rating).strip()
    if rating not in RATINGS:
        errors["rating"] = _l("must be one of: %(values)s", values=", ".join(RATINGS))
        rating = start.rating
    certified = (args.get("certified") or "").strip().lower()
    if certified in {"true", "1", "yes"}:
        rating = "certified"
    elif certified in {"false", "0", "no"}:
        rating = "all"
    elif certified:
        errors["certified"] = _l("must be true or false")
    sort = (args.get("sort") or start.sort).strip()
    if sort not in SORTS:
        errors["sort"] = _l("must be one of: %(values)s", values=", ".join(SORTS))
        sort = start.sort
    elif sort == "relevance" and not q:
        sort = "stars"  # nothing to be relevant to
    in_stock = (args.get("in_stock") or "").strip().lower() in {"1", "true", "yes", "on"}
    filters = ProductFilters(
        q=q,
        group=group,
        subgroup=subgroup,
        stars_min=_parse_int(args, "stars_min", errors, 1, 5),
        district=district,
        cooperative=(args.get("cooperative") or "").strip()[:120],
        price_min=_parse_int(args, "price_min", errors, 0, 10**12),
        price_max=_parse_int(args, "price_max", errors, 0, 10**12),
        in_stock=in_stock,
        rating=rating,
        sort=sort,
    )
    return filters, errors


def parse_page(args, errors, default_per_page):
    page = _parse_int(args, "page", errors, 1, 10**6) or 1
    per_page = _parse_int(args, "per_page", errors, 1, MAX_PER_PAGE) or default_per_page
    return page, per_page


@dataclass(frozen=True)
class CertificateStanding:
    """A product's OCOP certificate as it stands on a day, by the badge rule (catalog.shown): "valid"
    (the badge), "potential" (an approved 1–2★ rating), "expired" (approved 3★+ ones exist,
    none valid that day) or "none". `certificate` is the one shown (for "expired": the latest)."""

    state: str
    certificate: OcopCertificate | None = None


def certificate_standing(product_id, today=None):
    """What a trace page says of a product's certificate today (2 queries at most)."""
    today = today or clock.today()
    shown = db.session.scalar(
        sa.select(OcopCertificate)
        .join(Product, shows_certificate(today))
        .where(Product.id == product_id)
    )
    if shown is not None:
        return CertificateStanding("valid" if shown.stars >= CERTIFIED_MIN_STARS else "potential", shown)
    lapsed = db.session.scalar(
        sa.select(OcopCertificate)
        .where(OcopCertificate.product_id == product_id, OcopCertificate.stars >= CERTIFIED_MIN_STARS,
               OcopCertificate.review_status.in_((ReviewStatus.APPROVED, ReviewStatus.SUPERSEDED)),
               OcopCertificate.issued_on <= today)
        .order_by(OcopCertificate.expires_on.desc(), OcopCertificate.id.desc())
        .limit(1)
    )
    return CertificateStanding("expired", lapsed) if lapsed is not None else CertificateStanding("none")


def published_products(cooperative_id, limit=None):
    """The cooperative's published products, by Vietnamese name."""
    return db.session.scalars(
        sa.select(Product)
        .where(Product.cooperative_id == cooperative_id, Product.status == ProductStatus.PUBLISHED)
        .order_by(Product.name_vi)
        .limit(limit)
    ).all()


def buyable_products():
    """Published products of approved cooperatives: what the storefront and API may show."""
    return (
        sa.select(Product)
        .join(Product.cooperative)
        .where(Product.status == ProductStatus.PUBLISHED, Cooperative.status == ApprovalStatus.APPROVED)
    )


def is_ranked(product_ids):
    """Search results: a FROM clause of (product_id, rank), lower rank first."""
    return isinstance(product_ids, sa.sql.FromClause)


def _matching(filters, today, product_ids=None):
    """Buyable products within `product_ids` (a list, or search's ranked matches) and the
    filters that facets never count against (sub-group, cooperative)."""
    query = (
        buyable_products()
        .join(Product.category)
        .outerjoin(OcopCertificate, shows_certificate(today))
    )
    if is_ranked(product_ids):
        query = query.join(product_ids, product_ids.c.product_id == Product.id)
    elif product_ids is not None:
        query = query.where(Product.id.in_(product_ids))
    if filters.subgroup:
        query = query.where(OcopCategory.code == filters.subgroup)
    if filters.cooperative:
        query = query.where(Cooperative.slug == filters.cooperative)
    return query


@dataclass(frozen=True)
class FacetColumns:
    """Where a query finds the five faceted values; the search table has its own copies."""

    stars: object  # stars of the displayed certificate, NULL when none
    group: object
    district: object
    price: object
    in_stock: object  # a boolean expression


def catalogue_columns():
    return FacetColumns(OcopCertificate.stars, OcopCategory.group_code, Cooperative.legacy_district,
                        Product.price_vnd, Product.stock > 0)


def _stars_condition(filters, stars):
    if filters.rating == "certified" or filters.stars_min:
        condition = stars >= 3
    elif filters.rating == "potential":
        condition = stars < 3
    else:
        return None
    return sa.and_(condition, stars >= filters.stars_min) if filters.stars_min else condition


def _price_condition(filters, price):
    parts = []
    if filters.price_min is not None:
        parts.append(price >= filters.price_min)
    if filters.price_max is not None:
        parts.append(price <= filters.price_max)
    return sa.and_(*parts) if parts else None


def facet_conditions(filters, columns=None):
    """Facet name -> the SQL condition of its filter (absent when the filter is unset)."""
    columns = columns or catalogue_columns()
    conditions = {
        "stars": _stars_condition(filters, columns.stars),
        "group": columns.group == filters.group if filters.group else None,
        "district": columns.district == filters.district if filters.district else None,
        "price": _price_condition(filters, columns.price),
        "in_stock": columns.in_stock if filters.in_stock else None,
    }
    return {name: condition for name, condition in conditions.items() if condition is not None}


def facet_checks(filters):
    """The same filters as Python predicates over one product's values (search's index keeps
    these values): facet name -> check(stars, group, district, price, in_stock)."""
    checks = {}
    if filters.rating == "certified" or filters.stars_min:
        low = max(3, filters.stars_min or 3)
        checks["stars"] = lambda stars, *_: stars is not None and stars >= low
    elif filters.rating == "potential":
        checks["stars"] = lambda stars, *_: stars is not None and stars < 3
    if filters.group:
        checks["group"] = lambda _s, group, *_: group == filters.group
    if filters.district:
        checks["district"] = lambda _s, _g, district, *_: district == filters.district
    if filters.price_min is not None or filters.price_max is not None:
        low = filters.price_min if filters.price_min is not None else 0
        high = filters.price_max if filters.price_max is not None else float("inf")
        checks["price"] = lambda _s, _g, _d, price, _i: low <= price <= high
    if filters.in_stock:
        checks["in_stock"] = lambda *values: bool(values[4])
    return checks


def _filtered(filters, today, product_ids=None):
    return _matching(filters, today, product_ids).where(*facet_conditions(filters).values())


def _ordered(query, sort, product_ids=None):
    # Stored stars (catalog/shown.py): an index gives the first page without sorting them all.
    by_stars = [Product.shown_stars.desc(), Product.created_at.desc()]
    order = {
        # A valid higher star rating only breaks ties between equally relevant products.
        "relevance": ([product_ids.c.rank.asc()] if is_ranked(product_ids) else []) + by_stars,
        "stars": by_stars,
        "newest": [Product.created_at.desc()],
        "price_asc": [Product.price_vnd.asc()],
        "price_desc": [Product.price_vnd.desc()],
        "name": [Product.name_vi.asc()],
    }[sort]
    return query.order_by(*order, Product.id.desc())


@dataclass
class ProductCard:
    """A product with the certificate it displays (badge when stars >= 3, potential label below)."""

    product: Product
    certificate: OcopCertificate | None

    @property
    def product_id(self):
        return self.product.id

    @property
    def card(self):
        """Itself: a ListedCard's full card (None when gone) is this."""
        return self

    @property
    def cache_parts(self):
        """What the key of its cached HTML names (catalog.fragments): never stale on a card."""
        return (self.product.id, self.product.price_vnd, int(self.product.stock > 0),
                self.certificate.id if self.certificate else 0)

    @property
    def has_badge(self):
        return self.certificate is not None and self.certificate.stars >= 3

    @property
    def is_potential(self):
        return self.certificate is not None and self.certificate.stars < 3


class _PageCards:
    """The full cards of one listed page, loaded once, when a card is first rendered afresh."""

    def __init__(self, product_ids, today):
        self.product_ids, self.today, self.cards = product_ids, today, None

    def get(self, product_id):
        if self.cards is None:
            self.cards = {card.product.id: card for card in product_cards(self.product_ids, self.today)}
        return self.cards.get(product_id)


class ListedCard:
    """A card of a listing known by what its cached HTML is keyed on. Its product and
    certificate (with cooperative, category and photos) are loaded only if something asks for
    them — a card not in the shared cache — for the whole page at once; otherwise a page of
    cached cards costs one light query."""

    __slots__ = ("product_id", "cache_parts", "_page")

    def __init__(self, row, page):
        self.product_id, self.cache_parts, self._page = row[0], tuple(row), page

    @property
    def card(self):
        """The full ProductCard, or None if the product stopped being buyable meanwhile."""
        return self._page.get(self.product_id)

    def __getattr__(self, name):  # product, certificate, has_badge, is_potential
        return getattr(self._page.get(self.product_id), name)


# Price ranges shown as facets: (low, high) in đồng, high exclusive; None is open-ended.
PRICE_RANGES = ((None, 50_000), (50_000, 100_000), (100_000, 200_000), (200_000, 500_000), (500_000, None))


@dataclass
class Facets:
    """How many products each facet value would show, the other filters applied (a facet's
    own filter is left out, so that its other values stay reachable)."""

    total: int = 0
    stars: dict = field(default_factory=dict)  # 1..5 -> count (displayed certificate)
    unrated: int = 0
    groups: dict = field(default_factory=dict)  # group code -> count
    districts: dict = field(default_factory=dict)  # legacy district code -> count
    prices: list = field(default_factory=lambda: [0] * len(PRICE_RANGES))  # per PRICE_RANGES
    in_stock: int = 0

    def to_json(self):
        return {**self.__dict__, "stars": list(self.stars.items())}  # JSON keys are strings

    @classmethod
    def from_json(cls, value):
        return cls(**{**value, "stars": dict(value["stars"])})

    def rating(self, rating):
        """Count for a `rating` filter value: certified (3★+), potential (1–2★) or all."""
        if rating == "certified":
            return sum(n for stars, n in self.stars.items() if stars >= 3)
        if rating == "potential":
            return sum(n for stars, n in self.stars.items() if stars < 3)
        return sum(self.stars.values()) + self.unrated

    def at_least(self, stars_min):
        return sum(n for stars, n in self.stars.items() if stars >= stars_min)

    def price_range(self, index):
        low, high = PRICE_RANGES[index]
        return {"price_min": low, "price_max": high - 1 if high else None}


def price_bucket(price):
    """Index into PRICE_RANGES of a price."""
    for index, (_low, high) in enumerate(PRICE_RANGES):
        if high is None or price < high:
            return index
    return len(PRICE_RANGES) - 1


def price_bucket_sql(price):
    return sa.case(
        *[(price < high, index) for index, (_, high) in enumerate(PRICE_RANGES) if high],
        else_=len(PRICE_RANGES) - 1,
    )


def grouped_facets_query(query, filters, columns):
    """`query` (a SELECT of the matching products, facet filters not applied) turned into one
    GROUP BY over the facet values and whether each set filter passes, with a count."""
    passes = [sa.case((condition, 1), else_=0).label(f"ok_{name}")
              for name, condition in facet_conditions(filters, columns).items()]
    values = [columns.stars, columns.group, columns.district, price_bucket_sql(columns.price).label("price_bucket"),
              sa.case((columns.in_stock, 1), else_=0).label("in_stock"), *passes]
    return query.with_only_columns(*values, sa.func.count()).group_by(*values)


def aggregate_facets(rows, names):
    """Facets from grouped rows (stars, group, district, price bucket, in stock, one pass flag
    per filter named in `names`, count): a row counts for a facet when every *other* set
    filter passes, and toward the total when all do."""
    facets = Facets()
    for stars, group, district, bucket, in_stock, *flags_and_count in rows:
        *flags, count = flags_and_count
        failing = {name for name, ok in zip(names, flags) if not ok} if not all(flags) else ()
        if len(failing) > 1:
            continue  # counts in no facet: two filters exclude it
        if not failing:
            facets.total += count
            failing = set()
        if failing <= {"stars"}:
            if stars is None:
                facets.unrated += count
            else:
                facets.stars[stars] = facets.stars.get(stars, 0) + count
        if failing <= {"group"}:
            facets.groups[group] = facets.groups.get(group, 0) + count
        if failing <= {"district"} and district:
            facets.districts[district] = facets.districts.get(district, 0) + count
        if failing <= {"price"}:
            facets.prices[bucket] += count
        if failing <= {"in_stock"} and in_stock:
            facets.in_stock += count
    return facets


def facet_counts(filters=DEFAULTS, product_ids=None, today=None):
    """The total and every facet's counts, in ONE query (see grouped_facets_query). Those of
    the whole catalogue (no `product_ids`) are shared by every shopper asking for the same
    filters, until the catalogue changes."""
    today = today or clock.today()

    def count():
        query = grouped_facets_query(_matching(filters, today, product_ids), filters, catalogue_columns())
        return aggregate_facets(db.session.execute(query).all(), list(facet_conditions(filters)))

    if product_ids is not None:
        return count()
    counted = replace(filters, sort=DEFAULTS.sort)  # the order changes no count
    key = f"facets:{pagecache.generation()}:{today}:{sorted(counted.to_args().items())}"
    return Facets.from_json(cache.remember_json(key, lambda: count().to_json()))


@dataclass
class ProductPage(Page):
    facets: Facets | None = None


def list_products(filters=DEFAULTS, page=1, per_page=24, product_ids=None, today=None, with_facets=False):
    """A page of product cards matching `filters` (and, for search, within `product_ids`: a
    list of ids, or ranked matches ordered by relevance). `with_facets` adds the facet counts,
    from the query that also gives the total."""
    today = today or clock.today()
    base = _filtered(filters, today, product_ids)
    if with_facets:
        facets = facet_counts(filters, product_ids, today)
        total = facets.total
    else:
        facets = None
        total = db.session.scalar(sa.select(sa.func.count()).select_from(base.with_only_columns(Product.id).subquery()))
    items = _cards(base, filters.sort, product_ids, per_page, (page - 1) * per_page, today)
    return ProductPage(items=items, page=page, per_page=per_page, total=total, facets=facets)


def _cards(base, sort, product_ids, limit, offset, today):
    rows = db.session.execute(
        _ordered(base, sort, product_ids)
        .with_only_columns(Product.id, Product.price_vnd, sa.case((Product.stock > 0, 1), else_=0),
                           sa.func.coalesce(OcopCertificate.id, 0))
        .limit(limit)
        .offset(offset)
    ).all()
    page = _PageCards([row[0] for row in rows], today)
    return [ListedCard(row, page) for row in rows]


def first_cards(filters=DEFAULTS, limit=24, today=None):
    """The first `limit` cards matching `filters`, without counting them all (home, related
    products, a cooperative's page)."""
    today = today or clock.today()
    return _cards(_filtered(filters, today), filters.sort, None, limit, 0, today)


@functools.cache
def _cards_by_id():
    """Built once (statement construction costs more than running it for 24 rows)."""
    return (
        buyable_products()
        .join(Product.category)
        .outerjoin(OcopCertificate, shows_certificate(sa.bindparam("today")))
        .where(Product.id.in_(sa.bindparam("ids", expanding=True)))
        .add_columns(OcopCertificate)
        .options(contains_eager(Product.cooperative), contains_eager(Product.category), selectinload(Product.images))
    )


def product_cards(product_ids, today=None):
    """Cards for these products in this order, keeping those still buyable: search picks,
    filters and orders a page from its index; the database says what may be shown."""
    if not product_ids:
        return []
    rows = db.session.execute(_cards_by_id(), {"ids": list(product_ids), "today": today or clock.today()}).all()
    position = {pid: index for index, pid in enumerate(product_ids)}
    return sorted((ProductCard(product, certificate) for product, certificate in rows),
                  key=lambda card: position[card.product.id])


@functools.cache
def _card_by_slug():
    """Built once (building the statement costs more than running it)."""
    return (
        buyable_products()
        .join(Product.category)
        .outerjoin(OcopCertificate, shows_certificate(sa.bindparam("today")))
        .where(Product.slug == sa.bindparam("slug"))
        .add_columns(OcopCertificate)
        .options(
            contains_eager(Product.cooperative),
            contains_eager(Product.category),
            selectinload(Product.images),
            selectinload(Product.certificates),
        )
    )


def get_product_card(slug, today=None):
    """The buyable product with this slug and its displayed certificate, or None."""
    row = db.session.execute(_card_by_slug(), {"slug": slug, "today": today or clock.today()}).first()
    return ProductCard(*row) if row else None


def related_products(card, limit=4, today=None):
    """Other badged-or-not products of the same sub-group, then of the same cooperative."""
    product = card.product
    filters = ProductFilters(rating="all", subgroup=product.category.code)
    items = [c for c in first_cards(filters, limit + 1, today) if c.product_id != product.id]
    if len(items) < limit:
        more = first_cards(ProductFilters(rating="all", cooperative=product.cooperative.slug), limit + 1, today)
        seen = {c.product_id for c in items} | {product.id}
        items += [c for c in more if c.product_id not in seen]
    return items[:limit]


def published_product_counts():
    """Cooperative id -> how many published products it has."""
    rows = db.session.execute(
        sa.select(Product.cooperative_id, sa.func.count())
        .where(Product.status == ProductStatus.PUBLISHED)
        .group_by(Product.cooperative_id)
    )
    return dict(rows.all())


def cooperative_products(cooperative, today=None):
    """The cards on a cooperative's public page: every buyable product of it, certified or not."""
    filters = ProductFilters(rating="all", cooperative=cooperative.slug)
    return first_cards(filters, MAX_PER_PAGE, today)


@dataclass(frozen=True)
class CategoryEntry:
    """An OCOP group or sub-group as the storefront shows it (a plain value, shareable)."""

    code: str
    name_vi: str
    name_en: str
    children: tuple = ()

    name = OcopCategory.name


def category_groups():
    """`categories_tree()` as plain values for storefront pages, shared until the catalogue
    changes."""
    def build():
        return [[group.code, group.name_vi, group.name_en,
                 [[sub.code, sub.name_vi, sub.name_en] for sub in group.children]]
                for group in categories_tree()]

    rows = cache.remember_json(f"categories:{pagecache.generation()}", build)
    return [CategoryEntry(code, vi, en, tuple(CategoryEntry(*sub) for sub in subs)) for code, vi, en, subs in rows]


def categories_tree():
    """The OCOP groups with their sub-groups, in decision order."""
    return db.session.scalars(
        sa.select(OcopCategory)
        .where(OcopCategory.parent_id.is_(None))
        .options(selectinload(OcopCategory.children))
        .order_by(OcopCategory.position)
    ).all()


def load_categories():
    """Insert the OCOP classification rows that are missing (idempotent)."""
    existing = set(db.session.scalars(sa.select(OcopCategory.code)))
    by_code = {c.code: c for c in db.session.scalars(sa.select(OcopCategory))}
    for position, (code, parent_code, name_vi, name_en) in enumerate(CATEGORIES_148_2023):
        if code in existing:
            continue
        category = OcopCategory(
            code=code,
            group_code=code.split(".")[0],
            parent=by_code.get(parent_code),
            name_vi=name_vi,
            name_en=name_en,
            decision=DECISION_148_2023,
            position=position,
        )
        db.session.add(category)
        by_code[code] = category
    db.session.flush()
