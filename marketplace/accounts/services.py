"""The rules of accounts: sign-up and sign-in, passwords, email, signed links, administration.

Functions take and return domain objects, commit their own transaction and raise
AccountError (a translated message, and the form field it belongs to) when a rule refuses.
Mails go out in the recipient's language. Links in mails start with SITE_URL (never the
request's Host); the functions that send them need a request context (or SERVER_NAME) to
build the path, and none of them reads the request.
"""
import hashlib
import re
from datetime import timedelta
from functools import lru_cache

import argon2
import sqlalchemy as sa
from blinker import Namespace
from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as _
from itsdangerous import BadSignature, URLSafeTimedSerializer

from marketplace import clock
from marketplace.accounts.models import (
    STAFF_ROLES,
    Role,
    SignInEvent,
    User,
    new_session_token,
)
from marketplace.errors import Refusal
from marketplace.extensions import db
from marketplace.mail import send_mail, site_url
from marketplace.text import nfc


class AccountError(Refusal):
    """A rule refused; `message` is shown to the user, next to `field` when there is one."""


class EmailNotConfirmed(Refusal):
    """The password was right but the sign-up link was never followed."""

    def __init__(self, message, field=None, *, user):
        super().__init__(message, field)
        self.user = user


# Sent inside delete_account's transaction, before the personal data goes: the organisations
# an account works for let it go (the account's owner hands over) without accounts knowing them.
account_deleting = Namespace().signal("account-deleting")


# ---------------------------------------------------------------------------------------
# Emails and passwords

PASSWORD_MIN_LENGTH = 10
PASSWORD_MAX_LENGTH = 128  # argon2 takes any length; this bounds the work one request causes
UNUSABLE_PASSWORD = "!"  # not an argon2 hash: nothing verifies against it


def normalise_email(text):
    """Emails are compared and stored in NFC, lower case, without surrounding spaces."""
    return nfc((text or "").strip()).lower()


def email_fingerprint(email):
    return hashlib.sha256(normalise_email(email).encode()).hexdigest()


def find_user(email):
    """The account using this email (confirmed or not), or None. Deleted accounts have none."""
    return db.session.scalar(sa.select(User).where(User.email == normalise_email(email)))


def password_problem(password, email=""):
    """What is wrong with a new password, or None. The rules are stated on every form."""
    if len(password) < PASSWORD_MIN_LENGTH:
        return _("Use at least %(n)s characters.", n=PASSWORD_MIN_LENGTH)
    if len(password) > PASSWORD_MAX_LENGTH:
        return _("Use at most %(n)s characters.", n=PASSWORD_MAX_LENGTH)
    if password.isdigit():
        return _("Use more than digits: add letters or symbols.")
    if email and normalise_email(password) == normalise_email(email):
        return _("Your password cannot be your email address.")
    return None


def _require_good_password(password, email, field="password"):
    problem = password_problem(password, email)
    if problem:
        raise AccountError(problem, field)


def _hasher():
    profile = getattr(argon2.profiles, current_app.config["PASSWORD_HASH_PROFILE"])
    return argon2.PasswordHasher.from_parameters(profile)


def hash_password(password):
    return _hasher().hash(password)


@lru_cache(maxsize=4)
def _decoy_hash(profile_name):
    return argon2.PasswordHasher.from_parameters(getattr(argon2.profiles, profile_name)).hash("decoy")


def _password_matches(user, password):
    """Check a password, upgrading the stored hash when its cost settings are outdated."""
    hasher = _hasher()
    if user is None or not user.password_hash.startswith("$argon2"):
        # Do the same work as a real check: response time must not tell whether the email exists.
        try:
            hasher.verify(_decoy_hash(current_app.config["PASSWORD_HASH_PROFILE"]), password)
        except argon2.exceptions.VerificationError:
            pass
        return False
    try:
        hasher.verify(user.password_hash, password)
    except (argon2.exceptions.VerificationError, argon2.exceptions.InvalidHashError):
        return False
    if hasher.check_needs_rehash(user.password_hash):
        user.password_hash = hasher.hash(password)
    return True


def _hash_fingerprint(value):
    # Put in reset links: once the password changes the fingerprint no longer matches.
    return hashlib.sha256(value.encode()).hexdigest()[:16]


