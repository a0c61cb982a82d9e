"""Pages of accounts: sign-up/in/out, password and email, profile, organisations, staff,
the council's organisation queue and the admin's user list."""
from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from marketplace.accounts import services
from marketplace.accounts.authz import (
    COUNCIL_ROLES,
    current_cooperative,
    current_distributor,
    require_cooperative_owner,
    require_cooperative_staff,
    require_distributor_owner,
    require_distributor_staff,
    require_role,
    safe_next,
    signed_in_user,
)
from marketplace.accounts.forms import (
    ActionForm,
    ChangeEmailForm,
    ChangePasswordForm,
    CooperativeForm,
    DeleteAccountForm,
    DistributorForm,
    ForgotPasswordForm,
    InviteForm,
    ProfileForm,
    ResetPasswordForm,
    ReviewForm,
    RoleForm,
    SignInForm,
    SignUpForm,
)
from marketplace.accounts.labels import role_label
from marketplace.accounts.models import Role, User
from marketplace.accounts.services import COMPANY, COOPERATIVE, AccountError, EmailNotConfirmed, InviteOutcome
from marketplace.core.views import no_store
from marketplace.extensions import db, limiter
from marketplace.forms import show_refusal
from marketplace.i18n import current_language
from marketplace.pagination import requested_page
from marketplace.producers.models import ApprovalStatus

bp = Blueprint("accounts", __name__)


bp.after_request(no_store)


def _limit(setting):
    return lambda: current_app.config[setting]


def _email_key():
    return "email:" + services.email_fingerprint(request.form.get("email", ""))


def _account_key():
    return f"account:{current_user.id}"  # under @login_required


def _current_password_limit(view):
    """Forms that check the current password: limited per IP and per account (guessing it)."""
    per_ip = limiter.limit(_limit("RATELIMIT_CURRENT_PASSWORD"), methods=["POST"])
    per_account = limiter.limit(_limit("RATELIMIT_CURRENT_PASSWORD"), methods=["POST"], key_func=_account_key)
    return per_ip(per_account(view))


def _start_session(user, remember=False):
    session.clear()  # a fresh session on sign-in: nothing from before carries over
    login_user(user, remember=remember)
    session["lang"] = user.language


# ---------------------------------------------------------------------------------------
# Sign-up, sign-in, sign-out


@bp.route("/sign-up", methods=["GET", "POST"])
@limiter.limit(_limit("RATELIMIT_SIGN_UP"), methods=["POST"])
def sign_up():
    if current_user.is_authenticated:
        return redirect(url_for("accounts.profile"))
    form = SignUpForm(email=request.args.get("email", ""), next=safe_next(request.args.get("next")) or "")
    if form.validate_on_submit():
        try:
            services.sign_up(
                form.email.data, form.password.data, form.display_name.data, current_language(),
                next_url=safe_next(form.next.data),
            )
        except AccountError as error:
            show_refusal(form, error)
        else:
            return redirect(url_for("accounts.check_inbox"))
    return render_template("accounts/sign_up.html", form=form, password_rules=_password_rules())


def _password_rules():
    return _("At least %(n)s characters, not only digits, and not your email address.",
             n=services.PASSWORD_MIN_LENGTH)


@bp.get("/sign-up/check-inbox")
def check_inbox():
    return render_template("accounts/check_inbox.html")


@bp.route("/sign-up/confirm/<token>", methods=["GET", "POST"])
def confirm_account(token):
    # GET shows a button, POST confirms: mail scanners that open links change nothing.
    if services.account_to_confirm(token) is None:
        return render_template("accounts/link_expired.html")
    if request.method == "POST":
        user = services.confirm_account(token)
        _start_session(user)
        flash(_("Your email address is confirmed. Welcome!"), "success")
        return redirect(safe_next(request.args.get("next")) or url_for("accounts.profile"))
    return render_template("accounts/confirm_account.html", form=ActionForm())


@bp.route("/sign-in", methods=["GET", "POST"])
@limiter.limit(_limit("RATELIMIT_SIGN_IN"), methods=["POST"])
@limiter.limit(_limit("RATELIMIT_SIGN_IN"), methods=["POST"], key_func=_email_key)
def sign_in():
    form = SignInForm(next=safe_next(request.args.get("next")) or "")
    if form.validate_on_submit():
        try:
            user = services.sign_in(form.email.data, form.password.data, request.remote_addr)
        except EmailNotConfirmed as unconfirmed:
            services.send_confirmation(unconfirmed.user, safe_next(form.next.data))
            flash(_("Please confirm your email address first: we have just sent you a new link."), "error")
        else:
            if user is not None:
                _start_session(user, remember=form.remember.data)
                return redirect(safe_next(form.next.data) or url_for("core.home"))
            flash(_("The email address or the password is not right."), "error")
    return render_template("accounts/sign_in.html", form=form)


