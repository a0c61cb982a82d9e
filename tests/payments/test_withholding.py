"""Decree 117/2025/NĐ-CP: the marketplace withholds VAT and PIT on the paid sales of household
and individual sellers, in the ledger, at the rates of the withholding_rates table; refunds give
their share back in the month they are made; the monthly report adds up the ledger's entries."""
import csv
import io
from datetime import date, datetime, timedelta
from decimal import Decimal

import pytest
import sqlalchemy as sa

from marketplace import clock
from marketplace.accounts.models import Role
from marketplace.extensions import db
from marketplace.orders import fulfilment
from marketplace.orders.models import Shipment
from marketplace.payments import ledger, refunds, withholding
from marketplace.payments.models import LedgerEntry, TaxableKind, WithholdingRate
from marketplace.producers.models import EntityKind
from tests.factories import make_cooperative, make_user, sign_in_as
from tests.orders.conftest import place
from tests.payments.conftest import entries
from tests.payments.fake_stripe import post_event
from tests.payments.test_refund_failed import _failed, _refund
from tests.payments.test_refunds import paid, post_refund

CCCD = "083095001234"
# 2 candies (170.000 ₫ of goods) and 30.000 ₫ shipping: goods 1% + 0.5%, shipping 3% + 1.5%.
GOODS_VAT, GOODS_PIT, SHIPPING_VAT, SHIPPING_PIT = 1700, 850, 900, 450
WITHHELD = GOODS_VAT + GOODS_PIT + SHIPPING_VAT + SHIPPING_PIT


@pytest.fixture
def admin_client(client):
    admin = make_user(role=Role.ADMIN, email="admin@ocop.vn")
    db.session.commit()
    return sign_in_as(client, admin)


@pytest.fixture
def household(shop):
    """Cooperative A is a household business: its tax is withheld."""
    coop = shop["coop_a"]
    coop.kind, coop.personal_id = EntityKind.HOUSEHOLD, CCCD
    db.session.commit()
    return coop


def deliver(shipment):
    fulfilment.confirm_shipment(shipment, None)
    fulfilment.ship_shipment(shipment, None, "own")
    fulfilment.deliver_shipment(shipment, None)


def tax_entries(cooperative):
    rows = db.session.execute(
        sa.select(LedgerEntry.kind, LedgerEntry.taxable_kind, LedgerEntry.amount_vnd, LedgerEntry.taxable_vnd)
        .where(LedgerEntry.cooperative_id == cooperative.id, LedgerEntry.kind.in_(withholding.TAX_KINDS))
        .order_by(LedgerEntry.id))
    return [(kind.value, taxable.value, amount, revenue) for kind, taxable, amount, revenue in rows]


def test_a_households_cash_sale_has_vat_and_pit_withheld_on_goods_and_shipping_when_delivered(household, shop):
    order = place((shop["candy"], 2))
    fulfilment.confirm_shipment(order.shipments[0], None)
    assert tax_entries(household) == []  # nothing is paid before the cash is collected
    fulfilment.ship_shipment(order.shipments[0], None, "own")
    fulfilment.deliver_shipment(order.shipments[0], None)
    assert tax_entries(household) == [
        ("vat_withheld", "goods", -GOODS_VAT, 170000), ("pit_withheld", "goods", -GOODS_PIT, 170000),
        ("vat_withheld", "transport", -SHIPPING_VAT, 30000), ("pit_withheld", "transport", -SHIPPING_PIT, 30000)]
    assert ledger.balance(household.id) == 170000 - 8500 + 30000 - WITHHELD
    # Posting the same sale again withholds nothing more.
    ledger.credit_shipment(order.shipments[0], order.number)
    db.session.commit()
    assert len(tax_entries(household)) == 4