def normalise_phone(text):
    """A Vietnamese phone number as 10 (mobile) or 11 (landline, 02…) digits; ValueError if not one.

    Accepts spaces, dots, dashes and the +84 form: "+84 912 345 678" -> "0912345678".
    """
    digits = re.sub(r"[\s.\-()]", "", text or "")
    if digits.startswith("+84"):
        digits = "0" + digits[3:]
    if re.fullmatch(r"0[35789]\d{8}|02\d{9}", digits):
        return digits
    raise ValueError(text)


# ---------------------------------------------------------------------------------------
# Signed links

TOKEN_MAX_AGE = {
    "confirm-account": 3 * 86400,
    "reset-password": 3600,
    "change-email": 86400,
    "invitation": 7 * 86400,
}


def make_token(purpose, data):
    """A signed, timestamped token; the salt keeps a token of one purpose useless for another."""
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=f"accounts.{purpose}").dumps(data)


def read_token(purpose, token):
    """The token's data, or None when it is forged, altered or older than its purpose allows."""
    serializer = URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=f"accounts.{purpose}")
    try:
        return serializer.loads(token, max_age=TOKEN_MAX_AGE[purpose])
    except BadSignature:  # SignatureExpired is a BadSignature
        return None


def absolute_link(endpoint, **values):
    """A link for mail: always on SITE_URL, never the request's Host header."""
    return site_url(endpoint, **values)


def mail_in_language(to, language, compose):
    """Send the mail that `compose()` returns as (subject, body), rendered in `language`."""
    with force_locale(language or current_app.config["BABEL_DEFAULT_LOCALE"]):
        subject, body = compose()
        body += "\n\n-- \n" + _("OCOP Bến Tre marketplace")
    return send_mail(to, subject, body)


# ---------------------------------------------------------------------------------------
# Sign-up, confirmation, sign-in


def sign_up(email, password, display_name, language, next_url=None):
    """Create an unconfirmed account and mail its confirmation link.

    When the email already has an account, its owner gets a mail saying so instead: the
    caller shows the same "check your inbox" page either way, so nobody learns who is
    registered. Returns the new user, or None when the email was taken.
    """
    email = normalise_email(email)
    _require_good_password(password, email)
    password_hash = hash_password(password)  # before the lookup: same time taken either way
    existing = find_user(email)
    if existing is not None:
        mail_in_language(existing.email, existing.language, lambda: (
            _("Someone tried to sign up with your email"),
            _("Someone, maybe you, tried to create an account on the OCOP Bến Tre marketplace "
              "with this email address. You already have an account.\n\n"
              "Sign in: %(sign_in)s\nForgot your password? %(reset)s\n\n"
              "If it was not you, you can ignore this message.",
              sign_in=absolute_link("accounts.sign_in"), reset=absolute_link("accounts.forgot_password")),
        ))
        return None
    user = User(
        email=email,
        password_hash=password_hash,
        display_name=nfc(display_name.strip()),
        language=language,
    )
    db.session.add(user)
    try:
        db.session.commit()
    except sa.exc.IntegrityError:  # the same email signed up a moment ago
        db.session.rollback()
        return None
    send_confirmation(user, next_url)
    return user


def send_confirmation(user, next_url=None):
    token = make_token("confirm-account", {"u": user.id, "e": email_fingerprint(user.email)})
    link = absolute_link("accounts.confirm_account", token=token, next=next_url or None)
    mail_in_language(user.email, user.language, lambda: (
        _("Confirm your email address"),
        _("Welcome to the OCOP Bến Tre marketplace! Open this link to confirm your email "
          "address and finish signing up (it works for 3 days):\n\n%(link)s\n\n"
          "If you did not sign up, you can ignore this message.", link=link),
    ))


def account_to_confirm(token):
    """The unconfirmed user a sign-up link is for, or None (invalid, expired or already used)."""
    data = read_token("confirm-account", token)
    user = db.session.get(User, data["u"]) if data else None
    if user is None or not user.is_active or user.email_confirmed_at is not None:
        return None
    return user if data["e"] == email_fingerprint(user.email) else None


def confirm_account(token):
    """Confirm the account a sign-up link is for and return its user, or None.

    A link confirms once: afterwards it answers None, so an old link found in a mailbox
    cannot be used to sign in.
    """
    user = account_to_confirm(token)
    if user is not None:
        user.email_confirmed_at = clock.utcnow()
        db.session.commit()
    return user