@bp.post("/sign-out")
def sign_out():
    language = session.get("lang")
    if current_user.is_authenticated:
        services.end_sessions(signed_in_user())  # a copied session or remember cookie stops working too
    session.clear()
    logout_user()  # after clear(): it leaves the marker that deletes the remember cookie
    if language:
        session["lang"] = language
    flash(_("You are signed out."), "success")
    return redirect(url_for("core.home"))


# ---------------------------------------------------------------------------------------
# Forgotten password


@bp.route("/password/forgot", methods=["GET", "POST"])
@limiter.limit(_limit("RATELIMIT_PASSWORD_RESET"), methods=["POST"])
def forgot_password():
    form = ForgotPasswordForm()
    if form.validate_on_submit():
        services.request_password_reset(form.email.data)
        flash(_("If an account uses this email address, we have sent it a link to choose a new "
                "password. The link works for one hour."), "success")
        return redirect(url_for("accounts.sign_in"))
    return render_template("accounts/forgot_password.html", form=form)


@bp.route("/password/reset/<token>", methods=["GET", "POST"])
def reset_password(token):
    user = services.user_for_reset(token)
    if user is None:
        flash(_("This link has expired or was already used. Ask for a new one."), "error")
        return redirect(url_for("accounts.forgot_password"))
    form = ResetPasswordForm(account_email=user.email)
    if form.validate_on_submit():
        try:
            services.reset_password(user, form.password.data)
        except AccountError as error:
            show_refusal(form, error)
        else:
            _start_session(user)
            flash(_("Your password is changed and you are signed in."), "success")
            return redirect(url_for("accounts.profile"))
    return render_template("accounts/reset_password.html", form=form, password_rules=_password_rules())


# ---------------------------------------------------------------------------------------
# The account


@bp.route("/account", methods=["GET", "POST"])
@login_required
def profile():
    form = ProfileForm(obj=current_user)
    if form.validate_on_submit():
        try:
            services.update_profile(signed_in_user(), form.display_name.data, form.language.data)
        except AccountError as error:
            show_refusal(form, error)
        else:
            session["lang"] = current_user.language
            flash(_("Your profile is saved."), "success")
            return redirect(url_for("accounts.profile"))
    return render_template(
        "accounts/profile.html", form=form, organisation=services.organisation_of(current_user)
    )


@bp.route("/account/security", methods=["GET", "POST"])
@login_required
@_current_password_limit
def security():
    form = ChangePasswordForm(account_email=current_user.email)
    if form.validate_on_submit():
        try:
            services.change_password(signed_in_user(), form.current_password.data, form.new_password.data)
        except AccountError as error:
            show_refusal(form, error)
        else:
            login_user(signed_in_user())  # the session id changed with the password
            flash(_("Your password is changed. Other devices are signed out."), "success")
            return redirect(url_for("accounts.security"))
    return render_template(
        "accounts/security.html", form=form, events=services.recent_sign_ins(current_user),
        password_rules=_password_rules(),
    )


@bp.route("/account/email", methods=["GET", "POST"])
@login_required
@_current_password_limit
def change_email():
    form = ChangeEmailForm()
    if form.validate_on_submit():
        try:
            services.request_email_change(signed_in_user(), form.email.data, form.current_password.data)
        except AccountError as error:
            show_refusal(form, error)
        else:
            flash(_("We have sent a link to the new address, if it can be used. Your email address "
                    "changes when you open that link."), "success")
            return redirect(url_for("accounts.profile"))
    return render_template("accounts/change_email.html", form=form)


@bp.route("/account/email/confirm/<token>", methods=["GET", "POST"])
@login_required
def confirm_email(token):
    new_email = services.email_change_target(signed_in_user(), token)
    if new_email is None:
        flash(_("This link has expired, was already used, or is for another account."), "error")
        return redirect(url_for("accounts.profile"))
    if request.method == "POST":
        try:
            services.confirm_email_change(signed_in_user(), token)
        except AccountError as error:
            flash(error.message, "error")
        else:
            flash(_("Your email address is now %(email)s.", email=new_email), "success")
        return redirect(url_for("accounts.profile"))
    return render_template("accounts/confirm_email.html", form=ActionForm(), new_email=new_email)


