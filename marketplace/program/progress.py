"""The OCOP program's progress in public (/program): figures counted from the live data.

Every figure counts what the storefront shows (buyable products: published, of an approved
producer) with the certificate the storefront displays (`catalog.services`): a product counts
as 3–5★ only while its badge is valid, as 1–2★ while its approved potential rating stands.
The numbers are cached in the shared cache under the catalogue's generation and this module's
own (bumped after a commit that changes partnerships or declared certifications), and under
the day, so a figure is never older than the data it counts.
"""
from dataclasses import dataclass
from datetime import timedelta

import sqlalchemy as sa

from marketplace import cache, clock, places, unitofwork
from marketplace.catalog import services as catalog
from marketplace.catalog.models import CERTIFIED_MIN_STARS, OcopCategory, OcopCertificate, Product, ReviewStatus
from marketplace.catalog.shown import shows_certificate
from marketplace.core import pagecache
from marketplace.extensions import db
from marketplace.producers.constants import LEGACY_DISTRICTS
from marketplace.producers.models import Cooperative, EntityKind
from marketplace.valuechain.models import (
    Certification,
    CooperativeCertification,
    Partnership,
    PartnershipStatus,
    partnership_products,
)

GENERATION = "program-progress"
EXPIRY_WINDOW_DAYS = 90
EXPIRY_STEPS = ((0, 30), (31, 60), (61, 90))  # days from today, both ends included
# International standards a producer declares; VietGAP is Vietnam's own, so it is left out.
INTERNATIONAL = (Certification.HACCP, Certification.ISO_22000, Certification.ORGANIC, Certification.FDA)
INTERNATIONAL_MIN_STARS = 4
FIGURES = ("stars", "groups", "districts", "kinds", "communes", "potential", "international", "expiring",
           "partnerships")


@dataclass
class Progress:
    """The figures as plain values (JSON-able): each a list of [code, count] rows in display
    order, plus the few details some figures list."""

    stars: list
    groups: list
    districts: list
    kinds: list
    communes: list  # [ward code, certified products] for every commune of the area
    potential: list  # [year, products upgraded from 1–2★ to 3★+ that year]
    potential_now: int
    international: list  # [certification kind, 4★+ products whose producer holds it]
    international_products: int  # distinct 4★+ products with at least one
    expiring: list  # [window index, certificates]
    expiring_list: list  # [slug, name_vi, name_en, stars, expires_on ISO]
    partnerships: list  # [group code, partnerships formed]
    total: int

    @property
    def communes_covered(self):
        return sum(1 for _code, count in self.communes if count)


def _buyable_ids():
    return catalog.buyable_products().with_only_columns(Product.id).scalar_subquery()


def _displayed(today):
    """Buyable products joined to the certificate they display (none when unrated)."""
    return (
        catalog.buyable_products()
        .join(Product.category)
        .outerjoin(OcopCertificate, shows_certificate(today))
    )


def _kinds(today):
    rows = dict(db.session.execute(
        _displayed(today).with_only_columns(Cooperative.kind, sa.func.count()).group_by(Cooperative.kind)
    ).all())
    return [[kind.value, rows.get(kind, 0)] for kind in EntityKind]


def _communes(today):
    """Certified (valid badge) products per commune of the area, every commune listed."""
    rows = dict(db.session.execute(
        _displayed(today)
        .where(OcopCertificate.stars >= CERTIFIED_MIN_STARS)
        .with_only_columns(Cooperative.ward_code, sa.func.count())
        .group_by(Cooperative.ward_code)
    ).all())
    return [[ward.code, rows.get(ward.code, 0)] for ward in places.ben_tre_wards()]


def _upgrades():
    """Per year, the buyable products whose first approved 3★+ rating came after an approved
    1–2★ one: potential products the program lifted (superseded ratings are history too)."""
    rated = (ReviewStatus.APPROVED, ReviewStatus.SUPERSEDED)
    potential = (
        sa.select(OcopCertificate.product_id, sa.func.min(OcopCertificate.issued_on).label("first"))
        .where(OcopCertificate.review_status.in_(rated), OcopCertificate.stars < CERTIFIED_MIN_STARS)
        .group_by(OcopCertificate.product_id)
        .subquery()
    )
    certified = sa.orm.aliased(OcopCertificate)
    upgraded = (
        sa.select(certified.product_id, sa.func.min(certified.issued_on).label("upgraded_on"))
        .join(potential, potential.c.product_id == certified.product_id)
        .where(certified.review_status.in_(rated), certified.stars >= CERTIFIED_MIN_STARS,
               certified.issued_on > potential.c.first, certified.product_id.in_(_buyable_ids()))
        .group_by(certified.product_id)
    )
    years = {}
    for _product_id, day in db.session.execute(upgraded):
        years[day.year] = years.get(day.year, 0) + 1
    return [[year, years[year]] for year in sorted(years)]


