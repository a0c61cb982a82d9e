"""Money in Vietnamese đồng: whole integers everywhere, formatted and parsed here only."""
from babel.numbers import format_currency

CURRENCY = "VND"


def format_vnd(amount, locale="vi"):
    """`85.000 ₫` in Vietnamese, `₫85,000` in English (Babel's CLDR formats, no decimals)."""
    locale = "vi_VN" if str(locale).startswith("vi") else "en_US"
    return format_currency(int(amount), CURRENCY, locale=locale, format_type="standard")


def parse_vnd(text):
    """Parse what a person types as a price ("85.000", "85,000 ₫", "85000") into whole đồng.

    Returns None for anything that is not a non-negative whole amount.
    """
    if text is None:
        return None
    digits = str(text).strip().replace("₫", "").replace("đ", "").replace("VND", "").strip()
    digits = digits.replace(".", "").replace(",", "").replace(" ", "").replace("\u00a0", "")
    if not digits.isdigit() or len(digits) > 15:
        return None
    return int(digits)


def to_stripe_amount(amount):
    """VND is a zero-decimal currency for Stripe: the amount sent is the number of đồng."""
    if isinstance(amount, bool) or not isinstance(amount, int) or amount < 0:
        raise ValueError("amount must be a non-negative whole number of đồng")
    return amount
