"""The load test's checks (bench/load.py) count what they say, and its shoppers fill the
shop's forms as a browser would (bench/shop.py). The load itself is a benchmark, not a test."""
import sqlalchemy as sa

from bench import shop
from bench.load import outcome, page_figures
from marketplace.extensions import db
from marketplace.orders import fulfilment
from tests.factories import make_product
from tests.orders.conftest import place


def test_outcome_counts_oversold_units_and_ledger_credits(app):
    product = make_product(stock=5)
    db.session.commit()
    stock_before = {product.id: 5}
    order = place((product, 2))
    (shipment,) = order.shipments
    for move in (fulfilment.confirm_shipment, lambda s, a: fulfilment.ship_shipment(s, a, "own"),
                 fulfilment.deliver_shipment):
        move(shipment, None)
    with db.engine.connect() as connection:
        assert outcome(connection, stock_before) == (0, 0, 1, 0, 1)
        # Stock that does not add up, and sales beyond what there was, are caught.
        connection.execute(sa.text("UPDATE products SET stock = 4"))
        assert outcome(connection, stock_before)[:2] == (0, 1)
        assert outcome(connection, {product.id: 1})[0] == 1
        connection.rollback()


def test_page_figures_read_locusts_csv(tmp_path):
    path = tmp_path / "load_stats.csv"
    path.write_text("Type,Name,Request Count,Failure Count,50%,95%\nGET,/products,10,0,40,90\n,Aggregated,10,0,40,90\n")
    assert page_figures(path) == [("GET /products", 10, 0, "40", "90"), ("Aggregated", 10, 0, "40", "90")]


def test_forms_are_filled_as_a_browser_would():
    html = """<form action="/checkout" method="post"><input type="hidden" name="csrf_token" value="t">
      <input name="name" value=""><input type="checkbox" name="want_invoice">
      <select name="province_code"><option value="">—</option><option value="86" selected>Vĩnh Long</option></select>
      <textarea name="note">
hi</textarea><button type="submit" name="go">Go</button></form>"""
    fields = shop.form(html, "/checkout")
    assert fields == [("csrf_token", "t"), ("name", ""), ("province_code", "86"), ("note", "hi")]
    assert shop.filled(fields, name="Lan", street="12") == [("csrf_token", "t"), ("name", "Lan"),
                                                             ("province_code", "86"), ("note", "hi"), ("street", "12")]
