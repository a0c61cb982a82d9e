"""Booking through the pages: the product page's form, the cart, checkout with bookings only
(no address) and mixed with goods, the portal's confirmation and its capacity page."""
import csv
import io
import re

import sqlalchemy as sa

from marketplace import clock
from marketplace.bookings import services as bookings
from marketplace.extensions import db
from marketplace.orders.models import Order, Status
from tests.bookings.conftest import in_days
from tests.factories import make_cooperative_staff, sign_in_as
from tests.orders.test_checkout import DETAILS, review_form

CONTACT = {"name": "Trần Văn Minh", "phone": "0987 654 321", "email": "minh@example.vn"}


def book(client, product, day, places="2", nights=None):
    data = {"product_id": product.id, "booking_date": day.isoformat(), "places": places}
    if nights is not None:
        data["nights"] = nights
    return client.post("/cart/add", data=data, headers={"Referer": f"http://localhost/products/{product.slug}"})


def place(client, details):
    client.post("/checkout?lang=en", data=details)
    _, token, lines = review_form(client)
    return client.post("/checkout/place", data={"token": token, "payment_method": "cod", "line": lines})


def test_the_product_page_of_a_homestay_asks_for_a_date_nights_and_rooms(client, services):
    _, homestay, tour, candy = services
    html = client.get(f"/products/{homestay.slug}?lang=en").get_data(as_text=True)
    assert 'name="booking_date"' in html and 'name="nights"' in html and "Rooms" in html and "In stock" not in html
    html = client.get(f"/products/{tour.slug}?lang=en").get_data(as_text=True)
    assert 'name="booking_date"' in html and 'name="nights"' not in html and "Guests" in html
    assert 'name="booking_date"' not in client.get(f"/products/{candy.slug}?lang=en").get_data(as_text=True)


def test_the_cart_shows_the_booking_without_shipping(client, services):
    _, homestay, _, _ = services
    book(client, homestay, in_days(20), places="1", nights="2")
    html = client.get("/cart?lang=en").get_data(as_text=True)
    assert "Bookings with HTX Du lịch Thới Thuận" in html and "1 room · 2 nights" in html
    assert "None: a booking" in html and "₫900,000" in html and 'name="quantity"' not in html


def test_a_past_date_is_refused_with_a_message(client, services):
    _, _, tour, _ = services
    book(client, tour, in_days(-1))
    html = client.get(f"/products/{tour.slug}?lang=en").get_data(as_text=True)
    assert "is in the past: choose a date from today on." in html
    assert "Your cart is empty." in client.get("/cart?lang=en").get_data(as_text=True)


def test_a_full_date_suggests_the_next_free_dates(client, services):
    _, _, tour, _ = services
    bookings.set_day(tour, in_days(9).isoformat(), "0")  # closed that day
    book(client, tour, in_days(9), places="2")
    html = client.get(f"/products/{tour.slug}?lang=en").get_data(as_text=True)
    assert "Firefly tour is fully booked on" in html and "Free dates:" in html
    book(client, tour, in_days(10), places="6")  # more than any day takes
    assert "no later date has room" in client.get(f"/products/{tour.slug}?lang=en").get_data(as_text=True)


def test_add_to_cart_on_a_service_card_leads_to_its_page(client, services):
    _, homestay, _, _ = services
    response = client.post("/cart/add", data={"product_id": homestay.id, "quantity": "1"})
    assert response.headers["Location"] == f"/products/{homestay.slug}"


def test_checkout_of_bookings_only_asks_for_no_address(client, services, outbox):
    _, _, tour, _ = services
    book(client, tour, in_days(12), places="3")
    html = client.get("/checkout?lang=en").get_data(as_text=True)
    assert 'name="province_code"' not in html and 'name="street"' not in html and "no address is needed" in html
    response = place(client, CONTACT)
    assert response.status_code == 302, response.get_data(as_text=True)
    order = db.session.scalar(sa.select(Order))
    assert order.total_vnd == 600000 and order.shipping_total_vnd == 0 and order.province_code is None
    page = client.get(f"/orders/{order.number}?lang=en").get_data(as_text=True)
    assert "3 guests" in page and "Booking" in page
    assert any("3 guests" in message.get_body().get_content() for message in outbox)


