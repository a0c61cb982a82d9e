"""Delivered shipments count as fulfilled orders in the value chain's track record."""
from marketplace.extensions import db
from marketplace.orders import services
from marketplace.valuechain.matching import fulfilled_orders
from tests.orders.conftest import place


def test_only_delivered_shipments_count(two_cooperatives):
    coop_a, first, coop_b, second = two_cooperatives
    delivered = place((first, 1), (second, 1))
    for shipment in delivered.shipments:
        if shipment.cooperative_id == coop_a.id:
            services.confirm_shipment(shipment, None)
            services.ship_shipment(shipment, None, "ghtk", "S1.GHTK")
            services.deliver_shipment(shipment, None)
    place((first, 1))  # placed, not yet delivered
    db.session.commit()
    assert fulfilled_orders([coop_a.id, coop_b.id]) == {coop_a.id: 1}
    assert fulfilled_orders([]) == {}
