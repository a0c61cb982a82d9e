"""A cooperative's tax profile: what the marketplace needs to withhold and declare its tax
(Decree 117/2025/NĐ-CP) and to pay it out. The entity kind is the one the council approved
(registration); the cooperative gives its tax code (MST) and, when it is a household
business or an individual, the owner's citizen ID (CCCD) — at registration if it has them
at hand, in its portal before its first payout otherwise."""
from flask_babel import gettext as _

from marketplace import taxids, unitofwork
from marketplace.producers.models import EntityKind
from marketplace.producers.organisations import OrganisationError


def apply_tax_profile(cooperative, tax_code, personal_id, required=True):
    """Check and set the tax profile (not committed), or refuse naming the field that is wrong.
    `required=False` (registration) lets both be left blank for later."""
    tax_code, personal_id = (tax_code or "").strip(), (personal_id or "").strip()
    if tax_code:
        try:
            tax_code = taxids.normalise_mst(tax_code)
        except ValueError:
            raise OrganisationError(_("Enter a valid tax code (MST): 10 digits, or 10 digits, a dash and 3 "
                                      "digits; check it for typos."), "tax_code") from None
    elif required and cooperative.kind != EntityKind.INDIVIDUAL:
        raise OrganisationError(_("Enter your tax code (MST)."), "tax_code")
    if not cooperative.tax_withheld:
        personal_id = ""  # an organisation's tax code is enough: keep no personal number
    elif personal_id or required:
        try:
            personal_id = taxids.normalise_personal_id(personal_id)
        except ValueError:
            raise OrganisationError(_("Enter the citizen ID (CCCD) of the owner: 12 digits."), "personal_id") from None
    cooperative.tax_code, cooperative.personal_id = tax_code, personal_id


def update_tax_profile(cooperative, tax_code, personal_id):
    """The portal's tax profile form: both required as the kind needs them."""
    apply_tax_profile(cooperative, tax_code, personal_id)
    unitofwork.commit()
