"""VietQR bank transfers through payOS (played by tests/payments/fake_payos.py): the link and
its QR, the checksum-verified webhook recorded once per payOS reference, exact transfers paying
the order and crediting the ledger like a card, other transfers queued for an admin, links
running out and giving the stock back once."""
import json
import re
from datetime import timedelta

import pytest
import sqlalchemy as sa

from marketplace import clock
from marketplace.accounts.models import Role
from marketplace.extensions import db
from marketplace.notices.models import Notice
from marketplace.orders import fulfilment
from marketplace.orders.models import PaymentMethod, Status
from marketplace.payments import card, refunds, vietqr
from marketplace.payments.models import (
    BankTransfer, MatchReason, MatchStatus, Payment, PaymentEvent, PaymentStatus, TransferToMatch,
)
from tests.factories import make_user, sign_in_as
from tests.orders.test_checkout import fill_cart, review_form, submit_details
from tests.payments.conftest import entries, place_transfer_order, reload, start_transfer, stock
from tests.payments.fake_payos import CHECKSUM_KEY, post_webhook, sign


@pytest.fixture
def waiting(fake_payos, shop):
    """A transfer order of 2 candies (170.000 ₫ + 30.000 ₫ shipping) with its open payment link."""
    order = place_transfer_order((shop["candy"], 2))
    start_transfer(order)
    return order


def _link(fake_payos):
    return next(iter(fake_payos.links))


def _matches():
    return db.session.scalars(sa.select(TransferToMatch).order_by(TransferToMatch.id)).all()


def _count(model):
    return db.session.scalar(sa.select(sa.func.count(model.id)))


@pytest.fixture
def admin():
    user = make_user(email="admin@ocop.vn", role=Role.ADMIN, language="en")
    db.session.commit()
    return user


# -- starting


def test_a_transfer_order_waits_for_the_money_and_gets_a_payos_link_with_its_qr(fake_payos, waiting, shop):
    assert waiting.status == Status.AWAITING_PAYMENT and stock(shop["candy"]) == 8
    payment = db.session.scalars(sa.select(Payment)).one()
    transfer = db.session.scalars(sa.select(BankTransfer)).one()
    (_method, _path, sent), = fake_payos.calls("/v2/payment-requests")
    assert sent["orderCode"] == payment.id == transfer.order_code and sent["amount"] == 200000
    assert sent["description"] == transfer.memo == waiting.number.replace("-", "")
    assert payment.status == PaymentStatus.OPEN and payment.session_id == _link(fake_payos)
    assert transfer.qr_code.startswith("000201") and transfer.account_number == "0123456789"
    # The link ends when the setting says (15 minutes by default).
    assert sent["expiredAt"] == int(payment.expires_at.replace(tzinfo=clock.UTC).timestamp())
    assert payment.expires_at - payment.created_at <= timedelta(minutes=15, seconds=5)


def test_starting_again_reuses_the_open_link(fake_payos, waiting):
    assert start_transfer(reload(waiting)).session_id == _link(fake_payos)
    assert len(fake_payos.calls("/v2/payment-requests")) == 1


def test_payos_refusing_keeps_the_order_unpaid_and_records_the_failed_attempt(fake_payos, shop):
    fake_payos.fail = "refuse"
    order = place_transfer_order((shop["candy"], 1))
    with pytest.raises(vietqr.PaymentError):
        start_transfer(order)
    assert reload(order).status == Status.AWAITING_PAYMENT
    assert db.session.scalars(sa.select(Payment)).one().status == PaymentStatus.FAILED


def test_the_method_is_offered_only_when_payos_is_configured(app, fake_payos, monkeypatch):
    from marketplace.orders.signals import offered_payment_methods
    assert PaymentMethod.VIETQR in offered_payment_methods()
    monkeypatch.setitem(app.config, "PAYOS_CHECKSUM_KEY", "")
    assert PaymentMethod.VIETQR not in offered_payment_methods()
    assert vietqr.vietqr_refusal(100000) == "Bank transfer is not available at the moment; please choose cash on delivery."


# -- the webhook


