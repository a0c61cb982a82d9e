"""Orders as other domains see them: the value chain's track record, the portal's dashboard."""
from marketplace.extensions import db
from marketplace.orders import fulfilment
from marketplace.valuechain.matching import fulfilled_orders
from tests.orders.conftest import place


def test_only_delivered_shipments_count(two_cooperatives):
    coop_a, first, coop_b, second = two_cooperatives
    delivered = place((first, 1), (second, 1))
    for shipment in delivered.shipments:
        if shipment.cooperative_id == coop_a.id:
            fulfilment.confirm_shipment(shipment, None)
            fulfilment.ship_shipment(shipment, None, "ghtk", "S12345.GHTK")
            fulfilment.deliver_shipment(shipment, None)
    place((first, 1))  # placed, not yet delivered
    db.session.commit()
    assert fulfilled_orders([coop_a.id, coop_b.id]) == {coop_a.id: 1}
    assert fulfilled_orders([]) == {}


def test_the_portal_dashboard_counts_orders_to_confirm(client, two_cooperatives):
    from marketplace.portal.services import dashboard
    from tests.factories import make_cooperative_staff, sign_in_as

    coop_a, first, coop_b, second = two_cooperatives
    order = place((first, 1), (second, 1))
    place((first, 2))
    shipment_b = next(s for s in order.shipments if s.cooperative_id == coop_b.id)
    fulfilment.confirm_shipment(shipment_b, None)
    db.session.commit()
    assert dashboard(coop_a).to_confirm == 2 and dashboard(coop_b).to_confirm == 0
    staff = make_cooperative_staff(coop_a)
    db.session.commit()
    html = sign_in_as(client, staff).get("/portal?lang=en").get_data(as_text=True)
    assert 'id="task-orders"' in html and "/portal/orders?status=placed" in html
