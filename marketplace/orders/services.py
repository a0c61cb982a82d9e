"""The rules of buying: carts, shipping fees, placing an order in one transaction, moving
orders and shipments through their statuses, cancelling, sales figures and product reviews.

Plain functions that take and return domain objects; each function that writes owns its
transaction. None of them reads the request: the views (and cart.py, for the session) do.
"""
import re
from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta

import sqlalchemy as sa
from flask import render_template, url_for
from flask_babel import force_locale, gettext as _, lazy_gettext as _l
from sqlalchemy.orm import contains_eager, joinedload, selectinload

from marketplace import clock, places
from marketplace.accounts import services as accounts
from marketplace.accounts.models import CooperativeMember, User
from marketplace.catalog.models import Product, StockChange, StockChangeReason
from marketplace.catalog.services import buyable_products
from marketplace.core import pagecache
from marketplace.extensions import db
from marketplace.i18n import current_language
from marketplace.mail import send_mail
from marketplace.money import format_vnd
from marketplace.notices import services as notices
from marketplace.payments import ledger
from marketplace.orders.models import (
    CANCELLABLE,
    FULFILMENT,
    ORDER_TRANSITIONS,
    SHIPMENT_TRANSITIONS,
    Carrier,
    Cart,
    CartLine,
    IllegalTransition,
    Order,
    OrderLine,
    PaymentMethod,
    ProductReview,
    Shipment,
    Status,
    StatusChange,
    check_transition,
    parse_order_number,
)
from marketplace.producers.models import Cooperative
from marketplace.search import sync as search_sync
from marketplace.orders import limits

MAX_QUANTITY = 999  # of one product in one order
MAX_EXPORT_DAYS = 366

notices.register_kind(
    "orders.new_order",
    _l("New order %(number)s"),
    _l("%(units)s item(s) to ship to %(province)s. Confirm the order in your portal."),
)
notices.register_kind(
    "orders.shipped",
    _l("Order %(number)s is on its way"),
    _l("%(cooperative)s shipped your order."),
)
notices.register_kind(
    "orders.cancelled",
    _l("Order %(number)s was cancelled"),
    _l("Part of %(cooperative)s: %(reason)s"),
)

CARRIER_LABELS = {
    Carrier.VIETTEL_POST: "Viettel Post",
    Carrier.VNPOST: "VNPost",
    Carrier.GHN: "GHN",
    Carrier.GHTK: "GHTK",
    Carrier.OWN: _l("Own delivery"),
}

STATUS_LABELS = {
    Status.AWAITING_PAYMENT: _l("Awaiting payment"),
    Status.PAID: _l("Paid"),
    Status.PLACED: _l("Placed"),
    Status.CONFIRMED: _l("Confirmed"),
    Status.SHIPPED: _l("Shipped"),
    Status.DELIVERED: _l("Delivered"),
    Status.CANCELLED: _l("Cancelled"),
    Status.REFUNDED: _l("Refunded"),
}

PAYMENT_LABELS = {
    PaymentMethod.COD: _l("Cash on delivery"),
    PaymentMethod.CARD: _l("Card"),
}


class OrderError(Exception):
    """A refusal to show the shopper or the cooperative: `problems` are translated sentences."""

    def __init__(self, *problems):
        super().__init__("; ".join(str(p) for p in problems))
        self.problems = [str(p) for p in problems]


class CartError(OrderError):
    pass


class OrderRejected(OrderError):
    """The order was not placed (nothing was written); one problem per line or field."""


class StatusConflict(OrderError):
    """Somebody else moved the order or shipment first."""


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


def normalise_tax_code(text):
    """A Vietnamese tax code (MST): 10 digits, or 10-3 for a branch. ValueError otherwise."""
    code = re.sub(r"\s", "", text or "")
    if re.fullmatch(r"\d{10}(-\d{3})?", code):
        return code
    raise ValueError(text)


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
    db.session.commit()


# ---------------------------------------------------------------------------------------
# Carts: items are (product, quantity, price when added); guests' live in the session
# (cart.py), members' in the database. Both are priced here.


@dataclass(frozen=True)
class CartItem:
    product_id: int
    quantity: int
    price_seen: int


def _buyable(product_ids):
    """The buyable products among `product_ids`, with their cooperative and photos, by id."""
    if not product_ids:
        return {}
    rows = db.session.scalars(
        buyable_products()
        .where(Product.id.in_(product_ids))
        .options(contains_eager(Product.cooperative), selectinload(Product.images))
    ).all()
    return {p.id: p for p in rows}


def _names(product_ids):
    """Names of products that are no longer buyable (for messages), by id."""
    if not product_ids:
        return {}
    language = current_language()
    rows = db.session.execute(
        sa.select(Product.id, Product.name_vi, Product.name_en).where(Product.id.in_(product_ids))
    ).all()
    return {pid: (en or vi) if language.startswith("en") else vi for pid, vi, en in rows}


def buyable_product(product_id):
    found = _buyable([product_id]).get(product_id)
    if found is None:
        raise CartError(_("This product is not for sale."))
    return found


def add_item(items, product_id, quantity):
    """(the cart item after adding `quantity` of a product to `items` ({product_id: CartItem}),
    the product). Refuses products not for sale and more than the stock."""
    product = buyable_product(product_id)
    held = items[product_id].quantity if product_id in items else 0
    return _checked_item(product, held + quantity, held), product


