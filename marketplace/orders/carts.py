"""Carts and their prices: quantities, the shipping fee of each cooperative, the items of a cart
(guests' live in the session, see shopper.py; members' in the database), and a cart priced
and grouped by cooperative for the cart and checkout pages."""
import re
from dataclasses import dataclass, field, replace
from datetime import date

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.orm import contains_eager, joinedload, selectinload

from marketplace import unitofwork
from marketplace.accounts import services as accounts
from marketplace.bookings import services as bookings
from marketplace.catalog import wholesale
from marketplace.catalog.models import Product
from marketplace.catalog.services import buyable_products
from marketplace.extensions import db
from marketplace.i18n import current_language
from marketplace.orders import limits
from marketplace.orders.errors import CartError, NeedsDate, OrderError
from marketplace.orders.models import Cart, CartLine
from marketplace.producers.models import Cooperative

MAX_QUANTITY = 999  # of one product in one order


# ---------------------------------------------------------------------------------------
# Quantities, phones and tax codes


def parse_quantity(text):
    """A quantity typed by a person: a whole number from 1 to MAX_QUANTITY, else CartError."""
    match = re.fullmatch(r"([+-]?)0*(\d+)", str(text if text is not None else "").strip())
    if match is None:
        raise CartError(_("Enter the quantity as a whole number, e.g. 2."))
    sign, digits = match.groups()
    quantity = int(digits) if len(digits) <= 6 else 10**6  # beyond any limit: no need to parse it all
    if sign == "-":
        quantity = -quantity
    if quantity < 1:
        raise CartError(_("The quantity must be at least 1."))
    if quantity > MAX_QUANTITY:
        raise CartError(_("You can buy at most %(max)s of one product in one order.", max=MAX_QUANTITY))
    return quantity


def normalise_mobile(text):
    """A Vietnamese mobile number as 10 digits (0 then 3/5/7/8/9); "+84 912…" becomes "0912…".
    ValueError when it is not one."""
    number = accounts.normalise_phone(text)
    if len(number) != 10:
        raise ValueError(text)  # a landline: the courier calls a mobile
    return number


# ---------------------------------------------------------------------------------------
# Shipping


def shipping_fee(cooperative, goods_subtotal):
    """The cooperative's flat fee, waived from its free-shipping threshold on."""
    threshold = cooperative.free_shipping_from_vnd
    if threshold is not None and goods_subtotal >= threshold:
        return 0
    return cooperative.shipping_fee_vnd


def update_shipping_settings(cooperative, fee, free_from):
    """Set a cooperative's flat fee and free-shipping threshold (None: never free), in đồng."""
    if fee is None or fee < 0 or fee > 10_000_000:
        raise OrderError(_("Enter a shipping fee from 0 to 10.000.000 ₫."))
    if free_from is not None and (free_from < 0 or free_from > 10**12):
        raise OrderError(_("Enter a threshold of 0 ₫ or more, or leave it empty."))
    cooperative.shipping_fee_vnd = fee
    cooperative.free_shipping_from_vnd = free_from
    unitofwork.commit()


# ---------------------------------------------------------------------------------------
# Carts: items are (product, quantity, price when added); guests' live in the session
# (shopper.py), members' in the database. Both are priced here.


@dataclass(frozen=True)
class CartItem(bookings.BookedLine):
    product_id: int
    quantity: int  # of a booking: what is paid for (room-nights, guests)
    price_seen: int
    booking_date: date | None = None  # a booking (OCOP group 6) only
    nights: int | None = None  # a stay only


def buyable_by_id(product_ids):
    """The buyable products among `product_ids`, with their cooperative and photos, by id."""
    if not product_ids:
        return {}
    rows = db.session.scalars(
        buyable_products()
        .where(Product.id.in_(product_ids))
        .options(contains_eager(Product.cooperative), selectinload(Product.images), joinedload(Product.category))
    ).all()
    return {p.id: p for p in rows}


def product_names(product_ids):
    """Names of products that are no longer buyable (for messages), by id."""
    if not product_ids:
        return {}
    language = current_language()
    rows = db.session.execute(
        sa.select(Product.id, Product.name_vi, Product.name_en).where(Product.id.in_(product_ids))
    ).all()
    return {pid: (en or vi) if language.startswith("en") else vi for pid, vi, en in rows}


def buyable_product(product_id):
    found = buyable_by_id([product_id]).get(product_id)
    if found is None:
        raise CartError(_("This product is not for sale."))
    return found


def add_item(items, product_id, quantity):
    """(the cart item after adding `quantity` of a product to `items` ({product_id: CartItem}),
    the product). Refuses products not for sale and more than the stock."""
    product = buyable_product(product_id)
    if bookings.is_service(product):
        raise NeedsDate(_("Choose a date for %(name)s on its page.", name=product.name(current_language())))
    held = items[product_id].quantity if product_id in items else 0
    return _checked_item(product, held + quantity, held), product


