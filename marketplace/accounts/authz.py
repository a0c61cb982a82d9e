"""Authorization in one place: every view and API endpoint that is not public uses these.

The answers, everywhere the same:

- Not signed in → pages redirect to the sign-in page with `?next=<this page>`; JSON
  (/api/…) answers 401.
- Signed in but the page is for another role (`require_role`, `require_cooperative_staff`,
  …) → 403, the site's styled page.
- An object that belongs to another cooperative or company (`owned_by_current_cooperative`,
  `owned_by_current_distributor`) → 404, exactly as if it did not exist, so ids do not leak.
- Staff of a pending or rejected organisation on a page that publishes or posts
  (`require_approved_cooperative`, `require_approved_distributor`) → back to their
  organisation's account page with a message (403 for JSON). Services that publish should
  also call `accounts.services.check_can_publish(organisation)`.

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
from flask import abort, flash, g, jsonify, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from marketplace.accounts import services
from marketplace.accounts.models import CooperativeMember, DistributorMember, Role
from marketplace.extensions import login_manager
from marketplace.producers.models import Cooperative
from marketplace.valuechain.models import DistributorCompany

# Who reviews organisations and certificates.
COUNCIL_ROLES = (Role.COUNCIL_REVIEWER, Role.ADMIN)

__all__ = [
    "signed_in_user",
    "COUNCIL_ROLES",
    "Role",
    "current_cooperative",
    "current_distributor",
    "login_required",
    "owned_by_current_cooperative",
    "owned_by_current_distributor",
    "require_approved_cooperative",
    "require_approved_distributor",
    "require_cooperative_owner",
    "require_cooperative_staff",
    "require_distributor_owner",
    "require_distributor_staff",
    "require_role",
    "safe_next",
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


def _wants_json():
    return request.path.startswith("/api/") or request.accept_mimetypes.best == "application/json"


@login_manager.unauthorized_handler
def _sign_in_first():
    if _wants_json():
        return jsonify(error="unauthorized", message="Sign in first."), 401
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


def _guard(allowed):
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
    return _guard(lambda: current_user.role in roles)


def _membership(model):
    if not current_user.is_authenticated:
        return None
    member = services.membership(current_user)
    return member if isinstance(member, model) else None


def current_cooperative():
    """The cooperative the signed-in user works for (whatever its status), or None."""
    if "current_cooperative" not in g:
        member = _membership(CooperativeMember)
        g.current_cooperative = member.cooperative if member else None
    return g.current_cooperative


def current_distributor():
    """The distributor company the signed-in user works for (whatever its status), or None."""
    if "current_distributor" not in g:
        member = _membership(DistributorMember)
        g.current_distributor = member.distributor if member else None
    return g.current_distributor


def _is_owner(model):
    member = _membership(model)
    return member is not None and member.is_owner


def require_cooperative_staff(view):
    """Only staff of a cooperative (pending, approved or rejected)."""
    return _guard(lambda: current_cooperative() is not None)(view)


def require_distributor_staff(view):
    """Only staff of a distributor company (pending, approved or rejected)."""
    return _guard(lambda: current_distributor() is not None)(view)


def require_cooperative_owner(view):
    """Only the owner of a cooperative (who invites and removes staff)."""
    return _guard(lambda: _is_owner(CooperativeMember))(view)


def require_distributor_owner(view):
    """Only the owner of a distributor company."""
    return _guard(lambda: _is_owner(DistributorMember))(view)


def _require_approved(staff_guard, organisation_of, account_endpoint):
    def decorator(view):
        @staff_guard
        @wraps(view)
        def wrapped(*args, **kwargs):
            if not organisation_of().is_approved:
                if _wants_json():
                    return jsonify(error="not_approved", message="The organisation is not approved yet."), 403
                flash(_("You can publish and post once the OCOP council has approved your organisation."), "error")
                return redirect(url_for(account_endpoint))
            return view(*args, **kwargs)

        return wrapped

    return decorator


def require_approved_cooperative(view):
    """Only staff of an approved cooperative: the gate of every view that publishes."""
    return _require_approved(require_cooperative_staff, current_cooperative, "accounts.cooperative_account")(view)


def require_approved_distributor(view):
    """Only staff of an approved distributor company: the gate of every view that posts."""
    return _require_approved(require_distributor_staff, current_distributor, "accounts.distributor_account")(view)


def _owned(target, organisation, model, column):
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


def owned_by_current_cooperative(target):
    """An object (with `cooperative_id`, or a Cooperative) of the current cooperative, else 404.

    Given a `select(...)` instead, returns it filtered to the current cooperative's rows.
    """
    return _owned(target, current_cooperative(), Cooperative, "cooperative_id")


def owned_by_current_distributor(target):
    """An object (with `distributor_id`, or a DistributorCompany) of the current company, else 404.

    Given a `select(...)` instead, returns it filtered to the current company's rows.
    """
    return _owned(target, current_distributor(), DistributorCompany, "distributor_id")
