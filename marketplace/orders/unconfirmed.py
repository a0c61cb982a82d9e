"""Cash-on-delivery orders a cooperative did not confirm in time give their stock back.

A COD order takes its stock when it is placed, before anybody paid anything; a part (a
shipment) that its cooperative has not confirmed within COD_CONFIRM_HOURS is cancelled, its
stock released and the buyer told. Hourly from the jobs scheduler: `flask --app wsgi orders release-unconfirmed`.
Each part is its own transaction; running it again does nothing twice (a cancelled part is no
longer "placed"), and a part confirmed at the same moment is left alone.
"""
import logging
from datetime import timedelta

import sqlalchemy as sa
from flask import current_app
from flask_babel import force_locale, gettext as _

from marketplace import clock
from marketplace.extensions import db
from marketplace.orders import fulfilment
from marketplace.orders.models import Order, PaymentMethod, Shipment, Status
from marketplace.statemachine import IllegalTransition, StatusConflict

log = logging.getLogger(__name__)


def overdue(now=None):
    """Ids of the COD shipments still waiting for their cooperative past the deadline, oldest first."""
    cutoff = (now or clock.utcnow()) - timedelta(hours=current_app.config["COD_CONFIRM_HOURS"])
    return db.session.scalars(
        sa.select(Shipment.id).join(Shipment.order)
        .where(Order.payment_method == PaymentMethod.COD, Shipment.status == Status.PLACED, Order.placed_at < cutoff)
        .order_by(Shipment.id)
    ).all()


def _reason(shipment):
    with force_locale(shipment.order.language):
        return _("%(cooperative)s did not confirm the order within %(hours)s hours: this part is cancelled and "
                 "nothing is owed for it.", cooperative=shipment.cooperative_name,
                 hours=current_app.config["COD_CONFIRM_HOURS"])


def release_unconfirmed(now=None):
    """Cancel every overdue unconfirmed COD shipment (stock back once, buyer told). Returns
    {"released": [...], "failed": [...]} as "<order number> (<cooperative>)"; a failure is
    logged and does not stop the others."""
    report = {"released": [], "failed": []}
    for shipment_id in overdue(now):
        shipment = fulfilment.get_shipment(shipment_id)
        label = f"{shipment.order.number} ({shipment.cooperative_name})"
        try:
            fulfilment.cancel_shipment(shipment, None, _reason(shipment), expected=Status.PLACED)
        except (IllegalTransition, StatusConflict):
            db.session.rollback()
            continue  # confirmed or cancelled meanwhile
        except Exception:
            db.session.rollback()
            log.exception("Could not release the unconfirmed shipment %s", label)
            report["failed"].append(label)
            continue
        report["released"].append(label)
    return report
