"""Wholesale prices: quantity breaks a cooperative sets on a listing for approved distributor
companies (who may see and get them is the distributors' rule, handed to the pages and the
cart by the app factory). A line of N units costs the price of the highest break at or below
N, never more than the listed price."""
from dataclasses import dataclass

import sqlalchemy as sa
from flask_babel import gettext as _

from marketplace import unitofwork
from marketplace.catalog.models import Product, WholesalePrice
from marketplace.errors import Refusal
from marketplace.extensions import db
from marketplace.money import MAX_PRICE

MAX_TIERS = 5
MAX_MIN_QUANTITY = 100_000


class WholesaleError(Refusal):
    pass


@dataclass(frozen=True)
class Tier:
    min_quantity: int
    price_vnd: int


def tiers_of(product_ids):
    """{product id: [Tier, … by quantity]} of the products among `product_ids` with breaks (1 query)."""
    found = {}
    if not product_ids:
        return found
    for product_id, quantity, price in db.session.execute(
        sa.select(WholesalePrice.product_id, WholesalePrice.min_quantity, WholesalePrice.price_vnd)
        .where(WholesalePrice.product_id.in_(list(product_ids)))
        .order_by(WholesalePrice.product_id, WholesalePrice.min_quantity)
    ):
        found.setdefault(product_id, []).append(Tier(quantity, price))
    return found


def unit_price(listed_price, tiers, quantity):
    """The price of one unit in a line of `quantity`: the highest break reached, else the
    listed price; never above the listed price (a listing made cheaper than a break wins)."""
    price = listed_price
    for tier in tiers or ():
        if quantity >= tier.min_quantity:
            price = tier.price_vnd
    return min(price, listed_price)


def checked_tiers(listed_price, rows, max_units=MAX_MIN_QUANTITY):
    """The Tiers of `rows` ((min quantity, price) pairs; pairs of two Nones are left out),
    ordered by quantity, else WholesaleError: each from 2 units up to `max_units` (what one
    order may take), at a whole price below the listed price, cheaper as the quantity grows,
    at most MAX_TIERS."""
    tiers = []
    for quantity, price in rows:
        if quantity is None and price is None:
            continue
        if isinstance(quantity, bool) or not isinstance(quantity, int) or not 2 <= quantity <= MAX_MIN_QUANTITY:
            raise WholesaleError(_("A quantity break starts at a whole number of units from 2 to %(max)s.",
                                   max=MAX_MIN_QUANTITY), "tiers")
        if quantity > max_units:
            raise WholesaleError(_("A quantity break cannot start above %(max)s units: one order may take at most "
                                   "that many (your shipping settings).", max=max_units), "tiers")
        if isinstance(price, bool) or not isinstance(price, int) or not 0 < price <= MAX_PRICE:
            raise WholesaleError(_("Enter each wholesale price in whole đồng above 0, e.g. 75.000."), "tiers")
        if price >= listed_price:
            raise WholesaleError(_("A wholesale price must be below the listed price."), "tiers")
        tiers.append(Tier(quantity, price))
    if len(tiers) > MAX_TIERS:
        raise WholesaleError(_("At most %(max)s quantity breaks.", max=MAX_TIERS), "tiers")
    tiers.sort(key=lambda t: t.min_quantity)
    for lower, higher in zip(tiers, tiers[1:]):
        if lower.min_quantity == higher.min_quantity:
            raise WholesaleError(_("Each quantity break needs its own quantity."), "tiers")
        if higher.price_vnd >= lower.price_vnd:
            raise WholesaleError(_("A larger quantity must have a lower price."), "tiers")
    return tiers


def set_tiers(product, rows):
    """Replace the product's quantity breaks with `rows` (see `checked_tiers`)."""
    tiers = checked_tiers(product.price_vnd, rows, product.cooperative.max_units_per_order)
    # The product's row lock puts two editors in a line (the unique breaks would clash otherwise).
    db.session.execute(sa.select(Product.id).where(Product.id == product.id).with_for_update())
    db.session.execute(sa.delete(WholesalePrice).where(WholesalePrice.product_id == product.id))
    db.session.add_all(WholesalePrice(product_id=product.id, min_quantity=t.min_quantity, price_vnd=t.price_vnd)
                       for t in tiers)
    unitofwork.commit()
    return tiers
