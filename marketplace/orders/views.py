"""The shopper's pages: cart, checkout, orders, guest lookup and product reviews."""
import secrets
from datetime import date
from urllib.parse import urlsplit

from flask import Blueprint, abort, flash, jsonify, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from marketplace import places
from marketplace.accounts.authz import safe_next, signed_in_user
from marketplace.bookings import services as bookings
from marketplace.catalog.models import Product
from marketplace.extensions import csrf, db, limiter
from marketplace.i18n import current_language
from marketplace.errors import Refusal
from marketplace.forms import flash_problems
from marketplace.orders import carts, fulfilment, limits, reviewed, reviews, shopper, signals
from marketplace.orders.checkout import Delivery, LineRequest, check_delivery, order_by_token, place_order
from marketplace.orders.errors import CartError, NeedsDate, OrderRejected
from marketplace.orders.forms import CancelOrderForm, CheckoutForm, LookupForm, PlaceOrderForm, ReviewForm
from marketplace.orders.models import CARRIER_LABELS, PAYMENT_LABELS, STATUS_LABELS, PaymentMethod
from marketplace.views import no_store

bp = Blueprint("orders", __name__)

CHECKOUT_KEY = "checkout"  # the delivery details between the form and the review step


bp.after_request(no_store)


bp.before_app_request(shopper.keep_guest_cart)


@bp.app_context_processor
def _header_and_product_page():
    """`cart_units()` for the header; `product_reviews(product)` and `review_form(product)`
    for the product page (queries only when called)."""

    def review_form(product):
        return ReviewForm() if reviews.reviewable_line(current_user, product.id) is not None else None

    return {
        "cart_units": shopper.units,
        "product_reviews": lambda product: reviews.product_reviews(product.id),
        "review_form": review_form,
        "booking_terms": _booking_terms,
    }


def _booking_terms(product):
    """The booking terms of a service (OCOP group 6) for its page's booking form, else None."""
    return bookings.terms_of([product.id]).get(product.id) if bookings.is_service(product) else None


@bp.record_once
def _label_globals(state):
    # Globals, not context: imported macros (orders/_macros.html) see only globals.
    state.app.jinja_env.globals.update(
        order_status_label=lambda status: STATUS_LABELS.get(status, status),
        carrier_label=lambda carrier: CARRIER_LABELS.get(carrier, carrier or ""),
        payment_label=lambda method: PAYMENT_LABELS.get(method, method),
        booking_label=_booking_label,
    )


def _booking_label(line):
    """The booking of a cart entry or an order line in one line ("" for goods)."""
    booking = getattr(line, "booking", None)
    if booking is None and getattr(line, "booking_date", None) is not None:
        booking = bookings.Booking.of_line(line.booking_date, line.quantity, line.nights)
    return bookings.describe(booking) if booking is not None else ""


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _same_site():
    """The add-to-cart form has no CSRF token: catalogue pages are cached and shared between
    guests, so a token in them would be somebody else's. Session cookies are SameSite=Lax
    (never sent with cross-site POSTs) and adding to a cart orders nothing; this refuses
    cross-site posts outright anyway."""
    if request.headers.get("Sec-Fetch-Site") == "cross-site":
        return False
    origin = request.headers.get("Origin")
    return not origin or origin == request.host_url.rstrip("/")  # "null" and another scheme are refused


def _back_to_referrer():
    """The page (of this site) the form was posted from: the shopper keeps browsing."""
    referrer = urlsplit(request.referrer or "")
    if referrer.netloc != request.host:
        return None
    return safe_next(referrer.path + (f"?{referrer.query}" if referrer.query else ""))


# ---------------------------------------------------------------------------------------
# Cart


@bp.get("/cart")
def cart_page():
    summary = shopper.summary()
    return render_template("orders/cart.html", summary=summary)


@bp.post("/cart/add")
@csrf.exempt
def cart_add():
    if not _same_site():
        abort(400)
    back = _back_to_referrer() or url_for("orders.cart_page")
    try:
        if "booking_date" in request.form:  # a service (OCOP group 6) booked for a date
            item, product = carts.add_booking(_int(request.form.get("product_id")), request.form.get("booking_date"),
                                              request.form.get("places"), request.form.get("nights"))
        else:
            quantity = carts.parse_quantity(request.form.get("quantity", "1"))
            item, product = carts.add_item(shopper.items(), _int(request.form.get("product_id")), quantity)
    except NeedsDate as error:  # e.g. "Add to cart" on a homestay's card: its page has the date field
        flash(error.problems[0], "error")
        slug = db.session.scalar(db.select(Product.slug).where(Product.id == _int(request.form.get("product_id"))))
        return redirect(url_for("catalog.product_detail", slug=slug))
    except CartError as error:
        flash(error.problems[0], "error")
        return redirect(back)
    shopper.save([item])
    flash(_("Added to your cart: %(name)s.", name=product.name(current_language())), "success")
    return redirect(back)