def set_item_quantity(items, product_id, quantity):
    """The cart item with its quantity changed; the price seen is renewed (the shopper saw it)."""
    if product_id not in items:
        raise CartError(_("This product is not in your cart."))
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
        sa.select(CartLine.product_id, CartLine.quantity, CartLine.price_seen_vnd)
        .join(Cart)
        .where(Cart.user_id == user.id)
        .order_by(CartLine.id)
    ).all()
    return {pid: CartItem(pid, quantity, price) for pid, quantity, price in rows}


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
            cart.lines.append(CartLine(product_id=item.product_id, quantity=item.quantity, price_seen_vnd=item.price_seen))
        else:
            line.quantity, line.price_seen_vnd = item.quantity, item.price_seen
    db.session.commit()


def remove_user_cart_items(user, product_ids):
    db.session.execute(
        sa.delete(CartLine).where(
            CartLine.cart_id.in_(sa.select(Cart.id).where(Cart.user_id == user.id)),
            CartLine.product_id.in_(list(product_ids)),
        )
    )
    db.session.commit()


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
        if mine is None:
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

    @property
    def price(self):
        return self.product.price_vnd

    @property
    def total(self):
        return self.price * self.quantity

    @property
    def price_changed(self):
        return self.price != self.price_seen

    @property
    def problem(self):
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
    """The part of a cart one cooperative ships."""

    cooperative: Cooperative
    entries: list = field(default_factory=list)

    @property
    def subtotal(self):
        return sum(e.total for e in self.entries)

    @property
    def shipping_fee(self):
        return shipping_fee(self.cooperative, self.subtotal)

    @property
    def missing_for_free_shipping(self):
        """How much more from this cooperative ships free (None: no threshold, or free already)."""
        threshold = self.cooperative.free_shipping_from_vnd
        if threshold is None or self.subtotal >= threshold:
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
    def can_check_out(self):
        return bool(self.groups) and not self.unavailable and all(e.problem is None for e in self.entries)


def summarise_cart(items):
    """Price a cart ({product_id: CartItem}): lines grouped by cooperative with each group's
    shipping fee; products no longer for sale are listed apart. Two or three queries."""
    products = _buyable(list(items))
    groups = {}
    for item in items.values():
        product = products.get(item.product_id)
        if product is None:
            continue
        group = groups.setdefault(product.cooperative_id, CartGroup(product.cooperative))
        group.entries.append(CartEntry(product, item.quantity, item.price_seen))
    unavailable = list(_names([pid for pid in items if pid not in products]).items())
    return CartSummary(sorted(groups.values(), key=lambda g: g.cooperative.name), unavailable)


# ---------------------------------------------------------------------------------------
# Placing an order


@dataclass(frozen=True)
class Delivery:
    """Who receives the order and where; the VAT invoice details when asked for."""

    name: str
    phone: str
    email: str
    province_code: int | None
    ward_code: int | None
    street: str
    note: str = ""
    invoice_company: str = ""
    invoice_tax_code: str = ""
    invoice_address: str = ""


@dataclass(frozen=True)
class LineRequest:
    """A line as the shopper reviewed it: the price they saw must still be the price."""

    product_id: int
    quantity: int
    unit_price: int | None = None


def check_delivery(delivery):
    """The delivery with its phone and tax code normalised, and the province and ward (the
    ward must be in the province); OrderRejected naming every problem."""
    problems = []
    if not (delivery.name or "").strip():
        problems.append(_("Enter the name of the person who receives the order."))
    try:
        phone = normalise_mobile(delivery.phone)
    except ValueError:
        phone = ""
        problems.append(_("Enter a Vietnamese mobile number: 10 digits starting with 03, 05, 07, 08 or 09 (+84 is fine)."))
    if "@" not in (delivery.email or ""):
        problems.append(_("Enter an email address like name@example.com."))
    province = places.province(delivery.province_code)
    ward = places.ward(delivery.province_code, delivery.ward_code)
    if province is None:
        problems.append(_("Choose a province."))
    elif ward is None:
        problems.append(_("Choose a commune or ward of %(province)s.", province=province.name))
    if not (delivery.street or "").strip():
        problems.append(_("Enter the street address (house number, street, hamlet)."))
    tax_code = ""
    if delivery.invoice_tax_code or delivery.invoice_company:
        try:
            tax_code = normalise_tax_code(delivery.invoice_tax_code)
        except ValueError:
            problems.append(_("Enter the tax code (MST) as 10 digits, or 10 digits, a dash and 3 digits."))
        if not delivery.invoice_company.strip() or not delivery.invoice_address.strip():
            problems.append(_("For a VAT invoice, enter the company name and address too."))
    if problems:
        raise OrderRejected(*problems)
    delivery = replace(
        delivery, name=delivery.name.strip(), email=delivery.email.strip().lower(), street=delivery.street.strip(),
        note=(delivery.note or "").strip(), phone=phone, invoice_tax_code=tax_code,
        invoice_company=delivery.invoice_company.strip(), invoice_address=delivery.invoice_address.strip(),
    )
    return delivery, province, ward


