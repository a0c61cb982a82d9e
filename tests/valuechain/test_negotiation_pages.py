"""The negotiation and purchase-order pages through the test client: each side's forms, bad
input answered next to the field, another company's or cooperative's purchase order a 404,
and list pages in a constant number of queries."""
from datetime import timedelta

import pytest

from marketplace import clock
from marketplace.extensions import db
from marketplace.valuechain import offers, purchasing
from marketplace.valuechain.models import DeliveryStatus, OfferStatus, PurchaseOrder
from tests.factories import (
    make_certificate,
    make_cooperative,
    make_cooperative_staff,
    make_distributor,
    make_distributor_staff,
    make_product,
    sign_in_as,
)
from tests.valuechain.helpers import make_partnership, make_request

TODAY = clock.today()


def client_of(app, user=None):
    client = app.test_client()
    if user is not None:
        sign_in_as(client, user)
    return client


@pytest.fixture
def world(app):
    coop = make_cooperative(name="HTX Kẹo dừa A")
    candy = make_product(coop, name_vi="Kẹo dừa sầu riêng", weight_g=400, price_vnd=60000)
    make_certificate(candy, stars=5)
    company = make_distributor(name="Công ty A")
    request = make_request(company, title="Kẹo dừa hộp 400 g")
    seller, buyer = make_cooperative_staff(coop), make_distributor_staff(company)
    details = offers.OfferDetails(product_ids=[candy.id], unit_price=180000, quantity_per_period=1500,
                                  lead_time_days=10, valid_until=TODAY + timedelta(days=30), min_order_quantity=200)
    offer = offers.submit_offer(request, coop, seller, details, TODAY)
    other_coop = make_cooperative(name="HTX B")
    other_company = make_distributor(name="Công ty B")
    w = dict(coop=coop, company=company, request=request, offer=offer, seller=seller, buyer=buyer,
             other_seller=make_cooperative_staff(other_coop), other_buyer=make_distributor_staff(other_company))
    db.session.commit()
    return w


def counter_form(**changes):
    form = {"revision": "1", "unit_price": "160.000", "quantity_per_period": "1.500", "min_order_quantity": "300",
            "delivery_term": "warehouse", "lead_time_days": "7",
            "valid_until": (TODAY + timedelta(days=20)).isoformat(), "message": "Giá này được không?"}
    form.update(changes)
    return form


def test_the_thread_shows_terms_and_the_counter_form_to_the_side_whose_turn_it_is(app, world):
    path = f"/sourcing/offers/{world['offer'].id}?lang=en"
    buyer_page = client_of(app, world["buyer"]).get(path).get_data(as_text=True)
    assert 'id="counter-form"' in buyer_page and 'id="accept-terms"' in buyer_page and 'id="sample-form"' in buyer_page
    assert "Revision 1" in buyer_page and "Minimum order" in buyer_page
    seller_page = client_of(app, world["seller"]).get(path).get_data(as_text=True)
    assert 'id="counter-form"' not in seller_page and 'id="turn-note"' in seller_page


def test_two_rounds_then_the_cooperative_accepts(app, world):
    offer_id = world["offer"].id
    buyer, seller = client_of(app, world["buyer"]), client_of(app, world["seller"])
    response = buyer.post(f"/sourcing/offers/{offer_id}/counter", data=counter_form())
    assert response.status_code == 302
    response = seller.post(f"/sourcing/offers/{offer_id}/counter",
                           data=counter_form(revision="2", unit_price="170.000", tier1_quantity="1.000",
                                             tier1_price="165.000"))
    assert response.status_code == 302
    response = buyer.post(f"/sourcing/offers/{offer_id}/counter", data=counter_form(revision="3", unit_price="168.000"))
    assert response.status_code == 302
    response = seller.post(f"/sourcing/offers/{offer_id}/accept-terms", data={"revision": "4"})
    assert response.status_code == 302
    db.session.expire_all()
    offer = offers.get_offer(offer_id)
    assert offer.status == OfferStatus.ACCEPTED and offer.unit_price == 168000
    page = seller.get(f"/sourcing/offers/{offer_id}?lang=en").get_data(as_text=True)
    assert all(f'id="revision-{n}"' in page for n in (1, 2, 3, 4))
    assert "from 1 t: ₫165,000" in page  # revision 3's price tier, still readable


