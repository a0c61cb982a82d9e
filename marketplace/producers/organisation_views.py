"""Pages of organisations for their staff and the council: registering a cooperative, its
team page (invite, remove), accepting an invitation, and the council's review queue. The
distributors package builds its company pages with the same helpers."""
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from marketplace.accounts.authz import COUNCIL_ROLES, require_role, signed_in_user
from marketplace.accounts.models import Role
from marketplace.accounts.services import normalise_email
from marketplace.errors import Refusal
from marketplace.forms import ActionForm, ReviewForm, show_refusal
from marketplace.producers import organisations, registration, staff
from marketplace.producers.authz import current_cooperative, require_cooperative_owner, require_cooperative_staff
from marketplace.producers.forms import CooperativeForm, InviteForm
from marketplace.producers.models import ApprovalStatus
from marketplace.producers.organisations import COOPERATIVE
from marketplace.views import act, no_store

bp = Blueprint("organisations", __name__)


bp.after_request(no_store)


def registration_gate(org_type):
    """(rejected organisation to correct, or None; a response sending the user elsewhere, or None).

    Staff already have their organisation; council and admin accounts may not register one.
    """
    organisation = organisations.organisation_of(current_user)
    if organisation is not None:
        correcting = (
            organisations.organisation_type(organisation) is org_type
            and organisation.status == ApprovalStatus.REJECTED
            and organisations.membership(current_user).is_owner
        )
        if correcting:
            return organisation, None  # the owner corrects a rejected registration
        return None, redirect(url_for(organisations.organisation_type(organisation).account_endpoint))
    if current_user.role != Role.CONSUMER:
        abort(403)
    return None, None


@bp.route("/account/cooperative/register", methods=["GET", "POST"])
@login_required
def register_cooperative():
    rejected, elsewhere = registration_gate(COOPERATIVE)
    if elsewhere:
        return elsewhere
    form = CooperativeForm(obj=rejected)
    # Without JavaScript, "Show the wards" re-renders the form for the chosen province.
    if "refresh_wards" not in request.form and form.validate_on_submit():
        try:
            if rejected:
                registration.resubmit_cooperative(rejected, form.details())
            else:
                registration.register_cooperative(signed_in_user(), form.details())
        except Refusal as error:
            show_refusal(form, error)
        else:
            flash(_("Thank you! The OCOP council will review the registration; we will write to you."), "success")
            return redirect(url_for(COOPERATIVE.account_endpoint))
    return render_template("producers/cooperative_form.html", form=form, rejected=rejected)


def organisation_page(organisation, invite_form=None):
    return render_template(
        "producers/organisation.html",
        organisation=organisation,
        org_type=organisations.organisation_type(organisation),
        members=organisations.members(organisation),
        is_owner=organisations.membership(current_user).is_owner,
        invite_form=invite_form or InviteForm(),
    )


def invite(organisation):
    form = InviteForm()
    if form.validate_on_submit():
        try:
            outcome = staff.invite_staff(organisation, form.email.data, signed_in_user())
        except Refusal as error:
            show_refusal(form, error)
        else:
            if outcome == staff.InviteOutcome.LINKED:
                flash(_("%(email)s has an account and is now on your team.", email=form.email.data), "success")
            else:
                flash(_("We have sent an invitation to %(email)s. It works for 7 days.", email=form.email.data),
                      "success")
            return redirect(url_for(organisations.organisation_type(organisation).account_endpoint))
    return organisation_page(organisation, form)


def remove(organisation, user_id):
    member = staff.staff_member(organisation, user_id)
    if member is None:
        abort(404)
    act(lambda _form: staff.remove_staff(member),
        _("%(name)s is no longer on your team.", name=member.user.name))
    return redirect(url_for(organisations.organisation_type(organisation).account_endpoint))


@bp.get("/account/cooperative")
@require_cooperative_staff
def cooperative_account():
    return organisation_page(current_cooperative())


@bp.post("/account/cooperative/staff")
@require_cooperative_owner
def invite_cooperative_staff():
    return invite(current_cooperative())


@bp.post("/account/cooperative/staff/<int:user_id>/remove")
@require_cooperative_owner
def remove_cooperative_staff(user_id):
    return remove(current_cooperative(), user_id)


@bp.route("/invitations/<token>", methods=["GET", "POST"])
def accept_invitation(token):
    invitation = staff.read_invitation(token)
    if invitation is None:
        flash(_("This invitation has expired or is not valid. Ask for a new one."), "error")
        return redirect(url_for("catalog.home"))
    if not current_user.is_authenticated:
        # Invitations go to emails without an account: sign up first, then come back here.
        return redirect(url_for("accounts.sign_up", email=invitation.email, next=request.path))
    if request.method == "POST":
        try:
            organisation = staff.accept_invitation(signed_in_user(), token)
        except Refusal as error:
            flash(error.message, "error")
        else:
            flash(_("Welcome to the team of %(name)s!", name=organisation.name), "success")
            return redirect(url_for(organisations.organisation_type(organisation).account_endpoint))
    return render_template(
        "producers/invitation.html", invitation=invitation, form=ActionForm(),
        other_email=normalise_email(current_user.email) != invitation.email,
    )


# ---------------------------------------------------------------------------------------
# The council's review queue


def _review_prefix(type_key, organisation_id):
    return f"{type_key}-{organisation_id}"  # several review forms on one page: unique field ids


def _queue_page(failed=None):
    """The review queue; `failed` is (type key, id, form) of a review that needs correcting."""
    rows = organisations.pending_organisations()
    forms = {}
    for row in rows:
        key = (row.org_type.key, row.organisation.id)
        forms[key] = failed[2] if failed and failed[:2] == key else ReviewForm(formdata=None, prefix=_review_prefix(*key))
    return render_template("producers/review_queue.html", rows=rows, forms=forms)


@bp.get("/council/organisations")
@require_role(*COUNCIL_ROLES)
def organisation_queue():
    return _queue_page()


@bp.post("/council/organisations/<type_key>/<int:organisation_id>")
@require_role(*COUNCIL_ROLES)
def review_organisation(type_key, organisation_id):
    organisation = organisations.get_organisation(type_key, organisation_id)
    if organisation is None:
        abort(404)
    form = ReviewForm(prefix=_review_prefix(type_key, organisation_id))
    if form.validate_on_submit():
        try:
            organisations.review_organisation(organisation, form.decision.data == "approve", form.reason.data)
        except Refusal as error:
            if error.field is None:
                flash(error.message, "error")
                return redirect(url_for("organisations.organisation_queue"))
            show_refusal(form, error)
        else:
            if form.decision.data == "approve":
                flash(_("%(name)s is approved.", name=organisation.name), "success")
            else:
                flash(_("%(name)s is rejected.", name=organisation.name), "success")
            return redirect(url_for("organisations.organisation_queue"))
    return _queue_page((type_key, organisation_id, form))
