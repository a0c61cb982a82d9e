"""OCOP rating rules, as plain functions the rest of the code and the tests call."""
from flask_babel import lazy_gettext as _l

from marketplace.catalog.models import CERTIFICATE_VALID_MONTHS, CERTIFIED_MIN_STARS
from marketplace.clock import add_months
from marketplace.errors import Refusal

# Score band of each star rating (domain.md): a score outside its band is bad input.
STAR_BANDS = {5: (90, 100), 4: (70, 89), 3: (50, 69), 2: (30, 49), 1: (0, 29)}


class CertificateError(Refusal):
    """A certificate whose data breaks an OCOP rule; `field` names the offending input."""


def stars_for_score(score):
    for stars, (low, high) in STAR_BANDS.items():
        if low <= score <= high:
            return stars
    return None


def check_stars_and_score(stars, score):
    if stars not in STAR_BANDS:
        raise CertificateError(_l("Stars must be between 1 and 5."), "stars")
    if not isinstance(score, int) or not 0 <= score <= 100:
        raise CertificateError(_l("The score must be a whole number from 0 to 100."), "score")
    low, high = STAR_BANDS[stars]
    if not low <= score <= high:
        raise CertificateError(
            _l("A %(stars)s★ rating needs a score from %(low)s to %(high)s.", stars=stars, low=low, high=high), "score"
        )


def default_expiry(issued_on):
    """A certificate is valid 36 months from its issue date."""
    return add_months(issued_on, CERTIFICATE_VALID_MONTHS)


def check_dates(issued_on, expires_on):
    if expires_on < issued_on:
        raise CertificateError(_l("The expiry date cannot precede the issue date."), "expires_on")


# The OCOP criteria sets a certificate can have been assessed against, newest first.
CRITERIA_VERSIONS = ("148/QĐ-TTg (2023)", "1048/QĐ-TTg (2019)")


def check_certificate_number(stars, certificate_number):
    """3★ and above are certified and carry a certificate number; 1–2★ have none."""
    if stars >= CERTIFIED_MIN_STARS and not (certificate_number or "").strip():
        raise CertificateError(_l("A certificate of 3★ or more has a certificate number: enter it."), "certificate_number")
