"""Registering a cooperative (any OCOP entity): a consumer tells us about it and becomes its
owner; the council reviews it (`producers.organisations`)."""
from dataclasses import dataclass

from flask_babel import gettext as _

from marketplace.extensions import db
from marketplace.producers.constants import LEGACY_DISTRICTS
from marketplace.producers.models import ApprovalStatus, Cooperative, EntityKind
from marketplace.producers.organisations import OrganisationError, add_member, require_unattached, resubmit
from marketplace.producers import tax
from marketplace.producers.profile import apply_address_and_contact
from marketplace.slugs import unique_slug
from marketplace.text import nfc


@dataclass
class CooperativeDetails:
    """What someone registering a cooperative tells us; checked by `_apply_details`."""

    name: str
    kind: EntityKind
    province_code: int
    ward_code: int
    legacy_district: str | None = None
    street: str = ""
    phone: str = ""
    email: str = ""
    tax_code: str = ""  # optional here: asked again before the first payout
    personal_id: str = ""


def _apply_details(cooperative, details):
    name = nfc(details.name.strip())
    if not name:
        raise OrganisationError(_("Enter the name."), "name")
    if details.legacy_district and details.legacy_district not in LEGACY_DISTRICTS:
        raise OrganisationError(_("Choose a district from the list, or none."), "legacy_district")
    apply_address_and_contact(
        cooperative, details.province_code, details.ward_code, details.street, details.phone, details.email
    )
    cooperative.name = name
    cooperative.kind = EntityKind(details.kind)
    cooperative.legacy_district = details.legacy_district or None
    tax.apply_tax_profile(cooperative, details.tax_code, details.personal_id, required=False)


def register_cooperative(user, details):
    """A new cooperative, pending the council's approval, owned by `user`."""
    require_unattached(user)
    cooperative = Cooperative(status=ApprovalStatus.PENDING)
    _apply_details(cooperative, details)
    cooperative.slug = unique_slug(Cooperative, cooperative.name)
    db.session.add(cooperative)
    db.session.flush()
    add_member(user, cooperative, is_owner=True)
    db.session.commit()
    return cooperative


def resubmit_cooperative(cooperative, details):
    """Correct a rejected cooperative and send it back to the council."""
    resubmit(cooperative, lambda c: _apply_details(c, details))