@bp.route("/account/delete", methods=["GET", "POST"])
@login_required
@_current_password_limit
def delete_account():
    form = DeleteAccountForm()
    if form.validate_on_submit():
        try:
            services.delete_account(signed_in_user(), form.current_password.data)
        except AccountError as error:
            show_refusal(form, error)
        else:
            logout_user()
            flash(_("Your account is deleted. Orders stay in the cooperatives' books without your personal data."),
                  "success")
            return redirect(url_for("core.home"))
    return render_template("accounts/delete_account.html", form=form)


# ---------------------------------------------------------------------------------------
# Organisations


def _account_endpoint(organisation):
    if services.organisation_type(organisation) is COOPERATIVE:
        return "accounts.cooperative_account"
    return "accounts.distributor_account"


def _registration_gate(org_type):
    """Staff already have their organisation; council and admin accounts may not register one."""
    organisation = services.organisation_of(current_user)
    if organisation is not None:
        correcting = (
            services.organisation_type(organisation) is org_type
            and organisation.status == ApprovalStatus.REJECTED
            and services.membership(current_user).is_owner
        )
        if correcting:
            return organisation, None  # the owner corrects a rejected registration
        return None, redirect(url_for(_account_endpoint(organisation)))
    if current_user.role != Role.CONSUMER:
        abort(403)
    return None, None


@bp.route("/account/cooperative/register", methods=["GET", "POST"])
@login_required
def register_cooperative():
    rejected, elsewhere = _registration_gate(COOPERATIVE)
    if elsewhere:
        return elsewhere
    form = CooperativeForm(obj=rejected)
    # Without JavaScript, "Show the wards" re-renders the form for the chosen province.
    if "refresh_wards" not in request.form and form.validate_on_submit():
        try:
            if rejected:
                services.resubmit_cooperative(rejected, form.details())
            else:
                services.register_cooperative(signed_in_user(), form.details())
        except AccountError as error:
            show_refusal(form, error)
        else:
            flash(_("Thank you! The OCOP council will review the registration; we will write to you."), "success")
            return redirect(url_for("accounts.cooperative_account"))
    return render_template("accounts/cooperative_form.html", form=form, rejected=rejected)


@bp.route("/account/company/register", methods=["GET", "POST"])
@login_required
def register_distributor():
    rejected, elsewhere = _registration_gate(COMPANY)
    if elsewhere:
        return elsewhere
    form = DistributorForm(obj=rejected)
    if form.validate_on_submit():
        try:
            if rejected:
                services.resubmit_distributor(rejected, form.name.data, form.kind.data)
            else:
                services.register_distributor(signed_in_user(), form.name.data, form.kind.data)
        except AccountError as error:
            show_refusal(form, error)
        else:
            flash(_("Thank you! The OCOP council will review the registration; we will write to you."), "success")
            return redirect(url_for("accounts.distributor_account"))
    return render_template("accounts/distributor_form.html", form=form, rejected=rejected)


def _organisation_page(organisation, invite_form=None):
    org_type = services.organisation_type(organisation)
    return render_template(
        "accounts/organisation.html",
        organisation=organisation,
        org_type=org_type,
        members=services.members(organisation),
        is_owner=services.membership(current_user).is_owner,
        invite_form=invite_form or InviteForm(),
    )


def _invite(organisation, account_endpoint):
    form = InviteForm()
    if form.validate_on_submit():
        try:
            outcome = services.invite_staff(organisation, form.email.data, signed_in_user())
        except AccountError as error:
            show_refusal(form, error)
        else:
            if outcome == InviteOutcome.LINKED:
                flash(_("%(email)s has an account and is now on your team.", email=form.email.data), "success")
            else:
                flash(_("We have sent an invitation to %(email)s. It works for 7 days.", email=form.email.data),
                      "success")
            return redirect(url_for(account_endpoint))
    return _organisation_page(organisation, form)


def _remove(organisation, user_id, account_endpoint):
    member = services.staff_member(organisation, user_id)
    if member is None:
        abort(404)
    try:
        services.remove_staff(member)
    except AccountError as error:
        flash(error.message, "error")
    else:
        flash(_("%(name)s is no longer on your team.", name=member.user.name), "success")
    return redirect(url_for(account_endpoint))


@bp.get("/account/cooperative")
@require_cooperative_staff
def cooperative_account():
    return _organisation_page(current_cooperative())


@bp.post("/account/cooperative/staff")
@require_cooperative_owner
def invite_cooperative_staff():
    return _invite(current_cooperative(), "accounts.cooperative_account")


