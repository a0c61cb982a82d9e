"""A cooperative's address and contact, checked once for its registration and its portal
profile, and the public profile it edits in the portal."""
from dataclasses import dataclass

from flask_babel import gettext as _

from marketplace import clock, places
from marketplace.accounts.services import normalise_email, normalise_phone
from marketplace.extensions import db
from marketplace.producers.organisations import OrganisationError
from marketplace.text import nfc


def apply_address_and_contact(cooperative, province_code, ward_code, street="", phone="", email=""):
    """Set the address (today's province and commune/ward) and the contact, or refuse naming
    the field that is wrong."""
    province = places.province(province_code)
    if province is None:
        raise OrganisationError(_("Choose a province."), "province_code")
    ward = places.ward(province_code, ward_code)
    if ward is None:
        raise OrganisationError(_("Choose a commune or ward of this province."), "ward_code")
    normalised_phone = ""
    if (phone or "").strip():
        try:
            normalised_phone = normalise_phone(phone)
        except ValueError:
            raise OrganisationError(_("Enter a Vietnamese phone number, e.g. 0912 345 678."), "phone") from None
    cooperative.province_code, cooperative.province_name = province.code, province.name
    cooperative.ward_code, cooperative.ward_name = ward.code, ward.name
    cooperative.street = nfc((street or "").strip())
    cooperative.phone = normalised_phone
    cooperative.email = normalise_email(email or "")


@dataclass
class ProfileDetails:
    story_vi: str
    story_en: str
    province_code: int | None
    ward_code: int | None
    street: str = ""
    phone: str = ""
    email: str = ""
    founded_year: int | None = None
    members: int | None = None


def update_profile(cooperative, details):
    """Save the public profile. The name and kind were approved by the council: not here."""
    if details.founded_year is not None and not 1900 <= details.founded_year <= clock.today().year:
        raise OrganisationError(_("Enter a year from 1900 to this year."), "founded_year")
    apply_address_and_contact(
        cooperative, details.province_code, details.ward_code, details.street, details.phone, details.email
    )
    cooperative.story_vi = nfc((details.story_vi or "").strip())
    cooperative.story_en = nfc((details.story_en or "").strip())
    cooperative.founded_year = details.founded_year
    cooperative.members = details.members
    db.session.commit()