def test_an_exact_transfer_pays_the_order_and_credits_the_ledger_like_a_card(client, fake_payos, waiting, shop,
                                                                             outbox):
    response = post_webhook(client, fake_payos.transfer(_link(fake_payos)))
    assert response.status_code == 200 and response.get_json() == {"received": True, "outcome": "paid"}
    order = reload(waiting)
    assert order.status == Status.PAID and [s.status for s in order.shipments] == [Status.PLACED]
    assert db.session.scalars(sa.select(Payment)).one().status == PaymentStatus.PAID
    assert entries(shop["coop_a"]) == [("sale_credit", 170000), ("commission_debit", -8500), ("shipping_credit", 30000)]
    mail = next(m for m in outbox if m["Subject"] == f"Your order {order.number}")
    assert "Your bank transfer was received" in mail.get_content()
    assert stock(shop["candy"]) == 8


def test_a_replayed_transfer_does_nothing_twice(client, fake_payos, waiting, shop):
    body = fake_payos.transfer(_link(fake_payos))
    assert post_webhook(client, body).get_json()["outcome"] == "paid"
    assert post_webhook(client, body).get_json()["outcome"] == "duplicate"
    assert _count(PaymentEvent) == 1 and len(entries()) == 3 and not _matches()


@pytest.mark.parametrize("change", ["signature", "amount", "key"])
def test_a_webhook_without_payos_checksum_is_refused_and_changes_nothing(client, fake_payos, waiting, change):
    body = fake_payos.transfer(_link(fake_payos))
    if change == "signature":
        body["signature"] = "0" * 64
    elif change == "amount":
        body["data"]["amount"] = 1  # tampered after signing
    else:
        body["signature"] = sign(body["data"], key="not-" + CHECKSUM_KEY)
    response = post_webhook(client, body)
    assert response.status_code == 400 and response.get_json() == {"error": "bad_event"}
    assert reload(waiting).status == Status.AWAITING_PAYMENT and _count(PaymentEvent) == 0


@pytest.mark.parametrize("payload", [b"", b"not json", b"[]", b"[1]", b'"x"', b"\xff", b'{"data": {}}', b'{"data": 5}',
                                     json.dumps({"code": "00"}).encode()])
def test_a_malformed_webhook_answers_400(client, fake_payos, payload):
    assert client.post("/webhooks/payos", data=payload, content_type="application/json").status_code == 400


def test_the_webhook_is_refused_when_payos_is_not_configured(client, app, fake_payos, waiting, monkeypatch):
    body = fake_payos.transfer(_link(fake_payos))
    monkeypatch.setitem(app.config, "PAYOS_CHECKSUM_KEY", "")
    assert post_webhook(client, body).status_code == 400


def test_payos_test_delivery_for_an_unknown_link_is_answered_and_changes_nothing(client, fake_payos, waiting):
    body = fake_payos.transfer(_link(fake_payos))
    body["data"]["orderCode"] = 123
    body["signature"] = sign(body["data"])
    assert post_webhook(client, body).get_json()["outcome"] == "unknown_payment"
    assert reload(waiting).status == Status.AWAITING_PAYMENT


@pytest.mark.parametrize("amount, reason", [(150000, MatchReason.UNDERPAID), (250000, MatchReason.OVERPAID)])
def test_a_wrong_amount_goes_to_the_admins_queue_and_holds_the_order(client, fake_payos, waiting, shop, admin,
                                                                     amount, reason):
    outcome = post_webhook(client, fake_payos.transfer(_link(fake_payos), amount=amount)).get_json()["outcome"]
    assert outcome == "to_match"
    match, = _matches()
    assert (match.reason, match.amount_vnd, match.expected_vnd, match.status) == (reason, amount, 200000, MatchStatus.OPEN)
    assert reload(waiting).status == Status.AWAITING_PAYMENT and entries() == []
    assert db.session.scalar(sa.select(sa.func.count(Notice.id)).where(Notice.user_id == admin.id)) == 1
    # The release job leaves it alone while an admin has to decide, however late it is.
    later = clock.utcnow() + timedelta(hours=2)
    assert card.release_expired(now=later)["cancelled"] == []
    assert stock(shop["candy"]) == 8


def test_a_transfer_after_the_link_expired_goes_to_the_queue(client, fake_payos, waiting):
    payment = db.session.scalars(sa.select(Payment)).one()
    late = payment.expires_at + timedelta(minutes=1)
    outcome = post_webhook(client, fake_payos.transfer(_link(fake_payos), at=late)).get_json()["outcome"]
    assert outcome == "to_match" and _matches()[0].reason == MatchReason.LATE


