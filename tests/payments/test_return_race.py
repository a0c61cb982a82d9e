"""The card return page and the webhook's first delivery at the same moment: on SQLite (no
row locks) the page can read the order unpaid, then find it paid when it moves it. The page
shows the paid order instead of a 500 (issue 12, item 11)."""
import pytest
import sqlalchemy as sa

from marketplace.extensions import db
from marketplace.orders import fulfilment
from marketplace.orders.models import Status
from marketplace.payments import card
from tests.conftest import DATABASE_URL
from tests.payments.conftest import entries
from tests.payments.test_checkout import _card_checkout
from tests.payments.test_webhooks import reload_one


@pytest.mark.skipif(sa.engine.make_url(DATABASE_URL).get_backend_name() != "sqlite",
                    reason="PostgreSQL's row lock makes the webhook wait for the page: no race to show")
def test_the_return_page_shows_the_order_the_webhook_paid_between_its_read_and_its_move(
        app, client, fake_stripe, shop, monkeypatch):
    _card_checkout(client, shop)
    order = reload_one()
    paid_session = fake_stripe.pay("cs_test_1")
    read_locked_order = fulfilment.locked_order
    webhook_done = []

    def read_then_let_the_webhook_in(order_id):
        locked = read_locked_order(order_id)  # the page has read the order: awaiting payment
        if not webhook_done:
            webhook_done.append(True)
            with app.app_context(), app.test_request_context("/?lang=en"):  # another worker, its own session
                assert card.mark_paid(paid_session).outcome == "paid"
        return locked

    monkeypatch.setattr(fulfilment, "locked_order", read_then_let_the_webhook_in)
    response = client.get(f"/orders/{order.number}/paid?session_id=cs_test_1&lang=en")
    assert webhook_done and response.status_code == 200
    assert "Thank you! Your payment was received." in response.get_data(as_text=True)
    order = reload_one(order.number)
    assert order.status == Status.PAID and {s.status for s in order.shipments} == {Status.PLACED}
    assert len(entries()) == 3  # credited once
    db.session.rollback()
