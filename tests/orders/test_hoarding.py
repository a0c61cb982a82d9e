"""Stock cannot be hoarded for free (issue 12, item 4): a cap of units of one product per
order (each cooperative's setting), placing orders limited per visitor address and per phone,
and cash-on-delivery orders their cooperative does not confirm in time give their stock back."""
import re
from datetime import timedelta

import pytest
import sqlalchemy as sa

from marketplace import clock
from marketplace.catalog.models import Product
from marketplace.extensions import db
from marketplace.orders import checkout, fulfilment
from marketplace.orders.errors import OrderRejected
from marketplace.orders.models import Order, PaymentMethod, Shipment, Status
from marketplace.orders.unconfirmed import release_unconfirmed
from marketplace.producers.models import Cooperative
from tests.conftest import make_test_app
from tests.factories import make_cooperative_staff, sign_in_as
from tests.orders.conftest import delivery, lines, place, token
from tests.orders.test_checkout import DETAILS, check_out, fill_cart, orders


def stock(product):
    return db.session.scalar(sa.select(Product.stock).where(Product.id == product.id))


# --- The cap of units per order ------------------------------------------------------------


def test_a_cart_refuses_more_than_the_cooperatives_cap_with_a_message(client, two_cooperatives):
    _, product_a, _, _ = two_cooperatives
    product_a.stock = 100
    db.session.commit()
    response = client.post("/cart/add", data={"product_id": product_a.id, "quantity": "21"})
    assert response.status_code == 302
    html = client.get("/cart?lang=en").get_data(as_text=True)
    assert "You can buy at most 20 of Durian coconut candy in one order." in html
    fill_cart(client, (product_a, 20))
    client.post("/cart/add", data={"product_id": product_a.id, "quantity": "1"})
    with client.session_transaction() as session:
        assert session["cart"][str(product_a.id)][0] == 20


def test_placing_more_than_the_cap_is_refused_and_a_lowered_cap_shows_in_the_cart(client, two_cooperatives):
    coop_a, product_a, _, _ = two_cooperatives
    fill_cart(client, (product_a, 5))
    coop_a.max_units_per_order = 3
    db.session.commit()
    assert "You can buy at most 3 of Durian coconut candy in one order." in client.get("/cart?lang=en").get_data(
        as_text=True)
    response = check_out(client)
    assert response.headers["Location"] == "/cart" and orders() == [] and stock(product_a) == 10
    with pytest.raises(OrderRejected, match="at most 3"):
        checkout.place_order(delivery(), lines((product_a, 4)), token())
    assert stock(product_a) == 10


def test_the_cap_is_a_setting_of_the_portals_shipping_form(client, two_cooperatives):
    coop_a, _, _, _ = two_cooperatives
    sign_in_as(client, make_cooperative_staff(coop_a, language="en"))
    db.session.commit()
    assert 'name="max_units_per_order"' in client.get("/portal/shipping?lang=en").get_data(as_text=True)
    data = {"shipping_fee_vnd": "30.000", "free_shipping_from_vnd": ""}
    for bad in ("0", "1000", "lots"):
        response = client.post("/portal/shipping?lang=en", data={**data, "max_units_per_order": bad})
        assert response.status_code == 200
        if bad != "lots":
            assert "Enter a number of units from 1 to 999." in response.get_data(as_text=True)
        db.session.expire_all()
        assert db.session.get(Cooperative, coop_a.id).max_units_per_order == 20
    client.post("/portal/shipping", data={**data, "max_units_per_order": "5"})
    db.session.expire_all()
    assert db.session.get(Cooperative, coop_a.id).max_units_per_order == 5


# --- Rate limits -------------------------------------------------------------------------------


@pytest.fixture
def limited(app, two_cooperatives):
    """An app with rate limiting on (the tests switch it off) and two orders per window."""
    limited = make_test_app(RATELIMIT_ENABLED=True, RATELIMIT_ORDERS="2/minute")
    return limited


