"""place_order: one transaction, split per cooperative, snapshots, stock, idempotency, and
every refusal naming its line."""
import re
from datetime import date

import pytest
import sqlalchemy as sa

from marketplace import clock
from marketplace.catalog.models import Product, ProductStatus
from marketplace.extensions import db
from marketplace.orders import carts, checkout, fulfilment
from marketplace.orders.models import Order, OrderLine, PaymentMethod, Shipment, Status, StatusChange
from marketplace.orders.errors import OrderRejected
from marketplace.stock import services as stock
from marketplace.producers.models import ApprovalStatus
from tests.factories import make_certificate, make_cooperative, make_product, make_user
from tests.orders.conftest import HA_NOI, MO_CAY, delivery, lines, place, token


def _stock(product):
    return db.session.scalar(sa.select(Product.stock).where(Product.id == product.id))


def test_order_splits_per_cooperative_with_shipping_and_totals(two_cooperatives):
    coop_a, product_a, coop_b, product_b = two_cooperatives
    order = place((product_a, 4), (product_b, 1))  # A: 340.000 ≥ 300.000 ships free; B pays its fee
    assert re.fullmatch(rf"OCOP-{clock.today().year}-{order.id:06d}", order.number)
    assert order.status == Status.PLACED and order.payment_method == PaymentMethod.COD
    by_coop = {s.cooperative_id: s for s in order.shipments}
    assert by_coop[coop_a.id].goods_subtotal_vnd == 340000 and by_coop[coop_a.id].shipping_fee_vnd == 0
    assert by_coop[coop_b.id].goods_subtotal_vnd == 120000 and by_coop[coop_b.id].shipping_fee_vnd == 25000
    assert (order.goods_total_vnd, order.shipping_total_vnd, order.total_vnd) == (460000, 25000, 485000)
    assert all(s.status == Status.PLACED for s in order.shipments)
    assert (_stock(product_a), _stock(product_b)) == (6, 9)
    # Creation is recorded for the order and each shipment.
    changes = db.session.scalars(sa.select(StatusChange).where(StatusChange.order_id == order.id)).all()
    assert sorted((c.shipment_id is None, c.from_status, c.to_status) for c in changes) == sorted(
        [(True, None, Status.PLACED), (False, None, Status.PLACED), (False, None, Status.PLACED)]
    )


def test_shipping_fee_rule():
    cooperative = type("C", (), {"shipping_fee_vnd": 30000, "free_shipping_from_vnd": 300000})()
    assert carts.shipping_fee(cooperative, 299999) == 30000
    assert carts.shipping_fee(cooperative, 300000) == 0
    cooperative.free_shipping_from_vnd = None
    assert carts.shipping_fee(cooperative, 10**9) == 30000


def test_lines_keep_their_snapshot_after_the_catalogue_changes(two_cooperatives):
    coop_a, product_a, _, _ = two_cooperatives
    order = place((product_a, 2))
    product_a.price_vnd, product_a.name_vi, product_a.unit = 99000, "Kẹo dừa mới", "hộp 1 kg"
    coop_a.name = "HTX Đổi Tên"
    db.session.commit()
    db.session.expire_all()
    line = db.session.scalars(sa.select(OrderLine).join(Shipment).where(Shipment.order_id == order.id)).one()
    assert (line.product_name, line.unit, line.unit_price_vnd, line.cooperative_name, line.quantity) == (
        "Kẹo dừa sầu riêng", "hộp 400 g", 85000, "HTX Kẹo dừa Thanh Long", 2
    )
    assert db.session.get(Order, order.id).total_vnd == 2 * 85000 + 30000


def test_every_short_line_is_named_and_nothing_is_written(two_cooperatives):
    _, product_a, _, product_b = two_cooperatives
    product_b.stock = 0
    db.session.commit()
    with pytest.raises(OrderRejected) as refused:
        place((product_a, 11), (product_b, 1))
    assert refused.value.problems == [
        "Only 10 of Durian coconut candy are left; lower the quantity.",
        "Virgin coconut oil is sold out.",
    ]
    assert db.session.scalar(sa.select(sa.func.count(Order.id))) == 0
    assert _stock(product_a) == 10


def test_a_changed_price_or_unknown_product_refuses_the_order(two_cooperatives):
    _, product_a, _, product_b = two_cooperatives
    tampered = [checkout.LineRequest(product_a.id, 1, 1000), checkout.LineRequest(987654, 1, 1000)]
    with pytest.raises(OrderRejected) as refused:
        checkout.place_order(delivery(), tampered, token())
    assert refused.value.problems == [
        "The price of Durian coconut candy changed from ₫1,000 to ₫85,000; check your order again.",
        "Your cart lists a product that does not exist; remove it from your cart.",
    ]
    assert _stock(product_a) == 10