def sign_in(email, password, ip):
    """The user when the password is right and the account usable, else None.

    Every attempt is written to the sign-in log. Raises EmailNotConfirmed when the password
    is right but the account was never confirmed.
    """
    email = normalise_email(email)
    user = find_user(email)
    matches = _password_matches(user, password)
    usable = matches and user.email_confirmed_at is not None
    db.session.add(
        SignInEvent(
            user_id=user.id if user else None,
            email_hash=email_fingerprint(email),
            ip=(ip or "")[:45],
            succeeded=usable,
        )
    )
    db.session.commit()
    if matches and not usable:
        raise EmailNotConfirmed(_("Please confirm your email address first."), user=user)
    return user if usable else None


def recent_sign_ins(user, limit=20):
    return db.session.scalars(
        sa.select(SignInEvent)
        .where(SignInEvent.user_id == user.id)
        .order_by(SignInEvent.created_at.desc(), SignInEvent.id.desc())
        .limit(limit)
    ).all()


def load_session_user(session_id):
    """The user of a session id made by User.get_id() ("<id>:<session token>"), or None."""
    user_id, _sep, token = (session_id or "").partition(":")
    if not user_id.isdigit() or not token:
        return None
    user = db.session.get(User, int(user_id))
    if user is None or not user.is_active or user.session_token != token:
        return None
    return user


def end_sessions(user):
    """Sign the user out everywhere (sign-out): every session and "remember me" cookie carries
    the old session token and stops working, as after a password change or a deletion."""
    user.session_token = new_session_token()
    db.session.commit()


def purge_sign_ins(days):
    """Delete sign-in log entries older than `days` days; returns how many went."""
    cutoff = clock.utcnow() - timedelta(days=days)
    removed = db.session.execute(sa.delete(SignInEvent).where(SignInEvent.created_at < cutoff)).rowcount
    db.session.commit()
    return removed


# ---------------------------------------------------------------------------------------
# Passwords, profile, email, deletion


def request_password_reset(email):
    """Mail a reset link when the email has an account; say nothing either way."""
    user = find_user(email)
    if user is None:
        return
    token = make_token("reset-password", {"u": user.id, "p": _hash_fingerprint(user.password_hash)})
    link = absolute_link("accounts.reset_password", token=token)
    mail_in_language(user.email, user.language, lambda: (
        _("Reset your password"),
        _("Open this link to choose a new password. It works for one hour and only once:\n\n"
          "%(link)s\n\nIf you did not ask for it, you can ignore this message: your password "
          "stays as it is.", link=link),
    ))


def user_for_reset(token):
    """The user a reset link is for, or None when it is invalid, expired or already used."""
    data = read_token("reset-password", token)
    user = db.session.get(User, data["u"]) if data else None
    if user is None or not user.is_active or data["p"] != _hash_fingerprint(user.password_hash):
        return None
    return user


def reset_password(user, password):
    """Set a new password; every other session ends. The link proved the inbox: confirm it."""
    _require_good_password(password, user.email)
    user.password_hash = hash_password(password)
    user.session_token = new_session_token()
    if user.email_confirmed_at is None:
        user.email_confirmed_at = clock.utcnow()
    db.session.commit()


def update_profile(user, display_name, language):
    if language not in current_app.config["LANGUAGES"]:
        raise AccountError(_("Choose one of the offered languages."), "language")
    user.display_name = nfc(display_name.strip())
    user.language = language
    db.session.commit()


def _require_current_password(user, password):
    if not _password_matches(user, password):
        raise AccountError(_("That is not your current password."), "current_password")


def change_password(user, current_password, new_password):
    """Change the password; every session of the user ends (the caller signs this one in again)."""
    _require_current_password(user, current_password)
    _require_good_password(new_password, user.email, "new_password")
    user.password_hash = hash_password(new_password)
    user.session_token = new_session_token()
    db.session.commit()


def request_email_change(user, new_email, current_password):
    """Mail a confirmation link to the new address; nothing changes until it is followed.

    When the new address already has an account, that address is told so instead, and the
    caller shows the same message: nobody learns who is registered.
    """
    _require_current_password(user, current_password)
    db.session.commit()  # keep an upgraded password hash
    new_email = normalise_email(new_email)
    if new_email == user.email:
        raise AccountError(_("That is already your email address."), "email")
    if find_user(new_email) is not None:
        mail_in_language(new_email, user.language, lambda: (
            _("Email change not possible"),
            _("Someone asked to move an OCOP Bến Tre marketplace account to this address, "
              "but an account already uses it. Nothing was changed."),
        ))
        return
    token = make_token("change-email", {"u": user.id, "old": email_fingerprint(user.email), "new": new_email})
    link = absolute_link("accounts.confirm_email", token=token)
    mail_in_language(new_email, user.language, lambda: (
        _("Confirm your new email address"),
        _("Open this link, signed in to your account, to use this address from now on "
          "(it works for 24 hours):\n\n%(link)s\n\nIf you did not ask for it, ignore this message.",
          link=link),
    ))


