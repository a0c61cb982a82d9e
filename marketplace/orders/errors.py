"""The refusals of the orders domain (every one a `marketplace.errors.Refusal`)."""
from marketplace.errors import Refusal


class OrderError(Refusal):
    """A refusal to show the shopper or the cooperative: `problems` are translated sentences,
    one per line or field when there are several."""

    def __init__(self, *problems, field=None):
        super().__init__(problems[0], field=field, problems=problems)


class CartError(OrderError):
    pass


class NeedsDate(CartError):
    """A service (OCOP group 6) is booked for a date on its page, not added like goods."""


class OrderRejected(OrderError):
    """The order was not placed (nothing was written); one problem per line or field."""
