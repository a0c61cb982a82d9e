"""Trace pages (/t/<code>, public, what a shopper's phone opens from the QR) and the portal's
lots (/portal/lots: record, correct, print stamps, see scans). Every lot reached by id goes
through `owned_by_current_cooperative`: another cooperative's lot is a 404."""
import io

from flask import Blueprint, Response, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from marketplace import places
from marketplace.errors import Refusal
from marketplace.extensions import db
from marketplace.forms import show_refusal
from marketplace.producers.authz import current_cooperative, owned_by_current_cooperative, require_approved_cooperative
from marketplace.safety import query_id
from marketplace.traceability import services
from marketplace.traceability.forms import LotForm, NewLotForm
from marketplace.traceability.models import Lot
from marketplace.views import no_store

bp = Blueprint("traceability", __name__, url_prefix="/t")
portal_bp = Blueprint("portal_lots", __name__, url_prefix="/portal/lots")
portal_bp.after_request(no_store)


# ---------------------------------------------------------------------------------------
# Public trace pages


def _lot_or_none(code):
    lot = services.lot_by_code(code)
    if lot is None:
        return None, (render_template("traceability/unknown.html", code=code[:16]), 404)
    return lot, None


@bp.get("/<code>")
def trace(code):
    lot, missing = _lot_or_none(code)
    if missing:
        return missing
    # The cooperative checking its own page is no shopper's scan (nor a first scan).
    cooperative = current_cooperative()
    if request.method == "GET" and (cooperative is None or cooperative.id != lot.cooperative_id):
        services.record_scan(lot.id)
    response = Response(render_template("traceability/trace.html", trace=services.trace(lot)))
    # The certificate's state is today's: never kept by a shared cache.
    response.headers["Cache-Control"] = "no-cache"
    return response


@bp.get("/<code>/qr.svg")
def qr_svg(code):
    lot, missing = _lot_or_none(code)
    if missing:
        return missing
    out = io.BytesIO()
    services.qr_code(lot.code).save(out, kind="svg", scale=4, border=4, xmldecl=False, svgns=True,
                                    title=services.trace_url(lot.code))
    return Response(out.getvalue(), mimetype="image/svg+xml", headers={"Cache-Control": "public, max-age=86400"})


@bp.get("/<code>/qr.png")
def qr_png(code):
    lot, missing = _lot_or_none(code)
    if missing:
        return missing
    out = io.BytesIO()
    services.qr_code(lot.code).save(out, kind="png", scale=10, border=4)
    return Response(out.getvalue(), mimetype="image/png", headers={
        "Cache-Control": "public, max-age=86400",
        "Content-Disposition": f'attachment; filename="qr-{lot.code}.png"',
    })


# ---------------------------------------------------------------------------------------
# The portal's lots


def _lot(lot_id):
    return owned_by_current_cooperative(db.session.get(Lot, lot_id))


def _redisplay():
    """Whether the post only asks for the form again (more step rows, the communes of the
    chosen province) rather than to save it."""
    return "add_rows" in request.form or "refresh_wards" in request.form


@portal_bp.get("")
@require_approved_cooperative
def lot_list():
    return render_template("traceability/lots.html", lots=services.cooperative_lots(current_cooperative()))


@portal_bp.route("/new", methods=["GET", "POST"])
@require_approved_cooperative
def lot_new():
    cooperative = current_cooperative()
    products = services.lot_products(cooperative)
    data = {"origin_province_code": cooperative.province_code or places.VINH_LONG, "product": query_id("product")}
    form = NewLotForm(cooperative, products, data=None if request.method == "POST" else data)
    if request.method == "POST" and "add_rows" in request.form:
        form.add_rows()
    elif not _redisplay() and form.validate_on_submit():
        product = next(p for p in products if p.id == form.product.data)
        try:
            lot = services.create_lot(product, form.details())
        except Refusal as error:
            db.session.rollback()
            show_refusal(form, error)
        else:
            flash(_("Lot %(lot)s is recorded. Print its QR stamps below.", lot=lot.lot_code), "success")
            return redirect(url_for("portal_lots.lot_edit", lot_id=lot.id))
    return render_template("traceability/lot_new.html", form=form)


@portal_bp.route("/<int:lot_id>", methods=["GET", "POST"])
@require_approved_cooperative
def lot_edit(lot_id):
    lot = _lot(lot_id)
    form = LotForm(lot.cooperative) if request.method == "POST" else LotForm.for_lot(lot)
    if request.method == "POST" and "add_rows" in request.form:
        form.add_rows()
    elif not _redisplay() and form.validate_on_submit():
        try:
            changes = services.update_lot(lot, form.details(), current_user)
        except Refusal as error:
            db.session.rollback()
            show_refusal(form, error)
        else:
            flash(_("The lot is saved.") if changes else _("Nothing changed."), "success")
            return redirect(url_for("portal_lots.lot_edit", lot_id=lot.id))
    return render_template("traceability/lot_edit.html", form=form, lot=lot, scans=services.scans_by_day(lot),
                           url=services.trace_url(lot.code), fields=services.REVISED_FIELDS)


@portal_bp.get("/<int:lot_id>/stamps")
@require_approved_cooperative
def lot_stamps(lot_id):
    lot = _lot(lot_id)
    return render_template("traceability/stamps.html", lot=lot, url=services.trace_url(lot.code),
                           count=services.STAMPS_PER_SHEET)
