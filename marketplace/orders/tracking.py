"""Tracking numbers as each carrier prints them. The formats are permissive (carriers change
their labels, and some print a partner prefix), but a number that cannot be theirs is
refused with the carrier's name and an example, before the buyer is told to track it."""
import re

from flask_babel import gettext as _

from marketplace.orders.errors import OrderError
from marketplace.orders.models import CARRIER_LABELS, Carrier

# carrier: (pattern of the whole number, once spaces are removed and letters upper-cased; an example)
FORMATS = {
    # Numeric waybills of 9-15 digits, sometimes after a short letter prefix (VTP…).
    Carrier.VIETTEL_POST: (re.compile(r"[A-Z]{0,4}\d{9,15}"), "1234567890123"),
    # The UPU S10 label: two letters, nine digits, VN (EB123456789VN); domestic parcels may
    # carry a 10-15 digit number.
    Carrier.VNPOST: (re.compile(r"[A-Z]{2}\d{9}VN|\d{10,15}"), "EB123456789VN"),
    # Order codes of 6-12 letters and digits with at least one digit (GYKHFAN7).
    Carrier.GHN: (re.compile(r"(?=[A-Z]*\d)[A-Z0-9]{6,12}"), "GYKHFAN7"),
    # S and the shop's number, then dotted routing parts (S22894753.MB2.A1.123456789), or
    # the bare 9-12 digit label id.
    Carrier.GHTK: (re.compile(r"S\d{5,12}(\.[A-Z0-9]{1,12}){0,6}|\d{9,12}"), "S22894753.MB2.A1.123456789"),
    # Digits on Vietnamese labels (usually 12), JT/JX/JN before them in other countries.
    Carrier.JT_EXPRESS: (re.compile(r"(JT|JX|JN)?\d{10,15}"), "123456789012"),
}
# The cooperative's own delivery: any reference it keeps, or none.
OWN_REFERENCE = re.compile(r"[A-Za-z0-9][A-Za-z0-9.\-]{3,63}")


def checked_tracking_number(carrier, text):
    """The tracking number as stored (spaces removed, letters upper-cased), or OrderError
    naming the carrier when it is missing or cannot be the carrier's."""
    number = re.sub(r"\s+", "", text or "")
    if carrier == Carrier.OWN:
        if number and not OWN_REFERENCE.fullmatch(number):
            raise OrderError(_("Enter your delivery reference with letters, digits, dots or dashes only."))
        return number
    if not number:
        raise OrderError(_("Enter the tracking number of %(carrier)s.", carrier=CARRIER_LABELS[carrier]))
    number = number.upper()
    pattern, example = FORMATS[carrier]
    if not pattern.fullmatch(number):
        raise OrderError(_("This is not a %(carrier)s tracking number: theirs look like %(example)s. Copy it from the label.",
                           carrier=CARRIER_LABELS[carrier], example=example))
    return number
