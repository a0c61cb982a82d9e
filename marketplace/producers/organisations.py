"""Organisations that people work for: cooperatives (here) and distributor companies (the
distributors package registers its type). Both are registered by a consumer who becomes
their owner, reviewed by the council, and have staff (`producers.staff`); these rules are
written once, for every type.

Functions commit their own transaction and raise OrganisationError (a translated message,
and the form field it belongs to) when a rule refuses. Mails go out in the recipient's
language, with absolute links (a request context or SERVER_NAME is needed).
"""
from dataclasses import dataclass

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.orm import joinedload

from marketplace.accounts.models import Role, User
from marketplace.accounts.services import mail_in_language
from marketplace.errors import Refusal
from marketplace.extensions import db
from marketplace.producers.models import ApprovalStatus, Cooperative, CooperativeMember
from marketplace.text import nfc


class OrganisationError(Refusal):
    """A rule about an organisation or its staff refused."""


class NotApproved(Refusal):
    """A pending or rejected organisation tried to publish or post."""


@dataclass(frozen=True)
class OrganisationType:
    key: str  # as it appears in URLs and invitation links
    model: type
    member_model: type
    member_column: str  # the member's column pointing at the organisation
    member_attribute: str  # the User attribute holding the membership row
    organisation_attribute: str  # the member's attribute holding the organisation
    role: Role
    account_endpoint: str  # the organisation's page for its staff

    def members_of(self, organisation):
        return getattr(self.member_model, self.member_column) == organisation.id

    def organisation_of_member(self, member):
        return getattr(member, self.organisation_attribute)


# Every type of organisation, in the order the council's queue lists them.
ORGANISATION_TYPES = {}


def register_type(org_type):
    ORGANISATION_TYPES[org_type.key] = org_type
    return org_type


COOPERATIVE = register_type(OrganisationType(
    "cooperative", Cooperative, CooperativeMember, "cooperative_id", "cooperative_membership", "cooperative",
    Role.COOPERATIVE_STAFF, "organisations.cooperative_account",
))


def organisation_type(organisation):
    return next(t for t in ORGANISATION_TYPES.values() if isinstance(organisation, t.model))


def membership(user):
    """The user's staff row (CooperativeMember, DistributorMember…), or None."""
    for org_type in ORGANISATION_TYPES.values():
        member = getattr(user, org_type.member_attribute)
        if member is not None:
            return member
    return None


def organisation_of(user):
    """The organisation the user works for (whatever its status), or None."""
    for org_type in ORGANISATION_TYPES.values():
        member = getattr(user, org_type.member_attribute)
        if member is not None:
            return org_type.organisation_of_member(member)
    return None


def require_unattached(user, message=None):
    if user.role != Role.CONSUMER or membership(user) is not None:
        raise OrganisationError(message or _(
            "Your account already belongs to an organisation or has a council or admin role. "
            "Use another account to register an organisation."
        ))


def add_member(user, organisation, is_owner=False):
    org_type = organisation_type(organisation)
    db.session.add(org_type.member_model(user=user, is_owner=is_owner, **{org_type.member_column: organisation.id}))
    user.role = org_type.role


def check_can_publish(organisation):
    """Raise NotApproved unless the council approved `organisation`.

    Services that publish listings or post requests call this, so that the rule holds
    whatever view (or API endpoint) calls them.
    """
    if organisation is None or organisation.status != ApprovalStatus.APPROVED:
        raise NotApproved(_("You can publish and post once the OCOP council has approved your organisation."))


def members(organisation):
    """The organisation's staff rows with their users: the owner first, then by joining date."""
    org_type = organisation_type(organisation)
    model = org_type.member_model
    return db.session.scalars(
        sa.select(model)
        .options(joinedload(model.user))
        .where(org_type.members_of(organisation))
        .order_by(model.is_owner.desc(), model.created_at, model.id)
    ).all()


# ---------------------------------------------------------------------------------------
# The council's review


@dataclass
class PendingOrganisation:
    org_type: OrganisationType
    organisation: object
    owner: User | None


def pending_organisations():
    """Organisations waiting for review, oldest first, each with its owner (2 queries a type)."""
    rows = []
    for org_type in ORGANISATION_TYPES.values():
        organisations = db.session.scalars(
            sa.select(org_type.model)
            .where(org_type.model.status == ApprovalStatus.PENDING)
            .order_by(org_type.model.created_at, org_type.model.id)
        ).all()
        column = getattr(org_type.member_model, org_type.member_column)
        owners = dict(
            db.session.execute(
                sa.select(column, User)
                .join(User, User.id == org_type.member_model.user_id)
                .where(org_type.member_model.is_owner, column.in_([o.id for o in organisations]))
            ).all()
        ) if organisations else {}
        rows += [PendingOrganisation(org_type, o, owners.get(o.id)) for o in organisations]
    rows.sort(key=lambda row: row.organisation.created_at)
    return rows


def get_organisation(type_key, organisation_id):
    org_type = ORGANISATION_TYPES.get(type_key)
    return db.session.get(org_type.model, organisation_id) if org_type else None


def review_organisation(organisation, approve, reason=""):
    """Approve, or reject with a reason the owner will read; the staff are told by mail."""
    if organisation.status != ApprovalStatus.PENDING:
        raise OrganisationError(_("This organisation was already reviewed."))
    reason = nfc((reason or "").strip())
    if not approve and not reason:
        raise OrganisationError(_("Say why it is rejected: the owner will read it."), "reason")
    organisation.status = ApprovalStatus.APPROVED if approve else ApprovalStatus.REJECTED
    organisation.rejection_reason = "" if approve else reason
    for member in members(organisation):  # the mails are outbox rows, committed with the review
        user = member.user
        if approve:
            mail_in_language(user.email, user.language, lambda: (
                _("%(name)s is approved", name=organisation.name),
                _("The OCOP council approved %(name)s on the marketplace. You can now publish.",
                  name=organisation.name),
            ))
        else:
            mail_in_language(user.email, user.language, lambda: (
                _("%(name)s was not approved", name=organisation.name),
                _("The OCOP council did not approve %(name)s. Their reason:\n\n%(reason)s\n\n"
                  "You can correct the registration and send it again from your account.",
                  name=organisation.name, reason=reason),
            ))
    db.session.commit()


def resubmit(organisation, correct):
    """Correct a rejected registration with `correct(organisation)` and send it back to the council."""
    if organisation.status != ApprovalStatus.REJECTED:
        raise OrganisationError(_("Only a rejected registration can be corrected and sent again."))
    correct(organisation)
    organisation.status = ApprovalStatus.PENDING
    organisation.rejection_reason = ""
    db.session.commit()


