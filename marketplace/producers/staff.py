"""The staff of an organisation (cooperative or distributor company): the owner invites and
removes them, invitations are signed links; and who to tell about a cooperative's business."""
import enum
from collections import defaultdict
from dataclasses import dataclass

import sqlalchemy as sa
from flask_babel import gettext as _

from marketplace.accounts.models import Role, User
from marketplace.accounts.services import (
    absolute_link,
    account_deleting,
    find_user,
    mail_in_language,
    make_token,
    normalise_email,
    read_token,
)
from marketplace.extensions import db
from marketplace.producers.models import CooperativeMember
from marketplace.producers.organisations import (
    OrganisationError,
    add_member,
    get_organisation,
    membership,
    organisation_of,
    organisation_type,
    require_unattached,
)


class InviteOutcome(enum.StrEnum):
    LINKED = "linked"  # the email had an account: it is staff now
    INVITED = "invited"  # an invitation link was mailed


def invite_staff(organisation, email, inviter):
    """Add the account using `email` to the staff, or mail an invitation when there is none."""
    email = normalise_email(email)
    user = find_user(email)
    name = organisation.name
    if user is None:
        org_type = organisation_type(organisation)
        token = make_token("invitation", {"t": org_type.key, "o": organisation.id, "e": email})
        link = absolute_link("organisations.accept_invitation", token=token)
        mail_in_language(email, inviter.language, lambda: (
            _("Join %(name)s on the OCOP Bến Tre marketplace", name=name),
            _("%(inviter)s invites you to work for %(name)s on the OCOP Bến Tre marketplace. "
              "Open this link to create your account and join (it works for 7 days):\n\n%(link)s",
              inviter=inviter.name, name=name, link=link),
        ))
        return InviteOutcome.INVITED
    if organisation_of(user) is organisation:
        raise OrganisationError(_("%(email)s is already on your team.", email=email), "email")
    require_unattached(user, _(
        "This account cannot join: it already belongs to an organisation or has a council or admin role."
    ))
    add_member(user, organisation)
    mail_in_language(user.email, user.language, lambda: (  # an outbox row, committed with the change
        _("You joined %(name)s", name=name),
        _("%(inviter)s added you to the staff of %(name)s on the OCOP Bến Tre marketplace. "
          "Sign in to start: %(link)s", inviter=inviter.name, name=name, link=absolute_link("accounts.sign_in")),
    ))
    db.session.commit()
    return InviteOutcome.LINKED


@dataclass
class Invitation:
    organisation: object
    email: str


def read_invitation(token):
    """What an invitation link offers, or None when it is invalid or expired."""
    data = read_token("invitation", token)
    organisation = get_organisation(data["t"], data["o"]) if data else None
    return Invitation(organisation, data["e"]) if organisation else None


def accept_invitation(user, token):
    invitation = read_invitation(token)
    if invitation is None:
        raise OrganisationError(_("This invitation has expired or is not valid. Ask for a new one."))
    if normalise_email(user.email) != invitation.email:
        raise OrganisationError(
            _("This invitation was sent to another email address. Sign in with that address to accept it.")
        )
    if organisation_of(user) is invitation.organisation:
        return invitation.organisation
    require_unattached(user, _(
        "Your account already belongs to an organisation or has a council or admin role, so it cannot join another."
    ))
    add_member(user, invitation.organisation)
    db.session.commit()
    return invitation.organisation


def staff_member(organisation, user_id):
    """The staff row of `user_id` in this organisation, or None (also for other organisations' staff)."""
    org_type = organisation_type(organisation)
    model = org_type.member_model
    return db.session.scalar(sa.select(model).where(org_type.members_of(organisation), model.user_id == user_id))


def remove_staff(member):
    """Take a staff member off the team; the account stays, as a consumer."""
    if member.is_owner:
        raise OrganisationError(_("The owner cannot be removed."))
    user = member.user
    organisation = organisation_of(user)
    db.session.delete(member)
    user.role = Role.CONSUMER
    mail_in_language(user.email, user.language, lambda: (
        _("You left %(name)s", name=organisation.name),
        _("You are no longer on the staff of %(name)s on the OCOP Bến Tre marketplace. "
          "Your account stays open.", name=organisation.name),
    ))
    db.session.commit()


@account_deleting.connect
def leave_organisation(user):
    """A deleted account leaves its organisation; an owner hands it to the longest-serving
    staff member. The caller (accounts' delete_account) commits."""
    member = membership(user)
    if member is None:
        return
    if member.is_owner:
        org_type = organisation_type(organisation_of(user))
        column = getattr(org_type.member_model, org_type.member_column)
        successor = db.session.scalar(
            sa.select(org_type.member_model)
            .where(column == getattr(member, org_type.member_column), org_type.member_model.id != member.id)
            .order_by(org_type.member_model.created_at, org_type.member_model.id)
            .limit(1)
        )
        if successor is not None:
            successor.is_owner = True
    db.session.delete(member)
    user.role = Role.CONSUMER


def staff_of(cooperative_ids):
    """{cooperative id: its active staff users, by id} in one query (for mails and notices)."""
    rows = db.session.execute(
        sa.select(CooperativeMember.cooperative_id, User)
        .join(User, User.id == CooperativeMember.user_id)
        .where(CooperativeMember.cooperative_id.in_(set(cooperative_ids)), User.deleted_at.is_(None))
        .order_by(User.id)
    )
    staff = defaultdict(list)
    for cooperative_id, user in rows:
        staff[cooperative_id].append(user)
    return staff