def _merged_lines(lines):
    """One request per product (a duplicated product id adds up); quantities checked."""
    merged = {}
    for line in lines:
        if not isinstance(line.quantity, int) or not 1 <= line.quantity <= MAX_QUANTITY:
            raise OrderRejected(_("Each quantity must be from 1 to %(max)s.", max=MAX_QUANTITY))
        held = merged.get(line.product_id)
        if held is not None:
            if held.unit_price != line.unit_price:
                raise OrderRejected(_("The order lists one product at two prices; review your cart again."))
            line = replace(line, quantity=held.quantity + line.quantity)
        merged[line.product_id] = line
    return merged


def order_by_token(token):
    return db.session.scalar(sa.select(Order).where(Order.idempotency_key == token))


def _resubmitted(order, user):
    if order.user_id is not None and (user is None or user.id != order.user_id):
        raise OrderRejected(_("This form was already used; open your cart and check out again."))
    return order


def _products_for(product_ids):
    """The buyable products among `product_ids` with their cooperatives, by id."""
    return {
        p.id: p
        for p in db.session.scalars(
            buyable_products().where(Product.id.in_(product_ids)).options(contains_eager(Product.cooperative))
        )
    }


def _lock_products(product_ids):
    """{id: (price, stock)} of the buyable products among `product_ids`, their rows locked in
    id order (a fixed order: two checkouts never wait for each other in a circle) and FOR NO
    KEY UPDATE (the key does not change, so rows that merely refer to these products are not
    held up). SQLite ignores the lock; it serialises writers anyway."""
    rows = db.session.execute(
        buyable_products()
        .with_only_columns(Product.id, Product.price_vnd, Product.stock)
        .where(Product.id.in_(product_ids))
        .order_by(Product.id)
        .with_for_update(of=Product, key_share=True)
    ).all()
    return {pid: (price, stock) for pid, price, stock in rows}


def _line_problems(requested, products, current):
    """One sentence per line that cannot be served: not for sale, another price, short stock.
    `products` names them; `current` has the (price, stock) of those for sale."""
    names = _names([pid for pid in requested if pid not in products])
    problems = []
    for product_id, line in requested.items():
        if product_id not in current:
            product = products.get(product_id)
            name = product.name(current_language()) if product is not None else names.get(product_id)
            problems.append(
                _("%(name)s is no longer for sale; remove it from your cart.", name=name)
                if name else _("Your cart lists a product that does not exist; remove it from your cart.")
            )
            continue
        name = products[product_id].name(current_language())
        price, stock = current[product_id]
        if line.unit_price is not None and line.unit_price != price:
            problems.append(
                _("The price of %(name)s changed from %(old)s to %(new)s; check your order again.",
                  name=name, old=format_vnd(line.unit_price, current_language()),
                  new=format_vnd(price, current_language()))
            )
        elif stock < line.quantity:
            problems.append(_out_of_stock(name, stock))
    return problems


def _take_stock(product_id, quantity):
    """The guarded decrement: the stock left, or None when it did not cover the quantity."""
    products = Product.__table__
    return db.session.execute(
        sa.update(products)
        .where(products.c.id == product_id, products.c.stock >= quantity)
        .values(stock=products.c.stock - quantity)
        .returning(products.c.stock)
    ).scalar()


def _stock_change(product_id, quantity, left, reason, actor_id, order_number):
    """The stock history row the portal shows (quantity taken < 0 < given back), as values."""
    return {"product_id": product_id, "user_id": actor_id, "stock_before": left - quantity, "stock_after": left,
            "reason": reason, "note": order_number}


def _give_back_stock(lines, actor, order_number):
    products = Product.__table__
    for line in sorted((ln for ln in lines if ln.product_id is not None), key=lambda ln: ln.product_id):
        left = db.session.execute(
            sa.update(products)
            .where(products.c.id == line.product_id)
            .values(stock=products.c.stock + line.quantity)
            .returning(products.c.stock)
        ).scalar()
        if left is not None:
            db.session.execute(sa.insert(StockChange), [_stock_change(
                line.product_id, line.quantity, left, StockChangeReason.ORDER_CANCELLED,
                actor.id if actor is not None else None, order_number)])
            if left == line.quantity:
                _in_stock_flipped([line.product_id])  # back in stock


def _in_stock_flipped(product_ids):
    """Search indexes whether a product is in stock (a facet), and the UPDATEs that change the
    stock pass by its flush hook: hand it these products with the transaction's other changes
    (applied after the commit, forgotten on rollback)."""
    if product_ids:
        db.session.info.setdefault(search_sync.SESSION_KEY, search_sync.Changes()).update(
            search_sync.Changes(product_ids=set(product_ids))
        )


def place_order(delivery, lines, token, user=None, payment_method=PaymentMethod.COD, language="vi"):
    """Place an order in ONE transaction and return it, or raise OrderRejected (nothing written).

    Re-checks every line against the catalogue (for sale, price as reviewed, stock), writes the
    order, one shipment per cooperative and lines that copy names and prices, then locks the
    product rows in id order, checks them again and takes the stock with a guarded decrement.
    `token` comes from the checkout form: submitting it again returns the order it placed.
    """
    if not token or len(token) > 64:
        raise OrderRejected(_("This form has expired; open your cart and check out again."))
    existing = order_by_token(token)
    if existing is not None:
        return _resubmitted(existing, user)
    if delivery is None:
        raise OrderRejected(_("Fill in the delivery details first."))
    delivery, province, ward = check_delivery(delivery)
    if not lines:
        raise OrderRejected(_("Your cart is empty."))
    requested = _merged_lines(lines)
    try:
        order = _write_order(delivery, province, ward, requested, token, user, payment_method, language)
        db.session.commit()
    except OrderRejected:
        db.session.rollback()
        raise
    except sa.exc.IntegrityError:
        db.session.rollback()
        existing = order_by_token(token)  # the same form, submitted twice at the same moment
        if existing is None:
            raise
        return _resubmitted(existing, user)
    pagecache.invalidate()  # stock changed through UPDATE statements, which the cache does not see
    if order.status == Status.PLACED:
        announce_order(order)
    return order


