"""A cooperative's tax profile: what the marketplace needs to withhold and declare its tax
(Decree 117/2025/NĐ-CP) and to pay it out. The entity kind is the one the council approved
(registration); the cooperative fills in its tax code (MST) and, when it is a household
business or an individual, its citizen ID (CCCD)."""
from flask_babel import gettext as _

from marketplace import taxids, unitofwork
from marketplace.producers.models import EntityKind
from marketplace.producers.organisations import OrganisationError


def update_tax_profile(cooperative, tax_code, personal_id):
    """Check and save the tax profile, or refuse naming the field that is wrong."""
    tax_code, personal_id = (tax_code or "").strip(), (personal_id or "").strip()
    if tax_code:
        try:
            tax_code = taxids.normalise_mst(tax_code)
        except ValueError:
            raise OrganisationError(_("Enter a valid tax code (MST): 10 digits, or 10 digits, a dash and 3 "
                                      "digits; check it for typos."), "tax_code") from None
    elif cooperative.kind != EntityKind.INDIVIDUAL:
        raise OrganisationError(_("Enter your tax code (MST)."), "tax_code")
    if cooperative.tax_withheld:
        try:
            personal_id = taxids.normalise_personal_id(personal_id)
        except ValueError:
            raise OrganisationError(_("Enter the citizen ID (CCCD) of the owner: 12 digits."), "personal_id") from None
    else:
        personal_id = ""  # an organisation's tax code is enough: keep no personal number
    cooperative.tax_code, cooperative.personal_id = tax_code, personal_id
    unitofwork.commit()
