"""Authorization for cooperative staff, built on `accounts.authz` (whose docstring gives the
answers): who works for which cooperative, which pages need an approved one, and scoping
objects to it."""
from functools import wraps

from flask import flash, g, jsonify, redirect, url_for
from flask_babel import gettext as _
from flask_login import current_user

from marketplace.accounts.authz import guard, owned_by, wants_json
from marketplace.producers.models import Cooperative


def _membership(attribute):
    return getattr(current_user, attribute) if current_user.is_authenticated else None


def current_cooperative():
    """The cooperative the signed-in user works for (whatever its status), or None."""
    if "current_cooperative" not in g:
        member = _membership("cooperative_membership")
        g.current_cooperative = member.cooperative if member else None
    return g.current_cooperative


def is_owner(attribute):
    """Whether the signed-in user owns the organisation of their `attribute` membership."""
    member = _membership(attribute)
    return member is not None and member.is_owner


def require_cooperative_staff(view):
    """Only staff of a cooperative (pending, approved or rejected)."""
    return guard(lambda: current_cooperative() is not None)(view)


def require_cooperative_owner(view):
    """Only the owner of a cooperative (who invites and removes staff)."""
    return guard(lambda: is_owner("cooperative_membership"))(view)


def require_approved(staff_guard, organisation_of, account_endpoint):
    """A view decorator: `staff_guard`, then the organisation must be approved, else back to
    its account page with a message (403 for JSON)."""

    def decorator(view):
        @staff_guard
        @wraps(view)
        def wrapped(*args, **kwargs):
            if not organisation_of().is_approved:
                if wants_json():
                    return jsonify(error="not_approved", message="The organisation is not approved yet."), 403
                flash(_("You can publish and post once the OCOP council has approved your organisation."), "error")
                return redirect(url_for(account_endpoint))
            return view(*args, **kwargs)

        return wrapped

    return decorator


def require_approved_cooperative(view):
    """Only staff of an approved cooperative: the gate of every view that publishes."""
    return require_approved(require_cooperative_staff, current_cooperative, "organisations.cooperative_account")(view)


def owned_by_current_cooperative(target):
    """An object (with `cooperative_id`, or a Cooperative) of the current cooperative, else 404.

    Given a `select(...)` instead, returns it filtered to the current cooperative's rows.
    """
    return owned_by(target, current_cooperative(), Cooperative, "cooperative_id")