def _write_order(delivery, province, ward, requested, token, user, payment_method, language):
    """Check the lines, write the order, then lock the products, check again and take the
    stock: the row locks are held from there to the commit only, so that buyers of the same
    products wait for each other as briefly as possible."""
    products = _products_for(sorted(requested))
    problems = _line_problems(requested, products, {pid: (p.price_vnd, p.stock) for pid, p in products.items()})
    problems += limits.capped_lines(requested, products)
    if problems:
        raise OrderRejected(*problems)
    # The prices written into the lines; the locked rows must still have them.
    requested = {pid: replace(line, unit_price=products[pid].price_vnd) for pid, line in requested.items()}
    initial = Status.PLACED if payment_method == PaymentMethod.COD else Status.AWAITING_PAYMENT
    actor_id = user.id if user is not None else None
    order = _new_order(delivery, province, ward, requested, products, token, actor_id, payment_method, language, initial)
    db.session.add(order)
    db.session.flush()
    # History rows are written as plain values (bulk INSERTs): nothing reads them back here.
    db.session.execute(sa.insert(StatusChange), [
        {"order_id": order.id, "shipment_id": shipment_id, "to_status": initial, "actor_id": actor_id}
        for shipment_id in [None, *(s.id for s in order.shipments)]
    ])

    problems = _line_problems(requested, products, _lock_products(sorted(requested)))
    if problems:
        raise OrderRejected(*problems)
    taken = []
    for product_id in sorted(requested):
        quantity = requested[product_id].quantity
        left = _take_stock(product_id, quantity)
        if left is None:
            # Sold meanwhile: only where the lock locks nothing (SQLite reads before it writes).
            raise OrderRejected(_out_of_stock(products[product_id].name(current_language()), 0))
        taken.append(_stock_change(product_id, -quantity, left, StockChangeReason.SALE, actor_id, order.number))
    db.session.execute(sa.insert(StockChange), taken)
    _in_stock_flipped([change["product_id"] for change in taken if change["stock_after"] == 0])  # sold out
    return order


def _new_order(delivery, province, ward, requested, products, token, actor_id, payment_method, language, initial):
    """The order with one shipment per cooperative and lines that copy names and prices."""
    by_cooperative = defaultdict(list)
    for product_id, line in requested.items():
        by_cooperative[products[product_id].cooperative_id].append((products[product_id], line.quantity))
    order = Order(
        idempotency_key=token,
        user_id=actor_id,
        status=initial,
        payment_method=payment_method,
        language=language,
        buyer_name=delivery.name,
        phone=delivery.phone,
        email=delivery.email,
        province_code=province.code,
        province_name=province.name,
        ward_code=ward.code,
        ward_name=ward.name,
        street=delivery.street,
        delivery_note=delivery.note,
        invoice_company=delivery.invoice_company,
        invoice_tax_code=delivery.invoice_tax_code,
        invoice_address=delivery.invoice_address,
    )
    for bought in sorted(by_cooperative.values(), key=lambda rows: rows[0][0].cooperative.name):
        cooperative = bought[0][0].cooperative
        subtotal = sum(product.price_vnd * quantity for product, quantity in bought)
        shipment = Shipment(
            cooperative_id=cooperative.id,
            cooperative_name=cooperative.name,
            status=initial,
            goods_subtotal_vnd=subtotal,
            shipping_fee_vnd=shipping_fee(cooperative, subtotal),
        )
        for product, quantity in bought:
            shipment.lines.append(
                OrderLine(
                    product_id=product.id,
                    product_name=product.name_vi,
                    product_slug=product.slug,
                    unit=product.unit,
                    unit_price_vnd=product.price_vnd,
                    quantity=quantity,
                    cooperative_name=cooperative.name,
                )
            )
        order.shipments.append(shipment)
    order.goods_total_vnd = sum(s.goods_subtotal_vnd for s in order.shipments)
    order.shipping_total_vnd = sum(s.shipping_fee_vnd for s in order.shipments)
    order.total_vnd = order.goods_total_vnd + order.shipping_total_vnd
    return order


def _out_of_stock(name, stock):
    if stock <= 0:
        return _("%(name)s is sold out.", name=name)
    return _("Only %(stock)s of %(name)s are left; lower the quantity.", stock=stock, name=name)


def order_link(order):
    """Where the buyer sees the order: their order page, or for guests the lookup form."""
    if order.user_id is not None:
        return url_for("orders.order_detail", number=order.number, _external=True)
    return url_for("orders.lookup", number=order.number, _external=True)


def _portal_link(shipment):
    return url_for("portal_orders.shipment_detail", shipment_id=shipment.id)