@pytest.mark.parametrize("change", ["unpublish", "cooperative_suspended"])
def test_products_no_longer_for_sale_are_refused_by_name(two_cooperatives, change):
    coop_a, product_a, _, product_b = two_cooperatives
    if change == "unpublish":
        product_a.status = ProductStatus.DRAFT
    else:
        coop_a.status = ApprovalStatus.REJECTED
    db.session.commit()
    with pytest.raises(OrderRejected) as refused:
        place((product_a, 1), (product_b, 1))
    assert refused.value.problems == ["Durian coconut candy is no longer for sale; remove it from your cart."]
    assert _stock(product_b) == 10


def test_an_expired_certificate_does_not_stop_buying(app):
    product = make_product(stock=3)
    make_certificate(product, stars=4, issued_on=date(2019, 1, 1))
    db.session.commit()
    assert place((product, 1)).total_vnd == 85000 + 30000


def test_resubmitting_the_same_token_returns_the_same_order(two_cooperatives):
    _, product_a, _, _ = two_cooperatives
    same = token()
    first = checkout.place_order(delivery(), lines((product_a, 2)), same)
    again = checkout.place_order(delivery(), lines((product_a, 2)), same)
    assert again.id == first.id
    assert db.session.scalar(sa.select(sa.func.count(Order.id))) == 1
    assert _stock(product_a) == 8


def test_a_token_of_another_members_order_is_refused(two_cooperatives):
    _, product_a, _, _ = two_cooperatives
    owner, other = make_user(), make_user()
    same = token()
    checkout.place_order(delivery(), lines((product_a, 1)), same, user=owner)
    with pytest.raises(OrderRejected):
        checkout.place_order(delivery(), lines((product_a, 1)), same, user=other)


def test_duplicate_product_lines_add_up(two_cooperatives):
    _, product_a, _, _ = two_cooperatives
    order = checkout.place_order(delivery(), lines((product_a, 2), (product_a, 3)), token())
    assert [line.quantity for line in order.lines] == [5]


@pytest.mark.parametrize("quantity", [0, -1, 10**9, 1000])
def test_quantities_out_of_range_are_refused(two_cooperatives, quantity):
    _, product_a, _, _ = two_cooperatives
    with pytest.raises(OrderRejected) as refused:
        checkout.place_order(delivery(), [checkout.LineRequest(product_a.id, quantity, 85000)], token())
    assert refused.value.problems == ["Each quantity must be from 1 to 999."]


@pytest.mark.parametrize(
    "fields, problem",
    [
        ({"phone": "0212345678"}, "Enter a Vietnamese mobile number"),
        ({"phone": "091234567"}, "Enter a Vietnamese mobile number"),
        ({"ward_code": 99999999}, "Choose a commune or ward of Vĩnh Long."),
        ({"province_code": HA_NOI, "ward_code": MO_CAY}, "Choose a commune or ward of Thành phố Hà Nội."),
        ({"province_code": 777}, "Choose a province."),
        ({"street": "  "}, "Enter the street address"),
        ({"invoice_company": "Công ty A", "invoice_tax_code": "12345", "invoice_address": "HN"}, "tax code (MST)"),
    ],
)
def test_bad_delivery_details_are_refused(two_cooperatives, fields, problem):
    _, product_a, _, _ = two_cooperatives
    with pytest.raises(OrderRejected) as refused:
        checkout.place_order(delivery(**fields), lines((product_a, 1)), token())
    assert any(problem in p for p in refused.value.problems), refused.value.problems
    assert db.session.scalar(sa.select(sa.func.count(Order.id))) == 0


def test_phone_and_tax_code_are_normalised(two_cooperatives):
    _, product_a, _, _ = two_cooperatives
    order = checkout.place_order(
        delivery(phone="+84 912.345.678", invoice_company="Công ty TNHH Dừa Xanh",
                 invoice_tax_code="0312345673-001", invoice_address="1 Lê Lợi, Vĩnh Long"),
        lines((product_a, 1)), token(),
    )
    assert order.phone == "0912345678"
    assert order.wants_invoice and order.invoice_tax_code == "0312345673-001"


def test_empty_order_is_refused(app):
    with pytest.raises(OrderRejected) as refused:
        checkout.place_order(delivery(), [], token())
    assert refused.value.problems == ["Your cart is empty."]


def test_order_numbers_carry_the_year_and_the_id(two_cooperatives):
    _, product_a, _, _ = two_cooperatives
    orders = [place((product_a, 1)) for _ in range(3)]
    year = clock.today().year
    assert [o.number for o in orders] == [f"OCOP-{year}-{o.id:06d}" for o in orders]
    assert fulfilment.get_order(f" ocop-{year}-{orders[1].id:06d} ").id == orders[1].id
    for wrong in (f"OCOP-{year - 1}-{orders[1].id:06d}", f"OCOP-{year}-999999", "OCOP-12-1", "", None):
        assert fulfilment.get_order(wrong) is None


