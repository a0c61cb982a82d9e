"""Checks of what people type into the value chain's forms, shared by requests, offers,
partnerships and company profiles: each returns the clean value or raises ValueChainError
naming the field."""
import sqlalchemy as sa
from flask_babel import gettext as _

from marketplace import clock
from marketplace.catalog.models import Product, ProductStatus
from marketplace.catalog.ocop_categories import CATEGORIES_148_2023
from marketplace.extensions import db
from marketplace.text import nfc
from marketplace.valuechain.models import ValueChainError

MAX_QUANTITY = 10**12
MAX_PRICE = 10**12
MAX_LEAD_DAYS = 365
GROUP_CODES = tuple(code for code, parent, *_ in CATEGORIES_148_2023 if parent is None)


def today_or(today):
    """`today` when a caller (a test, the digest) gives one, else the date in Vietnam."""
    return today or clock.today()


def text(value, limit, field_name, required=None):
    """Stripped NFC text of at most `limit` characters; `required` is the message when empty."""
    value = nfc((value or "").strip())
    if required and not value:
        raise ValueChainError(required, field_name)
    if len(value) > limit:
        raise ValueChainError(_("Use at most %(num)s characters.", num=limit), field_name)
    return value


def whole(value, field_name, low=1, high=MAX_QUANTITY, message=None):
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ValueChainError(message or _("Enter a whole number of at least %(num)s.", num=low), field_name)
    return value


def one_of(enum_class, value, field_name):
    try:
        return enum_class(value)
    except ValueError:
        raise ValueChainError(_("Choose one of the options."), field_name) from None


def published_products_of(cooperative, product_ids, none_chosen, not_theirs):
    """The chosen products, each one published by `cooperative`; else an error on product_ids."""
    ids = {i for i in product_ids if isinstance(i, int)}
    if not ids or len(ids) != len(product_ids):
        raise ValueChainError(none_chosen, "product_ids")
    products = db.session.scalars(sa.select(Product).where(Product.id.in_(ids))).all()
    if len(products) != len(ids) or any(
        p.cooperative_id != cooperative.id or p.status != ProductStatus.PUBLISHED for p in products
    ):
        raise ValueChainError(not_theirs, "product_ids")
    return products