def _staff_of(cooperative_ids):
    """{cooperative id: its staff users}, in one query."""
    rows = db.session.execute(
        sa.select(CooperativeMember.cooperative_id, User)
        .join(CooperativeMember.user)
        .where(CooperativeMember.cooperative_id.in_(set(cooperative_ids)), User.deleted_at.is_(None))
    ).all()
    staff = defaultdict(list)
    for cooperative_id, user in rows:
        staff[cooperative_id].append(user)
    return staff


def _with_lines(order_id):
    """The order with its shipments and their lines (one query), for mails and notices."""
    return db.session.scalars(
        sa.select(Order)
        .where(Order.id == order_id)
        .options(joinedload(Order.shipments).joinedload(Shipment.lines))
        .execution_options(populate_existing=True)
    ).unique().one()


def _mail_buyer(order, template, subject, **context):
    with force_locale(order.language):
        body = render_template(template, order=order, link=order_link(order), **context)
        send_mail(order.email, str(subject(order)), body)


def announce_order(order):
    """Mail the buyer the confirmation and tell each cooperative (notice and email) that an
    order waits for it. Called once per order: for cash on delivery by place_order, right
    after placing; for cards, once the payment arrived."""
    order = _with_lines(order.id)
    _mail_buyer(order, "orders/email/placed.txt", lambda o: _("Your order %(number)s", number=o.number))
    staff = _staff_of(s.cooperative_id for s in order.shipments)
    for shipment in order.shipments:
        notices.notify(
            staff[shipment.cooperative_id],
            "orders.new_order",
            link=_portal_link(shipment),
            params={"number": order.number, "units": shipment.units, "province": order.province_name},
            email=True,
        )
    db.session.commit()


# ---------------------------------------------------------------------------------------
# Statuses


def rolled_up_status(order):
    """The order's status from its shipments': cancelled when all are; otherwise the least
    advanced of the others, once past "placed" (a paid card order stays paid until then)."""
    active = [s.status for s in order.shipments if s.status != Status.CANCELLED]
    if not active:
        return Status.CANCELLED
    lowest = min(active, key=FULFILMENT.index)
    if lowest in (Status.AWAITING_PAYMENT, Status.PLACED):
        return order.status
    return lowest


def _locked_order(order_id):
    """The order with its row locked (moves of one order happen one at a time) and its
    shipments re-read after the lock."""
    order = db.session.scalars(
        sa.select(Order).where(Order.id == order_id).with_for_update().execution_options(populate_existing=True)
    ).one()
    db.session.scalars(
        sa.select(Shipment).where(Shipment.order_id == order_id).execution_options(populate_existing=True)
    ).all()
    return order


def _move(obj, transitions, new, actor, reason="", **values):
    """Move an order or shipment from its status to `new`: legal moves only, and only if
    nobody moved it meanwhile (the UPDATE is conditional on the old status). Recorded."""
    model = type(obj)
    old = obj.status
    check_transition(transitions, model.__tablename__, old, new)
    result = db.session.execute(
        sa.update(model)
        .where(model.id == obj.id, model.status == old)
        .values(status=new, updated_at=clock.utcnow(), **values)
        .execution_options(synchronize_session="evaluate")
    )
    if result.rowcount != 1:
        raise StatusConflict(_("Somebody changed this order at the same moment; please look again."))
    is_shipment = isinstance(obj, Shipment)
    db.session.add(
        StatusChange(
            order_id=obj.order_id if is_shipment else obj.id,
            shipment_id=obj.id if is_shipment else None,
            from_status=old,
            to_status=new,
            actor_id=actor.id if actor is not None else None,
            reason=reason,
        )
    )


def _move_shipment(shipment_id, new, actor, reason="", expected=None, **values):
    """One transaction: lock the order, move the shipment (only from the `expected` status, if
    given), roll the order up, commit."""
    order_id = db.session.scalar(sa.select(Shipment.order_id).where(Shipment.id == shipment_id))
    try:
        order = _locked_order(order_id)
        shipment = next(s for s in order.shipments if s.id == shipment_id)
        if expected is not None and shipment.status != expected:
            raise StatusConflict(_("Somebody changed this order at the same moment; please look again."))
        _move(shipment, SHIPMENT_TRANSITIONS, new, actor, reason, **values)
        if new == Status.CANCELLED:
            _give_back_stock(shipment.lines, actor, order.number)
        if new == Status.DELIVERED and order.payment_method == PaymentMethod.COD:
            ledger.credit_shipment(shipment, order.number)  # the courier collected the money
        _roll_up(order, actor, reason)
        db.session.commit()
    except (IllegalTransition, StatusConflict):
        db.session.rollback()
        raise
    return shipment


def _roll_up(order, actor, reason=""):
    new = rolled_up_status(order)
    if new != order.status:
        _move(order, ORDER_TRANSITIONS, new, actor, reason)


def confirm_shipment(shipment, actor):
    return _move_shipment(shipment.id, Status.CONFIRMED, actor)


TRACKING_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9.\-]{3,63}")


