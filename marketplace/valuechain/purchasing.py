"""Purchase orders: what a partnership promises, delivery by delivery. An accepted offer (or a
renewal of the partnership, or a sample asked for while negotiating) creates one, with a
delivery schedule from the frequency; the cooperative confirms each delivery shipped, the
distributor confirms it received with the quantity. On-time, complete deliveries are the
cooperative's track record in matching (`track_records`)."""
from datetime import date, timedelta

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.orm import joinedload, selectinload

from marketplace import clock, unitofwork
from marketplace.extensions import db
from marketplace.statemachine import StateMachine
from marketplace.valuechain.checks import today_or, whole
from marketplace.valuechain.models import (
    DeliveryStatus,
    DeliveryTerm,
    Frequency,
    PartnershipStatus,
    PurchaseDelivery,
    PurchaseOrder,
    PurchaseOrderStatus,
    ValueChainError,
)
from marketplace.valuechain.notifications import path, tell_cooperative, tell_distributor
from marketplace.valuechain.statuses import _conflict, _illegal, lock

# A schedule covers a year at most; a renewal orders the next one.
SCHEDULE_MONTHS = 12
SEASON_MONTHS = 3  # a season's deliveries when the partnership gives no end

DELIVERIES = StateMachine("purchase_delivery", {
    DeliveryStatus.SCHEDULED: {DeliveryStatus.SHIPPED, DeliveryStatus.RECEIVED},
    DeliveryStatus.SHIPPED: {DeliveryStatus.RECEIVED},
    DeliveryStatus.RECEIVED: set(),
}, illegal=_illegal, conflict=_conflict)

PURCHASE_ORDERS = StateMachine("purchase_order", {
    PurchaseOrderStatus.OPEN: {PurchaseOrderStatus.COMPLETED},
    PurchaseOrderStatus.COMPLETED: set(),
}, illegal=_illegal, conflict=_conflict)


