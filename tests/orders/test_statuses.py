"""Order and shipment state machines: legal moves only (the model refuses others), every move
recorded, the order following its shipments, and cancelling giving stock back exactly once."""
import pytest
import sqlalchemy as sa

from marketplace.catalog.models import Product
from marketplace.extensions import db
from marketplace.orders import fulfilment
from marketplace.orders.models import (
    ORDER_TRANSITIONS,
    SHIPMENT_TRANSITIONS,
    Carrier,
    SHIPMENT_MACHINE,
    Order,
    Shipment,
    Status,
    StatusChange,
)
from marketplace.orders.errors import OrderError
from marketplace.statemachine import IllegalTransition, StatusConflict
from tests.factories import make_user
from tests.orders.conftest import place


def _stock(product):
    return db.session.scalar(sa.select(Product.stock).where(Product.id == product.id))


def _history(order):
    return [
        (c.shipment_id, c.from_status, c.to_status, c.actor_id, c.reason)
        for c in db.session.scalars(
            sa.select(StatusChange).where(StatusChange.order_id == order.id).order_by(StatusChange.id)
        )
    ]


@pytest.mark.parametrize("transitions, kind", [(SHIPMENT_TRANSITIONS, "shipment"), (ORDER_TRANSITIONS, "order")])
def test_the_model_refuses_every_move_not_in_its_table(two_cooperatives, transitions, kind):
    _, product_a, _, _ = two_cooperatives
    order = place((product_a, 1))
    obj = order if kind == "order" else order.shipments[0]
    for old, allowed in transitions.items():
        for new in Status:
            if new == old:
                continue
            obj.__dict__["status"] = old  # as if loaded in `old`, bypassing the check under test
            if new in allowed:
                obj.status = new
            else:
                with pytest.raises(IllegalTransition):
                    obj.status = new
    db.session.rollback()


def test_cooperative_confirms_ships_delivers_and_everything_is_recorded(two_cooperatives):
    _, product_a, _, _ = two_cooperatives
    staff = make_user()
    order = place((product_a, 2))
    shipment = order.shipments[0]
    fulfilment.confirm_shipment(shipment, staff)
    fulfilment.ship_shipment(shipment, staff, "viettel_post", "VTP123456789")
    fulfilment.deliver_shipment(shipment, staff)
    db.session.expire_all()
    shipment = db.session.get(Shipment, shipment.id)
    assert shipment.status == Status.DELIVERED
    assert (shipment.carrier, shipment.tracking_number) == (Carrier.VIETTEL_POST, "VTP123456789")
    assert db.session.get(Order, order.id).status == Status.DELIVERED
    s = shipment.id
    assert _history(order) == [
        (None, None, Status.PLACED, None, ""),
        (s, None, Status.PLACED, None, ""),
        (s, Status.PLACED, Status.CONFIRMED, staff.id, ""),
        (None, Status.PLACED, Status.CONFIRMED, staff.id, ""),
        (s, Status.CONFIRMED, Status.SHIPPED, staff.id, ""),
        (None, Status.CONFIRMED, Status.SHIPPED, staff.id, ""),
        (s, Status.SHIPPED, Status.DELIVERED, staff.id, ""),
        (None, Status.SHIPPED, Status.DELIVERED, staff.id, ""),
    ]


def test_illegal_service_moves_raise_and_change_nothing(two_cooperatives):
    _, product_a, _, _ = two_cooperatives
    order = place((product_a, 1))
    shipment = order.shipments[0]
    with pytest.raises(IllegalTransition):
        fulfilment.deliver_shipment(shipment, None)  # placed → delivered skips steps
    with pytest.raises(IllegalTransition):
        fulfilment.ship_shipment(shipment, None, "ghn", "GHN0001")  # not confirmed yet
    fulfilment.confirm_shipment(shipment, None)
    fulfilment.ship_shipment(shipment, None, "own")
    with pytest.raises(IllegalTransition):
        fulfilment.cancel_shipment(shipment, None, "too late")  # it left the cooperative
    db.session.expire_all()
    assert db.session.get(Shipment, shipment.id).status == Status.SHIPPED
    assert _stock(product_a) == 9


@pytest.mark.parametrize(
    "carrier, tracking, message",
    [
        ("dhl", "X1234", "Choose the carrier."),
        ("ghtk", "", "Enter the tracking number of GHTK."),
        ("ghn", "<script>", "This is not a GHN tracking number: theirs look like GYKHFAN7."),
        ("viettel_post", "any text", "This is not a Viettel Post tracking number: theirs look like 1234567890123."),
        ("vnpost", "EB1234VN", "This is not a VNPost tracking number: theirs look like EB123456789VN."),
        ("ghtk", "S1", "This is not a GHTK tracking number"),
        ("jt_express", "JT12", "This is not a J&T Express tracking number"),
        ("own", "<b>", "Enter your delivery reference with letters, digits, dots or dashes only."),
    ],
)
def test_shipping_needs_a_known_carrier_and_a_tracking_number(two_cooperatives, carrier, tracking, message):
    _, product_a, _, _ = two_cooperatives
    shipment = place((product_a, 1)).shipments[0]
    fulfilment.confirm_shipment(shipment, None)
    with pytest.raises(OrderError) as refused:
        fulfilment.ship_shipment(shipment, None, carrier, tracking)
    assert refused.value.problems[0].startswith(message)
    assert db.session.get(Shipment, shipment.id).status == Status.CONFIRMED


