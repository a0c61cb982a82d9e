"""Offers: a cooperative answers an open request (one live offer each), changes or withdraws
it; the buyer compares, shortlists, declines, counters or accepts it; the cooperative answers a
counter by accepting it or countering again. Every set of terms put forward is a numbered,
read-only `OfferRevision` (up to OFFER_MAX_ROUNDS); the offer row holds the latest. An
accepted offer becomes a partnership and a purchase order. The buyer may ask for samples (a
small purchase order at a stated price). Both sides talk in the offer's thread."""
from dataclasses import dataclass, field
from datetime import date, timedelta

import sqlalchemy as sa
from flask import current_app
from flask_babel import gettext as _
from sqlalchemy.orm import joinedload, selectinload

from marketplace import clock, unitofwork
from marketplace.producers.organisations import check_can_publish
from marketplace.catalog.models import OcopCertificate
from marketplace.extensions import db
from marketplace.valuechain import geo, matching, purchasing
from marketplace.valuechain.checks import (
    MAX_LEAD_DAYS,
    MAX_PRICE,
    one_of,
    published_products_of,
    text,
    today_or,
    whole,
)
from marketplace.valuechain.models import (
    DeliveryTerm,
    Offer,
    OfferMessage,
    OfferRevision,
    OfferStatus,
    PurchaseDelivery,
    PurchaseOrder,
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
    min_order_quantity: int | None = None
    price_tiers: list = field(default_factory=list)  # [(from quantity, unit price)]
    delivery_term: str = DeliveryTerm.WAREHOUSE


@dataclass
class Terms:
    """What either side puts forward in a counter-offer."""

    unit_price: int | None
    quantity_per_period: int | None
    lead_time_days: int | None
    valid_until: date | None
    delivery_term: str = DeliveryTerm.WAREHOUSE
    min_order_quantity: int | None = None
    price_tiers: list = field(default_factory=list)
    message: str = ""


REVISION_FIELDS = ("unit_price", "quantity_per_period", "min_order_quantity", "price_tiers", "delivery_term",
                   "lead_time_days", "valid_until", "message")


def _check_tiers(tiers, base_price, min_order):
    """Quantity breaks: each from a larger quantity than the one before, at a lower price
    than the one before (the base price first)."""
    clean, last_quantity, last_price = [], min_order or 0, base_price
    for pair in tiers or []:
        try:
            quantity, price = pair
        except (TypeError, ValueError):
            raise ValueChainError(_("Write each price tier as a quantity and a price."), "price_tiers") from None
        quantity = whole(quantity, "price_tiers", message=_("A tier's quantity must be a whole number above 0."))
        price = whole(price, "price_tiers", high=MAX_PRICE, message=_("A tier's price must be whole đồng above 0."))
        if quantity <= last_quantity or price >= last_price:
            raise ValueChainError(
                _("Each tier starts at a larger quantity than the one before, at a lower price."), "price_tiers")
        clean.append([quantity, price])
        last_quantity, last_price = quantity, price
    return clean


def check_terms(terms, today):
    """The clean values of `terms` (an OfferDetails or Terms), or a refusal naming the field."""
    price = whole(terms.unit_price, "unit_price", high=MAX_PRICE,
                  message=_("Enter a price in whole đồng above 0, e.g. 85.000."))
    quantity = whole(terms.quantity_per_period, "quantity_per_period",
                     message=_("The quantity must be a whole number above 0."))
    lead = whole(terms.lead_time_days, "lead_time_days", low=0, high=MAX_LEAD_DAYS,
                 message=_("Enter the lead time in days, from 0 to %(num)s.", num=MAX_LEAD_DAYS))
    min_order = None
    if terms.min_order_quantity not in (None, ""):
        min_order = whole(terms.min_order_quantity, "min_order_quantity",
                          message=_("The minimum order must be a whole number above 0."))
        if min_order > quantity:
            raise ValueChainError(_("The minimum order cannot exceed the quantity per period."), "min_order_quantity")
    if not isinstance(terms.valid_until, date):
        raise ValueChainError(_("Enter the date the offer is valid until."), "valid_until")
    if terms.valid_until < today:
        raise ValueChainError(_("The offer cannot be valid only until a past date."), "valid_until")
    return {
        "unit_price": price,
        "quantity_per_period": quantity,
        "lead_time_days": lead,
        "valid_until": terms.valid_until,
        "min_order_quantity": min_order,
        "price_tiers": _check_tiers(terms.price_tiers, price, min_order),
        "delivery_term": one_of(DeliveryTerm, terms.delivery_term, "delivery_term"),
        "message": text(terms.message, 4000, "message"),
    }


def _check_offer(request, cooperative, details, today):
    if not request.takes_offers(today):
        raise ValueChainError(_("This request no longer takes offers."))
    products = published_products_of(cooperative, details.product_ids, _("Choose at least one of your products."),
                                      _("Offer only your own published products."))
    return products, {
        **check_terms(details, today),
        "sample_available": bool(details.sample_available),
        "show_if_accepted": bool(details.show_if_accepted),
    }


def _add_revision(offer, user, by_distributor, number):
    db.session.add(OfferRevision(
        offer_id=offer.id, number=number, by_distributor=by_distributor, author_id=getattr(user, "id", None),
        **{name: getattr(offer, name) for name in REVISION_FIELDS},
    ))


def max_rounds():
    return current_app.config["OFFER_MAX_ROUNDS"]


def _check_turn(offer, seen_revision, today=None):
    """Under the offer's row lock: it is live, and its terms are still the ones the person
    looked at (else the other side moved first)."""
    if not offer.is_live:
        raise ValueChainError(_("This offer is no longer open to negotiation."))
    if seen_revision is not None and seen_revision != offer.revision:
        raise ValueChainError(_("The other side changed the terms meanwhile: read revision %(num)s first.",
                                num=offer.revision))


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
    _add_revision(offer, user, False, 1)
    tell_distributor(request.distributor_id, "valuechain.offer_received", _offer_link(offer), _offer_params(offer))
    unitofwork.commit()
    return offer


def update_offer(offer, details, today=None, user=None, seen_revision=None):
    """The cooperative changes its live offer while the request takes offers: a new revision
    (which also answers a buyer's counter-offer)."""
    today = today_or(today)
    lock(offer)  # not accepted meanwhile on the old terms
    if not offer.is_live:
        raise ValueChainError(_("Only a live offer can be changed."))
    _check_turn(offer, seen_revision)
    _check_rounds(offer)
    products, values = _check_offer(offer.request, offer.cooperative, details, today)
    offer.products = products
    for name, value in values.items():
        setattr(offer, name, value)
    offer.revision += 1
    offer.awaiting_cooperative = False
    _add_revision(offer, user, False, offer.revision)
    tell_distributor(offer.request.distributor_id, "valuechain.offer_updated", _offer_link(offer),
                     _offer_params(offer))
    unitofwork.commit()
    return offer


def _check_rounds(offer):
    if offer.revision >= max_rounds():
        raise ValueChainError(_("This negotiation has had its %(num)s rounds: accept or decline the last terms.",
                                num=max_rounds()))


def counter(offer, by_user, terms, by_distributor, seen_revision=None, today=None):
    """A counter-offer: either side puts forward new terms on a live offer, in turn (the
    buyer answers the cooperative's terms, the cooperative the buyer's). Revision numbers
    go up by one; the earlier ones stay as they were. Of two counters (or a counter and an
    accept) at once, the first wins and the other is refused."""
    today = today_or(today)
    lock(offer)
    _check_turn(offer, seen_revision)
    if by_distributor == offer.awaiting_cooperative:
        raise ValueChainError(_("It is the other side's turn: wait for their answer."))
    _check_rounds(offer)
    values = check_terms(terms, today)
    for name, value in values.items():
        setattr(offer, name, value)
    offer.revision += 1
    offer.awaiting_cooperative = by_distributor
    _add_revision(offer, by_user, by_distributor, offer.revision)
    link, params = _offer_link(offer), {**_offer_params(offer), "number": offer.revision}
    if by_distributor:
        tell_cooperative(offer.cooperative_id, "valuechain.offer_countered", link, params)
    else:
        tell_distributor(offer.request.distributor_id, "valuechain.offer_countered", link, params)
    unitofwork.commit()
    return offer


def request_samples(offer, by_user, quantity, unit_price, today=None):
    """The buyer asks for samples on a live offer: a small purchase order (one delivery
    after the offer's lead time) at the price the buyer states."""
    today = today_or(today)
    lock(offer)
    _check_turn(offer, None)
    quantity = whole(quantity, "sample_quantity", message=_("Enter how many units you want as samples."))
    limit = offer.min_order_quantity or offer.quantity_per_period
    if quantity >= limit:
        raise ValueChainError(_("Samples are a small order: fewer than %(num)s units.", num=limit), "sample_quantity")
    price = whole(unit_price, "sample_price", low=0, high=MAX_PRICE,
                  message=_("Enter the sample price in whole đồng (0 if free)."))
    order = PurchaseOrder(
        distributor_id=offer.request.distributor_id, cooperative_id=offer.cooperative_id, offer_id=offer.id,
        created_by_id=getattr(by_user, "id", None), is_sample=True, title=offer.request.title[:200],
        unit=offer.request.unit, unit_price=price, delivery_term=offer.delivery_term,
        deliveries=[PurchaseDelivery(number=1, due_on=today + timedelta(days=offer.lead_time_days),
                                     quantity=quantity)],
    )
    db.session.add(order)
    db.session.flush()
    tell_cooperative(offer.cooperative_id, "valuechain.samples_requested",
                     path("valuechain.purchase_order", order_id=order.id), _offer_params(offer))
    unitofwork.commit()
    return order


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


def accept_offer(offer, user, today=None, shown=False, by_distributor=True, seen_revision=None):
    """Accept the other side's latest terms: the buyer accepts the cooperative's, the
    cooperative a buyer's counter-offer. The request is awarded (more offers may still be
    accepted), the offer becomes an active partnership on its terms and a purchase order.
    `shown` is the buyer's consent to show it publicly; the cooperative gave (or not) its own
    with the offer. An expired offer cannot be accepted."""
    today = today_or(today)
    request = offer.request
    # The request's row lock puts the awards of one request in a line: each sees the status
    # the one before left (an award after a close at the same moment is still an award).
    lock(request)
    # Then the offer's: a counter at the same moment either lands first (and we refuse, the
    # terms changed) or waits and finds the offer accepted.
    lock(offer)
    if offer.is_live:
        _check_turn(offer, seen_revision)
        if by_distributor == offer.awaiting_cooperative:
            raise ValueChainError(_("These are your own terms: the other side accepts or counters them."))
        if offer.is_expired(today):
            raise ValueChainError(_("This offer expired on %(date)s: counter it with a new validity instead.",
                                    date=offer.valid_until.strftime("%d/%m/%Y")))
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
    purchasing.create_purchase_order(
        partnership, user, title=request.title, delivery_term=offer.delivery_term,
        lead_time_days=offer.lead_time_days, starts_on=starts_on, offer_id=offer.id,
    )
    if by_distributor:
        tell_cooperative(offer.cooperative_id, "valuechain.offer_accepted", _offer_link(offer), _offer_params(offer))
    else:
        tell_distributor(request.distributor_id, "valuechain.counter_accepted", _offer_link(offer),
                         _offer_params(offer))
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
            geo.place_distance_km((offer.cooperative.province_code, offer.cooperative.ward_code),
                                  (request.delivery_province_code, request.delivery_ward_code)),
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


def revisions(offer):
    """The offer's revisions, oldest first (1 query)."""
    return db.session.scalars(
        sa.select(OfferRevision).where(OfferRevision.offer_id == offer.id).order_by(OfferRevision.number)
    ).all()
