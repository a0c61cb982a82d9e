"""The public value chain (/value-chain): for each key chain — coconut first, then the other
OCOP groups present — its stages with live counts and products, the public partnerships as a
network, and the open requests. Four queries whatever the data; the rest is arithmetic here.

The coconut chain is every product of a coconut-based sub-group (COCONUT_SUBGROUPS) or whose
Vietnamese name contains "dừa" (coconut) — written with its marks, so *dứa* (pineapple)
and *dưa* (melon) stay out. Each other chain is one OCOP group, without the coconut products.
"""
import textwrap
from dataclasses import dataclass, field

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import joinedload, selectinload

from marketplace import clock, places
from marketplace.catalog.models import OcopCategory, Product
from marketplace.catalog.ocop_categories import CATEGORIES_148_2023
from marketplace.catalog.services import buyable_products
from marketplace.extensions import db
from marketplace.i18n import current_language
from marketplace.producers.models import Cooperative
from marketplace.text import nfc
from marketplace.valuechain import labels
from marketplace.valuechain.models import Partnership, PartnershipStatus, SourcingRequest

COCONUT = "coconut"
COCONUT_SUBGROUPS = {"4.2"}  # coir, coconut-shell and coconut-wood products
COCONUT_WORD = "dừa"
# Sub-groups of what growers themselves sell (fresh and raw produce, plants and seedlings).
GROWN_SUBGROUPS = {"1.1", "1.2", "5.1", "5.2"}
NAMES = {code: (name_vi, name_en) for code, _parent, name_vi, name_en in CATEGORIES_148_2023}
GROUP_CODES = [code for code, parent, *_ in CATEGORIES_148_2023 if parent is None]
STAGE_PRODUCTS_SHOWN = 8
REQUESTS_SHOWN = 5


def is_coconut(name_vi, category_code):
    return category_code in COCONUT_SUBGROUPS or COCONUT_WORD in nfc(name_vi or "").lower()


def group_name(code):
    name_vi, name_en = NAMES[code]
    return name_en if current_language() == "en" else name_vi


@dataclass
class ProductRow:
    id: int
    slug: str
    name_vi: str
    name_en: str
    category_code: str
    group_code: str
    cooperative_id: int

    def name(self, language):
        return (self.name_en or self.name_vi) if language == "en" else self.name_vi


@dataclass
class Stage:
    key: str  # growers | producers | distributors | markets
    title: object
    count: int
    count_label: object
    items: list = field(default_factory=list)  # (label, endpoint, values) or (label, None, None)
    more: int = 0


@dataclass
class Node:
    key: object
    label: str
    endpoint: str
    slug: str
    y: float = 0

    @property
    def lines(self):
        return label_lines(self.label)


@dataclass
class Network:
    """Public partnerships drawn left (producers) to right (distributors)."""

    producers: list
    distributors: list
    edges: list  # (producer Node, distributor Node, partnership)
    # A narrow drawing (viewBox units ≈ CSS px on a phone): names wrap on two lines of 11.
    width: int = 340
    row: int = 40
    pad: int = 24

    @property
    def height(self):
        return self.pad * 2 + self.row * max(len(self.producers), len(self.distributors), 1)

    def layout(self):
        for nodes in (self.producers, self.distributors):
            offset = (self.height - self.row * len(nodes)) / 2
            for index, node in enumerate(nodes):
                node.y = offset + self.row * index + self.row / 2
        return self


@dataclass
class Chain:
    key: str
    title: object
    products: list
    stages: list
    network: Network
    partnerships: list  # public ones, for the table
    requests: list
    requests_total: int
    group: str = ""  # the OCOP group of a group chain ("" for coconut)


@dataclass
class ValueChainPage:
    chains: list
    totals: dict


LABEL_WIDTH = 19  # characters per line of a name in the network drawing


def label_lines(text, width=LABEL_WIDTH, lines=2):
    """A name wrapped on at most `lines` lines for the drawing, the last one cut with "…"
    (the full name is the node's tooltip and is in the table)."""
    wrapped = textwrap.wrap(text, width) or [""]
    if len(wrapped) > lines:
        rest = " ".join(wrapped[lines - 1:])
        wrapped = wrapped[: lines - 1] + [rest[: width - 1].rstrip() + "…"]
    return wrapped


def _products(group, district):
    query = (
        buyable_products()
        .join(Product.category)
        .with_only_columns(Product.id, Product.slug, Product.name_vi, Product.name_en, OcopCategory.code,
                           OcopCategory.group_code, Product.cooperative_id)
        .order_by(Product.name_vi)
    )
    if group:
        query = query.where(OcopCategory.group_code == group)
    if district:
        query = query.where(Cooperative.legacy_district == district)
    return [ProductRow(*row) for row in db.session.execute(query)]


def _cooperatives(ids):
    """Approved cooperatives of the listed products, by id (part of the products' query
    would repeat each cooperative per product; this is one more small query)."""
    if not ids:
        return {}
    return {c.id: c for c in db.session.scalars(sa.select(Cooperative).where(Cooperative.id.in_(ids)))}


