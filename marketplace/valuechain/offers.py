"""Offers: a cooperative answers an open request (one live offer each), changes or withdraws
it; the buyer compares, shortlists, declines or accepts it (an accepted offer becomes a
partnership); both sides talk in the offer's thread."""
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.orm import joinedload, selectinload

from marketplace import clock, unitofwork
from marketplace.producers.organisations import check_can_publish
from marketplace.catalog.models import OcopCertificate
from marketplace.extensions import db
from marketplace.valuechain import geo, matching
from marketplace.valuechain.checks import MAX_LEAD_DAYS, MAX_PRICE, published_products_of, text, today_or, whole
from marketplace.valuechain.models import (
    Offer,
    OfferMessage,
    OfferStatus,
    Partnership,
    PartnershipStatus,
    RequestStatus,
    SourcingRequest,
    ValueChainError,
)
from marketplace.valuechain.notifications import path, tell_cooperative, tell_distributor
from marketplace.valuechain.statuses import OFFERS, lock, move_request


@dataclass
class OfferDetails:
    product_ids: list
    unit_price: int | None
    quantity_per_period: int | None
    lead_time_days: int | None
    valid_until: date | None
    sample_available: bool = False
    message: str = ""
    show_if_accepted: bool = False


def _check_offer(request, cooperative, details, today):
    if not request.takes_offers(today):
        raise ValueChainError(_("This request no longer takes offers."))
    products = published_products_of(cooperative, details.product_ids, _("Choose at least one of your products."),
                                      _("Offer only your own published products."))
    price = whole(details.unit_price, "unit_price", high=MAX_PRICE,
                   message=_("Enter a price in whole đồng above 0, e.g. 85.000."))
    quantity = whole(details.quantity_per_period, "quantity_per_period",
                      message=_("The quantity must be a whole number above 0."))
    lead = whole(details.lead_time_days, "lead_time_days", low=0, high=MAX_LEAD_DAYS,
                  message=_("Enter the lead time in days, from 0 to %(num)s.", num=MAX_LEAD_DAYS))
    if not isinstance(details.valid_until, date):
        raise ValueChainError(_("Enter the date the offer is valid until."), "valid_until")
    if details.valid_until < today:
        raise ValueChainError(_("The offer cannot be valid only until a past date."), "valid_until")
    return products, {
        "unit_price": price,
        "quantity_per_period": quantity,
        "lead_time_days": lead,
        "valid_until": details.valid_until,
        "sample_available": bool(details.sample_available),
        "message": text(details.message, 4000, "message"),
        "show_if_accepted": bool(details.show_if_accepted),
    }


def current_offer(request, cooperative):
    """The cooperative's live or accepted offer on `request`, else its latest one, or None."""
    offers = db.session.scalars(
        sa.select(Offer).where(Offer.request_id == request.id, Offer.cooperative_id == cooperative.id)
        .options(selectinload(Offer.products))
        .order_by(Offer.created_at.desc(), Offer.id.desc())
    ).all()
    standing = [o for o in offers if o.status in (OfferStatus.SUBMITTED, OfferStatus.SHORTLISTED, OfferStatus.ACCEPTED)]
    return (standing or offers or [None])[0]


def cooperative_offers(cooperative):
    """The cooperative's offers with their requests, newest first (1 query)."""
    return db.session.scalars(
        sa.select(Offer).where(Offer.cooperative_id == cooperative.id)
        .options(joinedload(Offer.request).joinedload(SourcingRequest.distributor))
        .order_by(Offer.created_at.desc(), Offer.id.desc())
    ).all()


def _offer_params(offer):
    return {"title": offer.request.title, "cooperative": offer.cooperative.name}


def _offer_link(offer):
    return path("valuechain.offer_thread", offer_id=offer.id)


def submit_offer(request, cooperative, user, details, today=None):
    """A cooperative's offer on an open request: one live offer each."""
    today = today_or(today)
    check_can_publish(cooperative)
    existing = current_offer(request, cooperative)
    if existing is not None and existing.status in (OfferStatus.SUBMITTED, OfferStatus.SHORTLISTED):
        raise ValueChainError(_("You already have an offer on this request: change that one instead."))
    if existing is not None and existing.status == OfferStatus.ACCEPTED:
        raise ValueChainError(_("Your offer on this request was already accepted."))
    products, values = _check_offer(request, cooperative, details, today)
    offer = Offer(request=request, cooperative=cooperative, created_by_id=user.id if user else None,
                  products=products, **values)
    db.session.add(offer)
    try:
        db.session.flush()
    except sa.exc.IntegrityError:  # two submissions at once: the unique live-offer index decides
        db.session.rollback()
        raise ValueChainError(_("You already have an offer on this request: change that one instead.")) from None
    tell_distributor(request.distributor_id, "valuechain.offer_received", _offer_link(offer), _offer_params(offer))
    unitofwork.commit()
    return offer


def update_offer(offer, details, today=None):
    """Change a live offer while the request takes offers."""
    today = today_or(today)
    lock(offer)  # not accepted meanwhile on the old terms
    if not offer.is_live:
        raise ValueChainError(_("Only a live offer can be changed."))
    products, values = _check_offer(offer.request, offer.cooperative, details, today)
    offer.products = products
    for name, value in values.items():
        setattr(offer, name, value)
    tell_distributor(offer.request.distributor_id, "valuechain.offer_updated", _offer_link(offer),
                     _offer_params(offer))
    unitofwork.commit()
    return offer


