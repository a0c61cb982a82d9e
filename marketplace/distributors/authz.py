"""Authorization for distributor staff, built on `accounts.authz` and the same gates as
cooperatives (`producers.authz`)."""
from flask import g
from flask_login import current_user

from marketplace.accounts.authz import guard, owned_by
from marketplace.accounts.models import Role
from marketplace.distributors.models import DistributorCompany
from marketplace.producers.authz import is_owner, require_approved


def current_distributor():
    """The distributor company the signed-in user works for (whatever its status), or None."""
    if "current_distributor" not in g:
        member = current_user.distributor_membership if current_user.is_authenticated else None
        g.current_distributor = member.distributor if member else None
    return g.current_distributor


def require_distributor_staff(view):
    """Only staff of a distributor company (pending, approved or rejected)."""
    return guard(lambda: current_distributor() is not None)(view)


def require_distributor_owner(view):
    """Only the owner of a distributor company."""
    return guard(lambda: is_owner("distributor_membership"))(view)


def require_approved_distributor(view):
    """Only staff of an approved distributor company: the gate of every view that posts."""
    return require_approved(require_distributor_staff, current_distributor, "distributors.distributor_account")(view)


def owned_by_current_distributor(target):
    """An object (with `distributor_id`, or a DistributorCompany) of the current company, else 404.

    Given a `select(...)` instead, returns it filtered to the current company's rows.
    """
    return owned_by(target, current_distributor(), DistributorCompany, "distributor_id")


def buys_wholesale(user):
    """Whether `user` (or None) sees and gets wholesale prices: staff of an approved
    distributor company only, never consumers or guests."""
    # The role first: consumers' pages ask nothing more of the database.
    if user is None or not user.is_authenticated or user.role != Role.DISTRIBUTOR_STAFF:
        return False
    member = user.distributor_membership
    return member is not None and member.distributor.is_approved


def wholesale_viewer():
    """`buys_wholesale` for the signed-in visitor."""
    return buys_wholesale(current_user)
