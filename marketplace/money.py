"""Money in Vietnamese đồng: whole integers everywhere, formatted and parsed here only."""
from decimal import ROUND_HALF_UP, Decimal

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
    if not (digits.isascii() and digits.isdigit()) or len(digits) > 15:  # not "²" or "٣"
        return None
    return int(digits)


# The highest price a product may have (one listing, one line of a stock file).
MAX_PRICE = 1_000_000_000


def to_stripe_amount(amount):
    """VND is a zero-decimal currency for Stripe: the amount sent is the number of đồng."""
    if isinstance(amount, bool) or not isinstance(amount, int) or amount < 0:
        raise ValueError("amount must be a non-negative whole number of đồng")
    return amount


# Stripe's limits for one payment. The minimum is US$0.50 converted at the day's rate (about
# 13.000 ₫ in 2025): 20.000 ₫ leaves room for the rate to move. The maximum is eight digits
# of the smallest unit, which for the zero-decimal đồng is 99.999.999 ₫.
STRIPE_MINIMUM_VND = 20_000
STRIPE_MAXIMUM_VND = 99_999_999


def share_of(amount, rate):
    """`rate` (a Decimal such as Decimal("0.05"), or its text) of `amount` đồng, rounded to the
    nearest đồng (halves up). Exact: no floats touch money."""
    value = Decimal(amount) * Decimal(str(rate))
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def split_largest_remainder(total, weights):
    """Split `total` đồng in proportion to `weights` (non-negative integers) so that the parts
    are whole đồng and add up to `total` exactly: each part gets its floor, then the leftover
    đồng go one each to the largest remainders (ties: the earlier weight)."""
    weights = list(weights)
    if total < 0 or any(w < 0 for w in weights):
        raise ValueError("total and weights must not be negative")
    whole = sum(weights)
    if whole == 0:
        if total:
            raise ValueError("cannot split an amount over zero weights")
        return [0] * len(weights)
    parts = [total * w // whole for w in weights]
    by_remainder = sorted(range(len(weights)), key=lambda i: (-(total * weights[i] % whole), i))
    for i in by_remainder[: total - sum(parts)]:
        parts[i] += 1
    return parts


def prorate(amount, part, whole):
    """`amount` × `part` / `whole`, rounded to the nearest đồng (halves up), in exact integers:
    e.g. the commission on the refunded part of a sale."""
    if whole <= 0 or amount < 0 or part < 0:
        raise ValueError("prorate needs a positive whole and non-negative amounts")
    return (2 * amount * part + whole) // (2 * whole)
