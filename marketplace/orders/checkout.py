"""Placing an order: the delivery details checked, every line checked again against the
catalogue, and the order, one shipment per cooperative and lines that copy names and prices
written in ONE transaction with the stock taken (`marketplace.stock`) and the places of
bookings taken (`marketplace.bookings`). A cooperative's bookings are a part of their own,
without a shipping fee; an order of bookings only has no delivery address."""
from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import date

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.orm import contains_eager, joinedload

from marketplace import places, taxids, unitofwork
from marketplace.bookings import services as bookings
from marketplace.catalog import wholesale
from marketplace.core import observe
from marketplace.catalog.models import Product
from marketplace.catalog.services import buyable_products
from marketplace.distributors.authz import buys_wholesale
from marketplace.extensions import db
from marketplace.i18n import current_language
from marketplace.money import format_vnd
from marketplace.orders import limits
from marketplace.orders.carts import MAX_QUANTITY, normalise_mobile, product_names, shipping_fee
from marketplace.orders.errors import OrderRejected
from marketplace.orders.models import Order, OrderLine, PaymentMethod, Shipment, Status, StatusChange
from marketplace.orders.notifications import announce
from marketplace.stock import services as stock


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
class LineRequest(bookings.BookedLine):
    """A line as the shopper reviewed it: the price they saw must still be the price."""

    product_id: int
    quantity: int  # of a booking: what is paid for (room-nights, guests)
    unit_price: int | None = None
    booking_date: date | None = None  # a booking (OCOP group 6) only
    nights: int | None = None  # a stay only


def check_delivery(delivery, needs_address=True):
    """The delivery with its phone and tax code normalised, and the province and ward (the
    ward must be in the province; both None when there is nothing to deliver: bookings only);
    OrderRejected naming every problem."""
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
    province = places.province(delivery.province_code) if needs_address else None
    ward = places.ward(delivery.province_code, delivery.ward_code) if needs_address else None
    if not needs_address:
        delivery = replace(delivery, province_code=None, ward_code=None, street="")
    elif province is None:
        problems.append(_("Choose a province."))
    elif ward is None:
        problems.append(_("Choose a commune or ward of %(province)s.", province=province.name))
    if needs_address and not (delivery.street or "").strip():
        problems.append(_("Enter the street address (house number, street, hamlet)."))
    tax_code = ""
    if delivery.invoice_tax_code or delivery.invoice_company:
        try:
            tax_code = taxids.normalise_mst(delivery.invoice_tax_code)
        except ValueError:
            problems.append(_("Enter a valid tax code (MST): 10 digits, or 10 digits, a dash and 3 digits; check it for typos."))
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
            if held.booking_date is not None or line.booking_date is not None:
                raise OrderRejected(_("The order lists one booking twice; review your cart again."))
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
            buyable_products().where(Product.id.in_(product_ids))
            .options(contains_eager(Product.cooperative), joinedload(Product.category))
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
    return {pid: (price, left) for pid, price, left in rows}


def _line_problems(requested, products, current):
    """One sentence per line that cannot be served: not for sale, another price, short stock.
    `products` names them; `current` has the (price, stock) of those for sale."""
    names = product_names([pid for pid in requested if pid not in products])
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
        price, left = current[product_id]
        if line.unit_price is not None and line.unit_price != price:
            problems.append(
                _("The price of %(name)s changed from %(old)s to %(new)s; check your order again.",
                  name=name, old=format_vnd(line.unit_price, current_language()),
                  new=format_vnd(price, current_language()))
            )
        elif bookings.is_service(products[product_id]) != (line.booking_date is not None):
            problems.append(_("Choose a date for %(name)s on its page.", name=name)
                            if line.booking_date is None else _("%(name)s is not booked for a date.", name=name))
        elif line.booking_date is None and left < line.quantity:
            problems.append(_out_of_stock(name, left))
    return problems


def _booking_problems(requested, products, terms):
    """One sentence per booking that cannot be made: a date out of range, a full day."""
    return [
        problem
        for product_id, line in requested.items() if line.booking_date is not None and product_id in products
        for problem in [bookings.booking_problem(products[product_id].name(current_language()), terms.get(product_id),
                                                 line.booking)] if problem
    ]


