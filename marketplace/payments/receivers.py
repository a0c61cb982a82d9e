"""What payments does when orders announce a move (`orders.signals`), connected at app start."""
from marketplace import unitofwork
from marketplace.orders import signals
from marketplace.orders.models import PaymentMethod
from marketplace.payments import card, ledger, vietqr


def credit_cash_on_delivery(shipment, order, **extra):
    """A delivered cash shipment is paid (the courier collected the money): credit its
    cooperative, in the delivery's own transaction, so the ledger never misses nor doubles it."""
    if order.payment_method == PaymentMethod.COD:
        ledger.credit_shipment(shipment, order.number)


def close_card_checkout(order, **extra):
    """The buyer cancelled an unpaid card or transfer order: once that is committed, its Stripe
    page or payOS link can no longer be paid."""
    if order.payment_method == PaymentMethod.CARD:
        unitofwork.after_commit(lambda: card.close_checkout(order))
    elif order.payment_method == PaymentMethod.VIETQR:
        unitofwork.after_commit(lambda: vietqr.close_link(order))


def connect():
    signals.shipment_delivered.connect(credit_cash_on_delivery)
    signals.order_cancelled.connect(close_card_checkout)
