"""The distributors' API for negotiating and purchasing: revisions, counters, samples, purchase
orders and receipts, with the value chain's rules reached through its services."""
from datetime import timedelta

import pytest

from marketplace import clock
from marketplace.extensions import db
from marketplace.valuechain import offers
from marketplace.valuechain.models import (
    DeliveryStatus,
    Offer,
    OfferStatus,
    PurchaseOrder,
    PurchaseOrderStatus,
)
from tests.api.distributor_world import bearer, make_world
from tests.api.test_distributor_api import _error


@pytest.fixture
def world(app):
    return make_world()


def terms(seen, **changes):
    body = {
        "seen_revision": seen,
        "unit_price": 160000,
        "quantity_per_period": 1500,
        "min_order_quantity": 300,
        "price_tiers": [{"from_quantity": 800, "unit_price": 155000}, {"from_quantity": 1200, "unit_price": 150000}],
        "delivery_term": "FOB",
        "lead_time_days": 14,
        "valid_until": (clock.today() + timedelta(days=30)).isoformat(),
        "message": "Giá 160.000 ₫ nếu đóng hộp 400 g.",
    }
    body.update(changes)
    return body


def test_counters_are_numbered_and_earlier_revisions_stay(client, world):
    headers = bearer(world.sourcing_token)
    url = f"/api/v1/offers/{world.offer.id}"
    countered = client.post(f"{url}/counter", json=terms(1), headers=headers)
    assert countered.status_code == 200, countered.get_json()
    offer = countered.get_json()
    assert offer["revision"] == 2 and not offer["your_turn"] and offer["unit_price"] == 160000
    assert offer["price_tiers"][0] == {"from_quantity": 800, "unit_price": 155000}
    assert offer["delivery_term"] == "FOB" and offer["min_order_quantity"] == 300

    # Not our turn: the producer answers first.
    _error(client.post(f"{url}/counter", json=terms(2), headers=headers), 422, "refused")
    # The producer counters back (through the same service, as its portal does).
    offers.counter(db.session.get(Offer, world.offer.id), None, offers.Terms(
        unit_price=170000, quantity_per_period=1500, lead_time_days=10,
        valid_until=clock.today() + timedelta(days=20)), by_distributor=False, seen_revision=2)

    revisions = client.get(f"{url}/revisions", headers=bearer(world.read_token)).get_json()["items"]
    assert [(r["number"], r["by_distributor"], r["unit_price"]) for r in revisions] == [
        (1, False, 180000), (2, True, 160000), (3, False, 170000)]
    assert revisions[1]["price_tiers"] == [{"from_quantity": 800, "unit_price": 155000},
                                           {"from_quantity": 1200, "unit_price": 150000}]
    thread = client.get(url, headers=headers).get_json()
    assert thread["offer"]["revision"] == 3 and thread["offer"]["your_turn"]


def test_a_stale_counter_or_accept_is_refused(client, world):
    headers = bearer(world.sourcing_token)
    url = f"/api/v1/offers/{world.offer.id}"
    offers.update_offer(db.session.get(Offer, world.offer.id), offers.OfferDetails(
        product_ids=[p.id for p in world.offer.products], unit_price=175000, quantity_per_period=1500,
        lead_time_days=10, valid_until=clock.today() + timedelta(days=20)), seen_revision=1)
    refused = _error(client.post(f"{url}/counter?lang=en", json=terms(1), headers=headers), 422, "refused")
    assert "read revision 2" in refused["message"]
    _error(client.post(f"{url}/accept", json={"seen_revision": 1}, headers=headers), 422, "refused")
    assert db.session.get(Offer, world.offer.id).revision == 2
    accepted = client.post(f"{url}/accept", json={"seen_revision": 2}, headers=headers)
    assert accepted.status_code == 201 and accepted.get_json()["unit_price"] == 175000


