"""Which cooperatives fit a sourcing request, how well, and why — in plain functions.

Hard filters: a cooperative failing one is not a match.

1. **What the product is.** When the request's product kind is known (`kinds`: chosen by
   the buyer, else read from the title), a product of that kind or of a related kind (same
   family: candy → candied coconut, coconut jelly) in the request's OCOP group; an
   unrelated kind never matches. When it is not known, a product in the request's OCOP sub-group (or
   anywhere in the group, when the request names a whole group).
2. **Stars.** That product holds a valid rating of at least the request's minimum stars:
   from 3★ up, the OCOP badge rule itself (`OcopCertificate.grants_badge(today)`, in SQL);
   for a 1–2★ minimum, an approved potential rating within its dates counts too. A request
   that requires the OCOP certification needs at least 3★, whatever its minimum says.
3. **Certifications.** Every other certification the request requires (VietGAP, HACCP,
   ISO 22000, organic, FDA registration) is declared by the cooperative
   (`CooperativeCertification`) and valid today.

Ranking: the product kind first (exact kinds above related ones, whatever the rest of the
score), then the score (0–100) by WEIGHTS:

- **kind** (35) × relatedness: 1 for the kind asked for, ½ for a related kind (or when no
  kind is known).
- **capacity** (20) × min(1, monthly capacity ÷ monthly need). Capacity is what the
  cooperative declared per product (`ProductCapacity`) for its best-fitting products, in
  units that convert to the request's (kg ↔ t; boxes only with boxes). Need per month: the
  quantity for one-off and monthly requests, a third for quarterly, and for seasonal the
  quantity spread over the months of the period (3 when no period is given).
- **price** (15): the cheapest fitting product's price per unit of the request — for kg or
  t from the listing's weight, for count units (box, bottle, …) the listing's price. Within
  or below the target range: full; above it: reduced by the share it exceeds the maximum
  (50% above → half), down to 0. No target, or a price that cannot be compared: half.
- **distance** (10) × 1 ÷ (1 + km ÷ 100): from the cooperative's commune to the delivery
  ward (`geo.place_distance_km`: commune centres shipped with the project, the province's
  centroid only where a commune is not known). 10 km scores 91%, 100 km half.
- **certifications** (5): the certifications asked for, all held (a hard filter), or none
  asked.
- **track record** (15) × min(1, (partnerships + fulfilled orders ÷ 10 + on-time complete
  deliveries) ÷ 5) × the share of received purchase-order deliveries that came on time and
  complete (`purchasing.track_records`).

Each Match carries the numbers behind its score, and `reasons()` writes them in the page's
language: "5★ valid to 03/2027 · supplies 2 t/month · 40 km".
"""
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

import sqlalchemy as sa
from flask_babel import gettext as _, ngettext
from sqlalchemy.orm import contains_eager, joinedload

from marketplace import clock
from marketplace.catalog.models import OcopCategory, OcopCertificate, Product
from marketplace.catalog.services import buyable_products
from marketplace.extensions import db
from marketplace.i18n import month_year
from marketplace.producers.models import Cooperative
from marketplace.valuechain import geo, kinds, labels, purchasing
from marketplace.valuechain.models import (
    UNIT_SIZES,
    Certification,
    CooperativeCertification,
    Frequency,
    Partnership,
    PartnershipStatus,
    ProductCapacity,
    SourcingRequest,
    convert,
)

WEIGHTS = {"kind": 35, "capacity": 20, "price": 15, "distance": 10, "certifications": 5, "track_record": 15}
HALF_POINTS_KM = 100  # this far from the delivery place scores half the distance points
TRACK_RECORD_FULL = 5  # partnerships for full track-record points
ORDERS_PER_PARTNERSHIP = 10  # fulfilled orders that count like one partnership
SEASON_MONTHS = 3  # a season's length when a seasonal request gives no period


def fulfilled_orders(cooperative_ids):
    """Cooperative id -> number of its shipments delivered to buyers (one GROUP BY)."""
    from marketplace.orders.models import Shipment, Status

    if not cooperative_ids:
        return {}
    rows = db.session.execute(
        sa.select(Shipment.cooperative_id, sa.func.count(Shipment.id))
        .where(Shipment.cooperative_id.in_(cooperative_ids), Shipment.status == Status.DELIVERED)
        .group_by(Shipment.cooperative_id)
    )
    return dict(rows.all())


# ---------------------------------------------------------------------------------------
# What is known of a cooperative's products


