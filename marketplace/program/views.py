"""The council's certificate review (/council/reviews) and the protected certificate scans."""
from flask import Blueprint, abort, flash, redirect, render_template, request, send_from_directory, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from marketplace.accounts.authz import COUNCIL_ROLES, require_role, signed_in_user
from marketplace.producers.authz import owned_by_current_cooperative
from marketplace.forms import ReviewForm
from marketplace.catalog.models import OcopCertificate
from marketplace.errors import Refusal
from marketplace.extensions import db
from marketplace.forms import show_refusal
from marketplace.pagination import requested_page
from marketplace.program import scans, services
from marketplace.safety import query_id
from marketplace.views import no_store

bp = Blueprint("program", __name__)


bp.after_request(no_store)


def _prefix(certificate_id):
    return f"c{certificate_id}"  # several review forms on one page: unique field ids


def _queue_page(failed=None):
    """The queue; `failed` is (certificate id, form) of a decision that needs correcting."""
    submissions = services.pending_submissions()
    forms = {
        s.certificate.id: failed[1] if failed and failed[0] == s.certificate.id
        else ReviewForm(formdata=None, prefix=_prefix(s.certificate.id))
        for s in submissions
    }
    return render_template("program/reviews.html", submissions=submissions, forms=forms)


@bp.get("/council/reviews")
@require_role(*COUNCIL_ROLES)
def review_queue():
    return _queue_page()


@bp.post("/council/reviews/<int:certificate_id>")
@require_role(*COUNCIL_ROLES)
def review_certificate(certificate_id):
    certificate = db.session.get(OcopCertificate, certificate_id)
    if certificate is None:
        abort(404)
    form = ReviewForm(prefix=_prefix(certificate_id))
    if form.validate_on_submit():
        approve = form.decision.data == "approve"
        try:
            services.review_certificate(certificate, signed_in_user(), approve, form.reason.data)
        except Refusal as refusal:
            db.session.rollback()
            show_refusal(form, refusal)
            if refusal.field is None:  # already decided: nothing to correct in the form
                return redirect(url_for("program.review_queue"))
        else:
            name = certificate.product.name_vi
            flash(_("Approved: %(name)s.", name=name) if approve else _("Not approved: %(name)s.", name=name), "success")
            return redirect(url_for("program.review_queue"))
    return _queue_page((certificate_id, form))


@bp.get("/council/reviews/history")
@require_role(*COUNCIL_ROLES)
def review_history():
    product_id = query_id("product")
    page = requested_page(request.args)
    return render_template("program/history.html", reviews=services.review_history(product_id, page),
                           product_id=product_id)


@bp.get("/certificates/<int:certificate_id>/scan")
@login_required
def certificate_scan(certificate_id):
    """The scan, for the council and for the staff of the product's cooperative (404 for others)."""
    certificate = db.session.get(OcopCertificate, certificate_id)
    if certificate is None:
        abort(404)
    if current_user.role not in COUNCIL_ROLES:
        owned_by_current_cooperative(certificate.product)
    if not certificate.scan_file:
        abort(404)
    folder, name, media_type = scans.scan_location(certificate.scan_file)
    extension = name[name.rindex("."):]
    return send_from_directory(folder, name, mimetype=media_type, max_age=0,
                               download_name=f"ocop-certificate-{certificate.id}{extension}")
