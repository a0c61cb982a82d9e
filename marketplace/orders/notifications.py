"""What buyers and cooperatives are told about orders: mails and in-app notices. Each is an
outbox task (`jobs.defer`, written in the transaction of the change it tells of), run once
after that commit: by the job worker with Redis, inline without."""
import sqlalchemy as sa
from flask import render_template, url_for
from flask_babel import force_locale, gettext as _, lazy_gettext as _l
from sqlalchemy.orm import joinedload

from marketplace import jobs, unitofwork
from marketplace.extensions import db
from marketplace.mail import send_mail, site_url
from marketplace.notices import services as notices
from marketplace.orders.models import Order, Shipment
from marketplace.producers.staff import staff_of


notices.register_kind(
    "orders.new_order",
    _l("New order %(number)s"),
    _l("%(units)s item(s) to ship to %(province)s. Confirm the order in your portal."),
)
notices.register_kind(
    "orders.shipped",
    _l("Order %(number)s is on its way"),
    _l("%(cooperative)s shipped your order."),
)
notices.register_kind(
    "orders.cancelled",
    _l("Order %(number)s was cancelled"),
    _l("Part of %(cooperative)s: %(reason)s"),
)


def order_link(order):
    """Where the buyer sees the order: their order page, or for guests the lookup form."""
    if order.user_id is not None:
        return site_url("orders.order_detail", number=order.number)
    return site_url("orders.lookup", number=order.number)


def _portal_link(shipment):
    return url_for("portal_orders.shipment_detail", shipment_id=shipment.id)


def _with_lines(order_id):
    """The order with its shipments and their lines (one query), for mails and notices."""
    return db.session.scalars(
        sa.select(Order)
        .where(Order.id == order_id)
        .options(joinedload(Order.shipments).joinedload(Shipment.lines))
        .execution_options(populate_existing=True)
    ).unique().one()


def mail_buyer(order, template, subject, **context):
    """Mail the buyer in the language of the order; `subject(order)` gives the subject."""
    with force_locale(order.language):
        body = render_template(template, order=order, link=order_link(order), **context)
        send_mail(order.email, str(subject(order)), body)


def announce(order):
    """In the transaction that places the order (cash on delivery) or records its payment
    (cards): once it commits, the buyer and the cooperatives hear of it, once."""
    jobs.defer(announce_order, order_id=order.id)


@jobs.task
def announce_order(order_id):
    """Mail the buyer the confirmation and tell each cooperative (notice and email) that an
    order waits for it."""
    order = _with_lines(order_id)
    mail_buyer(order, "orders/email/placed.txt", lambda o: _("Your order %(number)s", number=o.number))
    staff = staff_of(s.cooperative_id for s in order.shipments)
    for shipment in order.shipments:
        notices.notify(
            staff[shipment.cooperative_id],
            "orders.new_order",
            link=_portal_link(shipment),
            params={"number": order.number, "units": shipment.units, "province": order.province_name},
            email=True,
        )
    unitofwork.commit()


def _tell_buyer(order, shipment, kind, template, subject, **context):
    """Mail the buyer (and give a member an in-app notice) about one shipment."""
    mail_buyer(order, template, subject, shipment=shipment, **context)
    if order.user_id is not None:
        notices.notify(
            [order.user], kind, link=url_for("orders.order_detail", number=order.number),
            params={"number": order.number, "cooperative": shipment.cooperative_name,
                    "reason": context.get("reason", "")},
        )
        unitofwork.commit()


@jobs.task
def shipment_shipped(shipment_id):
    shipment = db.session.get(Shipment, shipment_id)
    _tell_buyer(shipment.order, shipment, "orders.shipped", "orders/email/shipped.txt",
                lambda o: _("Order %(number)s is on its way", number=o.number))


@jobs.task
def shipment_cancelled(shipment_id, reason):
    shipment = db.session.get(Shipment, shipment_id)
    _tell_buyer(shipment.order, shipment, "orders.cancelled", "orders/email/cancelled.txt",
                lambda o: _("Order %(number)s was cancelled", number=o.number), reason=reason)


@jobs.task
def order_cancelled(order_id, reason):
    """The buyer cancelled: each cooperative hears of it (notice and email), once."""
    order = _with_lines(order_id)
    staff = staff_of(s.cooperative_id for s in order.shipments)
    for shipment in order.shipments:
        notices.notify(
            staff[shipment.cooperative_id], "orders.cancelled", link=_portal_link(shipment),
            params={"number": order.number, "cooperative": shipment.cooperative_name, "reason": reason},
            email=True, dedupe_key=f"order-cancelled:{shipment.id}",
        )
    unitofwork.commit()
