"""Limits that keep one buyer from hoarding stock for free: how many units of one product an
order may take (each cooperative's setting), and the keys that rate-limit placing orders
per visitor address and per delivery phone (RATELIMIT_ORDERS)."""
from flask import current_app
from flask_babel import gettext as _

from marketplace.i18n import current_language
from marketplace.orders import carts  # carts calls these checks: names looked up at call time
from marketplace.orders.errors import CartError, OrderError

DEFAULT_MAX_UNITS = 20  # the column's default too (producers.models.Cooperative)


def units_problem(product, quantity):
    """The sentence refusing `quantity` units of `product` in one order (above its
    cooperative's cap), or None. The product's cooperative must be loaded."""
    cap = product.cooperative.max_units_per_order
    if quantity <= cap:
        return None
    return _("You can buy at most %(max)s of %(name)s in one order.", max=cap, name=product.name(current_language()))


def check_units(product, quantity):
    """CartError when `quantity` is above the cap (adding to the cart, changing a quantity)."""
    problem = units_problem(product, quantity)
    if problem:
        raise CartError(problem)


def capped_lines(requested, products):
    """One sentence per requested line ({product id: LineRequest}) above its cap; `products`
    are the buyable ones by id (lines of other products are refused elsewhere)."""
    return [problem for product_id, line in requested.items() if product_id in products
            for problem in [units_problem(products[product_id], line.quantity)] if problem]


def set_max_units(cooperative, units):
    """The cooperative's cap (saved with its shipping settings, which commit); None keeps it."""
    if units is None:
        return
    if not isinstance(units, int) or not 1 <= units <= carts.MAX_QUANTITY:
        raise OrderError(_("Enter a number of units from 1 to %(max)s.", max=carts.MAX_QUANTITY))
    cooperative.max_units_per_order = units


def orders_limit():
    return current_app.config["RATELIMIT_ORDERS"]


def phone_key(details):
    """The rate-limit key of the delivery phone in the checkout details (as the order will
    store it, so "+84 912…" and "0912…" count together)."""
    phone = str((details or {}).get("phone") or "")
    try:
        phone = carts.normalise_mobile(phone)
    except ValueError:
        phone = phone[:40]  # refused when placing anyway; still counted
    return "order-phone:" + phone