@bp.post("/account/cooperative/staff/<int:user_id>/remove")
@require_cooperative_owner
def remove_cooperative_staff(user_id):
    return _remove(current_cooperative(), user_id, "accounts.cooperative_account")


@bp.get("/account/company")
@require_distributor_staff
def distributor_account():
    return _organisation_page(current_distributor())


@bp.post("/account/company/staff")
@require_distributor_owner
def invite_distributor_staff():
    return _invite(current_distributor(), "accounts.distributor_account")


@bp.post("/account/company/staff/<int:user_id>/remove")
@require_distributor_owner
def remove_distributor_staff(user_id):
    return _remove(current_distributor(), user_id, "accounts.distributor_account")


@bp.route("/invitations/<token>", methods=["GET", "POST"])
def accept_invitation(token):
    invitation = services.read_invitation(token)
    if invitation is None:
        flash(_("This invitation has expired or is not valid. Ask for a new one."), "error")
        return redirect(url_for("core.home"))
    if not current_user.is_authenticated:
        # Invitations go to emails without an account: sign up first, then come back here.
        return redirect(url_for("accounts.sign_up", email=invitation.email, next=request.path))
    if request.method == "POST":
        try:
            organisation = services.accept_invitation(signed_in_user(), token)
        except AccountError as error:
            flash(error.message, "error")
        else:
            flash(_("Welcome to the team of %(name)s!", name=organisation.name), "success")
            return redirect(url_for(_account_endpoint(organisation)))
    return render_template(
        "accounts/invitation.html", invitation=invitation, form=ActionForm(),
        other_email=services.normalise_email(current_user.email) != invitation.email,
    )


# ---------------------------------------------------------------------------------------
# Council and admin


def _review_prefix(type_key, organisation_id):
    return f"{type_key}-{organisation_id}"  # several review forms on one page: unique field ids


def _queue_page(failed=None):
    """The review queue; `failed` is (type key, id, form) of a review that needs correcting."""
    rows = services.pending_organisations()
    forms = {}
    for row in rows:
        key = (row.org_type.key, row.organisation.id)
        forms[key] = failed[2] if failed and failed[:2] == key else ReviewForm(formdata=None, prefix=_review_prefix(*key))
    return render_template("accounts/review_queue.html", rows=rows, forms=forms)


@bp.get("/council/organisations")
@require_role(*COUNCIL_ROLES)
def organisation_queue():
    return _queue_page()


@bp.post("/council/organisations/<type_key>/<int:organisation_id>")
@require_role(*COUNCIL_ROLES)
def review_organisation(type_key, organisation_id):
    organisation = services.get_organisation(type_key, organisation_id)
    if organisation is None:
        abort(404)
    form = ReviewForm(prefix=_review_prefix(type_key, organisation_id))
    if form.validate_on_submit():
        try:
            services.review_organisation(organisation, form.decision.data == "approve", form.reason.data)
        except AccountError as error:
            if error.field is None:
                flash(error.message, "error")
                return redirect(url_for("accounts.organisation_queue"))
            show_refusal(form, error)
        else:
            if form.decision.data == "approve":
                flash(_("%(name)s is approved.", name=organisation.name), "success")
            else:
                flash(_("%(name)s is rejected.", name=organisation.name), "success")
            return redirect(url_for("accounts.organisation_queue"))
    return _queue_page((type_key, organisation_id, form))


@bp.get("/admin/users")
@require_role(Role.ADMIN)
def admin_users():
    query = request.args.get("q", "")
    users = services.users_page(query, page=requested_page(request.args))
    return render_template(
        "accounts/admin_users.html", users=users, query=query,
        role_forms={user.id: RoleForm(formdata=None, prefix=f"u{user.id}", role=user.role.value) for user in users.items},
        assignable=services.ASSIGNABLE_ROLES,
    )


@bp.post("/admin/users/<int:user_id>/role")
@require_role(Role.ADMIN)
def change_role(user_id):
    user = db.session.get(User, user_id)
    if user is None or not user.is_active:
        abort(404)
    form = RoleForm(prefix=f"u{user_id}")
    if not form.validate_on_submit():
        flash(_("Choose one of the offered roles."), "error")
    else:
        try:
            services.change_role(signed_in_user(), user, Role(form.role.data))
        except AccountError as error:
            flash(error.message, "error")
        else:
            flash(_("%(email)s is now: %(role)s.", email=user.email, role=role_label(user.role)), "success")
    return redirect(url_for("accounts.admin_users"))