def ship_shipment(shipment, actor, carrier, tracking_number=""):
    """Mark a shipment shipped with its carrier and tracking number (optional only for the
    cooperative's own delivery); the buyer is told."""
    try:
        carrier = Carrier(carrier)
    except ValueError:
        raise OrderError(_("Choose the carrier.")) from None
    tracking_number = (tracking_number or "").strip()
    if tracking_number and not TRACKING_PATTERN.fullmatch(tracking_number):
        raise OrderError(_("Enter the tracking number as the carrier printed it (letters, digits, dashes)."))
    if not tracking_number and carrier != Carrier.OWN:
        raise OrderError(_("Enter the tracking number of %(carrier)s.", carrier=CARRIER_LABELS[carrier]))
    shipment = _move_shipment(shipment.id, Status.SHIPPED, actor, carrier=carrier, tracking_number=tracking_number)
    _tell_buyer(shipment.order, shipment, "orders.shipped", "orders/email/shipped.txt",
                lambda o: _("Order %(number)s is on its way", number=o.number))
    return shipment


def deliver_shipment(shipment, actor):
    return _move_shipment(shipment.id, Status.DELIVERED, actor)


def cancel_shipment(shipment, actor, reason, expected=None):
    """The cooperative cancels its part before shipping, with a reason; the stock goes back
    (exactly once: a second cancel finds the status changed) and the buyer is told."""
    reason = (reason or "").strip()
    if not reason:
        raise OrderError(_("Say why the order is cancelled; the buyer will read it."))
    shipment = _move_shipment(shipment.id, Status.CANCELLED, actor, reason[:500], expected=expected,
                              cancel_reason=reason[:500])
    pagecache.invalidate()
    _tell_buyer(shipment.order, shipment, "orders.cancelled", "orders/email/cancelled.txt",
                lambda o: _("Order %(number)s was cancelled", number=o.number), reason=reason[:500])
    return shipment


def cancel_order(order, actor, reason=""):
    """The buyer cancels the whole order while no part has shipped; the stock goes back once."""
    try:
        order = _locked_order(order.id)
        if not order.can_be_cancelled:
            raise IllegalTransition("order", order.status, Status.CANCELLED)
        announced = order.status != Status.AWAITING_PAYMENT  # cooperatives hear of card orders once paid
        reason = (reason or "").strip()[:500] or _("Cancelled by the buyer.")
        for shipment in order.shipments:
            if shipment.status in CANCELLABLE:
                _move(shipment, SHIPMENT_TRANSITIONS, Status.CANCELLED, actor, reason, cancel_reason=reason)
                _give_back_stock(shipment.lines, actor, order.number)
        _roll_up(order, actor, reason)
        db.session.commit()
    except (IllegalTransition, StatusConflict):
        db.session.rollback()
        raise
    pagecache.invalidate()
    if not announced:
        return order
    staff = _staff_of(s.cooperative_id for s in order.shipments)
    for shipment in order.shipments:
        notices.notify(
            staff[shipment.cooperative_id], "orders.cancelled", link=_portal_link(shipment),
            params={"number": order.number, "cooperative": shipment.cooperative_name, "reason": reason},
            email=True, dedupe_key=f"order-cancelled:{shipment.id}",
        )
    db.session.commit()
    return order


def _tell_buyer(order, shipment, kind, template, subject, **context):
    """Mail the buyer (and give a member an in-app notice) about one shipment."""
    _mail_buyer(order, template, subject, shipment=shipment, **context)
    if order.user_id is not None:
        notices.notify(
            [order.user], kind, link=url_for("orders.order_detail", number=order.number),
            params={"number": order.number, "cooperative": shipment.cooperative_name,
                    "reason": context.get("reason", "")},
        )
        db.session.commit()


# ---------------------------------------------------------------------------------------
# Card payments and refunds: payments.services calls these inside its own transaction (the
# one that records the payment, the Stripe event or the refund), and commits.


def release_paid_order(order, actor=None):
    """The payment of a card order arrived: the order is paid and its shipments go to their
    cooperatives (placed). Returns the locked order, or None (nothing moved) when it was no
    longer awaiting payment."""
    order = _locked_order(order.id)
    if order.status != Status.AWAITING_PAYMENT:
        return None
    for shipment in order.shipments:
        _move(shipment, SHIPMENT_TRANSITIONS, Status.PLACED, actor)
    _move(order, ORDER_TRANSITIONS, Status.PAID, actor)
    return order


def cancel_unpaid_order(order, reason, actor=None):
    """A card order that was never paid (session expired, payment failed) is cancelled and its
    stock given back. Returns the locked order, or None (nothing moved, no stock given back
    twice) when it was no longer awaiting payment."""
    order = _locked_order(order.id)
    if order.status != Status.AWAITING_PAYMENT:
        return None
    for shipment in order.shipments:
        _move(shipment, SHIPMENT_TRANSITIONS, Status.CANCELLED, actor, reason, cancel_reason=reason)
        _give_back_stock(shipment.lines, actor, order.number)
    _roll_up(order, actor, reason)
    return order