@bp.post("/cart/lines/<int:product_id>")
def cart_update(product_id):
    try:
        quantity = carts.parse_quantity(request.form.get("quantity"))
        item = carts.set_item_quantity(shopper.items(), product_id, quantity)
    except CartError as error:
        flash(error.problems[0], "error")
    else:
        shopper.save([item])
        flash(_("Quantity updated."), "success")
    return redirect(url_for("orders.cart_page"))


@bp.post("/cart/lines/<int:product_id>/remove")
def cart_remove(product_id):
    shopper.remove([product_id])
    flash(_("Removed from your cart."), "success")
    return redirect(url_for("orders.cart_page"))


# ---------------------------------------------------------------------------------------
# Checkout: details → review → place


def _prefill():
    me = signed_in_user()
    if me is None:
        return {}
    return {"name": me.display_name, "email": me.email}


@bp.route("/checkout", methods=["GET", "POST"])
def checkout():
    summary = shopper.summary()
    if summary.is_empty:
        flash(_("Your cart is empty."), "error")
        return redirect(url_for("orders.cart_page"))
    saved = session.get(CHECKOUT_KEY) or _prefill()
    if request.method == "GET" and request.args.get("province"):
        saved = {**saved, "province_code": _int(request.args["province"]), "ward_code": None}
    form = CheckoutForm(data=saved, needs_address=summary.needs_address)
    if saved.get("invoice_tax_code") and request.method == "GET":
        form.want_invoice.data = True
    # Without JavaScript, "Show the communes" re-renders the form for the chosen province.
    if "choose_province" not in request.form and form.validate_on_submit():
        session[CHECKOUT_KEY] = form.details()
        return redirect(url_for("orders.review"))
    return render_template("orders/checkout.html", form=form, summary=summary)


@bp.get("/checkout/wards")
def wards():
    """The communes and wards of a province, for the checkout form's script."""
    return jsonify([{"code": w.code, "name": w.name} for w in places.wards(_int(request.args.get("province")))])


def _delivery():
    details = session.get(CHECKOUT_KEY)
    if not details:
        return None
    try:
        return Delivery(**details)
    except TypeError:
        return None  # an old or altered cookie


@bp.get("/checkout/review")
def review():
    delivery = _delivery()
    if delivery is None:
        return redirect(url_for("orders.checkout"))
    summary = shopper.summary()
    if summary.is_empty:
        flash(_("Your cart is empty."), "error")
        return redirect(url_for("orders.cart_page"))
    try:
        delivery, province, ward = check_delivery(delivery, summary.needs_address)
    except OrderRejected as error:
        for problem in error.problems:
            flash(problem, "error")
        return redirect(url_for("orders.checkout"))
    form = PlaceOrderForm(token=secrets.token_urlsafe(24))
    return render_template(
        "orders/review.html", summary=summary, delivery=delivery, province=province, ward=ward, form=form
    )


def _requested_lines(values):
    """The lines the review page listed ("<product id>:<quantity>:<unit price>", and for a
    booking ":<first day>:<nights or nothing>")."""
    lines = []
    for value in values:
        parts = value.split(":")
        numbers = [_int(part) for part in parts[:3]]
        try:
            if len(parts) not in (3, 5) or None in numbers:
                raise ValueError(value)
            booking = (date.fromisoformat(parts[3]), _int(parts[4])) if len(parts) == 5 else (None, None)
        except ValueError:
            raise OrderRejected(_("The order form was changed; review your cart and order again.")) from None
        lines.append(LineRequest(*numbers, *booking))
    return lines


def _phone_key():
    return limits.phone_key(session.get(CHECKOUT_KEY))


