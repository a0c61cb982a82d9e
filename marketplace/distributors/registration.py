"""Registering a distributor company: a consumer names it and becomes its owner; the council
reviews it and its staff are managed like a cooperative's (`producers.organisations`,
`producers.staff`), with the company type registered here."""
from flask_babel import gettext as _

from marketplace.accounts.models import Role
from marketplace.distributors.models import DistributorCompany, DistributorKind, DistributorMember
from marketplace.extensions import db
from marketplace.producers.models import ApprovalStatus
from marketplace.producers.organisations import (
    OrganisationError,
    OrganisationType,
    add_member,
    register_type,
    require_unattached,
    resubmit,
)
from marketplace.slugs import unique_slug
from marketplace.text import nfc

COMPANY = register_type(OrganisationType(
    "company", DistributorCompany, DistributorMember, "distributor_id", "distributor_membership", "distributor",
    Role.DISTRIBUTOR_STAFF, "distributors.distributor_account",
))


def _checked_name(name):
    name = nfc(name.strip())
    if not name:
        raise OrganisationError(_("Enter the name."), "name")
    return name


def register_distributor(user, name, kind):
    """A new distributor company, pending the council's approval, owned by `user`."""
    require_unattached(user)
    name = _checked_name(name)
    company = DistributorCompany(
        name=name, kind=DistributorKind(kind), slug=unique_slug(DistributorCompany, name),
        status=ApprovalStatus.PENDING,
    )
    db.session.add(company)
    db.session.flush()
    add_member(user, company, is_owner=True)
    db.session.commit()
    return company


def resubmit_distributor(company, name, kind):
    def correct(company):
        company.name, company.kind = _checked_name(name), DistributorKind(kind)

    resubmit(company, correct)