def _active_partnerships():
    """Active partnerships with both parties and their products (2 queries)."""
    partnerships = db.session.scalars(
        sa.select(Partnership).where(Partnership.status == PartnershipStatus.ACTIVE)
        .options(joinedload(Partnership.distributor), joinedload(Partnership.cooperative),
                 selectinload(Partnership.products))
        .order_by(Partnership.activated_at, Partnership.id)
    ).all()
    return partnerships, {p.id: {product.id for product in p.products} for p in partnerships}


def _open_requests(group, today):
    query = (
        sa.select(SourcingRequest).join(SourcingRequest.category)
        .where(SourcingRequest.takes_offers(today))
        .options(joinedload(SourcingRequest.category), joinedload(SourcingRequest.distributor))
        .order_by(SourcingRequest.deadline, SourcingRequest.id)
    )
    if group:
        query = query.where(OcopCategory.group_code == group)
    return db.session.scalars(query).all()


def value_chain(group="", district="", today=None):
    """Everything /value-chain shows, filtered by OCOP group and legacy district (5 queries)."""
    today = today or clock.today()
    language = current_language()
    products = _products(group, district)
    cooperatives = _cooperatives({p.cooperative_id for p in products})
    partnerships, links = _active_partnerships()
    requests = _open_requests(group, today)

    chains = []
    coconut = [p for p in products if is_coconut(p.name_vi, p.category_code)]
    in_coconut = {p.id for p in coconut}
    if coconut:
        chains.append(_chain(COCONUT, _l("Coconut"), coconut, cooperatives, partnerships, links,
                             [r for r in requests if is_coconut(r.title, r.category.code)], language))
    for code in GROUP_CODES:
        members = [p for p in products if p.group_code == code and p.id not in in_coconut]
        if members:
            chain_requests = [r for r in requests if r.category.group_code == code and not is_coconut(r.title, r.category.code)]
            chains.append(_chain(code, group_name(code), members, cooperatives, partnerships, links,
                                 chain_requests, language, group=code))
    totals = {
        "producers": len(cooperatives),
        "products": len(products),
        "partnerships": sum(1 for p in partnerships if p.is_public),
        "requests": len(requests),
    }
    return ValueChainPage(chains, totals)


def _stage_items(products, language):
    items = [(p.name(language), "catalog.product_detail", {"slug": p.slug}) for p in products[:STAGE_PRODUCTS_SHOWN]]
    return items, max(0, len(products) - STAGE_PRODUCTS_SHOWN)


def _chain(key, title, products, cooperatives, partnerships, links, requests, language, group=""):
    product_ids = {p.id for p in products}
    chain_cooperatives = {p.cooperative_id for p in products}
    in_chain = [p for p in partnerships
                if p.cooperative_id in chain_cooperatives and links.get(p.id, set()) & product_ids]
    distributors = {p.distributor.id: p.distributor for p in in_chain}
    supplied = {product_id for p in in_chain for product_id in links.get(p.id, set()) & product_ids}

    grown = [p for p in products if p.category_code in GROWN_SUBGROUPS]
    made = [p for p in products if p.category_code not in GROWN_SUBGROUPS]
    growers = sum((cooperatives[c].members or 0) for c in chain_cooperatives if c in cooperatives)
    provinces = sorted({code for d in distributors.values() for code in d.market_provinces or []})
    countries = sorted({code for d in distributors.values() for code in d.export_countries or []})

    stages = []
    items, more = _stage_items(grown, language)
    stages.append(Stage("growers", _l("Growers"), growers, _l("growers and members"), items, more))
    items, more = _stage_items(made, language)
    stages.append(Stage("producers", _l("Cooperatives and processors"), len(chain_cooperatives),
                        _l("producers"), items, more))
    items, more = _stage_items([p for p in products if p.id in supplied], language)
    stages.append(Stage("distributors", _l("Distributors"), len(distributors), _l("distributors"), items, more))
    markets = [(places.province(code).name, None, None) for code in provinces if places.province(code)]
    markets += [(labels.country_name(code), None, None) for code in countries]
    stages.append(Stage("markets", _l("Domestic and export markets"), len(provinces) + len(countries),
                        _l("provinces and countries"), markets[:STAGE_PRODUCTS_SHOWN],
                        max(0, len(markets) - STAGE_PRODUCTS_SHOWN)))

    public = [p for p in in_chain if p.is_public]
    return Chain(key, title, products, stages, _network(public), public,
                 requests[:REQUESTS_SHOWN], len(requests), group)


def _network(partnerships):
    producers, distributors, edges = {}, {}, []
    for partnership in partnerships:
        cooperative, company = partnership.cooperative, partnership.distributor
        left = producers.setdefault(cooperative.id, Node(cooperative.id, cooperative.name,
                                                         "producers.cooperative_detail", cooperative.slug))
        right = distributors.setdefault(company.id, Node(company.id, company.name,
                                                         "valuechain.distributor_detail", company.slug))
        edges.append((left, right, partnership))
    by_name = lambda node: node.label  # noqa: E731
    return Network(sorted(producers.values(), key=by_name), sorted(distributors.values(), key=by_name), edges).layout()

