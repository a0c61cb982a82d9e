"""The cooperative's side of orders, in its portal: its shipments only, their statuses,
packing slips, CSV export, the sales overview and its shipping settings."""
import io

from flask import Blueprint, Response, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from marketplace import clock, csvsafe
from marketplace.accounts.authz import signed_in_user
from marketplace.errors import Refusal
from marketplace.forms import ActionForm, PeriodForm
from marketplace.orders import carts, fulfilment, limits, reports
from marketplace.orders.forms import CancelShipmentForm, ShipForm, ShippingSettingsForm
from marketplace.orders.models import Status
from marketplace.producers.authz import current_cooperative, owned_by_current_cooperative, require_approved_cooperative
from marketplace.views import act, no_store

bp = Blueprint("portal_orders", __name__, url_prefix="/portal")

PER_PAGE = 50
# The statuses a cooperative filters by, in the order work flows.
FILTERS = (Status.PLACED, Status.CONFIRMED, Status.SHIPPED, Status.DELIVERED, Status.CANCELLED)


bp.after_request(no_store)


def _shipment(shipment_id):
    """The current cooperative's shipment, else 404 (others' ids do not leak)."""
    return owned_by_current_cooperative(fulfilment.get_shipment(shipment_id))


@bp.get("/orders")
@require_approved_cooperative
def shipment_list():
    status = request.args.get("status", "")
    status = Status(status) if status in {s.value for s in FILTERS} else None
    page = max(1, min(request.args.get("page", 1, type=int) or 1, 10**6))
    cooperative = current_cooperative()
    shipments, total = fulfilment.shipments_of(cooperative, status, page, PER_PAGE)
    return render_template(
        "orders/portal/list.html", shipments=shipments, total=total, status=status, filters=FILTERS,
        counts=fulfilment.status_counts(cooperative), page=page, pages=max(1, -(-total // PER_PAGE)),
    )


@bp.get("/orders/<int:shipment_id>")
@require_approved_cooperative
def shipment_detail(shipment_id):
    shipment = _shipment(shipment_id)
    return render_template(
        "orders/portal/detail.html", shipment=shipment, order=shipment.order,
        history=fulfilment.shipment_history(shipment), action_form=ActionForm(),
        ship_form=ShipForm(), cancel_form=CancelShipmentForm(),
    )


def _act(shipment_id, move, done_message, form=None, booking_message=None):
    """Move the cooperative's shipment with `marketplace.views.act`, back to its page (a
    booking's move is named as one, when `booking_message` is given)."""
    shipment = _shipment(shipment_id)
    act(lambda form: move(shipment, form), booking_message if shipment.is_booking and booking_message else done_message,
        form)
    return redirect(url_for("portal_orders.shipment_detail", shipment_id=shipment_id))


@bp.post("/orders/<int:shipment_id>/confirm")
@require_approved_cooperative
def confirm(shipment_id):
    return _act(shipment_id, lambda s, f: fulfilment.confirm_shipment(s, signed_in_user()), _("Order confirmed."),
                booking_message=_("Booking confirmed."))


@bp.post("/orders/<int:shipment_id>/ship")
@require_approved_cooperative
def ship(shipment_id):
    return _act(
        shipment_id,
        lambda s, f: fulfilment.ship_shipment(s, signed_in_user(), f.carrier.data, f.tracking_number.data),
        _("Marked as shipped; the buyer was told."),
        ShipForm(),
    )


@bp.post("/orders/<int:shipment_id>/deliver")
@require_approved_cooperative
def deliver(shipment_id):
    return _act(shipment_id, lambda s, f: fulfilment.deliver_shipment(s, signed_in_user()), _("Marked as delivered."),
                booking_message=_("Marked as taken place."))


@bp.post("/orders/<int:shipment_id>/cancel")
@require_approved_cooperative
def cancel(shipment_id):
    return _act(
        shipment_id,
        lambda s, f: fulfilment.cancel_shipment(s, signed_in_user(), f.reason.data),
        _("Order cancelled; the stock is back and the buyer was told."),
        CancelShipmentForm(),
        booking_message=_("Booking cancelled; the places are free again and the buyer was told."),
    )


@bp.get("/orders/<int:shipment_id>/packing-slip")
@require_approved_cooperative
def packing_slip(shipment_id):
    shipment = _shipment(shipment_id)
    return render_template("orders/portal/packing_slip.html", shipment=shipment, order=shipment.order)


@bp.get("/orders/export")
@require_approved_cooperative
def export():
    today = clock.today()
    form = PeriodForm(request.args, start=today.replace(day=1), end=today)
    if "start" in request.args and form.validate():
        try:
            rows = reports.export_rows(current_cooperative(), form.start.data, form.end.data)
        except Refusal as error:
            form.end.errors = [*form.end.errors, *error.problems]
        else:
            return _csv(rows, f"orders-{form.start.data:%Y%m%d}-{form.end.data:%Y%m%d}.csv")
    return render_template("orders/portal/export.html", form=form)


def _csv(rows, filename):
    out = io.StringIO()
    out.write("\ufeff")  # a BOM, so that Excel reads the Vietnamese as UTF-8
    writer = csvsafe.writer(out)
    writer.writerow(reports.EXPORT_HEADER)
    writer.writerows(rows)
    return Response(
        out.getvalue(), mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


@bp.get("/sales")
@require_approved_cooperative
def sales():
    return render_template("orders/portal/sales.html", overview=reports.sales_overview(current_cooperative()))


@bp.route("/shipping", methods=["GET", "POST"])
@require_approved_cooperative
def shipping():
    cooperative = current_cooperative()
    form = ShippingSettingsForm(obj=cooperative)
    if form.validate_on_submit():
        try:
            limits.set_max_units(cooperative, form.max_units_per_order.data)
            carts.update_shipping_settings(cooperative, form.shipping_fee_vnd.data, form.free_shipping_from_vnd.data)
        except Refusal as error:
            form.shipping_fee_vnd.errors = [*form.shipping_fee_vnd.errors, *error.problems]
        else:
            flash(_("Shipping settings saved."), "success")
            return redirect(url_for("portal_orders.shipping"))
    return render_template("orders/portal/shipping.html", form=form, cooperative=cooperative)