@bp.post("/checkout/place")
@limiter.limit(limits.orders_limit, methods=["POST"])
@limiter.limit(limits.orders_limit, methods=["POST"], key_func=_phone_key)
def place():
    form = PlaceOrderForm()
    if not form.validate_on_submit():
        flash(_("This form has expired; open your cart and check out again."), "error")
        return redirect(url_for("orders.review"))
    method = PaymentMethod(form.payment_method.data)
    items = shopper.items()
    summary = shopper.summary(items)
    try:
        lines = _requested_lines(request.form.getlist("line"))
        if order_by_token(form.token.data) is None:  # a form sent twice shows the order it placed
            reviewed.check(lines, items, {product_id for product_id, _name in summary.unavailable})
    except OrderRejected as error:
        flash(error.problems[0], "error")
        return redirect(url_for("orders.review"))
    # The posted lines are the cart's (prices checked when placing): its total is what the card pays.
    refusal = signals.payment_refusal(method, summary.total)
    if refusal:  # e.g. below or above what Stripe takes: nothing is placed, cash on delivery is suggested
        flash(refusal, "error")
        return redirect(url_for("orders.review"))
    try:
        order = place_order(
            _delivery(), lines, form.token.data, user=signed_in_user(), payment_method=method, language=current_language(),
        )
    except OrderRejected as error:
        for problem in error.problems:
            flash(problem, "error")
        flash(_("No order was placed. Check your cart and try again."), "error")
        return redirect(url_for("orders.cart_page"))
    shopper.remove([line.product_id for line in order.lines if line.product_id is not None])
    shopper.remember_order(order.number)
    session.pop(CHECKOUT_KEY, None)
    started = signals.start_payment(order)  # a card: to Stripe's page, or back to the order with a "Pay" button
    if started is not None:
        return started
    flash(_("Thank you! Your order %(number)s is placed.", number=order.number), "success")
    return redirect(url_for("orders.order_detail", number=order.number))


# ---------------------------------------------------------------------------------------
# Orders


@bp.get("/orders")
@login_required
def my_orders():
    return render_template("orders/my_orders.html", orders=fulfilment.orders_of(current_user))


def _visible_order(number):
    order = fulfilment.get_order(number)
    if order is None or not shopper.may_open(order):
        abort(404)
    return order


@bp.get("/orders/<number>")
def order_detail(number):
    order = _visible_order(number)
    return render_template("orders/detail.html", order=order, cancel_form=CancelOrderForm())


@bp.post("/orders/<number>/cancel")
def cancel(number):
    order = _visible_order(number)
    form = CancelOrderForm()
    if form.validate_on_submit():
        try:
            fulfilment.cancel_order(order, signed_in_user(), form.reason.data)
        except Refusal as error:
            flash_problems(error.problems)
        else:
            flash(_("Your order is cancelled."), "success")
    else:
        flash(_("Use at most %(n)s characters.", n=500), "error")
    return redirect(url_for("orders.order_detail", number=number))


@bp.post("/orders/<number>/reorder")
def reorder(number):
    order = _visible_order(number)
    items, gone = carts.reorder_items(order)
    held = shopper.items()
    added = []
    for item in items:
        try:
            added.append(carts.add_item(held, item.product_id, item.quantity)[0])
        except CartError as error:
            gone.extend(error.problems)
    shopper.save(added)
    if added:
        flash(_("The products of order %(number)s are in your cart, at today's prices.", number=order.number), "success")
    for name in gone:
        flash(_("Not added: %(name)s", name=name), "error")
    return redirect(url_for("orders.cart_page"))


@bp.route("/orders/lookup", methods=["GET", "POST"])
@limiter.limit("10/minute", methods=["POST"])
def lookup():
    form = LookupForm(number=request.args.get("number", ""))
    if form.validate_on_submit():
        order = fulfilment.find_guest_order(form.number.data, form.phone.data)
        if order is not None:
            shopper.remember_order(order.number)
            return redirect(url_for("orders.order_detail", number=order.number))
        form.phone.errors = [*form.phone.errors, _("No order has this number and phone number.")]
    return render_template("orders/lookup.html", form=form)


# ---------------------------------------------------------------------------------------
# Reviews


@bp.post("/products/<slug>/reviews")
@login_required
def review_product(slug):
    product = db.session.scalar(db.select(Product).where(Product.slug == slug))
    if product is None:
        abort(404)
    form = ReviewForm()
    if not form.validate_on_submit():
        flash(_("Choose from 1 to 5 stars."), "error")
    else:
        try:
            reviews.add_review(signed_in_user(), product.id, form.rating.data, form.body.data)
        except Refusal as error:
            flash(error.problems[0], "error")
        else:
            flash(_("Thank you for your review."), "success")
    return redirect(url_for("catalog.product_detail", slug=slug) + "#reviews")