def test_a_transfer_for_a_cancelled_order_goes_to_the_queue_and_moves_nothing(client, fake_payos, waiting, shop):
    fulfilment.cancel_order(reload(waiting), None)
    assert fake_payos.links[_link(fake_payos)]["status"] == "CANCELLED"  # the link was closed at payOS
    body = fake_payos.transfer(_link(fake_payos))
    assert post_webhook(client, body).get_json()["outcome"] == "to_match"
    assert _matches()[0].reason == MatchReason.LATE and stock(shop["candy"]) == 10 and entries() == []


def test_a_second_transfer_for_a_paid_order_goes_to_the_queue(client, fake_payos, waiting):
    post_webhook(client, fake_payos.transfer(_link(fake_payos)))
    assert post_webhook(client, fake_payos.transfer(_link(fake_payos))).get_json()["outcome"] == "to_match"
    assert len(entries()) == 3


# -- the admin resolves


def test_the_admin_accepts_an_underpayment_and_the_order_is_paid_with_the_ledger(client, fake_payos, waiting, shop,
                                                                                  admin):
    post_webhook(client, fake_payos.transfer(_link(fake_payos), amount=199000))
    match = _matches()[0]
    sign_in_as(client, admin)
    page = client.get("/admin/transfers?lang=en")
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert waiting.number in text and "Nguyễn Thị Lan" in text and "₫199,000" in text
    assert 'value="accept"' in text
    data = {"decision": "accept", "note": ""}
    refused = client.post(f"/admin/transfers/{match.id}/resolve", data=data, follow_redirects=True)
    assert "Write what was done" in refused.get_data(as_text=True) and _matches()[0].status == MatchStatus.OPEN
    data["note"] = "1.000 ₫ short: bank fee, accepted"
    done = client.post(f"/admin/transfers/{match.id}/resolve", data=data, follow_redirects=True)
    assert "Accepted as payment" in done.get_data(as_text=True)
    db.session.expire_all()
    match = _matches()[0]
    assert match.status == MatchStatus.ACCEPTED and match.resolved_by_id == admin.id and match.note.startswith("1.000")
    assert reload(waiting).status == Status.PAID
    assert entries(shop["coop_a"]) == [("sale_credit", 170000), ("commission_debit", -8500), ("shipping_credit", 30000)]


def test_a_late_transfer_cannot_be_accepted_only_recorded_as_owed_back(fake_payos, waiting, admin, client):
    fulfilment.cancel_order(reload(waiting), None)
    post_webhook(client, fake_payos.transfer(_link(fake_payos)))
    match = _matches()[0]
    with pytest.raises(vietqr.MatchRefused):
        vietqr.resolve(match.id, "accept", "try", admin)
    vietqr.resolve(match.id, "refund", "Sent back, VCB FT123", admin)
    assert _matches()[0].status == MatchStatus.REFUND_OWED
    with pytest.raises(vietqr.MatchRefused):
        vietqr.resolve(match.id, "refund", "again", admin)
    assert reload(waiting).status == Status.CANCELLED and entries() == []


def test_only_admins_see_the_transfers_page(client):
    assert client.get("/admin/transfers").status_code in (302, 403, 404)


# -- expiry