@dataclass
class ProductFit:
    """A product with its best valid rating and its declared monthly capacity."""

    product: Product
    stars: int
    valid_to: date
    capacity: ProductCapacity | None


def _valid_rating(today):
    cert = OcopCertificate
    potential_in_dates = sa.and_(cert.rates_potential, cert.issued_on <= today, cert.expires_on >= today)
    return sa.or_(cert.grants_badge(today), potential_in_dates)


def _product_fits(today, *conditions):
    """Buyable products with a valid rating (best one each) and their capacity: ONE query."""
    rows = db.session.execute(
        buyable_products()
        .join(Product.category)
        .join(OcopCertificate, sa.and_(OcopCertificate.product_id == Product.id, _valid_rating(today)))
        .outerjoin(ProductCapacity, ProductCapacity.product_id == Product.id)
        .add_columns(OcopCertificate.stars, OcopCertificate.expires_on, ProductCapacity)
        .options(contains_eager(Product.cooperative), contains_eager(Product.category))
        .where(*conditions)
        .order_by(Product.id)
    ).all()
    best = {}
    for product, stars, expires_on, capacity in rows:
        known = best.get(product.id)
        if known is None or (stars, expires_on) > (known.stars, known.valid_to):
            best[product.id] = ProductFit(product, stars, expires_on, capacity)
    return list(best.values())


def declared_certifications(cooperative_ids, today):
    """Cooperative id -> {certification: latest valid_until} of the valid ones (ONE query)."""
    held = defaultdict(dict)
    if not cooperative_ids:
        return held
    rows = db.session.execute(
        sa.select(CooperativeCertification.cooperative_id, CooperativeCertification.kind,
                  sa.func.max(CooperativeCertification.valid_until))
        .where(CooperativeCertification.cooperative_id.in_(cooperative_ids),
               CooperativeCertification.valid_until >= today)
        .group_by(CooperativeCertification.cooperative_id, CooperativeCertification.kind)
    )
    for cooperative_id, kind, valid_until in rows:
        held[cooperative_id][kind] = valid_until
    return held


def partnership_counts(cooperative_ids):
    """Cooperative id -> its active and ended partnerships (ONE query)."""
    if not cooperative_ids:
        return {}
    return dict(
        db.session.execute(
            sa.select(Partnership.cooperative_id, sa.func.count())
            .where(Partnership.cooperative_id.in_(cooperative_ids),
                   Partnership.status.in_([PartnershipStatus.ACTIVE, PartnershipStatus.ENDED]))
            .group_by(Partnership.cooperative_id)
        ).all()
    )


# ---------------------------------------------------------------------------------------
# The rules


def effective_min_stars(request):
    """Requiring the OCOP certification means requiring a certificate: 3★ at least."""
    if Certification.OCOP in request.certifications:
        return max(request.min_stars, 3)
    return request.min_stars


def required_declared(request):
    """The required certifications a cooperative declares (all but OCOP)."""
    return [Certification(c) for c in request.certifications if c != Certification.OCOP]


def request_kind(request):
    """The kind of product the request asks for: the buyer's choice, else read from its title."""
    if request.product_kind in kinds.KINDS:
        return request.product_kind
    return kinds.kind_of(request.title, request.category.group_code if request.category else None)


def product_kind(product):
    return kinds.kind_of(product.name_vi, product.category.group_code)


def in_category(product, category):
    if category.parent_id is None:
        return product.category.group_code == category.group_code
    return product.category_id == category.id


def _category_condition(category):
    if category.parent_id is None:
        return OcopCategory.group_code == category.group_code
    return Product.category_id == category.id


def months_between(start, end):
    """Calendar months from `start` to `end`, both counted (Jan–Mar = 3)."""
    return (end.year - start.year) * 12 + end.month - start.month + 1


def monthly_need(request):
    """How much the request needs per month, in its unit."""
    if request.frequency == Frequency.QUARTERLY:
        return request.quantity / 3
    if request.frequency == Frequency.SEASONAL:
        months = SEASON_MONTHS
        if request.period_start and request.period_end and request.period_end >= request.period_start:
            months = months_between(request.period_start, request.period_end)
        return request.quantity / months
    return request.quantity


