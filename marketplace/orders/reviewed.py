"""The order placed is the one the shopper reviewed: the lines posted by the review page's
form must be this cart's lines (each product once, at the cart's quantity). A form from an
older review (the cart changed in another tab) or altered lines place nothing: the review
page is shown again with the cart as it is now. The prices posted are those the page showed;
place_order refuses a line whose price is no longer the product's."""
from flask_babel import gettext as _

from marketplace.orders.errors import OrderRejected


def check(lines, items, not_for_sale=()):
    """OrderRejected unless the LineRequests `lines` are exactly the cart `items`
    ({product_id: CartItem}) by product, quantity and booking, so that what is placed — and what a
    card is asked to pay — is what the review page listed. Products of the cart no longer for
    sale (`not_for_sale`, ids) may be missing: the review page does not list them."""
    posted = {}
    for line in lines:
        if line.product_id in posted:
            raise _changed()  # the review page lists each product once
        posted[line.product_id] = (line.quantity, line.booking_date, line.nights)
    listed = {product_id: (item.quantity, item.booking_date, item.nights) for product_id, item in items.items()
              if product_id in posted or product_id not in not_for_sale}
    if posted != listed:
        raise _changed()


def _changed():
    return OrderRejected(
        _("Your cart changed since this page was shown (perhaps in another tab). Check your order below and place it again.")
    )
