"""Orders and shipments through their statuses: the cooperative confirms, ships, delivers or
cancels its part, the buyer cancels the whole order, payments releases or cancels card orders
and settles refunds; and the orders as buyers and cooperatives see them.

Every move locks the order's row (moves of one order happen one at a time) and goes through
the order and shipment state machines (`orders.models`). What other domains do about a move
they learn from `orders.signals`.
"""
import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.orm import joinedload, selectinload

from marketplace import jobs, unitofwork
from marketplace.bookings import services as bookings
from marketplace.extensions import db
from marketplace.orders import notifications, signals, tracking
from marketplace.orders.carts import normalise_mobile
from marketplace.orders.errors import OrderError
from marketplace.orders.models import (
    CANCELLABLE,
    FULFILMENT,
    ORDER_MACHINE,
    Carrier,
    Order,
    Shipment,
    Status,
    StatusChange,
    machine_of,
    parse_order_number,
)
from marketplace.statemachine import IllegalTransition, StatusConflict
from marketplace.stock import services as stock


def rolled_up_status(order):
    """The order's status from its shipments': cancelled when all are; otherwise the least
    advanced of the others, once past "placed" (a paid card order stays paid until then)."""
    active = [s.status for s in order.shipments if s.status != Status.CANCELLED]
    if not active:
        return Status.CANCELLED
    lowest = min(active, key=FULFILMENT.index)
    if lowest in (Status.AWAITING_PAYMENT, Status.PLACED):
        return order.status
    return lowest


def locked_order(order_id):
    """The order with its row locked until the commit (moves of one order, and payments of
    it, happen one at a time) and its shipments re-read after the lock. SQLite ignores the
    lock; it serialises writers anyway."""
    order = db.session.scalars(
        sa.select(Order).where(Order.id == order_id).with_for_update().execution_options(populate_existing=True)
    ).one()
    db.session.scalars(
        sa.select(Shipment).where(Shipment.order_id == order_id).execution_options(populate_existing=True)
    ).all()
    return order


def _give_back(shipment, actor, order):
    """The goods go back to stock; a booking's places go back to their days."""
    lines = [line for line in shipment.lines if line.product_id is not None]
    for line in lines:
        if line.booking_date is not None:
            bookings.give_back(line.product_id, bookings.Booking.of_line(line.booking_date, line.quantity, line.nights))
    stock.give_back({line.product_id: line.quantity for line in lines if line.booking_date is None},
                    actor.id if actor is not None else None, order.number)


def _cancel(shipment, actor, reason, order):
    """Cancel a shipment that has not left its cooperative; its stock goes back (once: a
    second cancel finds the status changed)."""
    machine_of(shipment).move(shipment, Status.CANCELLED, actor, reason, cancel_reason=reason)
    _give_back(shipment, actor, order)


def _move_shipment(shipment_id, new, actor, reason="", expected=None, **values):
    """In the open transaction: lock the order, move the shipment (only from the `expected`
    status, if given), roll the order up."""
    order_id = db.session.scalar(sa.select(Shipment.order_id).where(Shipment.id == shipment_id))
    order = locked_order(order_id)
    shipment = next(s for s in order.shipments if s.id == shipment_id)
    if expected is not None and shipment.status != expected:
        raise StatusConflict(machine_of(shipment).name, shipment.status, new)
    if new == Status.CANCELLED:
        _cancel(shipment, actor, reason, order)
    else:
        machine_of(shipment).move(shipment, new, actor, reason, **values)
    if new == Status.DELIVERED:
        signals.shipment_delivered.send(shipment, order=order)
    _roll_up(order, actor, reason)
    return shipment


def _roll_up(order, actor, reason=""):
    new = rolled_up_status(order)
    if new != order.status:
        ORDER_MACHINE.move(order, new, actor, reason)


def confirm_shipment(shipment, actor):
    with unitofwork.unit_of_work():
        return _move_shipment(shipment.id, Status.CONFIRMED, actor)


