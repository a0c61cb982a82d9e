"""Vietnamese tax identifiers, checked in one place: the tax code (MST) of a business, a
buyer's company or a seller, and the 12-digit citizen ID (CCCD) of a household or individual
seller. ValueError for anything that is not one."""
import re

from stdnum.exceptions import ValidationError
from stdnum.vn import mst


def normalise_mst(text):
    """A tax code (MST) with a valid check digit, as written: 10 digits, or 10-3 for a branch.
    python-stdnum knows the check digit (typos are caught, not only lengths)."""
    try:
        return mst.format(mst.validate(text or ""))
    except ValidationError:
        raise ValueError(text) from None


def normalise_personal_id(text):
    """A citizen ID (CCCD / định danh cá nhân): exactly 12 digits, spaces ignored."""
    number = re.sub(r"[\s.]", "", text or "")
    if re.fullmatch(r"\d{12}", number):
        return number
    raise ValueError(text)
