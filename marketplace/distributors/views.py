"""Pages of a distributor company for its staff: registering it, its team page (invite,
remove). Built with the organisation helpers of `producers.organisation_views`."""
from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import login_required

from marketplace.accounts.authz import signed_in_user
from marketplace.distributors import registration
from marketplace.distributors.authz import current_distributor, require_distributor_owner, require_distributor_staff
from marketplace.distributors.forms import DistributorForm
from marketplace.distributors.registration import COMPANY
from marketplace.errors import Refusal
from marketplace.forms import show_refusal
from marketplace.producers.organisation_views import invite, organisation_page, registration_gate, remove
from marketplace.views import no_store

bp = Blueprint("distributors", __name__)


bp.after_request(no_store)


@bp.route("/account/company/register", methods=["GET", "POST"])
@login_required
def register_distributor():
    rejected, elsewhere = registration_gate(COMPANY)
    if elsewhere:
        return elsewhere
    form = DistributorForm(obj=rejected)
    if form.validate_on_submit():
        try:
            if rejected:
                registration.resubmit_distributor(rejected, form.name.data, form.kind.data)
            else:
                registration.register_distributor(signed_in_user(), form.name.data, form.kind.data)
        except Refusal as error:
            show_refusal(form, error)
        else:
            flash(_("Thank you! The OCOP council will review the registration; we will write to you."), "success")
            return redirect(url_for(COMPANY.account_endpoint))
    return render_template("distributors/distributor_form.html", form=form, rejected=rejected)


@bp.get("/account/company")
@require_distributor_staff
def distributor_account():
    return organisation_page(current_distributor())


@bp.post("/account/company/staff")
@require_distributor_owner
def invite_distributor_staff():
    return invite(current_distributor())


@bp.post("/account/company/staff/<int:user_id>/remove")
@require_distributor_owner
def remove_distributor_staff(user_id):
    return remove(current_distributor(), user_id)