def test_an_expired_offer_cannot_be_accepted_but_can_be_countered(client, world):
    headers = bearer(world.sourcing_token)
    offer = db.session.get(Offer, world.offer.id)
    offer.valid_until = clock.today() - timedelta(days=1)
    db.session.commit()
    url = f"/api/v1/offers/{world.offer.id}"
    refused = _error(client.post(f"{url}/accept?lang=en", json={}, headers=headers), 422, "refused")
    assert "expired" in refused["message"]
    assert db.session.get(Offer, world.offer.id).status == OfferStatus.SUBMITTED
    assert client.post(f"{url}/counter", json=terms(1), headers=headers).status_code == 200


@pytest.mark.parametrize("changes, code, field", [
    ({"unit_price": 0}, "invalid", "unit_price"),  # types: the schema
    ({"price_tiers": [{"from_quantity": 10}]}, "invalid", "price_tiers.0.unit_price"),
    ({"delivery_term": "XYZ"}, "invalid", "delivery_term"),
    ({"seen_revision": None}, "invalid", "seen_revision"),
    ({"valid_until": "2020-01-01"}, "refused", "valid_until"),  # rules: the service
    ({"min_order_quantity": 5000}, "refused", "min_order_quantity"),
    ({"price_tiers": [{"from_quantity": 800, "unit_price": 190000}]}, "refused", "price_tiers"),
])
def test_bad_counters_name_their_fields(client, world, changes, code, field):
    response = client.post(f"/api/v1/offers/{world.offer.id}/counter", json=terms(1, **changes),
                           headers=bearer(world.sourcing_token))
    assert field in _error(response, 422, code)["fields"]
    assert db.session.get(Offer, world.offer.id).revision == 1


def test_samples_are_a_small_purchase_order(client, world):
    headers = bearer(world.sourcing_token)
    url = f"/api/v1/offers/{world.offer.id}/samples"
    too_many = _error(client.post(url, json={"quantity": 1500, "unit_price": 0}, headers=headers), 422, "refused")
    assert "quantity" in too_many["fields"]
    asked = client.post(url, json={"quantity": 5, "unit_price": 90000}, headers=headers)
    assert asked.status_code == 201, asked.get_json()
    order = asked.get_json()
    assert order["is_sample"] and order["unit_price"] == 90000 and order["offer_id"] == world.offer.id
    assert [(d["number"], d["quantity"], d["status"]) for d in order["deliveries"]] == [(1, 5, "scheduled")]
    assert db.session.get(PurchaseOrder, order["id"]).distributor_id == world.company.id


def test_purchase_orders_are_listed_by_page_and_received(client, world):
    headers = bearer(world.sourcing_token)
    client.post(f"/api/v1/offers/{world.offer.id}/samples", json={"quantity": 5, "unit_price": 0}, headers=headers)
    first = client.get("/api/v1/purchase-orders?per_page=1", headers=bearer(world.read_token)).get_json()
    assert first["total"] == 2 and first["page"] == 1 and len(first["items"]) == 1 and first["items"][0]["is_sample"]
    second = client.get("/api/v1/purchase-orders?per_page=1&page=2", headers=headers).get_json()
    assert [o["id"] for o in second["items"]] == [world.order.id]
    assert len(second["items"][0]["deliveries"]) == 12  # monthly, a year
    _error(client.get("/api/v1/purchase-orders?page=0", headers=headers), 400, "bad_request")

    url = f"/api/v1/purchase-orders/{world.order.id}"
    received = client.post(f"{url}/deliveries/1/receive", json={"quantity_received": 990}, headers=headers)
    assert received.status_code == 200, received.get_json()
    delivery = received.get_json()["deliveries"][0]
    assert delivery["status"] == "received" and delivery["quantity_received"] == 990
    assert delivery["received_on"] == clock.today().isoformat() and received.get_json()["status"] == "open"
    # The state machine refuses a second receipt of the same delivery.
    _error(client.post(f"{url}/deliveries/1/receive", json={"quantity_received": 1}, headers=headers), 422, "refused")
    _error(client.post(f"{url}/deliveries/13/receive", json={"quantity_received": 1}, headers=headers), 404,
           "not_found")
    _error(client.post(f"{url}/deliveries/2/receive", json={"quantity_received": -1}, headers=headers), 422,
           "invalid")
    assert client.get(url, headers=headers).get_json()["deliveries"][0]["status"] == DeliveryStatus.RECEIVED