def _international(today):
    rows = db.session.execute(
        _displayed(today)
        .join(CooperativeCertification, CooperativeCertification.cooperative_id == Cooperative.id)
        .where(OcopCertificate.stars >= INTERNATIONAL_MIN_STARS,
               CooperativeCertification.kind.in_(INTERNATIONAL),
               CooperativeCertification.valid_until >= today)
        .with_only_columns(CooperativeCertification.kind, Product.id)
        .distinct()
    ).all()
    by_kind = {kind: 0 for kind in INTERNATIONAL}
    for kind, _product_id in rows:
        by_kind[kind] += 1
    return [[kind.value, count] for kind, count in by_kind.items()], len({pid for _kind, pid in rows})


def _expiring(today):
    """Valid certificates (the badge shown today) that end within EXPIRY_WINDOW_DAYS."""
    rows = db.session.execute(
        _displayed(today)
        .where(OcopCertificate.stars >= CERTIFIED_MIN_STARS,
               OcopCertificate.expires_on <= today + timedelta(days=EXPIRY_WINDOW_DAYS))
        .with_only_columns(Product.slug, Product.name_vi, Product.name_en, OcopCertificate.stars,
                           OcopCertificate.expires_on)
        .order_by(OcopCertificate.expires_on, Product.name_vi)
    ).all()
    windows = [0] * len(EXPIRY_STEPS)
    for *_rest, expires_on in rows:
        days = (expires_on - today).days
        windows[next(i for i, (low, high) in enumerate(EXPIRY_STEPS) if low <= days <= high)] += 1
    details = [[slug, vi, en, stars, expires_on.isoformat()] for slug, vi, en, stars, expires_on in rows]
    return [[index, count] for index, count in enumerate(windows)], details


def _partnerships(groups):
    """Partnerships formed (accepted at some time: active or ended since), counted once in each
    OCOP group of the products they cover."""
    rows = dict(db.session.execute(
        sa.select(OcopCategory.group_code, sa.func.count(sa.distinct(Partnership.id)))
        .join(partnership_products, partnership_products.c.partnership_id == Partnership.id)
        .join(Product, Product.id == partnership_products.c.product_id)
        .join(OcopCategory, OcopCategory.id == Product.category_id)
        .where(Partnership.status.in_((PartnershipStatus.ACTIVE, PartnershipStatus.ENDED)))
        .group_by(OcopCategory.group_code)
    ).all())
    return [[group.code, rows.get(group.code, 0)] for group in groups]


def compute(today=None):
    """The figures, counted now (about eight queries)."""
    today = today or clock.today()
    facets = catalog.facet_counts(catalog.ProductFilters(rating="all"), today=today)
    groups = catalog.category_groups()
    international, international_products = _international(today)
    expiring, expiring_list = _expiring(today)
    return Progress(
        stars=[[stars, facets.stars.get(stars, 0)] for stars in (5, 4, 3, 2, 1)] + [[0, facets.unrated]],
        groups=[[group.code, facets.groups.get(group.code, 0)] for group in groups],
        districts=[[code, facets.districts.get(code, 0)] for code in LEGACY_DISTRICTS],
        kinds=_kinds(today),
        communes=_communes(today),
        potential=_upgrades(),
        potential_now=facets.stars.get(1, 0) + facets.stars.get(2, 0),
        international=international,
        international_products=international_products,
        expiring=expiring,
        expiring_list=expiring_list,
        partnerships=_partnerships(groups),
        total=facets.total,
    )


def progress(today=None):
    """The figures, shared by every visitor until the data they count changes."""
    today = today or clock.today()
    key = f"program:{pagecache.generation()}:{cache.generation(GENERATION)}:{today}"
    return Progress(**cache.remember_json(key, lambda: compute(today).__dict__))


def invalidate():
    cache.bump(GENERATION)


@sa.event.listens_for(db.session, "after_flush")
def _note_change(session, flush_context):
    # The catalogue's own changes already bump its generation (pagecache.watch).
    if any(isinstance(obj, (Partnership, CooperativeCertification))
           for obj in (*session.new, *session.dirty, *session.deleted)):
        unitofwork.after_commit(invalidate)