def test_card_orders_wait_for_payment_and_announce_nothing(two_cooperatives, outbox):
    # The seam for card payments: the order and its shipments wait; stock is held meanwhile.
    _, product_a, _, _ = two_cooperatives
    order = checkout.place_order(delivery(), lines((product_a, 1)), token(), payment_method=PaymentMethod.CARD)
    assert order.status == Status.AWAITING_PAYMENT
    assert [s.status for s in order.shipments] == [Status.AWAITING_PAYMENT]
    assert outbox == []
    assert _stock(product_a) == 9


def test_placing_mails_the_buyer_in_their_language_and_tells_the_cooperative(two_cooperatives, outbox):
    from marketplace.notices.models import Notice
    from tests.factories import make_cooperative_staff

    coop_a, product_a, _, _ = two_cooperatives
    staff = make_cooperative_staff(coop_a, language="en", email="staff@htx.vn")
    db.session.commit()
    order = checkout.place_order(delivery(email="buyer@example.com"), lines((product_a, 2)), token(), language="en")
    mails = {m["To"]: m for m in outbox}
    confirmation = mails["buyer@example.com"]
    assert confirmation["Subject"] == f"Your order {order.number}"
    body = confirmation.get_content()
    assert "Thank you for your order, Nguyễn Thị Lan!" in body
    assert "2 × Kẹo dừa sầu riêng (box 400 g)" in body  # the unit read in English and "₫170,000" in body
    assert f"/orders/lookup?number={order.number}" in body  # a guest finds it with the phone
    assert mails["staff@htx.vn"]["Subject"] == f"New order {order.number}"
    notice = db.session.scalars(sa.select(Notice).where(Notice.user_id == staff.id)).one()
    assert notice.kind == "orders.new_order" and notice.link.startswith("/portal/orders/")


def test_vietnamese_buyers_get_vietnamese_prices_in_mail(two_cooperatives, outbox):
    _, product_a, _, _ = two_cooperatives
    place((product_a, 2), language="vi")
    assert "170.000\xa0₫" in outbox[0].get_content() and "(hộp 400 g)" in outbox[0].get_content()


def test_stock_never_goes_negative_even_without_the_lock(two_cooperatives):
    # The guarded decrement refuses on its own; the CHECK constraint is the last line.
    _, product_a, _, _ = two_cooperatives
    with pytest.raises(stock.StockShort):
        stock.take({product_a.id: 11})
    stock.take({product_a.id: 10})
    db.session.commit()
    assert _stock(product_a) == 0


def test_products_of_a_pending_cooperative_are_not_for_sale(app):
    product = make_product(make_cooperative(status=ApprovalStatus.PENDING))
    db.session.commit()
    with pytest.raises(OrderRejected):
        place((product, 1))


def test_a_price_changed_while_the_order_was_written_is_caught_under_the_lock(two_cooperatives, monkeypatch):
    # The order is written before the rows are locked; the locked rows are checked again.
    _, product_a, _, _ = two_cooperatives
    locked_read = checkout._lock_products

    def price_moved_meanwhile(product_ids):
        return {pid: (price + 5000, stock) for pid, (price, stock) in locked_read(product_ids).items()}

    monkeypatch.setattr(checkout, "_lock_products", price_moved_meanwhile)
    with pytest.raises(OrderRejected) as refused:
        place((product_a, 1))
    assert refused.value.problems == [
        "The price of Durian coconut candy changed from ₫85,000 to ₫90,000; check your order again."]
    assert db.session.scalar(sa.select(sa.func.count(Order.id))) == 0
    assert db.session.scalar(sa.select(sa.func.count(StatusChange.id))) == 0
    assert _stock(product_a) == 10


def test_search_hears_when_a_product_sells_out_and_comes_back(two_cooperatives):
    # "In stock" is a search facet; the stock changes through UPDATE statements.
    from marketplace.catalog.services import ProductFilters
    from marketplace.search import service as search

    _, product_a, _, _ = two_cooperatives
    make_certificate(product_a, stars=4)
    product_a.stock = 2
    db.session.commit()
    search.reindex()

    def in_stock():
        search.wait_for_writes()
        found = search.search_products(ProductFilters(q="sầu riêng", rating="all", in_stock=True))
        return [card.product.id for card in found.results.items]

    assert in_stock() == [product_a.id]
    first = place((product_a, 1))
    assert in_stock() == [product_a.id]  # 1 left
    second = place((product_a, 1))
    assert in_stock() == []
    fulfilment.cancel_order(second, None)
    assert in_stock() == [product_a.id]
    assert first.id != second.id