def add_booking(product_id, day_text, places_text, nights_text=None):
    """(the cart item booking a service for a date, the product): it replaces any booking of
    the same service in the cart. Refuses dates in the past, beyond the horizon or full."""
    product = buyable_product(product_id)
    if not bookings.is_service(product):
        raise CartError(_("This product is not booked for a date."))
    terms = bookings.terms_of([product.id]).get(product.id)
    try:
        booking = bookings.requested_booking(terms, day_text, places_text, nights_text)
    except bookings.BookingRefused as refusal:
        raise CartError(refusal.message) from None
    if booking.units > MAX_QUANTITY:
        raise CartError(_("You can buy at most %(max)s of one product in one order.", max=MAX_QUANTITY))
    problem = bookings.booking_problem(product.name(current_language()), terms, booking)
    if problem:
        raise CartError(problem)
    return CartItem(product.id, booking.units, product.price_vnd, booking.day, booking.nights), product


def set_item_quantity(items, product_id, quantity):
    """The cart item with its quantity changed; the price seen is renewed (the shopper saw it)."""
    if product_id not in items:
        raise CartError(_("This product is not in your cart."))
    if items[product_id].booking_date is not None:
        raise CartError(_("To change a booking, book again on the product's page."))
    return _checked_item(buyable_product(product_id), quantity, 0)


def _checked_item(product, quantity, held):
    if quantity > MAX_QUANTITY:
        raise CartError(_("You can buy at most %(max)s of one product in one order.", max=MAX_QUANTITY))
    limits.check_units(product, quantity)
    if quantity > product.stock:
        name = product.name(current_language())
        if product.stock <= 0:
            raise CartError(_("%(name)s is out of stock.", name=name))
        if held:
            raise CartError(
                _("Only %(stock)s of %(name)s are in stock, and %(held)s are already in your cart.",
                  stock=product.stock, name=name, held=held)
            )
        raise CartError(_("Only %(stock)s of %(name)s are in stock.", stock=product.stock, name=name))
    return CartItem(product.id, quantity, product.price_vnd)


def user_cart_items(user):
    rows = db.session.execute(
        sa.select(CartLine.product_id, CartLine.quantity, CartLine.price_seen_vnd, CartLine.booking_date, CartLine.nights)
        .join(Cart)
        .where(Cart.user_id == user.id)
        .order_by(CartLine.id)
    ).all()
    return {row[0]: CartItem(*row) for row in rows}


def user_cart_units(user):
    return db.session.scalar(
        sa.select(sa.func.coalesce(sa.func.sum(CartLine.quantity), 0)).join(Cart).where(Cart.user_id == user.id)
    )


def _user_cart(user):
    cart = db.session.scalar(sa.select(Cart).where(Cart.user_id == user.id))
    if cart is None:
        cart = Cart(user_id=user.id)
        db.session.add(cart)
        db.session.flush()
    return cart


def save_user_cart_items(user, items):
    """Store these items in the member's cart (replacing those products' lines)."""
    cart = _user_cart(user)
    lines = {line.product_id: line for line in cart.lines}
    for item in items:
        line = lines.get(item.product_id)
        if line is None:
            cart.lines.append(CartLine(product_id=item.product_id, quantity=item.quantity, price_seen_vnd=item.price_seen,
                                       booking_date=item.booking_date, nights=item.nights))
        else:
            line.quantity, line.price_seen_vnd = item.quantity, item.price_seen
            line.booking_date, line.nights = item.booking_date, item.nights
    unitofwork.commit()


def remove_user_cart_items(user, product_ids):
    db.session.execute(
        sa.delete(CartLine).where(
            CartLine.cart_id.in_(sa.select(Cart.id).where(Cart.user_id == user.id)),
            CartLine.product_id.in_(list(product_ids)),
        )
    )
    unitofwork.commit()


def merge_guest_cart(user, guest_items):
    """Add a guest's cart to the member's at sign-in: quantities add up, to at most the stock
    (a line out of stock keeps its quantity, so the cart can say so); unknown products drop."""
    if not guest_items:
        return
    held = user_cart_items(user)
    stock = dict(
        db.session.execute(sa.select(Product.id, Product.stock).where(Product.id.in_(list(guest_items)))).all()
    )
    merged = []
    for product_id, item in guest_items.items():
        if product_id not in stock:
            continue
        mine = held.get(product_id)
        if mine is None or item.booking_date is not None:  # the guest's booking is the latest choice
            merged.append(item)
            continue
        total = min(mine.quantity + item.quantity, max(stock[product_id], mine.quantity, item.quantity), MAX_QUANTITY)
        merged.append(replace(mine, quantity=total))
    save_user_cart_items(user, merged)


