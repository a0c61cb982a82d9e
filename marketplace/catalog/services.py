"""Catalogue queries shared by the storefront, the API and (later) search.

A listing is one SQL query for the page of rows (product, category, cooperative and the
certificate to display, joined) plus one for the total and one for the photos, whatever
the page size.
"""
from dataclasses import dataclass, field, replace

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import contains_eager, selectinload

from marketplace import clock
from marketplace.catalog.models import (
    OcopCategory,
    OcopCertificate,
    Product,
    ProductStatus,
)
from marketplace.catalog.ocop_categories import CATEGORIES_148_2023, DECISION_148_2023
from marketplace.extensions import db
from marketplace.producers.constants import LEGACY_DISTRICTS
from marketplace.producers.models import ApprovalStatus, Cooperative

RATINGS = ("certified", "all", "potential")
SORTS = {
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
        for name, default in DEFAULTS.__dict__.items():
            value = getattr(merged, name)
            if value != default and value not in (None, ""):
                args[name] = int(value) if isinstance(value, bool) else value
        return args


DEFAULTS = ProductFilters()


@dataclass
class FilterErrors:
    """Parameter name -> message, for the API's 400 answers; pages ignore bad values."""

    errors: dict = field(default_factory=dict)


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
    rating = (args.get("rating") or "certified").strip()
    if rating not in RATINGS:
        errors["rating"] = _l("must be one of: %(values)s", values=", ".join(RATINGS))
        rating = "certified"
    certified = (args.get("certified") or "").strip().lower()
    if certified in {"true", "1", "yes"}:
        rating = "certified"
    elif certified in {"false", "0", "no"}:
        rating = "all"
    elif certified:
        errors["certified"] = _l("must be true or false")
    sort = (args.get("sort") or "stars").strip()
    if sort not in SORTS:
        errors["sort"] = _l("must be one of: %(values)s", values=", ".join(SORTS))
        sort = "stars"
    in_stock = (args.get("in_stock") or "").strip().lower() in {"1", "true", "yes", "on"}
    filters = ProductFilters(
        q=(args.get("q") or "").strip()[:200],
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


def display_certificate_id(today):
    """Correlated subquery: the certificate a product shows — its best valid badge, else an
    approved 1–2★ (potential) rating; none when only expired, pending or rejected ones exist."""
    cert = sa.orm.aliased(OcopCertificate)
    return (
        sa.select(cert.id)
        .where(cert.product_id == Product.id, sa.or_(cert.grants_badge(today), cert.rates_potential))
        .order_by(cert.stars.desc(), cert.issued_on.desc(), cert.id.desc())
        .limit(1)
        .correlate(Product)
        .scalar_subquery()
    )


def buyable_products():
    """Published products of approved cooperatives: what the storefront and API may show."""
    return (
        sa.select(Product)
        .join(Product.cooperative)
        .where(Product.status == ProductStatus.PUBLISHED, Cooperative.status == ApprovalStatus.APPROVED)
    )


def _filtered(filters, today, product_ids=None):
    query = (
        buyable_products()
        .join(Product.category)
        .outerjoin(OcopCertificate, OcopCertificate.id == display_certificate_id(today))
    )
    if product_ids is not None:
        query = query.where(Product.id.in_(product_ids))
    elif filters.q:
        pattern = f"%{filters.q}%"
        query = query.where(sa.or_(Product.name_vi.ilike(pattern), Product.name_en.ilike(pattern)))
    if filters.rating == "certified" or filters.stars_min:
        query = query.where(OcopCertificate.stars >= 3)
    elif filters.rating == "potential":
        query = query.where(OcopCertificate.stars < 3)
    if filters.stars_min:
        query = query.where(OcopCertificate.stars >= filters.stars_min)
    if filters.group:
        query = query.where(OcopCategory.group_code == filters.group)
    if filters.subgroup:
        query = query.where(OcopCategory.code == filters.subgroup)
    if filters.district:
        query = query.where(Cooperative.legacy_district == filters.district)
    if filters.cooperative:
        query = query.where(Cooperative.slug == filters.cooperative)
    if filters.price_min is not None:
        query = query.where(Product.price_vnd >= filters.price_min)
    if filters.price_max is not None:
        query = query.where(Product.price_vnd <= filters.price_max)
    if filters.in_stock:
        query = query.where(Product.stock > 0)
    return query


def _ordered(query, sort):
    order = {
        "stars": [OcopCertificate.stars.desc().nulls_last(), Product.created_at.desc()],
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
    def has_badge(self):
        return self.certificate is not None and self.certificate.stars >= 3

    @property
    def is_potential(self):
        return self.certificate is not None and self.certificate.stars < 3


@dataclass
class ProductPage:
    items: list
    page: int
    per_page: int
    total: int

    @property
    def pages(self):
        return max(1, -(-self.total // self.per_page))

    @property
    def has_prev(self):
        return self.page > 1

    @property
    def has_next(self):
        return self.page < self.pages


def list_products(filters=DEFAULTS, page=1, per_page=24, product_ids=None, today=None):
    """A page of product cards matching `filters` (and, for search, within `product_ids`)."""
    today = today or clock.today()
    base = _filtered(filters, today, product_ids)
    total = db.session.scalar(sa.select(sa.func.count()).select_from(base.with_only_columns(Product.id).subquery()))
    rows = db.session.execute(
        _ordered(base, filters.sort)
        .add_columns(OcopCertificate)
        .options(
            contains_eager(Product.cooperative),
            contains_eager(Product.category),
            selectinload(Product.images),
        )
        .limit(per_page)
        .offset((page - 1) * per_page)
    ).all()
    items = [ProductCard(product, certificate) for product, certificate in rows]
    return ProductPage(items=items, page=page, per_page=per_page, total=total)


def get_product_card(slug, today=None):
    """The buyable product with this slug and its displayed certificate, or None."""
    today = today or clock.today()
    row = db.session.execute(
        _filtered(ProductFilters(rating="all"), today)
        .where(Product.slug == slug)
        .add_columns(OcopCertificate)
        .options(
            contains_eager(Product.cooperative),
            contains_eager(Product.category),
            selectinload(Product.images),
            selectinload(Product.certificates),
        )
    ).first()
    return ProductCard(*row) if row else None


def related_products(card, limit=4, today=None):
    """Other badged-or-not products of the same sub-group, then of the same cooperative."""
    product = card.product
    filters = ProductFilters(rating="all", subgroup=product.category.code)
    page = list_products(filters, per_page=limit + 1, today=today)
    items = [c for c in page.items if c.product.id != product.id]
    if len(items) < limit:
        more = list_products(ProductFilters(rating="all", cooperative=product.cooperative.slug), per_page=limit + 1, today=today)
        seen = {c.product.id for c in items} | {product.id}
        items += [c for c in more.items if c.product.id not in seen]
    return items[:limit]


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