def place_order(delivery, lines, token, user=None, payment_method=PaymentMethod.COD, language="vi"):
    """Place an order in ONE transaction and return it, or raise OrderRejected (nothing written).

    Re-checks every line against the catalogue (for sale, price as reviewed — a wholesale
    break's when `user` is staff of an approved distributor — stock), writes the
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
    if not lines:
        raise OrderRejected(_("Your cart is empty."))
    requested = _merged_lines(lines)
    delivery, province, ward = check_delivery(delivery, any(line.booking_date is None for line in requested.values()))
    try:
        order = _write_order(delivery, province, ward, requested, token, user, payment_method, language,
                             buys_wholesale(user))
        if order.status == Status.PLACED:  # card orders are announced once paid
            announce(order)
        unitofwork.after_commit(observe.order_placed)
        unitofwork.commit()
    except OrderRejected:
        unitofwork.rollback()
        raise
    except sa.exc.IntegrityError:
        unitofwork.rollback()
        existing = order_by_token(token)  # the same form, submitted twice at the same moment
        if existing is None:
            raise
        return _resubmitted(existing, user)
    return order


def _line_prices(requested, current, wholesale_buyer):
    """`current` ({id: (listed price, stock)}) with each goods line's price for its quantity:
    a wholesale break for a wholesale buyer, else the listed price."""
    if not wholesale_buyer:
        return current
    tiers = wholesale.tiers_of([pid for pid, line in requested.items() if line.booking_date is None and pid in current])
    return {pid: (wholesale.unit_price(price, tiers.get(pid), requested[pid].quantity), left)
            for pid, (price, left) in current.items()}


def _write_order(delivery, province, ward, requested, token, user, payment_method, language, wholesale_buyer=False):
    """Check the lines, write the order, then lock the products, check again and take the
    stock: the row locks are held from there to the commit only, so that buyers of the same
    products wait for each other as briefly as possible."""
    products = _products_for(sorted(requested))
    current = _line_prices(requested, {pid: (p.price_vnd, p.stock) for pid, p in products.items()}, wholesale_buyer)
    problems = _line_problems(requested, products, current)
    goods = {pid: line for pid, line in requested.items() if line.booking_date is None}
    booked = {pid: line for pid, line in requested.items() if line.booking_date is not None}
    terms = bookings.terms_of(booked)
    problems += limits.capped_lines(goods, products)
    if not problems:
        problems += _booking_problems(requested, products, terms)
    if problems:
        raise OrderRejected(*problems)
    # The prices written into the lines; the locked rows must still have them.
    requested = {pid: replace(line, unit_price=current[pid][0]) for pid, line in requested.items()}
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

    problems = _line_problems(requested, products, _line_prices(requested, _lock_products(sorted(requested)),
                                                                wholesale_buyer))
    if problems:
        raise OrderRejected(*problems)
    try:
        stock.take({pid: line.quantity for pid, line in goods.items()}, actor_id, order.number)
    except stock.StockShort as short:
        # Sold meanwhile: only where the lock locks nothing (SQLite reads before it writes).
        raise OrderRejected(_out_of_stock(products[short.product_id].name(current_language()), 0)) from None
    for product_id in sorted(booked):
        try:
            bookings.take(terms[product_id], booked[product_id].booking)
        except bookings.CapacityShort:  # booked meanwhile by another checkout
            raise OrderRejected(bookings.full_message(products[product_id].name(current_language()), terms[product_id],
                                                      booked[product_id].booking)) from None
    return order


def _new_order(delivery, province, ward, requested, products, token, actor_id, payment_method, language, initial):
    """The order with one shipment per cooperative and lines that copy names and prices."""
    by_part = defaultdict(list)  # (cooperative, bookings or not): one shipment each
    for product_id, line in requested.items():
        by_part[products[product_id].cooperative_id, line.booking_date is not None].append((products[product_id], line))
    order = Order(
        idempotency_key=token,
        user_id=actor_id,
        status=initial,
        payment_method=payment_method,
        language=language,
        buyer_name=delivery.name,
        phone=delivery.phone,
        email=delivery.email,
        province_code=province.code if province else None,
        province_name=province.name if province else "",
        ward_code=ward.code if ward else None,
        ward_name=ward.name if ward else "",
        street=delivery.street,
        delivery_note=delivery.note,
        invoice_company=delivery.invoice_company,
        invoice_tax_code=delivery.invoice_tax_code,
        invoice_address=delivery.invoice_address,
    )
    for (_cooperative_id, is_booking), bought in sorted(by_part.items(),
                                                        key=lambda part: (part[1][0][0].cooperative.name, part[0][1])):
        cooperative = bought[0][0].cooperative
        subtotal = sum(line.unit_price * line.quantity for product, line in bought)
        shipment = Shipment(
            cooperative_id=cooperative.id,
            cooperative_name=cooperative.name,
            is_booking=is_booking,
            status=initial,
            goods_subtotal_vnd=subtotal,
            shipping_fee_vnd=0 if is_booking else shipping_fee(cooperative, subtotal),
        )
        for product, line in bought:
            shipment.lines.append(
                OrderLine(
                    product_id=product.id,
                    product_name=product.name_vi,
                    product_slug=product.slug,
                    unit=product.unit,
                    unit_price_vnd=line.unit_price,
                    quantity=line.quantity,
                    cooperative_name=cooperative.name,
                    booking_date=line.booking_date,
                    nights=line.nights,
                )
            )
        order.shipments.append(shipment)
    order.goods_total_vnd = sum(s.goods_subtotal_vnd for s in order.shipments)
    order.shipping_total_vnd = sum(s.shipping_fee_vnd for s in order.shipments)
    order.total_vnd = order.goods_total_vnd + order.shipping_total_vnd
    return order


def _out_of_stock(name, left):
    if left <= 0:
        return _("%(name)s is sold out.", name=name)
    return _("Only %(stock)s of %(name)s are left; lower the quantity.", stock=left, name=name)
