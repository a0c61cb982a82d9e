"""The cooperative's side of orders, in its portal: its shipments only, their statuses,
packing slips, CSV export, the sales overview and its shipping settings."""
import csv
import io

from flask import Blueprint, Response, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from marketplace import clock
from marketplace.accounts.authz import (
    current_cooperative,
    owned_by_current_cooperative,
    require_approved_cooperative,
    signed_in_user,
)
from marketplace.core.views import no_store
from marketplace.orders import limits, services
from marketplace.orders.forms import ActionForm, CancelShipmentForm, ExportForm, ShipForm, ShippingSettingsForm
from marketplace.orders.models import IllegalTransition, Status
from marketplace.orders.services import OrderError

bp = Blueprint("portal_orders", __name__, url_prefix="/portal")

PER_PAGE = 50
# The statuses a cooperative filters by, in the order work flows.
FILTERS = (Status.PLACED, Status.CONFIRMED, Status.SHIPPED, Status.DELIVERED, Status.CANCELLED)


bp.after_request(no_store)


def _shipment(shipment_id):
    """The current cooperative's shipment, else 404 (others' ids do not leak)."""
    return owned_by_current_cooperative(services.get_shipment(shipment_id))


@bp.get("/orders")
@require_approved_cooperative
def shipment_list():
    status = request.args.get("status", "")
    status = Status(status) if status in {s.value for s in FILTERS} else None
    page = max(1, min(request.args.get("page", 1, type=int) or 1, 10**6))
    cooperative = current_cooperative()
    shipments, total = services.shipments_of(cooperative, status, page, PER_PAGE)
    return render_template(
        "orders/portal/list.html", shipments=shipments, total=total, status=status, filters=FILTERS,
        counts=services.status_counts(cooperative), page=page, pages=max(1, -(-total // PER_PAGE)),
    )


@bp.get("/orders/<int:shipment_id>")
@require_approved_cooperative
def shipment_detail(shipment_id):
    shipment = _shipment(shipment_id)
    return render_template(
        "orders/portal/detail.html", shipment=shipment, order=shipment.order,
        history=services.shipment_history(shipment), action_form=ActionForm(),
        ship_form=ShipForm(), cancel_form=CancelShipmentForm(),
    )


def _act(shipment_id, move, done_message, form=None):
    shipment = _shipment(shipment_id)
    form = form or ActionForm()
    if form.validate_on_submit():
        try:
            move(shipment, form)
        except IllegalTransition:
            flash(_("This order cannot go to that status from %(status)s.",
                    status=services.STATUS_LABELS[shipment.status]), "error")
        except OrderError as error:
            for problem in error.problems:
                flash(problem, "error")
        else:
            flash(done_message, "success")
    else:
        for errors in form.errors.values():
            for error in errors:
                flash(error, "error")
    return redirect(url_for("portal_orders.shipment_detail", shipment_id=shipment_id))


@bp.post("/orders/<int:shipment_id>/confirm")
@require_approved_cooperative
def confirm(shipment_id):
    return _act(shipment_id, lambda s, f: services.confirm_shipment(s, signed_in_user()), _("Order confirmed."))


@bp.post("/orders/<int:shipment_id>/ship")
@require_approved_cooperative
def ship(shipment_id):
    return _act(
        shipment_id,
        lambda s, f: services.ship_shipment(s, signed_in_user(), f.carrier.data, f.tracking_number.data),
        _("Marked as shipped; the buyer was told."),
        ShipForm(),
    )


@bp.post("/orders/<int:shipment_id>/deliver")
@require_approved_cooperative
def deliver(shipment_id):
    return _act(shipment_id, lambda s, f: services.deliver_shipment(s, signed_in_user()), _("Marked as delivered."))


@bp.post("/orders/<int:shipment_id>/cancel")
@require_approved_cooperative
def cancel(shipment_id):
    return _act(
        shipment_id,
        lambda s, f: services.cancel_shipment(s, signed_in_user(), f.reason.data),
        _("Order cancelled; the stock is back and the buyer was told."),
        CancelShipmentForm(),
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
    form = ExportForm(request.args, start=today.replace(day=1), end=today)
    if "start" in request.args and form.validate():
        try:
            rows = services.export_rows(current_cooperative(), form.start.data, form.end.data)
        except OrderError as error:
            form.end.errors = [*form.end.errors, *error.problems]
        else:
            return _csv(rows, f"orders-{form.start.data:%Y%m%d}-{form.end.data:%Y%m%d}.csv")
    return render_template("orders/portal/export.html", form=form)


def _csv(rows, filename):
    out = io.StringIO()
    out.write("\ufeff")  # a BOM, so that Excel reads the Vietnamese as UTF-8
    writer = csv.writer(out)
    writer.writerow(services.EXPORT_HEADER)
    writer.writerows(rows)
    return Response(
        out.getvalue(), mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


@bp.get("/sales")
@require_approved_cooperative
def sales():
    return render_template("orders/portal/sales.html", overview=services.sales_overview(current_cooperative()))


@bp.route("/shipping", methods=["GET", "POST"])
@require_approved_cooperative
def shipping():
    cooperative = current_cooperative()
    form = ShippingSettingsForm(obj=cooperative)
    if form.validate_on_submit():
        try:
            limits.set_max_units(cooperative, form.max_units_per_order.data)
            services.update_shipping_settings(cooperative, form.shipping_fee_vnd.data, form.free_shipping_from_vnd.data)
        except OrderError as error:
            form.shipping_fee_vnd.errors = [*form.shipping_fee_vnd.errors, *error.problems]
        else:
            flash(_("Shipping settings saved."), "success")
            return redirect(url_for("portal_orders.shipping"))
    return render_template("orders/portal/shipping.html", form=form, cooperative=cooperative)