def price_per_unit(product, unit):
    """The product's price per `unit` of a request, in đồng, or None when it cannot be told:
    per kg or t from the listing's weight; for count units, one listing unit is one unit."""
    size = UNIT_SIZES.get(unit)
    if size is None:
        return product.price_vnd
    if size[0] == "mass" and product.weight_g:
        return round(product.price_vnd * 1000 * size[1] / product.weight_g)
    return None


@dataclass
class Match:
    """A cooperative that passes the hard filters, its score and the facts behind it."""

    cooperative: Cooperative
    request: SourcingRequest
    fits: list
    score: int = 0
    stars: int = 0
    valid_to: date | None = None
    monthly_capacity: float | None = None  # in the request's unit
    price: int | None = None  # cheapest fitting product, đồng per request unit
    price_excess: float | None = None  # share above the target maximum (0.2 = 20%)
    distance_km: float | None = None
    certifications: list = field(default_factory=list)  # required ones it holds
    partnerships: int = 0
    orders: int = 0
    on_time: int = 0  # purchase-order deliveries received on time and complete
    received: int = 0  # purchase-order deliveries received
    kind: str | None = None  # of the best-fitting products
    relatedness: float = 0.5
    points: dict = field(default_factory=dict)  # criterion -> points

    def contributions(self):
        """[(criterion label, points, out of)] in WEIGHTS order: how the score adds up."""
        return [(labels.criterion_label(name), round(self.points[name], 1), weight)
                for name, weight in WEIGHTS.items()]

    def reasons(self):
        """Why it was suggested, in the current language, most telling first."""
        reasons = []
        if self.kind is not None:
            wanted = request_kind(self.request)
            label = str(kinds.kind_label(self.kind))
            reasons.append(_("makes %(kind)s", kind=label.lower()) if self.kind == wanted or wanted is None
                           else _("related kind: %(kind)s", kind=label.lower()))
        reasons.append(_("%(stars)s★ valid to %(date)s", stars=self.stars, date=month_year(self.valid_to)))
        if self.monthly_capacity:
            reasons.append(_("supplies %(quantity)s/month",
                             quantity=labels.quantity(self.monthly_capacity, self.request.unit)))
        else:
            reasons.append(_("capacity not declared"))
        if self.distance_km is not None:
            reasons.append(_("in the delivery province") if self.distance_km < 1 else labels.distance(self.distance_km))
        if self.price_excess is not None:
            if self.price_excess > 0:
                reasons.append(_("%(percent)s%% above the target price", percent=round(self.price_excess * 100)))
            else:
                reasons.append(_("price within the target"))
        if self.certifications:
            reasons.append(", ".join(str(labels.certification_label(c)) for c in self.certifications))
        if self.partnerships:
            reasons.append(ngettext("%(num)s partnership", "%(num)s partnerships", self.partnerships))
        if self.orders:
            reasons.append(ngettext("%(num)s fulfilled order", "%(num)s fulfilled orders", self.orders))
        if self.received:
            reasons.append(_("%(on_time)s of %(received)s deliveries on time and complete",
                             on_time=self.on_time, received=self.received))
        return reasons

    def reason_text(self):
        return " · ".join(self.reasons())


