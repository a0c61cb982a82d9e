"""Vietnam time everywhere: stored UTC, shown and reasoned in Asia/Ho_Chi_Minh (UTC+7). The
clock is frozen at 00:30 and 23:30 local time, the hours where UTC is on another day."""
import csv
import io
from datetime import date, datetime, timedelta

import pytest
import sqlalchemy as sa

from marketplace import clock
from marketplace.catalog.models import ProductStatus
from marketplace.extensions import db
from marketplace.orders import fulfilment
from marketplace.orders.models import Order
from marketplace.payments.models import LedgerEntry
from marketplace.program.services import remind_expiring
from tests.factories import make_certificate, make_cooperative_staff, make_product, sign_in_as
from tests.orders.conftest import place

# Local times and their UTC equivalents (Vietnam is UTC+7 all year).
AFTER_MIDNIGHT = datetime(2026, 12, 7, 17, 30)  # 08/12/2026 00:30 local
BEFORE_MIDNIGHT = datetime(2026, 12, 7, 16, 30)  # 07/12/2026 23:30 local
TWO_TWENTY_FOUR = datetime(2026, 12, 7, 19, 24)  # 08/12/2026 02:24 local


@pytest.fixture
def frozen(monkeypatch):
    """Freeze the clock at a UTC moment (`today` follows it)."""
    def freeze(moment):
        monkeypatch.setattr(clock, "utcnow", lambda: moment)
        return moment
    return freeze


def placed_at(order, moment):
    db.session.execute(sa.update(Order).where(Order.id == order.id).values(placed_at=moment))
    db.session.commit()


@pytest.mark.parametrize("moment, day", [(AFTER_MIDNIGHT, date(2026, 12, 8)), (BEFORE_MIDNIGHT, date(2026, 12, 7))])
def test_today_is_the_local_calendar_day(frozen, moment, day):
    frozen(moment)
    assert clock.today() == day
    assert clock.day_bounds(day, day) == (datetime.combine(day, datetime.min.time()) - timedelta(hours=7),
                                          datetime.combine(day, datetime.min.time()) + timedelta(hours=17))


def test_the_time_zone_is_a_setting(app, monkeypatch, frozen):
    frozen(BEFORE_MIDNIGHT)
    monkeypatch.setitem(app.config, "TIMEZONE", "UTC")
    assert clock.today() == date(2026, 12, 7) and clock.local(TWO_TWENTY_FOUR).hour == 19
    monkeypatch.setitem(app.config, "TIMEZONE", "Asia/Ho_Chi_Minh")
    assert clock.local(TWO_TWENTY_FOUR).hour == 2


def test_a_bad_time_zone_stops_the_app_at_start(monkeypatch):
    from marketplace.config import load_config
    monkeypatch.setenv("TIMEZONE", "Mars/Olympus")
    with pytest.raises(RuntimeError, match="TIMEZONE"):
        load_config()


def test_an_order_placed_at_0224_local_shows_that_day(client, two_cooperatives):
    coop_a, product_a, _coop_b, _product_b = two_cooperatives
    staff = make_cooperative_staff(coop_a)
    order = place((product_a, 1))
    db.session.commit()
    placed_at(order, TWO_TWENTY_FOUR)
    sign_in_as(client, staff)
    with client.session_transaction() as session:
        session["lang"] = "vi"
    shipment = order.shipments[0]
    html = client.get(f"/portal/orders/{shipment.id}").get_data(as_text=True)
    assert "08/12/2026" in html and "07/12/2026" not in html
    listing = client.get("/portal/orders").get_data(as_text=True)
    assert "08/12/2026" in listing


def test_the_export_of_today_takes_the_local_day(client, two_cooperatives, frozen):
    coop_a, product_a, _coop_b, _product_b = two_cooperatives
    staff = make_cooperative_staff(coop_a)
    early, late_yesterday = place((product_a, 1)), place((product_a, 2))
    db.session.commit()
    placed_at(early, AFTER_MIDNIGHT)  # 08/12 00:30 local, still 07/12 in UTC
    placed_at(late_yesterday, BEFORE_MIDNIGHT)  # 07/12 23:30 local
    frozen(AFTER_MIDNIGHT + timedelta(hours=1))
    today = clock.today()
    assert today == date(2026, 12, 8)
    sign_in_as(client, staff)
    response = client.get(f"/portal/orders/export?start={today:%Y-%m-%d}&end={today:%Y-%m-%d}")
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    assert [(r["order"], r["placed_at"]) for r in rows] == [(early.number, "2026-12-08 00:30")]
    yesterday = today - timedelta(days=1)
    response = client.get(f"/portal/orders/export?start={yesterday:%Y-%m-%d}&end={yesterday:%Y-%m-%d}")
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    assert [(r["order"], r["placed_at"]) for r in rows] == [(late_yesterday.number, "2026-12-07 23:30")]


def test_the_ledger_statement_takes_local_days(client, two_cooperatives):
    coop_a, product_a, _coop_b, _product_b = two_cooperatives
    staff = make_cooperative_staff(coop_a)
    first, second = place((product_a, 1)).shipments[0], place((product_a, 1)).shipments[0]
    for shipment, moment in ((first, BEFORE_MIDNIGHT), (second, AFTER_MIDNIGHT)):
        fulfilment.confirm_shipment(shipment, None)
        fulfilment.ship_shipment(shipment, None, "own")
        fulfilment.deliver_shipment(shipment, None)
        db.session.execute(sa.update(LedgerEntry).where(LedgerEntry.reference.contains(shipment.order.number))
                           .values(created_at=moment))
    db.session.commit()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(LedgerEntry).where(
        LedgerEntry.created_at.not_in([BEFORE_MIDNIGHT, AFTER_MIDNIGHT]))) == 0
    sign_in_as(client, staff)
    response = client.get("/portal/ledger/statement?start=2026-12-08&end=2026-12-08")
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    assert rows[1][1] == "opening_balance" and int(rows[1][4]) > 0  # the 07/12 23:30 delivery is before
    assert {r[0] for r in rows[2:-1]} == {"2026-12-08 00:30"}
    html = client.get("/portal/ledger?lang=vi").get_data(as_text=True)
    assert "08/12/2026" in html and "07/12/2026" in html


@pytest.mark.parametrize("moment, days_left", [(AFTER_MIDNIGHT, 30), (BEFORE_MIDNIGHT, 31)])
def test_a_reminders_days_left_count_local_days(app, two_cooperatives, frozen, moment, days_left):
    coop_a, _product_a, _coop_b, _product_b = two_cooperatives
    make_cooperative_staff(coop_a)
    product = make_product(coop_a, status=ProductStatus.PUBLISHED)
    certificate = make_certificate(product, stars=4, issued_on=date(2024, 1, 7))
    certificate.expires_on = date(2027, 1, 7)  # 30 days after 08/12/2026
    db.session.commit()
    frozen(moment)
    (notice,) = remind_expiring()[:1]
    assert notice.params["days"] == days_left