def settle_refund(order, cancel_ids, restock_ids, actor, reason, in_full):
    """What a refund does to a locked order: the shipments of `cancel_ids` that have not left
    their cooperative are cancelled; the goods of the shipments of `restock_ids` go back to
    stock (payments decides, so that it happens once); an order refunded in full ends
    refunded where its status allows (a shipped one keeps its status)."""
    for shipment in order.shipments:
        if shipment.id in cancel_ids and shipment.status in CANCELLABLE:
            _move(shipment, SHIPMENT_TRANSITIONS, Status.CANCELLED, actor, reason, cancel_reason=reason)
        if shipment.id in restock_ids:
            _give_back_stock(shipment.lines, actor, order.number)
    rolled = rolled_up_status(order)
    if rolled != order.status and rolled in ORDER_TRANSITIONS[order.status]:
        _move(order, ORDER_TRANSITIONS, rolled, actor, reason)  # a paid order cannot be "cancelled": refunded below
    if in_full and Status.REFUNDED in ORDER_TRANSITIONS[order.status]:
        _move(order, ORDER_TRANSITIONS, Status.REFUNDED, actor, reason)


# ---------------------------------------------------------------------------------------
# What buyers see


def orders_of(user, limit=100):
    return db.session.scalars(
        sa.select(Order)
        .where(Order.user_id == user.id)
        .options(selectinload(Order.shipments).selectinload(Shipment.lines))
        .order_by(Order.placed_at.desc(), Order.id.desc())
        .limit(limit)
    ).all()


def get_order(number):
    """The order with this number (OCOP-<year>-<id>), or None."""
    parsed = parse_order_number(number)
    if parsed is None:
        return None
    order = db.session.scalar(
        sa.select(Order)
        .where(Order.id == parsed[1])
        .options(selectinload(Order.shipments).selectinload(Shipment.lines), selectinload(Order.changes))
    )
    return order if order is not None and order.number == f"OCOP-{parsed[0]}-{parsed[1]:06d}" else None


def find_guest_order(number, phone):
    """The order with this number and buyer's phone (any accepted form), or None."""
    try:
        phone = normalise_mobile(phone)
    except ValueError:
        return None
    order = get_order(number)
    return order if order is not None and order.phone == phone else None


def reorder_items(order):
    """Cart items for buying an order's products again at today's prices, and the names of
    those no longer for sale."""
    products = _buyable([line.product_id for line in order.lines if line.product_id is not None])
    items, gone = [], []
    for line in order.lines:
        product = products.get(line.product_id)
        if product is None or product.stock <= 0:
            gone.append(line.product_name)
        else:
            items.append(CartItem(product.id, min(line.quantity, product.stock), product.price_vnd))
    return items, gone


# ---------------------------------------------------------------------------------------
# What cooperatives see


def shipments_of(cooperative, status=None, page=1, per_page=50):
    """A page of the cooperative's shipments, newest first, with their orders and lines
    (three queries), and the total count."""
    query = sa.select(Shipment).where(Shipment.cooperative_id == cooperative.id)
    if status is not None:
        query = query.where(Shipment.status == status)
    total = db.session.scalar(query.with_only_columns(sa.func.count(Shipment.id)))
    rows = db.session.scalars(
        query.options(joinedload(Shipment.order), selectinload(Shipment.lines))
        .order_by(Shipment.created_at.desc(), Shipment.id.desc())
        .limit(per_page)
        .offset((page - 1) * per_page)
    ).all()
    return rows, total


def status_counts(cooperative):
    rows = db.session.execute(
        sa.select(Shipment.status, sa.func.count()).where(Shipment.cooperative_id == cooperative.id).group_by(Shipment.status)
    ).all()
    return {status: count for status, count in rows}


def orders_to_confirm(cooperative):
    """How many of the cooperative's shipments wait for it to confirm (card orders reach
    "placed" once paid)."""
    return db.session.scalar(
        sa.select(sa.func.count(Shipment.id)).where(
            Shipment.cooperative_id == cooperative.id, Shipment.status == Status.PLACED
        )
    )


def get_shipment(shipment_id):
    return db.session.scalar(
        sa.select(Shipment)
        .where(Shipment.id == shipment_id)
        .options(joinedload(Shipment.order), selectinload(Shipment.lines))
    )


def shipment_history(shipment):
    return db.session.scalars(
        sa.select(StatusChange)
        .where(StatusChange.order_id == shipment.order_id,
               sa.or_(StatusChange.shipment_id == shipment.id, StatusChange.shipment_id.is_(None)))
        .options(joinedload(StatusChange.actor))
        .order_by(StatusChange.id)
    ).all()


def _utc_bounds(first_day, last_day):
    """Naive UTC datetimes covering Vietnamese calendar days first_day..last_day."""
    start = datetime.combine(first_day, time.min, clock.VIETNAM).astimezone(UTC).replace(tzinfo=None)
    end = datetime.combine(last_day + timedelta(days=1), time.min, clock.VIETNAM).astimezone(UTC).replace(tzinfo=None)
    return start, end


def local_time(moment):
    """A stored (naive UTC) time in Vietnam's time zone."""
    return moment.replace(tzinfo=UTC).astimezone(clock.VIETNAM)


def check_period(start, end):
    if start is None or end is None:
        raise OrderError(_("Enter both dates of the period."))
    if end < start:
        raise OrderError(_("The period must end on or after its first day."))
    if (end - start).days >= MAX_EXPORT_DAYS:
        raise OrderError(_("Export at most %(days)s days at once.", days=MAX_EXPORT_DAYS))


EXPORT_HEADER = (
    "order", "placed_at", "status", "buyer", "phone", "address", "product", "unit", "quantity",
    "unit_price_vnd", "line_total_vnd", "shipping_fee_vnd", "carrier", "tracking_number",
)


