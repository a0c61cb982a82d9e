"""Sourcing requests: a distributor writes one (a draft, or open at once), publishes it, closes
it; the cooperatives that fit it are told; producers browse the open ones."""
from dataclasses import dataclass, field
from datetime import date

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.orm import joinedload

from marketplace import clock, places, unitofwork
from marketplace.producers.organisations import check_can_publish
from marketplace.catalog.models import OcopCategory
from marketplace.extensions import db
from marketplace.pagination import Page
from marketplace.statemachine import StatusHistory
from marketplace.valuechain import kinds, matching
from marketplace.valuechain.checks import GROUP_CODES, MAX_PRICE, one_of, text, today_or, whole
from marketplace.valuechain.models import (
    Certification,
    DeliveryTerm,
    Frequency,
    MatchNotification,
    Offer,
    OfferStatus,
    RequestStatus,
    SourcingRequest,
    Unit,
    ValueChainError,
)
from marketplace.valuechain.notifications import path, tell
from marketplace.valuechain.statuses import REQUESTS, lock, move_request


@dataclass
class RequestDetails:
    """What a distributor writes in a sourcing request (checked by `_check_request`)."""

    title: str
    category_id: int | None
    quantity: int | None
    unit: str
    frequency: str
    delivery_term: str
    delivery_province_code: int | None
    deadline: date | None
    specification: str = ""
    period_start: date | None = None
    period_end: date | None = None
    target_price_min: int | None = None
    target_price_max: int | None = None
    min_stars: int | None = 3
    certifications: list = field(default_factory=list)
    packaging: str = ""
    anonymous: bool = False
    delivery_ward_code: int | None = None
    product_kind: str | None = None


def _check_request(details, today):
    """The checked values of `details`, as SourcingRequest column -> value."""
    title = text(details.title, 200, "title", required=_("Enter a title."))
    category = db.session.get(OcopCategory, details.category_id) if isinstance(details.category_id, int) else None
    if category is None:
        raise ValueChainError(_("Choose an OCOP group or sub-group."), "category_id")
    quantity = whole(details.quantity, "quantity", message=_("The quantity must be a whole number above 0."))
    if details.period_start and details.period_end and details.period_end < details.period_start:
        raise ValueChainError(_("The period cannot end before it starts."), "period_end")
    low, high = details.target_price_min, details.target_price_max
    for value, name in ((low, "target_price_min"), (high, "target_price_max")):
        if value is not None:
            whole(value, name, low=0 if name == "target_price_min" else 1, high=MAX_PRICE,
                   message=_("Enter a price in whole đồng, e.g. 85.000."))
    if low is not None and high is not None and low > high:
        raise ValueChainError(_("The lowest price cannot be above the highest."), "target_price_max")
    min_stars = details.min_stars
    if isinstance(min_stars, bool) or not isinstance(min_stars, int) or not 1 <= min_stars <= 5:
        raise ValueChainError(_("Minimum stars must be between 1 and 5."), "min_stars")
    certifications = [one_of(Certification, c, "certifications").value for c in dict.fromkeys(details.certifications)]
    province = places.province(details.delivery_province_code)
    if province is None:
        raise ValueChainError(_("Choose the province to deliver to."), "delivery_province_code")
    ward = None
    if details.delivery_ward_code not in (None, ""):
        ward = places.ward(province.code, details.delivery_ward_code)
        if ward is None:
            raise ValueChainError(_("Choose a commune or ward of the delivery province."), "delivery_ward_code")
    kind = details.product_kind or None
    if kind is not None and kind not in kinds.KINDS:
        raise ValueChainError(_("Choose one of the options."), "product_kind")
    if not isinstance(details.deadline, date):
        raise ValueChainError(_("Enter the deadline for offers."), "deadline")
    if details.deadline < today:
        raise ValueChainError(_("The deadline cannot be in the past."), "deadline")
    return {
        "title": title,
        "category_id": category.id,
        "specification": text(details.specification, 5000, "specification"),
        "quantity": quantity,
        "unit": one_of(Unit, details.unit, "unit"),
        "frequency": one_of(Frequency, details.frequency, "frequency"),
        "period_start": details.period_start,
        "period_end": details.period_end,
        "target_price_min": low,
        "target_price_max": high,
        "min_stars": min_stars,
        "certifications": certifications,
        "packaging": text(details.packaging, 200, "packaging"),
        "delivery_term": one_of(DeliveryTerm, details.delivery_term, "delivery_term"),
        "delivery_province_code": province.code,
        "delivery_province_name": province.name,
        "delivery_ward_code": ward.code if ward else None,
        "delivery_ward_name": ward.name if ward else "",
        "product_kind": kind,
        "deadline": details.deadline,
        "anonymous": bool(details.anonymous),
    }


def create_request(company, user, details, publish=False, today=None):
    """A new request of `company`: a draft, or open at once with `publish`."""
    today = today_or(today)
    check_can_publish(company)
    values = _check_request(details, today)
    request = SourcingRequest(distributor_id=company.id, created_by_id=user.id if user else None, **values)
    db.session.add(request)
    db.session.flush()
    if publish:
        _publish(request, today, user)
    unitofwork.commit()
    return request


def update_request(request, details, publish=False, today=None, actor=None):
    """Change a draft (an open request keeps the terms producers offered on), and open it at
    once with `publish`: one transaction, so a refused publication saves no change either."""
    today = today_or(today)
    lock(request)  # not published meanwhile
    if request.status != RequestStatus.DRAFT:
        raise ValueChainError(_("Only a draft can be changed. Close this request and post a new one instead."))
    for name, value in _check_request(details, today).items():
        setattr(request, name, value)
    if publish:
        _publish(request, today, actor)
    unitofwork.commit()
    return request