def test_bad_counter_input_is_shown_next_to_the_field(app, world):
    page = client_of(app, world["buyer"]).post(
        f"/sourcing/offers/{world['offer'].id}/counter?lang=en", data=counter_form(min_order_quantity="99.999"))
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert "The minimum order cannot exceed the quantity per period." in text and 'aria-invalid="true"' in text
    assert offers.get_offer(world["offer"].id).revision == 1


def test_a_stale_accept_is_refused_with_a_message(app, world):
    buyer = client_of(app, world["buyer"])
    client_of(app, world["seller"])  # the cooperative changes its offer meanwhile:
    offers.update_offer(world["offer"], offers.OfferDetails(
        product_ids=[p.id for p in world["offer"].products], unit_price=190000, quantity_per_period=1500,
        lead_time_days=10, valid_until=TODAY + timedelta(days=30)), TODAY)
    response = buyer.post(f"/sourcing/offers/{world['offer'].id}/accept?lang=en", data={"revision": "1"},
                          follow_redirects=True)
    assert "changed the terms meanwhile" in response.get_data(as_text=True)
    assert offers.get_offer(world["offer"].id).status == OfferStatus.SUBMITTED


def test_outsiders_get_404_on_the_negotiation(app, world):
    offer_id = world["offer"].id
    for user in (world["other_seller"], world["other_buyer"]):
        client = client_of(app, user)
        assert client.get(f"/sourcing/offers/{offer_id}").status_code == 404
        assert client.post(f"/sourcing/offers/{offer_id}/counter", data=counter_form()).status_code == 404
    assert client_of(app, world["other_seller"]).post(
        f"/sourcing/offers/{offer_id}/accept-terms", data={"revision": "1"}).status_code == 404
    assert client_of(app, world["other_buyer"]).post(
        f"/sourcing/offers/{offer_id}/samples", data={"sample_quantity": "5", "sample_price": "1"}).status_code == 404
    assert offers.get_offer(offer_id).revision == 1


def test_samples_from_the_thread(app, world):
    buyer = client_of(app, world["buyer"])
    bad = buyer.post(f"/sourcing/offers/{world['offer'].id}/samples?lang=en",
                     data={"sample_quantity": "500", "sample_price": "90.000"})
    assert bad.status_code == 200 and "Samples are a small order" in bad.get_data(as_text=True)
    response = buyer.post(f"/sourcing/offers/{world['offer'].id}/samples",
                          data={"sample_quantity": "5", "sample_price": "90.000"})
    assert response.status_code == 302
    order = db.session.scalar(db.select(PurchaseOrder))
    assert order.is_sample and order.unit_price == 90000


# Purchase orders --------------------------------------------------------------------------


@pytest.fixture
def order(world):
    offers.accept_offer(world["offer"], world["buyer"], TODAY)
    order = db.session.scalar(db.select(PurchaseOrder))
    db.session.commit()
    return order


def test_both_sides_see_the_purchase_order(app, world, order):
    for user in (world["seller"], world["buyer"]):
        client = client_of(app, user)
        listing = client.get("/value-chain/purchase-orders?lang=en").get_data(as_text=True)
        assert f'id="purchase-order-{order.id}"' in listing and "0 of 12 deliveries received" in listing
        page = client.get(f"/value-chain/purchase-orders/{order.id}?lang=en")
        assert page.status_code == 200 and "Delivery 12" in page.get_data(as_text=True)