def test_mixed_checkout_keeps_the_goods_fee_and_address(client, services):
    _, homestay, _, candy = services
    client.post("/cart/add", data={"product_id": candy.id, "quantity": "2"})
    book(client, homestay, in_days(30), places="1", nights="1")
    assert 'name="street"' in client.get("/checkout?lang=en").get_data(as_text=True)
    assert place(client, DETAILS).status_code == 302
    order = db.session.scalar(sa.select(Order))
    assert order.shipping_total_vnd == 30000 and order.total_vnd == 170000 + 30000 + 450000
    assert sorted(s.is_booking for s in order.shipments) == [False, True]


def test_the_cooperative_confirms_the_booking_and_it_takes_place(client, services):
    coop, _, tour, _ = services
    book(client, tour, in_days(15), places="2")
    place(client, CONTACT)
    shipment = db.session.scalar(sa.select(Order)).shipments[0]
    sign_in_as(client, make_cooperative_staff(coop))
    db.session.commit()
    html = client.get(f"/portal/orders/{shipment.id}?lang=en").get_data(as_text=True)
    assert "Confirm the booking" in html and "2 guests" in html and "Booked by" in html
    client.post(f"/portal/orders/{shipment.id}/confirm")
    html = client.get(f"/portal/orders/{shipment.id}?lang=en").get_data(as_text=True)
    assert "Mark as taken place" in html and 'id="ship-form"' not in html
    client.post(f"/portal/orders/{shipment.id}/deliver")
    db.session.expire_all()
    assert db.session.get(type(shipment), shipment.id).status == Status.DELIVERED


def test_the_portal_sets_the_capacity_and_closes_a_date(client, services):
    coop, homestay, _, _ = services
    sign_in_as(client, make_cooperative_staff(coop))
    db.session.commit()
    assert "Capacity on an ordinary day" in client.get(f"/portal/products/{homestay.id}/bookings?lang=en").get_data(as_text=True)
    client.post(f"/portal/products/{homestay.id}/bookings/terms", data={"kind": "stay", "daily_capacity": "4"})
    client.post(f"/portal/products/{homestay.id}/bookings/day", data={"day": in_days(3).isoformat(), "capacity": "0"})
    html = client.get(f"/portal/products/{homestay.id}/bookings?lang=en").get_data(as_text=True)
    assert 'value="4"' in html and "Closed" in html
    response = client.post(f"/portal/products/{homestay.id}/bookings/terms", data={"kind": "stay", "daily_capacity": "x"})
    assert response.status_code == 302
    assert "Enter a capacity from 0" in client.get(f"/portal/products/{homestay.id}/bookings?lang=en").get_data(as_text=True)
    assert re.search(r"Homestay|homestay", client.get(f"/portal/products/{homestay.id}?lang=en").get_data(as_text=True))


def test_the_cooperatives_export_has_the_booking_date_and_nights(client, services):
    coop, homestay, _, _ = services
    arrival = in_days(20)
    book(client, homestay, arrival, places="1", nights="2")
    place(client, CONTACT)
    sign_in_as(client, make_cooperative_staff(coop))
    db.session.commit()
    today = clock.today()
    response = client.get(f"/portal/orders/export?start={today:%Y-%m-%d}&end={today:%Y-%m-%d}")
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    row = dict(zip(rows[0], rows[1]))
    assert (row["product"], row["quantity"], row["booking_date"], row["nights"]) == (
        "Homestay vườn dừa", "2", arrival.isoformat(), "2")
    html = client.get("/portal/orders?lang=vi").get_data(as_text=True)
    assert f"Đặt chỗ ngày {arrival:%d/%m/%Y}" in html  # the list shows when the guests come