def test_an_unpaid_link_expires_and_gives_the_stock_back_once(fake_payos, waiting, shop, outbox):
    later = clock.utcnow() + timedelta(minutes=15 + card.RELEASE_GRACE.seconds // 60 + 1)
    assert card.release_expired(now=later) == {"cancelled": [waiting.number], "paid": [], "skipped": []}
    assert card.release_expired(now=later) == {"cancelled": [], "paid": [], "skipped": []}
    assert reload(waiting).status == Status.CANCELLED and stock(shop["candy"]) == 10
    assert fake_payos.links[_link(fake_payos)]["status"] == "CANCELLED"
    mail = next(m for m in outbox if m["Subject"] == f"Order {waiting.number} was cancelled")
    assert "bank transfer was not received in time" in mail.get_content()


def test_a_transfer_payos_has_but_never_reported_is_recorded_by_the_expiry_job(fake_payos, waiting, shop):
    fake_payos.transfer(_link(fake_payos))  # the webhook got lost
    later = clock.utcnow() + timedelta(minutes=30)
    assert card.release_expired(now=later)["paid"] == [waiting.number]
    assert reload(waiting).status == Status.PAID and len(entries()) == 3 and stock(shop["candy"]) == 8


# -- the buyer's pages


def test_checkout_offers_the_transfer_and_sends_the_buyer_to_the_qr_page(client, fake_payos, shop):
    fill_cart(client, (shop["candy"], 2))
    submit_details(client)
    review, token, lines = review_form(client)
    assert "Bank transfer (VietQR)" in review and 'id="transfer-note"' in review
    placed = client.post("/checkout/place", data={"token": token, "line": lines, "payment_method": "vietqr"})
    assert placed.status_code == 302 and re.search(r"/orders/[^/]+/transfer$", placed.headers["Location"])
    page = client.get(placed.headers["Location"]).get_data(as_text=True)
    assert "<svg" in page and 'role="img"' in page and "0123456789" in page and "CONG TY OCOP BEN TRE" in page
    assert 'data-copy="0123456789"' in page and "js/transfer." in page and "https://" not in page.split("<main")[1]
    number = re.search(r"/orders/([^/]+)/transfer", placed.headers["Location"]).group(1)
    assert client.get(f"/orders/{number}/payment-status").get_json() == {
        "status": "awaiting_payment", "label": "Awaiting payment", "paid": False}
    post_webhook(client, fake_payos.transfer(_link(fake_payos)))
    assert client.get(f"/orders/{number}/payment-status").get_json()["paid"] is True


def test_another_visitor_cannot_see_the_transfer_or_its_status(app, fake_payos, waiting):
    stranger = app.test_client()
    assert stranger.get(f"/orders/{waiting.number}/transfer").status_code == 404
    assert stranger.get(f"/orders/{waiting.number}/payment-status").status_code == 404


def test_a_paid_transfer_can_be_refunded_by_hand(client, fake_payos, waiting, shop, admin):
    post_webhook(client, fake_payos.transfer(_link(fake_payos)))
    made = refunds.refund(reload(waiting), "order", True, "Out of stock after all", admin)
    assert made.method == PaymentMethod.VIETQR and made.status.value == "succeeded" and made.payment_id
    assert reload(waiting).status == Status.REFUNDED and stock(shop["candy"]) == 10


def test_the_transfers_page_costs_the_same_queries_for_one_or_many_transfers(app, client, fake_payos, shop, admin,
                                                                              count_queries):
    sign_in_as(client, admin)

    def queue_one():
        order = place_transfer_order((shop["candy"], 1))
        start_transfer(order)
        link = fake_payos.link_of(db.session.scalars(sa.select(Payment).where(Payment.order_id == order.id)).one().id)
        assert post_webhook(client, fake_payos.transfer(link["paymentLinkId"], amount=1000)).status_code == 200

    def queries():
        with count_queries() as seen:
            assert client.get("/admin/transfers").status_code == 200
        return len(seen)

    queue_one()
    one = queries()
    for _ in range(4):
        queue_one()
    assert queries() == one and len(_matches()) == 5


def test_a_households_transfer_has_its_tax_withheld_like_a_card(client, fake_payos, waiting, shop):
    """Decree 117 applies to every prepaid method: the transfer pays through the card's path."""
    from marketplace.payments import withholding
    from marketplace.payments.models import LedgerEntry
    from marketplace.producers.models import EntityKind

    coop = shop["coop_a"]
    coop.kind, coop.personal_id = EntityKind.HOUSEHOLD, "083095001234"
    db.session.commit()
    assert post_webhook(client, fake_payos.transfer(_link(fake_payos))).get_json()["outcome"] == "paid"
    withheld = db.session.execute(
        sa.select(LedgerEntry.kind, LedgerEntry.amount_vnd)
        .where(LedgerEntry.cooperative_id == coop.id, LedgerEntry.kind.in_(withholding.TAX_KINDS))
        .order_by(LedgerEntry.id)).all()
    # 170.000 ₫ of goods (1% + 0.5%) and 30.000 ₫ shipping (3% + 1.5%).
    assert [(kind.value, amount) for kind, amount in withheld] == [
        ("vat_withheld", -1700), ("pit_withheld", -850), ("vat_withheld", -900), ("pit_withheld", -450)]