def test_another_companys_purchase_order_is_a_404(app, world, order):
    first = order.deliveries[0].id
    for user in (world["other_seller"], world["other_buyer"]):
        client = client_of(app, user)
        assert client.get(f"/value-chain/purchase-orders/{order.id}").status_code == 404
        assert f"purchase-order-{order.id}" not in client.get("/value-chain/purchase-orders").get_data(as_text=True)
    assert client_of(app, world["other_seller"]).post(
        f"/value-chain/purchase-orders/{order.id}/deliveries/{first}/shipped").status_code == 404
    assert client_of(app, world["other_buyer"]).post(
        f"/value-chain/purchase-orders/{order.id}/deliveries/{first}/received",
        data={"delivery1-quantity_received": "1"}).status_code == 404
    # each side only its own button
    assert client_of(app, world["buyer"]).post(
        f"/value-chain/purchase-orders/{order.id}/deliveries/{first}/shipped").status_code == 403
    assert client_of(app, world["seller"]).post(
        f"/value-chain/purchase-orders/{order.id}/deliveries/{first}/received").status_code == 403
    assert client_of(app).get(f"/value-chain/purchase-orders/{order.id}").status_code in (302, 401, 403)
    assert order.deliveries[0].status == DeliveryStatus.SCHEDULED


def test_shipping_and_receiving_a_delivery(app, world, order):
    first = order.deliveries[0]
    seller, buyer = client_of(app, world["seller"]), client_of(app, world["buyer"])
    assert seller.post(f"/value-chain/purchase-orders/{order.id}/deliveries/{first.id}/shipped").status_code == 302
    bad = buyer.post(f"/value-chain/purchase-orders/{order.id}/deliveries/{first.id}/received?lang=en",
                     data={"delivery1-quantity_received": "lots"})
    assert bad.status_code == 200 and "Enter a whole number" in bad.get_data(as_text=True)
    ok = buyer.post(f"/value-chain/purchase-orders/{order.id}/deliveries/{first.id}/received",
                    data={"delivery1-quantity_received": "1.500"})
    assert ok.status_code == 302
    db.session.expire_all()
    delivery = db.session.get(type(first), first.id)
    assert delivery.status == DeliveryStatus.RECEIVED and delivery.quantity_received == 1500
    page = buyer.get(f"/value-chain/purchase-orders/{order.id}?lang=en").get_data(as_text=True)
    assert "on time and complete" in page


def test_renewing_from_the_partnerships_page(app, world, order):
    partnership = order.partnership
    response = client_of(app, world["buyer"]).post(f"/value-chain/partnerships/{partnership.id}/renew")
    assert response.status_code == 302 and "/value-chain/purchase-orders/" in response.location
    assert len(purchasing.purchase_orders_of(company=world["company"])) == 2
    assert client_of(app, world["other_buyer"]).post(
        f"/value-chain/partnerships/{partnership.id}/renew").status_code == 404


def test_purchase_order_lists_need_a_constant_number_of_queries(app, world, order, count_queries):
    def measure(user):
        client = client_of(app, user)
        client.get("/value-chain/purchase-orders")  # warm the session and the user
        with count_queries() as queries:
            assert client.get("/value-chain/purchase-orders").status_code == 200
        return len(queries)

    few = measure(world["buyer"]), measure(world["seller"])
    for _ in range(5):
        partnership = make_partnership(world["company"], make_product(world["coop"]))
        purchasing.renew(partnership, None, TODAY)
    assert (measure(world["buyer"]), measure(world["seller"])) == few


# The request's kind and delivery ward, and the score's explanation -----------------------


def test_a_request_names_its_kind_and_ward_and_shows_each_factors_points(app, world):
    from tests.valuechain.test_pages import request_form

    client = client_of(app, world["buyer"])
    response = client.post("/sourcing/new", data=request_form(product_kind="candied_fruit",
                                                               delivery_ward_code="26740"))
    assert response.status_code == 302
    request = db.session.scalars(db.select(type(world["request"])).order_by(db.text("id DESC"))).first()
    assert (request.product_kind, request.delivery_ward_code, request.delivery_ward_name) == (
        "candied_fruit", 26740, "Phường Sài Gòn")
    bad = client.post("/sourcing/new?lang=en", data=request_form(delivery_ward_code="70"))  # a Hà Nội ward
    assert bad.status_code == 200 and "Choose from the options." in bad.get_data(as_text=True)
    page = client.get(f"/sourcing/{world['request'].id}?lang=en").get_data(as_text=True)
    assert "How the score adds up" in page and "Product kind: 35/35" in page