def ship_shipment(shipment, actor, carrier, tracking_number=""):
    """Mark a shipment shipped with its carrier and tracking number (optional only for the
    cooperative's own delivery); the buyer is told."""
    try:
        carrier = Carrier(carrier)
    except ValueError:
        raise OrderError(_("Choose the carrier.")) from None
    tracking_number = tracking.checked_tracking_number(carrier, tracking_number)
    with unitofwork.unit_of_work():
        shipment = _move_shipment(shipment.id, Status.SHIPPED, actor, carrier=carrier, tracking_number=tracking_number)
        jobs.defer(notifications.shipment_shipped, shipment_id=shipment.id)
    return shipment


def deliver_shipment(shipment, actor):
    """Delivered: for cash on delivery, the courier collected the money (payments credits the
    cooperative in the same transaction, through `signals.shipment_delivered`)."""
    with unitofwork.unit_of_work():
        return _move_shipment(shipment.id, Status.DELIVERED, actor)


def cancel_shipment(shipment, actor, reason, expected=None):
    """The cooperative cancels its part before shipping, with a reason; the stock goes back
    (exactly once: a second cancel finds the status changed) and the buyer is told."""
    reason = (reason or "").strip()[:500]
    if not reason:
        raise OrderError(_("Say why the order is cancelled; the buyer will read it."))
    with unitofwork.unit_of_work():
        shipment = _move_shipment(shipment.id, Status.CANCELLED, actor, reason, expected=expected)
        jobs.defer(notifications.shipment_cancelled, shipment_id=shipment.id, reason=str(reason))
    return shipment


def why_not_cancellable(order):
    """The reason the buyer can no longer cancel `order`, in the words of its situation."""
    if order.status == Status.CANCELLED:
        return _("This order is already cancelled.")
    if order.status == Status.REFUNDED:
        return _("This order has been refunded.")
    if order.status == Status.DELIVERED:
        return _("This order has been delivered: it can no longer be cancelled.")
    if order.status == Status.SHIPPED:
        return _("This order has shipped: it can no longer be cancelled.")
    return _("This order can no longer be cancelled: part of it has left the cooperative.")


def cancel_order(order, actor, reason=""):
    """The buyer cancels the whole order while no part has shipped; the stock goes back once,
    the cooperatives are told (of card orders: once paid) and other domains hear of it."""
    with unitofwork.unit_of_work():
        order = locked_order(order.id)
        if not order.can_be_cancelled:
            raise IllegalTransition("order", order.status, Status.CANCELLED, why_not_cancellable(order))
        announced = order.status != Status.AWAITING_PAYMENT  # cooperatives hear of card orders once paid
        reason = (reason or "").strip()[:500] or _("Cancelled by the buyer.")
        for shipment in order.shipments:
            if shipment.status in CANCELLABLE:
                _cancel(shipment, actor, reason, order)
        _roll_up(order, actor, reason)
        signals.order_cancelled.send(order)
        if announced:
            jobs.defer(notifications.order_cancelled, order_id=order.id, reason=str(reason))
    return order


# ---------------------------------------------------------------------------------------
# Card payments and refunds: payments calls these inside its own transaction (the one that
# records the payment, the Stripe event or the refund), and commits.


def release_paid_order(order, actor=None):
    """The payment of a card order arrived: the order is paid and its shipments go to their
    cooperatives (placed). Returns the locked order, or None (nothing moved) when it was no
    longer awaiting payment."""
    order = locked_order(order.id)
    if order.status != Status.AWAITING_PAYMENT:
        return None
    for shipment in order.shipments:
        machine_of(shipment).move(shipment, Status.PLACED, actor)
    ORDER_MACHINE.move(order, Status.PAID, actor)
    return order


def cancel_unpaid_order(order, reason, actor=None):
    """A card order that was never paid (session expired, payment failed) is cancelled and its
    stock given back. Returns the locked order, or None (nothing moved, no stock given back
    twice) when it was no longer awaiting payment."""
    order = locked_order(order.id)
    if order.status != Status.AWAITING_PAYMENT:
        return None
    for shipment in order.shipments:
        _cancel(shipment, actor, reason, order)
    _roll_up(order, actor, reason)
    return order