def email_change_target(user, token):
    """The new address a change link offers to this user, or None when the link is not valid for them."""
    data = read_token("change-email", token)
    if not data or data["u"] != user.id or data["old"] != email_fingerprint(user.email):
        return None
    return data["new"]


def confirm_email_change(user, token):
    new_email = email_change_target(user, token)
    if new_email is None:
        raise AccountError(_("This link has expired or was already used."))
    if find_user(new_email) is not None:
        raise AccountError(_("Another account uses that address now, so it cannot be yours."))
    old_email = user.email
    user.email = new_email
    user.email_confirmed_at = clock.utcnow()
    mail_in_language(old_email, user.language, lambda: (  # an outbox row: sent only if the change commits
        _("Your email address was changed"),
        _("The email address of your OCOP Bến Tre marketplace account is now %(email)s. "
          "If you did not do this, reply to this message at once.", email=new_email),
    ))
    try:
        db.session.commit()
    except sa.exc.IntegrityError:
        db.session.rollback()
        raise AccountError(_("Another account uses that address now, so it cannot be yours.")) from None


def delete_account(user, current_password):
    """Remove personal data, keep the row: orders point to it for the cooperatives' books.

    An owner hands the organisation to its longest-serving staff member; with nobody left
    the organisation stays, without staff, for an admin to sort out.
    """
    _require_current_password(user, current_password)
    account_deleting.send(user)
    db.session.execute(sa.delete(SignInEvent).where(SignInEvent.user_id == user.id))
    user.email = f"deleted-{user.id}@invalid"
    user.display_name = ""
    user.password_hash = UNUSABLE_PASSWORD
    user.session_token = new_session_token()
    user.role = Role.CONSUMER
    user.deleted_at = clock.utcnow()
    db.session.commit()


# ---------------------------------------------------------------------------------------
# Administration

ASSIGNABLE_ROLES = (Role.CONSUMER, Role.COUNCIL_REVIEWER, Role.ADMIN)


def users_page(query="", page=1, per_page=50):
    """Active accounts by email, optionally filtered by a piece of email or name."""
    select = sa.select(User).where(User.deleted_at.is_(None)).order_by(User.email)
    query = nfc(query.strip()).lower()
    if query:
        pattern = f"%{query}%"
        select = select.where(sa.or_(User.email.like(pattern), sa.func.lower(User.display_name).like(pattern)))
    return db.paginate(select, page=page, per_page=per_page, error_out=False)


def change_role(actor, user, role):
    """Give a role that comes without an organisation (consumer, council reviewer, admin)."""
    if user.id == actor.id:
        raise AccountError(_("You cannot change your own role."), "role")
    if role not in ASSIGNABLE_ROLES:
        raise AccountError(_("Staff roles come with an organisation: invite the person from it instead."), "role")
    if user.role in STAFF_ROLES:
        raise AccountError(_("This person works for an organisation; they must be removed from it first."), "role")
    user.role = role
    db.session.commit()


def create_admin(email, password=None, display_name=""):
    """Make `email` an admin: a new confirmed account, or an existing one promoted."""
    email = normalise_email(email)
    user = find_user(email)
    if user is None:
        if not password:
            raise AccountError(_("A new account needs a password."), "password")
        _require_good_password(password, email)
        user = User(email=email, password_hash=hash_password(password), display_name=nfc(display_name.strip()),
                    email_confirmed_at=clock.utcnow())
        db.session.add(user)
    else:
        if user.role in STAFF_ROLES:
            raise AccountError(_("This person works for an organisation; they must be removed from it first."))
        if password:
            _require_good_password(password, email)
            user.password_hash = hash_password(password)
            user.session_token = new_session_token()
        user.email_confirmed_at = user.email_confirmed_at or clock.utcnow()
    user.role = Role.ADMIN
    db.session.commit()
    return user