def test_a_cooperative_or_an_enterprise_has_nothing_withheld(shop):
    shop["coop_b"].kind = EntityKind.ENTERPRISE
    db.session.commit()
    deliver(place((shop["candy"], 1)).shipments[0])
    deliver(place((shop["oil"], 1)).shipments[0])
    assert tax_entries(shop["coop_a"]) == [] and tax_entries(shop["coop_b"]) == []


def test_a_card_payment_withholds_when_paid(fake_stripe, household, shop):
    paid(fake_stripe, (shop["candy"], 2))
    assert sum(amount for _k, _t, amount, _r in tax_entries(household)) == -WITHHELD
    assert ledger.balance(household.id) == 170000 - 8500 + 30000 - WITHHELD


def test_an_individuals_booking_is_a_service_at_5_and_2_percent(app):
    seller = make_cooperative(kind=EntityKind.INDIVIDUAL, tax_code="", personal_id=CCCD)
    booking = Shipment(cooperative_id=seller.id, is_booking=True, goods_subtotal_vnd=1_250_000, shipping_fee_vnd=0)
    assert withholding.withheld_on(booking, date(2026, 12, 1)) == [
        withholding.Withheld(TaxableKind.SERVICES, 1_250_000, 62_500, 25_000)]


@pytest.mark.parametrize("goods, vat, pit", [
    (123457, 1235, 617),  # 1 234,57 → 1 235; 617,285 → 617
    (150, 2, 1),  # 1,5 → 2 (halves up); 0,75 → 1
    (49, 0, 0),
])
def test_each_tax_is_rounded_to_the_nearest_dong_halves_up(app, goods, vat, pit):
    seller = make_cooperative(kind=EntityKind.HOUSEHOLD, personal_id=CCCD)
    sale = Shipment(cooperative_id=seller.id, is_booking=False, goods_subtotal_vnd=goods, shipping_fee_vnd=0)
    withheld = withholding.withheld_on(sale, date(2026, 12, 1))
    assert [(w.vat, w.pit) for w in withheld] == [(vat, pit)]


def test_the_rates_are_rows_found_by_date_a_new_decree_is_a_new_row(app):
    assert withholding.rates_on(date(2025, 6, 30)) == {}  # before Decree 117 took effect
    goods = withholding.rates_on(date(2025, 7, 1))[TaxableKind.GOODS]
    assert (goods.vat_rate, goods.pit_rate, goods.decree) == (Decimal("0.01"), Decimal("0.005"), "117/2025/NĐ-CP")
    db.session.add(WithholdingRate(taxable_kind=TaxableKind.GOODS, vat_rate=Decimal("0.02"), pit_rate=Decimal("0.01"),
                                   effective_from=date(2027, 1, 1), decree="a later decree"))
    db.session.flush()
    assert withholding.rates_on(date(2026, 12, 31))[TaxableKind.GOODS].vat_rate == Decimal("0.01")
    assert withholding.rates_on(date(2027, 1, 1))[TaxableKind.GOODS].decree == "a later decree"
    assert withholding.rates_on(date(2027, 1, 1))[TaxableKind.SERVICES].vat_rate == Decimal("0.05")
    db.session.rollback()


def test_a_refund_in_the_same_month_offsets_the_withholding(admin_client, household, shop):
    order = place((shop["candy"], 2))
    deliver(order.shipments[0])
    post_refund(admin_client, order, "order", reason="Melted")
    assert ledger.balance(household.id) == 0
    assert sum(amount for _k, _t, amount, _r in tax_entries(household)) == 0
    [line] = withholding.monthly_report(clock.today())
    assert (line.vat, line.pit, line.revenue[TaxableKind.GOODS], line.revenue[TaxableKind.TRANSPORT]) == (0, 0, 0, 0)


def test_refunds_in_parts_give_back_exactly_what_was_withheld(household, shop):
    order = place((shop["candy"], 2))
    shipment = order.shipments[0]
    deliver(shipment)
    _partial_refund(order, shipment, 33333)
    _partial_refund(order, shipment, 66667)
    refunds.refund(order, f"shipment:{shipment.id}", False, "The rest", None)  # the 100.000 ₫ left
    assert ledger.balance(household.id) == 0
    assert sum(amount for _k, _t, amount, _r in tax_entries(household)) == 0
    assert sum(revenue for kind, _t, _a, revenue in tax_entries(household) if kind.startswith("vat")) == 0