def export_rows(cooperative, start, end):
    """The cooperative's order lines placed from `start` to `end` (Vietnamese days), as rows
    under EXPORT_HEADER; a shipment's fee is on its first line."""
    check_period(start, end)
    since, until = _utc_bounds(start, end)
    shipments = db.session.scalars(
        sa.select(Shipment)
        .join(Shipment.order)
        .where(Shipment.cooperative_id == cooperative.id, Order.placed_at >= since, Order.placed_at < until)
        .options(contains_eager(Shipment.order), selectinload(Shipment.lines))
        .order_by(Order.placed_at, Shipment.id)
    ).all()
    rows = []
    for shipment in shipments:
        order = shipment.order
        for index, line in enumerate(shipment.lines):
            rows.append((
                order.number, local_time(order.placed_at).strftime("%Y-%m-%d %H:%M"), shipment.status.value,
                order.buyer_name, order.phone, order.address, line.product_name, line.unit, line.quantity,
                line.unit_price_vnd, line.total_vnd, shipment.shipping_fee_vnd if index == 0 else 0,
                shipment.carrier.value if shipment.carrier else "", shipment.tracking_number,
            ))
    return rows


@dataclass
class MonthSales:
    month: date  # the first day
    revenue: int = 0
    units: int = 0


@dataclass
class ProductSales:
    name: str
    revenue: int = 0
    units: int = 0


@dataclass
class SalesOverview:
    months: list
    top_products: list

    @property
    def revenue(self):
        return sum(m.revenue for m in self.months)

    @property
    def units(self):
        return sum(m.units for m in self.months)

    @property
    def best_month_revenue(self):
        return max((m.revenue for m in self.months), default=0)


def sales_overview(cooperative, months=12, top=5, today=None):
    """Goods revenue and units per month (Vietnamese calendar, the last `months` months,
    shipments not cancelled) and the best-selling products over them. One query."""
    today = today or clock.today()
    first = clock.add_months(today.replace(day=1), -(months - 1))
    since, _until = _utc_bounds(first, today)
    rows = db.session.execute(
        sa.select(Order.placed_at, OrderLine.product_slug, OrderLine.product_name, OrderLine.quantity,
                  OrderLine.unit_price_vnd)
        .join(OrderLine.shipment)
        .join(Shipment.order)
        .where(Shipment.cooperative_id == cooperative.id, Shipment.status != Status.CANCELLED, Order.placed_at >= since)
    ).all()
    by_month = {clock.add_months(first, i): MonthSales(clock.add_months(first, i)) for i in range(months)}
    by_product = {}
    for placed_at, slug, name, quantity, price in rows:
        month = by_month.get(local_time(placed_at).date().replace(day=1))
        if month is None:
            continue
        month.revenue += quantity * price
        month.units += quantity
        product = by_product.setdefault(slug, ProductSales(name))
        product.revenue += quantity * price
        product.units += quantity
    best = sorted(by_product.values(), key=lambda p: (-p.revenue, p.name))[:top]
    return SalesOverview(list(by_month.values()), best)


# ---------------------------------------------------------------------------------------
# Reviews


def reviewable_line(user, product_id):
    """The user's delivered order line of this product not yet reviewed, or None."""
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    already = sa.select(ProductReview.id).where(ProductReview.product_id == product_id, ProductReview.user_id == user.id)
    return db.session.scalar(
        sa.select(OrderLine)
        .join(OrderLine.shipment)
        .join(Shipment.order)
        .where(
            OrderLine.product_id == product_id,
            Order.user_id == user.id,
            Shipment.status == Status.DELIVERED,
            ~already.exists(),
        )
        .limit(1)
    )


def add_review(user, product_id, rating, body):
    """A verified buyer's review: only of a product delivered to them, once."""
    try:
        rating = int(rating)
    except (TypeError, ValueError):
        rating = 0
    if not 1 <= rating <= 5:
        raise OrderError(_("Choose from 1 to 5 stars."))
    body = (body or "").strip()
    if len(body) > 2000:
        raise OrderError(_("Keep the review under 2000 characters."))
    line = reviewable_line(user, product_id)
    if line is None:
        raise OrderError(_("Only buyers who received this product can review it, once."))
    db.session.add(ProductReview(product_id=product_id, user_id=user.id, order_line_id=line.id, rating=rating, body=body))
    try:
        db.session.commit()
    except sa.exc.IntegrityError:
        db.session.rollback()
        raise OrderError(_("Only buyers who received this product can review it, once.")) from None
    pagecache.invalidate()  # the product page shows reviews


@dataclass
class ReviewSummary:
    count: int
    average: float | None
    reviews: list


def product_reviews(product_id, limit=20):
    """The count, the average rating and the latest reviews of a product (two queries)."""
    count, average = db.session.execute(
        sa.select(sa.func.count(ProductReview.id), sa.func.avg(ProductReview.rating)).where(
            ProductReview.product_id == product_id
        )
    ).one()
    reviews = []
    if count:
        reviews = db.session.scalars(
            sa.select(ProductReview)
            .where(ProductReview.product_id == product_id)
            .options(joinedload(ProductReview.user))
            .order_by(ProductReview.created_at.desc(), ProductReview.id.desc())
            .limit(limit)
        ).all()
    return ReviewSummary(count, round(float(average), 1) if average is not None else None, reviews)