def evaluate(request, cooperative, fits, held, partnerships=0, orders=0, record=(0, 0)):
    """The Match of `cooperative` for `request`, or None when a hard filter excludes it.

    `fits` are the cooperative's ProductFits (any category, any stars), `held` its valid
    declared certifications ({kind: valid_until}), `record` its (on-time complete, received)
    purchase-order deliveries."""
    min_stars = effective_min_stars(request)
    wanted = request_kind(request)
    fits = [f for f in fits if f.stars >= min_stars]
    if wanted is None:
        fits = [f for f in fits if in_category(f.product, request.category)]
        relatedness, kind = 0.5, None
    else:
        scored = [(kinds.relatedness(wanted, product_kind(f.product)), f) for f in fits
                  if f.product.category.group_code == request.category.group_code]
        relatedness = max((r for r, _f in scored), default=0.0)
        fits = [f for r, f in scored if r == relatedness and r > 0]
        kind = product_kind(fits[0].product) if fits else None
    if not fits:
        return None
    required = required_declared(request)
    if any(kind_ not in held for kind_ in required):
        return None
    best = max(fits, key=lambda f: (f.stars, f.valid_to))
    on_time, received = record
    match = Match(cooperative, request, fits, stars=best.stars, valid_to=best.valid_to,
                  certifications=required, partnerships=partnerships, orders=orders, on_time=on_time,
                  received=received, kind=kind, relatedness=relatedness)

    capacities = [convert(f.capacity.monthly_quantity, f.capacity.unit, request.unit) for f in fits if f.capacity]
    capacities = [c for c in capacities if c is not None]
    match.monthly_capacity = sum(capacities) if capacities else None
    need = monthly_need(request)
    capacity_share = min(1.0, match.monthly_capacity / need) if match.monthly_capacity and need else 0.0

    prices = [p for p in (price_per_unit(f.product, request.unit) for f in fits) if p is not None]
    match.price = min(prices) if prices else None
    price_share = 0.5
    low, high = request.target_price_min, request.target_price_max
    if match.price is not None and (low is not None or high is not None):
        match.price_excess = (match.price - high) / high if high and match.price > high else 0.0
        price_share = max(0.0, 1 - match.price_excess)

    match.distance_km = geo.place_distance_km((cooperative.province_code, cooperative.ward_code),
                                              (request.delivery_province_code, request.delivery_ward_code))
    distance_share = 1 / (1 + match.distance_km / HALF_POINTS_KM) if match.distance_km is not None else 0.0

    experience = partnerships + orders / ORDERS_PER_PARTNERSHIP + on_time
    reliability = on_time / received if received else 1.0
    track_share = min(1.0, experience / TRACK_RECORD_FULL) * reliability

    shares = {"kind": relatedness, "capacity": capacity_share, "price": price_share, "distance": distance_share,
              "certifications": 1.0, "track_record": track_share}
    match.points = {name: WEIGHTS[name] * share for name, share in shares.items()}
    match.score = round(sum(match.points.values()))
    return match


def _ranked(matches):
    # The kind dominates: an exact kind ranks above a related one whatever the other points.
    return sorted(matches, key=lambda m: (-m.relatedness, -m.score, m.cooperative.name, m.cooperative.id))


# ---------------------------------------------------------------------------------------
# Both directions, each in a fixed number of queries


def match_cooperatives(request, today=None, limit=None):
    """The cooperatives that fit `request`, best first (5 queries, whatever their number)."""
    today = today or clock.today()
    # A known kind looks across the request's whole OCOP group (candy and rice cakes sit in
    # different food sub-groups); the kind then decides.
    where = (OcopCategory.group_code == request.category.group_code if request_kind(request) is not None
             else _category_condition(request.category))
    fits = _product_fits(today, where, OcopCertificate.stars >= effective_min_stars(request))
    by_cooperative = defaultdict(list)
    for fit in fits:
        by_cooperative[fit.product.cooperative].append(fit)
    ids = [c.id for c in by_cooperative]
    held = declared_certifications(ids, today)
    partnerships = partnership_counts(ids)
    orders = fulfilled_orders(ids)
    records = purchasing.track_records(ids)
    matches = [
        evaluate(request, cooperative, cooperative_fits, held.get(cooperative.id, {}),
                 partnerships.get(cooperative.id, 0), orders.get(cooperative.id, 0),
                 records.get(cooperative.id, (0, 0)))
        for cooperative, cooperative_fits in by_cooperative.items()
    ]
    ranked = _ranked(m for m in matches if m is not None)
    return ranked[:limit] if limit else ranked


def recommended_requests(cooperative, today=None, request_ids=None):
    """Open requests that `cooperative` fits, as Matches, best first (5 queries)."""
    today = today or clock.today()
    query = (
        sa.select(SourcingRequest)
        .where(SourcingRequest.takes_offers(today))
        .options(joinedload(SourcingRequest.category), joinedload(SourcingRequest.distributor))
        .order_by(SourcingRequest.deadline, SourcingRequest.id)
    )
    if request_ids is not None:
        query = query.where(SourcingRequest.id.in_(request_ids))
    requests = db.session.scalars(query).all()
    if not requests:
        return []
    fits = _product_fits(today, Product.cooperative_id == cooperative.id)
    if not fits:
        return []
    held = declared_certifications([cooperative.id], today).get(cooperative.id, {})
    partnerships = partnership_counts([cooperative.id]).get(cooperative.id, 0)
    orders = fulfilled_orders([cooperative.id]).get(cooperative.id, 0)
    record = purchasing.track_records([cooperative.id]).get(cooperative.id, (0, 0))
    matches = [evaluate(request, cooperative, fits, held, partnerships, orders, record) for request in requests]
    return sorted((m for m in matches if m is not None),
                  key=lambda m: (-m.relatedness, -m.score, m.request.deadline, m.request.id))