def test_the_last_delivery_received_completes_the_order(client, world):
    headers = bearer(world.sourcing_token)
    order = client.post(f"/api/v1/offers/{world.offer.id}/samples", json={"quantity": 5, "unit_price": 0},
                        headers=headers).get_json()
    done = client.post(f"/api/v1/purchase-orders/{order['id']}/deliveries/1/receive", json={"quantity_received": 5},
                       headers=headers).get_json()
    assert done["status"] == PurchaseOrderStatus.COMPLETED


def test_a_read_key_cannot_negotiate_or_receive(client, world):
    headers = bearer(world.read_token)
    for path, body in [
        (f"/api/v1/offers/{world.offer.id}/counter", terms(1)),
        (f"/api/v1/offers/{world.offer.id}/samples", {"quantity": 5, "unit_price": 0}),
        (f"/api/v1/purchase-orders/{world.order.id}/deliveries/1/receive", {"quantity_received": 1}),
    ]:
        _error(client.post(path, json=body, headers=headers), 403, "insufficient_scope")
    assert db.session.get(Offer, world.offer.id).revision == 1
    assert db.session.get(PurchaseOrder, world.order.id).deliveries[0].status == DeliveryStatus.SCHEDULED
    assert client.get(f"/api/v1/offers/{world.offer.id}/revisions", headers=headers).status_code == 200
    assert client.get("/api/v1/purchase-orders", headers=headers).status_code == 200


def test_another_companys_offers_and_orders_are_404(client, world):
    headers = bearer(world.sourcing_token)
    for method, path, body in [
        ("get", f"/api/v1/offers/{world.others_offer.id}/revisions", None),
        ("post", f"/api/v1/offers/{world.others_offer.id}/counter", terms(1)),
        ("post", f"/api/v1/offers/{world.others_offer.id}/samples", {"quantity": 5, "unit_price": 0}),
        ("get", f"/api/v1/purchase-orders/{world.others_order.id}", None),
        ("post", f"/api/v1/purchase-orders/{world.others_order.id}/deliveries/1/receive", {"quantity_received": 1}),
        ("get", "/api/v1/purchase-orders/999999", None),
    ]:
        _error(getattr(client, method)(path, json=body, headers=headers), 404, "not_found")
    listed = client.get("/api/v1/purchase-orders", headers=headers).get_json()["items"]
    assert [o["id"] for o in listed] == [world.order.id]
    assert db.session.get(Offer, world.others_offer.id).revision == 1
    assert db.session.get(PurchaseOrder, world.others_order.id).deliveries[0].status == DeliveryStatus.SCHEDULED


def test_the_purchase_order_list_costs_the_same_queries_however_many_orders(client, world, count_queries):
    headers = bearer(world.read_token)

    def queries():
        with count_queries() as seen:
            assert client.get("/api/v1/purchase-orders", headers=headers).status_code == 200
        return len(seen)

    queries()  # the first request of a key also records its use
    one = queries()
    for _ in range(3):
        offers.request_samples(db.session.get(Offer, world.offer.id), None, 5, 0)
    assert queries() == one


def test_the_document_and_its_page_show_the_new_endpoints(client, world):
    document = client.get("/api/v1/openapi.json").get_json()
    listing = document["paths"]["/api/v1/purchase-orders"]["get"]
    assert [(p["in"], p["name"]) for p in listing["parameters"]] == [("query", "page"), ("query", "per_page")]
    assert "400" in listing["responses"]
    assert document["paths"]["/api/v1/offers/{offer_id}/counter"]["post"]["x-scope"] == "sourcing"
    html = client.get("/api/v1/docs?lang=en").get_data(as_text=True)
    assert "Query parameters: <code>page</code> (integer, default 1)" in html
    assert "POST /api/v1/purchase-orders/{order_id}/deliveries/{number}/receive" in html
