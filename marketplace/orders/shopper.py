"""The shopper's cart wherever it lives: in the session for guests, in the database for
members, merged into the member's at sign-in. Also the guest's access to orders they placed
or looked up in this session. Request-side glue for the views; the rules are in carts.py.

The guest cart is session["cart"] = {"<product id>": [quantity, price when added]}, and for a
booking also its first day ("YYYY-MM-DD") and nights (None for a tour). The
page cache serves cached catalogue pages only to sessions without such keys, so a guest with
a cart always sees the right count in the header.
"""
from datetime import date

from flask import g, request, session
from flask_login import user_logged_in

from marketplace.accounts.authz import signed_in_user
from marketplace.distributors.authz import buys_wholesale
from marketplace.orders import carts

SESSION_KEY = "cart"
ORDERS_KEY = "orders"  # order numbers this guest may open
MAX_REMEMBERED_ORDERS = 20


def _session_items(raw):
    items = {}
    for key, value in (raw or {}).items():
        try:
            product_id, quantity, price = int(key), int(value[0]), int(value[1])
            day = date.fromisoformat(value[2]) if len(value) > 2 else None
            nights = int(value[3]) if len(value) > 3 and value[3] is not None else None
        except (TypeError, ValueError, IndexError, KeyError):
            continue  # an old or altered cookie: drop the line
        if 0 < quantity <= carts.MAX_QUANTITY and price >= 0 and (nights is None or nights > 0):
            items[product_id] = carts.CartItem(product_id, quantity, price, day, nights)
    return items


def _store_session_items(items):
    if items:
        session[SESSION_KEY] = {
            str(i.product_id): [i.quantity, i.price_seen] + ([i.booking_date.isoformat(), i.nights] if i.booking_date else [])
            for i in items.values()
        }
    else:
        session.pop(SESSION_KEY, None)


def items():
    """{product_id: CartItem} of the current shopper."""
    member = signed_in_user()
    if member is not None:
        return carts.user_cart_items(member)
    return _session_items(session.get(SESSION_KEY))


def summary(cart_items=None):
    """The shopper's cart priced (`carts.summarise_cart`): wholesale breaks for staff of an
    approved distributor company."""
    return carts.summarise_cart(items() if cart_items is None else cart_items, buys_wholesale(signed_in_user()))


def save(changed):
    """Store these CartItems (new or changed lines)."""
    member = signed_in_user()
    if member is not None:
        carts.save_user_cart_items(member, changed)
        return
    held = _session_items(session.get(SESSION_KEY))
    held.update({item.product_id: item for item in changed})
    _store_session_items(held)


def remove(product_ids):
    member = signed_in_user()
    if member is not None:
        carts.remove_user_cart_items(member, product_ids)
        return
    held = _session_items(session.get(SESSION_KEY))
    for product_id in product_ids:
        held.pop(product_id, None)
    _store_session_items(held)


def units():
    """Units in the cart, for the header (one query for members, none for guests)."""
    member = signed_in_user()
    if member is not None:
        return carts.user_cart_units(member)
    return sum(item.quantity for item in _session_items(session.get(SESSION_KEY)).values())


def remember_order(number):
    numbers = [n for n in session.get(ORDERS_KEY, []) if n != number]
    session[ORDERS_KEY] = [number, *numbers][:MAX_REMEMBERED_ORDERS]


def may_open(order):
    """The member who placed it, or a guest who placed or looked it up in this session."""
    member = signed_in_user()
    if member is not None and order.user_id == member.id:
        return True
    return order.number in session.get(ORDERS_KEY, [])


def keep_guest_cart():
    """Before a POST (where signing in happens): keep the guest cart aside, because signing in
    starts a fresh session before `user_logged_in` is sent."""
    if request.method == "POST" and SESSION_KEY in session:
        g.guest_cart = session[SESSION_KEY]


@user_logged_in.connect
def _merge_at_sign_in(sender, user, **extra):
    raw = session.pop(SESSION_KEY, None) or g.pop("guest_cart", None)
    if raw:
        carts.merge_guest_cart(user, _session_items(raw))