@dataclass
class CartEntry:
    product: Product
    quantity: int
    price_seen: int
    booking: bookings.Booking | None = None
    booking_issue: str | None = None  # why the booking cannot be made (a date, a full day)
    wholesale_price: int | None = None  # the break this quantity reaches, for a wholesale buyer

    @property
    def price(self):
        return self.wholesale_price if self.wholesale_price is not None else self.product.price_vnd

    @property
    def is_wholesale(self):
        return self.price < self.product.price_vnd

    @property
    def total(self):
        return self.price * self.quantity

    @property
    def price_changed(self):
        """The listed price changed since the shopper added the product (breaks aside)."""
        return self.product.price_vnd != self.price_seen

    @property
    def problem(self):
        if self.booking is not None or self.booking_issue:
            return self.booking_issue  # a booking takes places of a day, not stock
        capped = limits.units_problem(self.product, self.quantity)
        if capped:
            return capped
        if self.product.stock <= 0:
            return _("Out of stock.")
        if self.quantity > self.product.stock:
            return _("Only %(stock)s left: lower the quantity.", stock=self.product.stock)
        return None


@dataclass
class CartGroup:
    """The part of a cart one cooperative ships, or its bookings (no shipping fee)."""

    cooperative: Cooperative
    is_booking: bool = False
    entries: list = field(default_factory=list)

    @property
    def subtotal(self):
        return sum(e.total for e in self.entries)

    @property
    def shipping_fee(self):
        return 0 if self.is_booking else shipping_fee(self.cooperative, self.subtotal)

    @property
    def missing_for_free_shipping(self):
        """How much more from this cooperative ships free (None: no threshold, or free already)."""
        threshold = self.cooperative.free_shipping_from_vnd
        if self.is_booking or threshold is None or self.subtotal >= threshold:
            return None
        return threshold - self.subtotal


@dataclass
class CartSummary:
    groups: list
    unavailable: list  # (product id, name) of products in the cart no longer for sale

    @property
    def entries(self):
        return [e for g in self.groups for e in g.entries]

    @property
    def goods_total(self):
        return sum(g.subtotal for g in self.groups)

    @property
    def shipping_total(self):
        return sum(g.shipping_fee for g in self.groups)

    @property
    def total(self):
        return self.goods_total + self.shipping_total

    @property
    def units(self):
        return sum(e.quantity for e in self.entries)

    @property
    def is_empty(self):
        return not self.groups and not self.unavailable

    @property
    def needs_address(self):
        """Goods are delivered; a cart of bookings only needs no address."""
        return any(not g.is_booking for g in self.groups)

    @property
    def can_check_out(self):
        return bool(self.groups) and not self.unavailable and all(e.problem is None for e in self.entries)


def summarise_cart(items, wholesale_buyer=False):
    """Price a cart ({product_id: CartItem}): lines grouped by cooperative with each group's
    shipping fee; products no longer for sale are listed apart. A wholesale buyer (staff of an
    approved distributor) gets each goods line at the break its quantity reaches. Two or three
    queries (one more for a wholesale buyer)."""
    products = buyable_by_id(list(items))
    terms = bookings.terms_of([pid for pid, p in products.items() if bookings.is_service(p)])
    tiers = wholesale.tiers_of([pid for pid, p in products.items() if not bookings.is_service(p)]) if wholesale_buyer else {}
    groups = {}
    for item in items.values():
        product = products.get(item.product_id)
        if product is None:
            continue
        entry = CartEntry(product, item.quantity, item.price_seen)
        is_booking = bookings.is_service(product)
        if product.id in tiers:
            entry.wholesale_price = wholesale.unit_price(product.price_vnd, tiers[product.id], item.quantity)
        if is_booking:
            entry.booking = item.booking
            entry.booking_issue = _booking_issue(product, terms.get(product.id), item.booking)
        group = groups.setdefault((product.cooperative_id, is_booking), CartGroup(product.cooperative, is_booking))
        group.entries.append(entry)
    unavailable = list(product_names([pid for pid in items if pid not in products]).items())
    return CartSummary(sorted(groups.values(), key=lambda g: (g.cooperative.name, g.is_booking)), unavailable)


def _booking_issue(product, terms, booking):
    name = product.name(current_language())
    if booking is None:
        return _("Choose a date for %(name)s on its page.", name=name)
    return bookings.booking_problem(name, terms, booking)


# ---------------------------------------------------------------------------------------
# Buying an order again


def reorder_items(order):
    """Cart items for buying an order's products again at today's prices, and the names of
    those no longer for sale."""
    products = buyable_by_id([line.product_id for line in order.lines if line.product_id is not None])
    items, gone = [], []
    for line in order.lines:
        product = products.get(line.product_id)
        if line.booking_date is not None:
            continue  # a booking was for its date: book again on the product's page
        if product is None or product.stock <= 0:
            gone.append(line.product_name)
        else:
            items.append(CartItem(product.id, min(line.quantity, product.stock), product.price_vnd))
    return items, gone
