"""Authorization: every view and API endpoint that is not public uses these, or the helpers
built on them for organisations (`producers.authz` for cooperatives, `distributors.authz`
for distributor companies).

The answers, everywhere the same:

- Not signed in → pages redirect to the sign-in page with `?next=<this page>`; JSON
  (/api/…) answers 401.
- Signed in but the page is for another role (`require_role`, `require_cooperative_staff`,
  …) → 403, the site's styled page.
- An object that belongs to another cooperative or company (`owned_by`, through
  `owned_by_current_cooperative`, `owned_by_current_distributor`) → 404, exactly as if it
  did not exist, so ids do not leak.
- Staff of a pending or rejected organisation on a page that publishes or posts
  (`require_approved_cooperative`, `require_approved_distributor`) → back to their
  organisation's account page with a message (403 for JSON). Services that publish should
  also call `producers.organisations.check_can_publish(organisation)`.

Usage in a portal view::

    @bp.post("/portal/products/<int:product_id>/publish")
    @require_approved_cooperative
    def publish(product_id):
        product = owned_by_current_cooperative(db.session.get(Product, product_id))
        ...

    @bp.get("/portal/products")
    @require_cooperative_staff
    def products():
        rows = db.session.scalars(owned_by_current_cooperative(sa.select(Product))).all()

Every new endpoint must also get a row in tests/accounts/test_authorization_matrix.py.
"""
from functools import wraps
from urllib.parse import urlsplit

import sqlalchemy as sa
from flask import abort, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from marketplace.accounts import services
from marketplace.accounts.models import Role
from marketplace.extensions import login_manager
from marketplace.views import json_error

# Who reviews organisations and certificates.
COUNCIL_ROLES = (Role.COUNCIL_REVIEWER, Role.ADMIN)

__all__ = [
    "signed_in_user",
    "COUNCIL_ROLES",
    "Role",
    "guard",
    "login_required",
    "owned_by",
    "require_role",
    "safe_next",
    "wants_json",
]


def signed_in_user():
    """The signed-in User itself (services store it in relationships, where the proxy will
    not do), or None for a visitor."""
    return current_user._get_current_object() if current_user.is_authenticated else None


def init_app(app):
    login_manager.init_app(app)


@login_manager.user_loader
def _load_user(session_id):
    return services.load_session_user(session_id)


def wants_json():
    return request.path.startswith("/api/") or request.accept_mimetypes.best == "application/json"


@login_manager.unauthorized_handler
def _sign_in_first():
    if wants_json():
        return json_error(401, "unauthorized", "Sign in first.")
    flash(_("Please sign in to continue."), "info")
    target = request.full_path.rstrip("?") if request.method == "GET" else None
    return redirect(url_for("accounts.sign_in", next=target))


def safe_next(target):
    """`target` when it is a path on this site ("/account?x=1"), else None.

    Refuses absolute URLs, scheme-relative ones ("//evil.example") and backslash tricks,
    so that ?next= cannot send a user to another site after signing in.
    """
    if not target or not target.startswith("/") or target.startswith(("//", "/\\")):
        return None
    if any(ord(ch) < 32 for ch in target) or "\\" in target:
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return None
    return target


def guard(allowed):
    """A view decorator: sign in first, then `allowed()` must hold, else 403."""

    def decorator(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            if not current_user.is_authenticated:
                return login_manager.unauthorized()
            if not allowed():
                abort(403)
            return view(*args, **kwargs)

        return wrapped

    return decorator


def require_role(*roles):
    """Only signed-in users with one of `roles` (Role members) may use the view."""
    return guard(lambda: current_user.role in roles)


def owned_by(target, organisation, model, column):
    """Scope a query, or check one object, to `organisation`; other organisations' objects → 404."""
    owner_id = organisation.id if organisation is not None else None
    if isinstance(target, sa.Select):
        entity = target.column_descriptions[0]["entity"]
        key = entity.id if entity is model else getattr(entity, column)
        return target.where(key == owner_id) if owner_id is not None else target.where(sa.false())
    if target is None or owner_id is None:
        abort(404)
    key = target.id if isinstance(target, model) else getattr(target, column)
    if key != owner_id:
        abort(404)
    return target