@pytest.mark.parametrize("carrier, typed, stored", [
    ("viettel_post", "1234 5678 90123", "1234567890123"),
    ("viettel_post", "vtp123456789", "VTP123456789"),
    ("vnpost", "eb 123 456 789 vn", "EB123456789VN"),
    ("ghn", "gykhfan7", "GYKHFAN7"),
    ("ghtk", "S22894753.MB2.A1.123456789", "S22894753.MB2.A1.123456789"),
    ("jt_express", "841234567890", "841234567890"),
    ("own", "", ""),
    ("own", "xe-may-03", "xe-may-03"),
])
def test_tracking_numbers_follow_each_carriers_format(two_cooperatives, carrier, typed, stored):
    _, product_a, _, _ = two_cooperatives
    shipment = place((product_a, 1)).shipments[0]
    fulfilment.confirm_shipment(shipment, None)
    fulfilment.ship_shipment(shipment, None, carrier, typed)
    shipped = db.session.get(Shipment, shipment.id)
    assert (shipped.status, shipped.carrier, shipped.tracking_number) == (Status.SHIPPED, Carrier(carrier), stored)


def test_the_order_follows_the_least_advanced_live_shipment(two_cooperatives):
    _, product_a, _, product_b = two_cooperatives
    order = place((product_a, 1), (product_b, 1))
    first, second = order.shipments
    fulfilment.confirm_shipment(first, None)
    assert db.session.get(Order, order.id).status == Status.PLACED
    fulfilment.confirm_shipment(second, None)
    assert db.session.get(Order, order.id).status == Status.CONFIRMED
    fulfilment.ship_shipment(first, None, "ghn", "GHN0001")
    assert db.session.get(Order, order.id).status == Status.CONFIRMED
    fulfilment.cancel_shipment(second, None, "Hết hàng")
    order = db.session.get(Order, order.id)
    assert order.status == Status.SHIPPED  # the one left is shipped
    assert not order.can_be_cancelled


def test_cooperative_cancel_needs_a_reason_and_gives_stock_back_once(two_cooperatives, outbox):
    _, product_a, _, _ = two_cooperatives
    order = place((product_a, 3))
    shipment = order.shipments[0]
    assert _stock(product_a) == 7
    with pytest.raises(OrderError):
        fulfilment.cancel_shipment(shipment, None, "  ")
    fulfilment.cancel_shipment(shipment, None, "Hết hàng tạm thời")
    assert _stock(product_a) == 10
    with pytest.raises(IllegalTransition):
        fulfilment.cancel_shipment(shipment, None, "again")
    assert _stock(product_a) == 10
    assert db.session.get(Order, order.id).status == Status.CANCELLED
    assert outbox[-1]["Subject"] == f"Order {order.number} was cancelled"
    assert "Hết hàng tạm thời" in outbox[-1].get_content()


def test_buyer_cancels_the_whole_order_once(two_cooperatives):
    _, product_a, _, product_b = two_cooperatives
    buyer = make_user()
    order = place((product_a, 2), (product_b, 1), user=buyer)
    fulfilment.confirm_shipment(order.shipments[0], None)
    fulfilment.cancel_order(order, buyer, "Đặt nhầm")
    assert (_stock(product_a), _stock(product_b)) == (10, 10)
    order = db.session.get(Order, order.id)
    assert order.status == Status.CANCELLED
    assert {s.status for s in order.shipments} == {Status.CANCELLED}
    with pytest.raises(IllegalTransition):
        fulfilment.cancel_order(order, buyer)
    assert (_stock(product_a), _stock(product_b)) == (10, 10)


def test_buyer_cannot_cancel_once_a_part_has_shipped(two_cooperatives):
    _, product_a, _, product_b = two_cooperatives
    order = place((product_a, 1), (product_b, 1))
    first = order.shipments[0]
    fulfilment.confirm_shipment(first, None)
    fulfilment.ship_shipment(first, None, "vnpost", "EB123456789VN")
    with pytest.raises(IllegalTransition):
        fulfilment.cancel_order(order, None)
    assert (_stock(product_a), _stock(product_b)) == (9, 9)


def test_a_stale_copy_cannot_move_a_shipment_twice(two_cooperatives):
    # Two moves from the same status: the conditional UPDATE lets only the first through.
    _, product_a, _, _ = two_cooperatives
    shipment = place((product_a, 1)).shipments[0]
    order_id = shipment.order_id
    fulfilment.confirm_shipment(shipment, None)
    shipment.__dict__["status"] = Status.PLACED  # a copy read before the confirmation
    with pytest.raises(StatusConflict):
        SHIPMENT_MACHINE.move(shipment, Status.CANCELLED)
    db.session.rollback()
    assert db.session.get(Order, order_id).shipments[0].status == Status.CONFIRMED
    assert _stock(product_a) == 9


def test_sales_and_cancellations_appear_in_the_stock_history(two_cooperatives):
    from marketplace.stock.models import StockChange, StockChangeReason

    _, product_a, _, _ = two_cooperatives
    buyer, staff = make_user(), make_user()
    order = place((product_a, 3), user=buyer)
    fulfilment.cancel_shipment(order.shipments[0], staff, "Hết hàng")
    rows = db.session.execute(
        sa.select(StockChange.reason, StockChange.stock_before, StockChange.stock_after, StockChange.user_id,
                  StockChange.note).where(StockChange.product_id == product_a.id).order_by(StockChange.id)
    ).all()
    assert rows == [
        (StockChangeReason.SALE, 10, 7, buyer.id, order.number),
        (StockChangeReason.ORDER_CANCELLED, 7, 10, staff.id, order.number),
    ]
