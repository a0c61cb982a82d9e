"""What the value chain's vocabularies are called on pages (translated), and how quantities,
distances and countries are written."""
from functools import lru_cache

from babel import Locale
from babel.numbers import format_decimal
from flask_babel import gettext as _, lazy_gettext as _l

from marketplace.i18n import current_language
from marketplace.text import fold
from marketplace.valuechain import kinds
from marketplace.valuechain.models import (
    Certification,
    DeliveryStatus,
    DeliveryTerm,
    Frequency,
    OfferStatus,
    PartnershipStatus,
    PurchaseOrderStatus,
    RequestStatus,
    Unit,
)

CERTIFICATION_LABELS = {
    Certification.OCOP: _l("OCOP (3★ or more, valid)"),
    Certification.VIETGAP: "VietGAP",
    Certification.GLOBALGAP: "GlobalG.A.P.",
    Certification.HACCP: "HACCP",
    Certification.ISO_22000: "ISO 22000",
    Certification.ORGANIC: _l("Organic"),
    Certification.FDA: _l("FDA registration"),
}

UNIT_LABELS = {
    Unit.KG: "kg",
    Unit.TONNE: _l("tonnes (t)"),
    Unit.LITRE: _l("litres (l)"),
    Unit.BOX: _l("boxes"),
    Unit.BOTTLE: _l("bottles"),
    Unit.BAG: _l("bags"),
    Unit.PIECE: _l("pieces"),
}

# Short forms written after a number: "2 t", "500 boxes".
UNIT_SYMBOLS = {
    Unit.KG: "kg",
    Unit.TONNE: "t",
    Unit.LITRE: "l",
    Unit.BOX: _l("boxes"),
    Unit.BOTTLE: _l("bottles"),
    Unit.BAG: _l("bags"),
    Unit.PIECE: _l("pieces"),
}

FREQUENCY_LABELS = {
    Frequency.ONE_OFF: _l("One-off"),
    Frequency.MONTHLY: _l("Monthly"),
    Frequency.QUARTERLY: _l("Quarterly"),
    Frequency.SEASONAL: _l("Seasonal"),
}

PER_PERIOD = {
    Frequency.ONE_OFF: _l("in total"),
    Frequency.MONTHLY: _l("per month"),
    Frequency.QUARTERLY: _l("per quarter"),
    Frequency.SEASONAL: _l("per season"),
}

DELIVERY_TERM_LABELS = {
    DeliveryTerm.WAREHOUSE: _l("Delivered to our warehouse (domestic)"),
    **{term: f"{term.value} (Incoterms 2020)" for term in DeliveryTerm if term != DeliveryTerm.WAREHOUSE},
}

STATUS_LABELS = {
    RequestStatus.DRAFT: _l("Draft"),
    RequestStatus.OPEN: _l("Open"),
    RequestStatus.CLOSED: _l("Closed"),
    RequestStatus.AWARDED: _l("Awarded"),
    OfferStatus.SUBMITTED: _l("Submitted"),
    OfferStatus.SHORTLISTED: _l("Shortlisted"),
    OfferStatus.ACCEPTED: _l("Accepted"),
    OfferStatus.DECLINED: _l("Declined"),
    OfferStatus.WITHDRAWN: _l("Withdrawn"),
    PartnershipStatus.PROPOSED: _l("Proposed"),
    PartnershipStatus.ACTIVE: _l("Active"),
    PartnershipStatus.DECLINED: _l("Declined"),
    PartnershipStatus.ENDED: _l("Ended"),
    PurchaseOrderStatus.OPEN: _l("Open"),
    PurchaseOrderStatus.COMPLETED: _l("Completed"),
    DeliveryStatus.SCHEDULED: _l("Scheduled"),
    DeliveryStatus.SHIPPED: _l("Shipped"),
    DeliveryStatus.RECEIVED: _l("Received"),
}

# The criteria of a match's score (matching.WEIGHTS), as the explanation names them.
CRITERION_LABELS = {
    "kind": _l("Product kind"),
    "capacity": _l("Capacity"),
    "price": _l("Price"),
    "distance": _l("Distance"),
    "certifications": _l("Certifications asked for"),
    "track_record": _l("Track record"),
}


def criterion_label(name):
    return CRITERION_LABELS.get(name, name)


def certification_label(value):
    return CERTIFICATION_LABELS.get(value, str(value))


def unit_label(value):
    return UNIT_LABELS.get(value, str(value))


def frequency_label(value):
    return FREQUENCY_LABELS.get(value, str(value))


def per_period(value):
    return PER_PERIOD.get(value, "")


def delivery_term_label(value):
    return DELIVERY_TERM_LABELS.get(value, str(value))


def status_label(value):
    """Label of a request, offer or partnership status (shared values share a label)."""
    return STATUS_LABELS.get(value, str(value))


def number(value):
    """1.500 in Vietnamese, 1,500 in English; at most one decimal (2,5 t)."""
    locale = "vi_VN" if current_language() == "vi" else "en_US"
    return format_decimal(round(value, 1), format="#,##0.#", locale=locale)


def quantity(value, unit):
    """"2 t", "500 kg", "1.200 boxes"; kilograms from 1000 up are written in tonnes."""
    unit = Unit(unit)
    if unit == Unit.KG and value >= 1000:
        value, unit = value / 1000, Unit.TONNE
    return f"{number(value)} {UNIT_SYMBOLS[unit]}"


def distance(km):
    return _("%(km)s km", km=number(round(km)))


def country_names():
    """ISO 3166 alpha-2 code -> country name in the current language, by name."""
    return _country_names(current_language())


@lru_cache(maxsize=4)
def _country_names(language):
    territories = Locale.parse("vi" if language == "vi" else "en").territories
    names = {code: name for code, name in territories.items() if len(code) == 2 and code.isalpha()
             and code not in NOT_COUNTRIES}
    return dict(sorted(names.items(), key=lambda item: fold(item[1])))


# Two-letter territory codes that are not countries one exports to.
NOT_COUNTRIES = {"ZZ", "XA", "XB", "XK", "EU", "EZ", "UN", "QO", "AQ", "BV", "HM", "TF", "UM", "IO", "CP", "DG", "EA", "IC", "AC", "TA"}


def country_name(code):
    return country_names().get(code, code)


def init_app(app):
    app.jinja_env.globals.update(
        certification_label=certification_label,
        unit_label=unit_label,
        frequency_label=frequency_label,
        per_period=per_period,
        delivery_term_label=delivery_term_label,
        chain_status_label=status_label,
        format_quantity=quantity,
        country_name=country_name,
        kind_label=kinds.kind_label,
    )