def _publish(request, today, actor):
    if request.deadline < today:
        raise ValueChainError(_("The deadline cannot be in the past."), "deadline")
    check_can_publish(request.distributor)
    move_request(request, RequestStatus.OPEN, today, actor, published_at=clock.utcnow())
    announce_matches(request, today)


def publish_request(request, today=None, actor=None):
    """Open a draft to offers; the cooperatives that fit it are told."""
    _publish(request, today_or(today), actor)
    unitofwork.commit()


def close_request(request, today=None, actor=None):
    """The buyer stops taking offers before the deadline."""
    move_request(request, RequestStatus.CLOSED, today_or(today), actor, closed_at=clock.utcnow())
    unitofwork.commit()


def close_past_deadlines(today=None):
    """Write down that open requests past their deadline are closed (one history row each).
    Returns how many."""
    closed = db.session.scalars(
        sa.update(SourcingRequest)
        .where(SourcingRequest.status == RequestStatus.OPEN, SourcingRequest.deadline < today_or(today))
        .values(status=RequestStatus.CLOSED, closed_at=clock.utcnow())
        .returning(SourcingRequest.id)
        .execution_options(synchronize_session="fetch")
    ).all()
    db.session.add_all(
        StatusHistory(subject=REQUESTS.name, subject_id=request_id, from_status=RequestStatus.OPEN,
                      to_status=RequestStatus.CLOSED, reason="deadline passed")
        for request_id in closed
    )
    unitofwork.commit()
    return len(closed)


def announce_matches(request, today=None):
    """Tell each cooperative that fits `request` (and was not told yet): a MatchNotification
    row in the caller's transaction, and an in-app notice to its staff once it is committed;
    the digest mails them later."""
    today = today_or(today)
    matches = matching.match_cooperatives(request, today)
    told = set(db.session.scalars(
        sa.select(MatchNotification.cooperative_id).where(MatchNotification.request_id == request.id)
    ))
    new = [m for m in matches if m.cooperative.id not in told]
    for match in new:
        db.session.add(MatchNotification(request_id=request.id, cooperative_id=match.cooperative.id, score=match.score))
    db.session.flush()
    if new:
        tell("valuechain.request_match", path("valuechain.request_detail", request_id=request.id),
             {"title": request.title, "deadline": request.deadline.strftime("%d/%m/%Y")},
             cooperative_ids=[m.cooperative.id for m in new], dedupe_key=f"sourcing-match:{request.id}")
    return new


def request_for_viewer(request_id, company=None):
    """The request with this id as `company` (the viewer's, or None) may see it: drafts
    only by their own company. None otherwise."""
    request = db.session.scalar(
        sa.select(SourcingRequest).where(SourcingRequest.id == request_id)
        .options(joinedload(SourcingRequest.category), joinedload(SourcingRequest.distributor))
    )
    if request is None:
        return None
    if request.status == RequestStatus.DRAFT and (company is None or company.id != request.distributor_id):
        return None
    return request


@dataclass(frozen=True)
class RequestFilters:
    group: str = ""
    min_stars: int | None = None
    province: int | None = None
    frequency: str = ""
    closes_within: int | None = None  # days


CLOSES_WITHIN_DAYS = (7, 14, 30, 90)


def parse_request_filters(args):
    """Filters of /sourcing from query arguments; unknown values are ignored."""
    def number(name, allowed):
        try:
            value = int(args.get(name, ""))
        except ValueError:
            return None
        return value if value in allowed else None

    group = args.get("group", "")
    frequency = args.get("frequency", "")
    province = number("province", {p.code for p in places.provinces()})
    return RequestFilters(
        group=group if group in GROUP_CODES else "",
        min_stars=number("min_stars", range(1, 6)),
        province=province,
        frequency=frequency if frequency in {f.value for f in Frequency} else "",
        closes_within=number("closes_within", CLOSES_WITHIN_DAYS),
    )


def open_requests(filters=RequestFilters(), page=1, per_page=20, today=None):
    """Open requests matching `filters`, closing soonest first (2 queries)."""
    today = today_or(today)
    query = sa.select(SourcingRequest).join(SourcingRequest.category).where(SourcingRequest.takes_offers(today))
    if filters.group:
        query = query.where(OcopCategory.group_code == filters.group)
    if filters.min_stars:
        # "at least N stars": requests a producer with N stars can answer
        query = query.where(SourcingRequest.min_stars <= filters.min_stars)
    if filters.province:
        query = query.where(SourcingRequest.delivery_province_code == filters.province)
    if filters.frequency:
        query = query.where(SourcingRequest.frequency == filters.frequency)
    if filters.closes_within:
        query = query.where(SourcingRequest.deadline <= date.fromordinal(today.toordinal() + filters.closes_within))
    total = db.session.scalar(sa.select(sa.func.count()).select_from(query.with_only_columns(SourcingRequest.id).subquery()))
    items = db.session.scalars(
        query.options(joinedload(SourcingRequest.category), joinedload(SourcingRequest.distributor))
        .order_by(SourcingRequest.deadline, SourcingRequest.id)
        .limit(per_page).offset((page - 1) * per_page)
    ).all()
    return Page(items, page, per_page, total)


def company_requests(company):
    """All requests of `company`, newest first, each with its count of live offers (1 query)."""
    live = (
        sa.select(sa.func.count(Offer.id))
        .where(Offer.request_id == SourcingRequest.id, Offer.status != OfferStatus.WITHDRAWN)
        .correlate(SourcingRequest).scalar_subquery()
    )
    return db.session.execute(
        sa.select(SourcingRequest, live)
        .where(SourcingRequest.distributor_id == company.id)
        .options(joinedload(SourcingRequest.category))
        .order_by(SourcingRequest.created_at.desc(), SourcingRequest.id.desc())
    ).all()