def withdraw_offer(offer, actor=None):
    OFFERS.move(offer, OfferStatus.WITHDRAWN, actor)
    tell_distributor(offer.request.distributor_id, "valuechain.offer_withdrawn",
                     path("valuechain.compare_offers", request_id=offer.request_id), _offer_params(offer))
    unitofwork.commit()


def shortlist_offer(offer, actor=None):
    OFFERS.move(offer, OfferStatus.SHORTLISTED, actor)
    tell_cooperative(offer.cooperative_id, "valuechain.offer_shortlisted", _offer_link(offer), _offer_params(offer))
    unitofwork.commit()


def decline_offer(offer, actor=None):
    OFFERS.move(offer, OfferStatus.DECLINED, actor)
    tell_cooperative(offer.cooperative_id, "valuechain.offer_declined", _offer_link(offer), _offer_params(offer))
    unitofwork.commit()


def accept_offer(offer, user, today=None, shown=False):
    """Accept an offer: the request is awarded (more offers may still be accepted) and the
    offer becomes an active partnership on its terms. `shown` is the buyer's consent to show
    it publicly; the cooperative gave (or not) its own with the offer."""
    today = today_or(today)
    request = offer.request
    # The request's row lock puts the awards of one request in a line: each sees the status
    # the one before left (an award after a close at the same moment is still an award).
    lock(request)
    # The offer moves first: of two accepts (or an accept and a withdrawal) of one offer,
    # one wins and the other is refused here, before anything else is written.
    OFFERS.move(offer, OfferStatus.ACCEPTED, user)
    if request.status_on(today) != RequestStatus.AWARDED:
        move_request(request, RequestStatus.AWARDED, today, user, closed_at=request.closed_at or clock.utcnow())
    starts_on = max(today, request.period_start or today)
    ends_on = request.period_end if request.period_end and request.period_end >= starts_on else None
    partnership = Partnership(
        distributor_id=request.distributor_id, cooperative_id=offer.cooperative_id, offer=offer,
        proposed_by_id=user.id if user else None, unit_price=offer.unit_price, unit=request.unit,
        volume_per_period=offer.quantity_per_period, frequency=request.frequency,
        starts_on=starts_on, ends_on=ends_on, products=list(offer.products),
        status=PartnershipStatus.ACTIVE, activated_at=clock.utcnow(),
        shown_by_distributor=bool(shown), shown_by_cooperative=offer.show_if_accepted,
    )
    db.session.add(partnership)
    tell_cooperative(offer.cooperative_id, "valuechain.offer_accepted", _offer_link(offer), _offer_params(offer))
    unitofwork.commit()
    return partnership


@dataclass
class OfferRow:
    """One offer as the buyer compares it with the others."""

    offer: Offer
    stars: int | None
    valid_to: date | None
    certifications: list
    distance_km: float | None


def offers_for_comparison(request, today=None):
    """The offers on `request` (withdrawn ones left out), cheapest first, with the stars of
    the offered products, the cooperative's valid certifications and its distance (4 queries)."""
    today = today_or(today)
    offers = db.session.scalars(
        sa.select(Offer).where(Offer.request_id == request.id, Offer.status != OfferStatus.WITHDRAWN)
        .options(joinedload(Offer.cooperative), selectinload(Offer.products))
        .order_by(Offer.unit_price, Offer.id)
    ).all()
    product_ids = {p.id for o in offers for p in o.products}
    best = {}
    if product_ids:
        for product_id, stars, expires_on in db.session.execute(
            sa.select(OcopCertificate.product_id, OcopCertificate.stars, OcopCertificate.expires_on)
            .where(OcopCertificate.product_id.in_(product_ids), OcopCertificate.grants_badge(today))
        ):
            if product_id not in best or (stars, expires_on) > best[product_id]:
                best[product_id] = (stars, expires_on)
    held = matching.declared_certifications([o.cooperative_id for o in offers], today)
    rows = []
    for offer in offers:
        ratings = [best[p.id] for p in offer.products if p.id in best]
        stars, valid_to = max(ratings) if ratings else (None, None)
        rows.append(OfferRow(
            offer, stars, valid_to, sorted(held.get(offer.cooperative_id, {})),
            geo.province_distance_km(offer.cooperative.province_code, request.delivery_province_code),
        ))
    return rows


def get_offer(offer_id):
    return db.session.scalar(
        sa.select(Offer).where(Offer.id == offer_id)
        .options(joinedload(Offer.request).joinedload(SourcingRequest.distributor), joinedload(Offer.cooperative),
                 selectinload(Offer.products))
    )


def thread(offer):
    return db.session.scalars(
        sa.select(OfferMessage).where(OfferMessage.offer_id == offer.id)
        .options(joinedload(OfferMessage.author))
        .order_by(OfferMessage.created_at, OfferMessage.id)
    ).all()


def post_message(offer, user, from_distributor, body):
    """A question or answer in the offer's thread; the other side is told."""
    body = text(body, 4000, "body", required=_("Write a message first."))
    message = OfferMessage(offer_id=offer.id, author_id=user.id, from_distributor=from_distributor, body=body)
    db.session.add(message)
    link, params = _offer_link(offer), _offer_params(offer)
    if from_distributor:
        tell_cooperative(offer.cooperative_id, "valuechain.offer_message", link, params, but=user.id)
    else:
        tell_distributor(offer.request.distributor_id, "valuechain.offer_message", link, params, but=user.id)
    unitofwork.commit()
    return message