def _order_once(app, product, address, phone):
    client = app.test_client()
    with client.session_transaction() as session:
        session["lang"] = "en"
    fill_cart(client, (product, 1))
    client.post("/checkout?lang=en", data={**DETAILS, "phone": phone}, environ_base={"REMOTE_ADDR": address})
    html = client.get("/checkout/review?lang=en").get_data(as_text=True)
    form = {"token": re.search(r'name="token" type="hidden" value="([^"]+)"', html).group(1),
            "payment_method": "cod", "line": re.findall(r'name="line" value="([^"]+)"', html)}
    return client.post("/checkout/place", data=form, environ_base={"REMOTE_ADDR": address}).status_code


def test_placing_orders_is_limited_per_address_and_per_phone(limited, two_cooperatives):
    _, product_a, _, _ = two_cooperatives
    # One address, new phones: the third order in the window is refused.
    assert [_order_once(limited, product_a, "10.1.0.1", f"09123400{n}1") for n in range(3)] == [302, 302, 429]
    # One phone (written two ways), new addresses: the same.
    assert [_order_once(limited, product_a, f"10.2.0.{n}", phone)
            for n, phone in enumerate(["0987 111 222", "+84987111222", "0987111222"])] == [302, 302, 429]
    assert _order_once(limited, product_a, "10.3.0.1", "0977000111") == 302  # somebody else
    assert len(orders()) == 5 and stock(product_a) == 5


# --- Unconfirmed cash-on-delivery orders -----------------------------------------------------


def _age(order, hours):
    db.session.execute(sa.update(Order).where(Order.id == order.id)
                       .values(placed_at=clock.utcnow() - timedelta(hours=hours)))
    db.session.commit()


def test_unconfirmed_cod_parts_past_the_deadline_give_their_stock_back_once(runner, two_cooperatives, outbox):
    coop_a, product_a, _, product_b = two_cooperatives
    old = place((product_a, 2), (product_b, 3))
    recent = place((product_a, 1))
    _age(old, 49)
    _age(recent, 47)
    part_b = next(s for s in old.shipments if s.cooperative_id != coop_a.id)
    fulfilment.confirm_shipment(part_b, None)  # cooperative B confirmed its part in time
    outbox.clear()

    result = runner.invoke(args=["orders", "release-unconfirmed"])
    assert result.exit_code == 0, result.output
    assert f"released: {old.number} (HTX Kẹo dừa Thanh Long)" in result.output and "Released 1" in result.output
    db.session.expire_all()
    statuses = dict(db.session.execute(sa.select(Shipment.cooperative_id, Shipment.status)
                                       .where(Shipment.order_id == old.id)).all())
    assert statuses == {coop_a.id: Status.CANCELLED, part_b.cooperative_id: Status.CONFIRMED}
    assert stock(product_a) == 10 - 1 and stock(product_b) == 10 - 3  # the old order's 2 came back
    mail, = outbox
    assert mail["To"] == "lan@example.vn" and "did not confirm the order within 48 hours" in mail.get_content()

    again = runner.invoke(args=["orders", "release-unconfirmed"])  # idempotent
    assert again.exit_code == 0 and "Released 0" in again.output
    assert stock(product_a) == 9 and len(outbox) == 1


def test_card_orders_and_confirmed_ones_are_left_alone(app, two_cooperatives, monkeypatch):
    _, product_a, _, _ = two_cooperatives
    monkeypatch.setitem(app.config, "COD_CONFIRM_HOURS", 1)
    card = checkout.place_order(delivery(), lines((product_a, 1)), token(), payment_method=PaymentMethod.CARD)
    confirmed = place((product_a, 1))
    fulfilment.confirm_shipment(confirmed.shipments[0], None)
    _age(card, 5)
    _age(confirmed, 5)
    assert release_unconfirmed() == {"released": [], "failed": []}
    assert stock(product_a) == 8


def test_a_part_confirmed_while_the_command_runs_is_not_cancelled(app, two_cooperatives, monkeypatch):
    _, product_a, _, _ = two_cooperatives
    order = place((product_a, 1))
    _age(order, 49)
    read = fulfilment.get_shipment

    def confirmed_meanwhile(shipment_id):
        shipment = read(shipment_id)
        fulfilment.confirm_shipment(shipment, None)
        return shipment

    monkeypatch.setattr(fulfilment, "get_shipment", confirmed_meanwhile)
    assert release_unconfirmed() == {"released": [], "failed": []}
    db.session.expire_all()
    assert db.session.get(Shipment, order.shipments[0].id).status == Status.CONFIRMED and stock(product_a) == 9