def _partial_refund(order, shipment, amount):
    """A cash refund of part of a shipment, posted as the refund service posts it."""
    from marketplace.orders.models import PaymentMethod
    from marketplace.payments.models import Refund, RefundPart, RefundSource, RefundStatus

    made = Refund(order_id=order.id, method=PaymentMethod.COD, source=RefundSource.ADMIN, amount_vnd=amount,
                  status=RefundStatus.SUCCEEDED, idempotency_key=f"partial-{amount}")
    db.session.add(made)
    db.session.flush()
    part = RefundPart(refund_id=made.id, shipment_id=shipment.id, amount_vnd=amount)
    db.session.add(part)
    db.session.flush()
    ledger.debit_refund(part, shipment, order.number)
    db.session.commit()


def _move_entries(cooperative, moment):
    db.session.execute(sa.update(LedgerEntry).where(LedgerEntry.cooperative_id == cooperative.id)
                       .values(created_at=moment))
    db.session.commit()


def test_a_refund_in_the_next_vietnamese_month_is_a_credit_in_that_month(admin_client, household, shop):
    """Sold at 23:30 on 31/10 in Vietnam (16:30 UTC), refunded at 00:30 on 01/11 in Vietnam
    (17:30 UTC, still 31/10 in UTC): October keeps the tax withheld, November shows a credit."""
    order = place((shop["candy"], 2))
    deliver(order.shipments[0])
    _move_entries(household, datetime(2026, 10, 31, 16, 30))
    post_refund(admin_client, order, "order", reason="Came back")
    db.session.execute(sa.update(LedgerEntry).where(LedgerEntry.refund_part_id.is_not(None))
                       .values(created_at=datetime(2026, 10, 31, 17, 30)))
    db.session.commit()

    [october] = withholding.monthly_report(date(2026, 10, 5))
    assert (october.vat, october.pit) == (GOODS_VAT + SHIPPING_VAT, GOODS_PIT + SHIPPING_PIT)
    assert (october.revenue[TaxableKind.GOODS], october.revenue[TaxableKind.TRANSPORT]) == (170000, 30000)
    [november] = withholding.monthly_report(date(2026, 11, 20))
    assert (november.vat, november.pit) == (-(GOODS_VAT + SHIPPING_VAT), -(GOODS_PIT + SHIPPING_PIT))
    assert (november.revenue[TaxableKind.GOODS], november.revenue[TaxableKind.TRANSPORT]) == (-170000, -30000)


def test_a_failed_card_refund_withholds_again_what_it_gave_back(client, admin_client, fake_stripe, household, shop):
    order = paid(fake_stripe, (shop["candy"], 2))
    post_refund(admin_client, order, "order")
    assert sum(amount for _k, _t, amount, _r in tax_entries(household)) == 0
    assert post_event(client, _failed(_refund())).get_json()["outcome"] == "refund_failed"
    assert sum(amount for _k, _t, amount, _r in tax_entries(household)) == -WITHHELD
    assert ledger.balance(household.id) == 170000 - 8500 + 30000 - WITHHELD