def settle_refund(order, cancel_ids, restock_ids, actor, reason, in_full):
    """What a refund does to a locked order: the shipments of `cancel_ids` that have not left
    their cooperative are cancelled; the goods of the shipments of `restock_ids` go back to
    stock (payments decides, so that it happens once); an order refunded in full ends
    refunded where its status allows (a shipped one keeps its status)."""
    for shipment in order.shipments:
        if shipment.id in cancel_ids and shipment.status in CANCELLABLE:
            machine_of(shipment).move(shipment, Status.CANCELLED, actor, reason, cancel_reason=reason)
        if shipment.id in restock_ids:
            _give_back(shipment, actor, order)
    rolled = rolled_up_status(order)
    if rolled != order.status and ORDER_MACHINE.allows(order.status, rolled):
        ORDER_MACHINE.move(order, rolled, actor, reason)  # a paid order cannot be "cancelled": refunded below
    if in_full and ORDER_MACHINE.allows(order.status, Status.REFUNDED):
        ORDER_MACHINE.move(order, Status.REFUNDED, actor, reason)


# ---------------------------------------------------------------------------------------
# What buyers see


def orders_of(user, limit=100):
    return db.session.scalars(
        sa.select(Order)
        .where(Order.user_id == user.id)
        .options(selectinload(Order.shipments).selectinload(Shipment.lines))
        .order_by(Order.placed_at.desc(), Order.id.desc())
        .limit(limit)
    ).all()


def get_order(number):
    """The order with this number (OCOP-<year>-<id>), or None."""
    parsed = parse_order_number(number)
    if parsed is None:
        return None
    order = db.session.scalar(
        sa.select(Order)
        .where(Order.id == parsed[1])
        .options(selectinload(Order.shipments).selectinload(Shipment.lines), selectinload(Order.changes))
    )
    return order if order is not None and order.number == f"OCOP-{parsed[0]}-{parsed[1]:06d}" else None


def find_guest_order(number, phone):
    """The order with this number and buyer's phone (any accepted form), or None."""
    try:
        phone = normalise_mobile(phone)
    except ValueError:
        return None
    order = get_order(number)
    return order if order is not None and order.phone == phone else None


# ---------------------------------------------------------------------------------------
# What cooperatives see


def shipments_of(cooperative, status=None, page=1, per_page=50):
    """A page of the cooperative's shipments, newest first, with their orders and lines
    (three queries), and the total count."""
    query = sa.select(Shipment).where(Shipment.cooperative_id == cooperative.id)
    if status is not None:
        query = query.where(Shipment.status == status)
    total = db.session.scalar(query.with_only_columns(sa.func.count(Shipment.id)))
    rows = db.session.scalars(
        query.options(joinedload(Shipment.order), selectinload(Shipment.lines))
        .order_by(Shipment.created_at.desc(), Shipment.id.desc())
        .limit(per_page)
        .offset((page - 1) * per_page)
    ).all()
    return rows, total


def status_counts(cooperative):
    rows = db.session.execute(
        sa.select(Shipment.status, sa.func.count()).where(Shipment.cooperative_id == cooperative.id).group_by(Shipment.status)
    ).all()
    return {status: count for status, count in rows}


def orders_to_confirm(cooperative):
    """How many of the cooperative's shipments wait for it to confirm (card orders reach
    "placed" once paid)."""
    return db.session.scalar(
        sa.select(sa.func.count(Shipment.id)).where(
            Shipment.cooperative_id == cooperative.id, Shipment.status == Status.PLACED
        )
    )


def get_shipment(shipment_id):
    return db.session.scalar(
        sa.select(Shipment)
        .where(Shipment.id == shipment_id)
        .options(joinedload(Shipment.order), selectinload(Shipment.lines))
    )


def shipment_history(shipment):
    return db.session.scalars(
        sa.select(StatusChange)
        .where(StatusChange.order_id == shipment.order_id,
               sa.or_(StatusChange.shipment_id == shipment.id, StatusChange.shipment_id.is_(None)))
        .options(joinedload(StatusChange.actor))
        .order_by(StatusChange.id)
    ).all()