def add_months(day, months):
    """The same day `months` later, clamped to the month's end (31 Jan + 1 → 28/29 Feb)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last))
        except ValueError:
            continue


def _months_until(start, end, cap):
    if end is None or end < start:
        return cap
    return min(cap, (end.year - start.year) * 12 + end.month - start.month + 1)


def split(total, parts):
    """`total` in `parts` whole shares that add up exactly (the first ones take the rest)."""
    base, rest = divmod(total, parts)
    return [base + (1 if i < rest else 0) for i in range(parts)]


def schedule(frequency, volume, first_due, ends_on=None):
    """[(due date, quantity)]: one delivery for a one-off; every month (monthly), every three
    months (quarterly) until `ends_on`, a year at most; a seasonal volume spread monthly over
    the season (until `ends_on`, else three months)."""
    if frequency == Frequency.ONE_OFF:
        return [(first_due, volume)]
    if frequency == Frequency.SEASONAL:
        months = _months_until(first_due, ends_on, SEASON_MONTHS)
        shares = [q for q in split(volume, months) if q > 0]
        return [(add_months(first_due, i), q) for i, q in enumerate(shares)]
    step = 3 if frequency == Frequency.QUARTERLY else 1
    count = max(1, (_months_until(first_due, ends_on, SCHEDULE_MONTHS) + step - 1) // step)
    return [(add_months(first_due, i * step), volume) for i in range(count)]


def _po_link(order_id):
    return path("valuechain.purchase_order", order_id=order_id)


def _params(order):
    return {"number": order.id, "title": order.title}


def create_purchase_order(partnership, user, *, title, delivery_term, lead_time_days, starts_on, offer_id=None):
    """A purchase order on the partnership's terms, deliveries from `starts_on` + lead time
    (in the caller's transaction)."""
    order = PurchaseOrder(
        distributor_id=partnership.distributor_id, cooperative_id=partnership.cooperative_id,
        partnership=partnership, offer_id=offer_id, created_by_id=getattr(user, "id", None), title=title[:200],
        unit=partnership.unit, unit_price=partnership.unit_price, delivery_term=delivery_term,
    )
    first_due = starts_on + timedelta(days=lead_time_days)
    for number, (due_on, quantity) in enumerate(
            schedule(partnership.frequency, partnership.volume_per_period, first_due, partnership.ends_on), 1):
        order.deliveries.append(PurchaseDelivery(number=number, due_on=due_on, quantity=quantity))
    db.session.add(order)
    db.session.flush()
    tell_cooperative(order.cooperative_id, "valuechain.purchase_order_created", _po_link(order.id), _params(order))
    return order


def renew(partnership, user, today=None):
    """The distributor orders the partnership's next cycle: a new purchase order whose first
    delivery follows the last one ordered so far."""
    today = today_or(today)
    lock(partnership)  # two renewals at once: the second sees the first's deliveries
    if partnership.status != PartnershipStatus.ACTIVE:
        raise ValueChainError(_("Only an active partnership can be renewed."))
    last_due = db.session.scalar(
        sa.select(sa.func.max(PurchaseDelivery.due_on)).join(PurchaseOrder)
        .where(PurchaseOrder.partnership_id == partnership.id)
    )
    starts_on = max(today, partnership.starts_on)
    lead = partnership.offer.lead_time_days if partnership.offer else 7
    if last_due is not None:
        step = 3 if partnership.frequency == Frequency.QUARTERLY else 1
        starts_on = max(today, add_months(last_due, step) - timedelta(days=lead))
    if partnership.ends_on is not None and starts_on + timedelta(days=lead) > partnership.ends_on:
        raise ValueChainError(_("The partnership ends before another delivery could be made."))
    term = partnership.offer.delivery_term if partnership.offer else DeliveryTerm.WAREHOUSE
    title = partnership.offer.request.title if partnership.offer else ", ".join(p.name_vi for p in partnership.products)
    order = create_purchase_order(partnership, user, title=title, delivery_term=term, lead_time_days=lead,
                                  starts_on=starts_on, offer_id=partnership.offer_id)
    unitofwork.commit()
    return order


def confirm_shipment(delivery, user=None):
    """The cooperative confirms a delivery sent."""
    DELIVERIES.move(delivery, DeliveryStatus.SHIPPED, user, shipped_at=clock.utcnow())
    order = delivery.purchase_order
    tell_distributor(order.distributor_id, "valuechain.delivery_shipped", _po_link(order.id),
                     {**_params(order), "delivery": delivery.number})
    unitofwork.commit()


def confirm_delivery(delivery, quantity_received, user=None, today=None):
    """The distributor confirms a delivery received, with the quantity that arrived; the
    order is completed with its last delivery."""
    today = today_or(today)
    quantity = whole(quantity_received, "quantity_received", low=0,
                     message=_("Enter the quantity received, a whole number (0 if nothing came)."))
    order = delivery.purchase_order
    lock(order)  # the last two deliveries received at once: one of them completes the order
    DELIVERIES.move(delivery, DeliveryStatus.RECEIVED, user, received_on=today, quantity_received=quantity)
    pending = db.session.scalar(
        sa.select(sa.func.count()).select_from(PurchaseDelivery)
        .where(PurchaseDelivery.purchase_order_id == order.id, PurchaseDelivery.status != DeliveryStatus.RECEIVED)
    )
    if not pending:
        PURCHASE_ORDERS.move(order, PurchaseOrderStatus.COMPLETED, user)
    tell_cooperative(order.cooperative_id, "valuechain.delivery_received", _po_link(order.id),
                     {**_params(order), "delivery": delivery.number})
    unitofwork.commit()


def _owned_by(query, cooperative, company):
    if cooperative is not None:
        return query.where(PurchaseOrder.cooperative_id == cooperative.id)
    return query.where(PurchaseOrder.distributor_id == company.id)


def purchase_orders_of(cooperative=None, company=None, offset=0, limit=None):
    """The purchase orders of one cooperative or one company, newest first (2 queries); a
    page of them with `offset` and `limit`."""
    query = (
        sa.select(PurchaseOrder)
        .options(joinedload(PurchaseOrder.distributor), joinedload(PurchaseOrder.cooperative),
                 selectinload(PurchaseOrder.deliveries))
        .order_by(PurchaseOrder.created_at.desc(), PurchaseOrder.id.desc())
        .offset(offset).limit(limit)
    )
    return db.session.scalars(_owned_by(query, cooperative, company)).all()


def count_purchase_orders(cooperative=None, company=None):
    return db.session.scalar(_owned_by(sa.select(sa.func.count(PurchaseOrder.id)), cooperative, company))


def get_purchase_order(order_id):
    return db.session.scalar(
        sa.select(PurchaseOrder).where(PurchaseOrder.id == order_id)
        .options(joinedload(PurchaseOrder.distributor), joinedload(PurchaseOrder.cooperative),
                 selectinload(PurchaseOrder.deliveries))
    )


def track_records(cooperative_ids):
    """Cooperative id -> (on-time complete deliveries, deliveries received), ONE query.
    Samples count too: they are deliveries the buyer checked."""
    if not cooperative_ids:
        return {}
    received = PurchaseDelivery.status == DeliveryStatus.RECEIVED
    good = sa.and_(received, PurchaseDelivery.received_on <= PurchaseDelivery.due_on,
                   PurchaseDelivery.quantity_received >= PurchaseDelivery.quantity)
    rows = db.session.execute(
        sa.select(PurchaseOrder.cooperative_id,
                  sa.func.sum(sa.case((good, 1), else_=0)), sa.func.sum(sa.case((received, 1), else_=0)))
        .join(PurchaseDelivery, PurchaseDelivery.purchase_order_id == PurchaseOrder.id)
        .where(PurchaseOrder.cooperative_id.in_(cooperative_ids))
        .group_by(PurchaseOrder.cooperative_id)
    )
    return {cooperative_id: (int(good or 0), int(total or 0)) for cooperative_id, good, total in rows}