def test_the_monthly_report_csv_matches_the_ledger_to_the_dong(admin_client, household, shop):
    other = make_cooperative(name="Bà Năm bán kẹo", kind=EntityKind.INDIVIDUAL, tax_code="", personal_id="079200009999",
                             shipping_fee_vnd=17777, free_shipping_from_vnd=None)
    from tests.factories import make_product
    sweets = make_product(other, price_vnd=33333, stock=50)
    db.session.commit()
    for pairs in [((shop["candy"], 1),), ((shop["candy"], 3),), ((sweets, 7),), ((shop["oil"], 1),)]:
        deliver(place(*pairs).shipments[0])
    order = place((sweets, 2))
    deliver(order.shipments[0])
    _partial_refund(order, order.shipments[0], 12345)

    month = clock.today()
    response = admin_client.get(f"/admin/withholding?month={month:%Y-%m}")
    assert response.mimetype == "text/csv" and f"withholding-{month:%Y-%m}.csv" in response.headers["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    assert [(r["seller"], r["tax_code"], r["citizen_id"]) for r in rows] == [
        ("Bà Năm bán kẹo", "", "079200009999"), (household.name, household.tax_code, CCCD)]  # no tax: not listed

    since, until = clock.day_start(month.replace(day=1)), clock.day_start(clock.add_months(month.replace(day=1), 1))

    def ledger_sum(kinds, column=LedgerEntry.amount_vnd):
        return int(db.session.scalar(sa.select(sa.func.coalesce(sa.func.sum(column), 0)).where(
            LedgerEntry.kind.in_(kinds), LedgerEntry.created_at >= since, LedgerEntry.created_at < until)))

    assert sum(int(r["vat_vnd"]) for r in rows) == -ledger_sum(["vat_withheld", "vat_returned"])
    assert sum(int(r["pit_vnd"]) for r in rows) == -ledger_sum(["pit_withheld", "pit_returned"])
    revenue = sum(int(r[f"revenue_{kind}_vnd"]) for r in rows for kind in ("goods", "services", "transport"))
    assert revenue == ledger_sum(["vat_withheld", "vat_returned"], LedgerEntry.taxable_vnd)
    # and the sums the sellers' balances were charged are those of the report
    charged = sum(ledger.balance(c.id) for c in (household, other)) - sum(
        a for c in (household, other) for k, a in entries(c) if not k.endswith(("withheld", "returned")))
    assert charged == -sum(int(r["vat_vnd"]) + int(r["pit_vnd"]) for r in rows)


def test_the_withholding_page_offers_months_and_explains_bad_input(admin_client):
    page = admin_client.get("/admin/withholding?lang=en")
    assert page.status_code == 200 and "Decree 117/2025/NĐ-CP" in page.get_data(as_text=True)
    bad = admin_client.get("/admin/withholding?lang=en&month=1999-13")
    assert bad.status_code == 200 and "Not a valid choice" in bad.get_data(as_text=True)
    empty = admin_client.get(f"/admin/withholding?month={clock.today():%Y-%m}").get_data(as_text=True)
    assert empty.lstrip("\ufeff").splitlines() == [",".join(("seller", "kind", "tax_code", "citizen_id",
                                                             "revenue_goods_vnd", "revenue_services_vnd",
                                                             "revenue_transport_vnd", "vat_vnd", "pit_vnd"))]


def test_the_ledger_page_shows_each_month_with_the_tax_withheld(app, household, shop):
    from tests.factories import make_cooperative_staff, sign_in_as

    deliver(place((shop["candy"], 2)).shipments[0])
    last_month = clock.day_start(clock.add_months(clock.today().replace(day=1), -1)) + timedelta(hours=12)
    _move_entries(household, last_month)
    deliver(place((shop["candy"], 2)).shipments[0])
    staff = make_cooperative_staff(household)
    db.session.commit()
    html = sign_in_as(app.test_client(), staff).get("/portal/ledger?lang=en").get_data(as_text=True)
    assert 'id="ledger-months"' in html and "Decree 117/2025/NĐ-CP" in html
    assert html.count("₫200,000") >= 2 and html.count("−₫2,600") >= 2 and html.count("−₫1,300") >= 2
    months = ledger.monthly_totals(household.id)
    assert [(m.gross, m.vat, m.pit, m.net) for m in months] == [(200000, -2600, -1300, 200000 - 8500 - 3900)] * 2
    assert months[0].month == clock.today().replace(day=1)
