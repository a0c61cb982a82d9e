"""Pages of accounts: sign-up/in/out, password and email, profile, and the admin's user list.
(Organisations and their staff: `producers.organisation_views`, `distributors.views`.)"""
from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from marketplace.accounts import services
from marketplace.accounts.authz import require_role, safe_next, signed_in_user
from marketplace.accounts.forms import (
    ChangeEmailForm,
    ChangePasswordForm,
    DeleteAccountForm,
    ForgotPasswordForm,
    ProfileForm,
    ResetPasswordForm,
    RoleForm,
    SignInForm,
    SignUpForm,
)
from marketplace.accounts.labels import role_label
from marketplace.accounts.models import Role, User
from marketplace.accounts.services import AccountError, EmailNotConfirmed
from marketplace.extensions import db, limiter
from marketplace.forms import ActionForm, show_refusal
from marketplace.i18n import current_language
from marketplace.pagination import requested_page
from marketplace.views import no_store

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


# Where staff start after signing in when no ?next= asks for a page (endpoint names, so that
# accounts imports no organisation's package); everyone else starts on the storefront.
LANDING_PAGES = {Role.COOPERATIVE_STAFF: "portal.dashboard", Role.DISTRIBUTOR_STAFF: "valuechain.value_chain"}


def landing_page(user):
    return url_for(LANDING_PAGES.get(user.role, "catalog.home"))


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
                return redirect(safe_next(form.next.data) or landing_page(user))
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
    return redirect(url_for("catalog.home"))


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
    return render_template("accounts/profile.html", form=form)


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
            return redirect(url_for("catalog.home"))
    return render_template("accounts/delete_account.html", form=form)


# ---------------------------------------------------------------------------------------
# Administration


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
