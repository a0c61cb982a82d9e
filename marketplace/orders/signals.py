"""What the orders domain tells the others, without knowing who listens (blinker signals).

Receivers connect at app start (payments does, in `payments.receivers`). Each signal is sent
INSIDE the transaction of the move it announces, so that a receiver's writes (the ledger)
commit or roll back with it; a receiver that calls outside (Stripe, mail) registers that
with `marketplace.unitofwork.after_commit`.

Payment methods other than cash on delivery are offered through `payment_methods`, a small
registry that payments fills at app start, so that checkout can offer, check and start a card
payment without importing payments.
"""
from dataclasses import dataclass

from blinker import Namespace

from marketplace.orders.models import PaymentMethod

_signals = Namespace()

# sender: the shipment; order=its order (locked). A delivered cash shipment is paid now.
shipment_delivered = _signals.signal("shipment-delivered")
# sender: the order the buyer cancelled (locked), before it was awaiting payment or not.
order_cancelled = _signals.signal("order-cancelled")


@dataclass(frozen=True)
class PaymentMethodHooks:
    """What checkout needs of a payment method: whether it is offered now, why it cannot pay
    an amount (a sentence, or None), and the response that starts paying a placed order."""

    offered: callable
    refusal: callable
    start: callable


payment_methods = {}  # PaymentMethod -> PaymentMethodHooks


def register_payment_method(method, *, offered, refusal, start):
    payment_methods[PaymentMethod(method)] = PaymentMethodHooks(offered, refusal, start)


def offered_payment_methods():
    """The methods offered at checkout, cash on delivery first (always offered)."""
    return [PaymentMethod.COD] + [method for method, hooks in payment_methods.items() if hooks.offered()]


def payment_refusal(method, amount):
    """Why `method` cannot pay `amount` đồng (not offered, or outside its limits), or None."""
    hooks = payment_methods.get(PaymentMethod(method))
    return hooks.refusal(amount) if hooks is not None else None


def start_payment(order):
    """The response that sends the buyer of a placed order on to pay it, or None (nothing to pay now)."""
    hooks = payment_methods.get(order.payment_method)
    return hooks.start(order) if hooks is not None else None
