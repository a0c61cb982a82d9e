"""Negotiation: numbered read-only revisions, turns, a limit on rounds, price tiers and minimum
orders, samples, and no accepting of expired terms; then purchase orders: the schedule from
the frequency, shipped and received deliveries, renewals and the track record."""
from datetime import date, timedelta

import pytest
from flask_babel import force_locale

from marketplace import clock
from marketplace.extensions import db
from marketplace.statemachine import IllegalTransition
from marketplace.valuechain import matching, offers, purchasing
from marketplace.valuechain.models import (
    DeliveryStatus,
    Frequency,
    OfferStatus,
    PurchaseOrderStatus,
    ValueChainError,
)
from tests.factories import make_certificate, make_cooperative_staff, make_distributor_staff, make_product
from tests.valuechain.helpers import make_partnership, make_request

TODAY = clock.today()


@pytest.fixture(autouse=True)
def _in_english(app):
    """The refusals are matched by their English text."""
    with force_locale("en"):
        yield


@pytest.fixture
def deal(app):
    """A cooperative's offer (revision 1) on an open monthly request, and a person on each side."""
    product = make_product()
    make_certificate(product, stars=4)
    request = make_request(frequency=Frequency.MONTHLY, period_start=None, period_end=None)
    seller = make_cooperative_staff(product.cooperative)
    buyer = make_distributor_staff(request.distributor)
    details = offers.OfferDetails(product_ids=[product.id], unit_price=180000, quantity_per_period=1500,
                                  lead_time_days=10, valid_until=TODAY + timedelta(days=30), min_order_quantity=200,
                                  price_tiers=[[500, 170000], [1000, 160000]], delivery_term="FOB")
    offer = offers.submit_offer(request, product.cooperative, seller, details, TODAY)
    return offer, seller, buyer


def terms(**changes):
    values = {"unit_price": 165000, "quantity_per_period": 1500, "lead_time_days": 10,
              "valid_until": TODAY + timedelta(days=20), "delivery_term": "warehouse", "min_order_quantity": 300}
    values.update(changes)
    return offers.Terms(**values)


# Offers carry negotiable terms ---------------------------------------------------------------


def test_an_offer_is_revision_one_with_its_terms(deal):
    offer, seller, _buyer = deal
    [first] = offers.revisions(offer)
    assert (first.number, first.by_distributor, first.author_id) == (1, False, seller.id)
    assert (first.unit_price, first.min_order_quantity, first.delivery_term) == (180000, 200, "FOB")
    assert first.price_tiers == [[500, 170000], [1000, 160000]]
    assert [offer.price_for(q) for q in (200, 499, 500, 999, 1000, 5000)] == [
        180000, 180000, 170000, 170000, 160000, 160000]


@pytest.mark.parametrize("changes, field", [
    ({"price_tiers": [[500, 190000]]}, "price_tiers"),  # a tier dearer than the base price
    ({"price_tiers": [[500, 170000], [400, 160000]]}, "price_tiers"),  # quantities not rising
    ({"price_tiers": [[100, 170000]]}, "price_tiers"),  # below the minimum order
    ({"price_tiers": [["many", 1]]}, "price_tiers"),
    ({"min_order_quantity": 2000}, "min_order_quantity"),  # above the quantity per period
    ({"delivery_term": "XYZ"}, "delivery_term"),
    ({"valid_until": TODAY - timedelta(days=1)}, "valid_until"),
    ({"unit_price": 0}, "unit_price"),
])
def test_bad_terms_are_refused_naming_the_field(deal, changes, field):
    offer, _seller, buyer = deal
    with pytest.raises(ValueChainError) as refused:
        offers.counter(offer, buyer, terms(**changes), by_distributor=True, today=TODAY)
    assert refused.value.field == field
    db.session.rollback()
    assert offers.get_offer(offer.id).revision == 1


# Counters ----------------------------------------------------------------------------------


def test_counters_take_turns_and_number_the_revisions(deal):
    offer, seller, buyer = deal
    offers.counter(offer, buyer, terms(unit_price=160000), by_distributor=True, seen_revision=1, today=TODAY)
    assert (offer.revision, offer.awaiting_cooperative, offer.unit_price) == (2, True, 160000)
    with pytest.raises(ValueChainError, match="other side's turn"):
        offers.counter(offer, buyer, terms(unit_price=150000), by_distributor=True, today=TODAY)
    db.session.rollback()
    offers.counter(offer, seller, terms(unit_price=170000), by_distributor=False, seen_revision=2, today=TODAY)
    history = offers.revisions(offer)
    assert [(r.number, r.by_distributor, r.unit_price) for r in history] == [
        (1, False, 180000), (2, True, 160000), (3, False, 170000)]
    assert history[0].unit_price == 180000  # earlier rounds stay as they were


def test_a_counter_on_terms_one_has_not_read_is_refused(deal):
    offer, seller, buyer = deal
    offers.counter(offer, buyer, terms(), by_distributor=True, seen_revision=1, today=TODAY)
    with pytest.raises(ValueChainError, match="changed the terms meanwhile"):
        offers.counter(offer, seller, terms(), by_distributor=False, seen_revision=1, today=TODAY)


def test_rounds_are_limited(app, deal, monkeypatch):
    offer, seller, buyer = deal
    monkeypatch.setitem(app.config, "OFFER_MAX_ROUNDS", 3)  # the app is shared by the session's tests
    offers.counter(offer, buyer, terms(), by_distributor=True, today=TODAY)
    offers.counter(offer, seller, terms(), by_distributor=False, today=TODAY)
    with pytest.raises(ValueChainError, match="3 rounds"):
        offers.counter(offer, buyer, terms(), by_distributor=True, today=TODAY)
    db.session.rollback()
    offers.accept_offer(offers.get_offer(offer.id), buyer, TODAY)  # the last terms can still be accepted


def test_the_cooperative_accepts_the_buyers_counter(deal):
    offer, seller, buyer = deal
    offers.counter(offer, buyer, terms(unit_price=150000), by_distributor=True, today=TODAY)
    with pytest.raises(ValueChainError, match="your own terms"):
        offers.accept_offer(offer, buyer, TODAY, seen_revision=2)
    db.session.rollback()
    partnership = offers.accept_offer(offers.get_offer(offer.id), seller, TODAY, by_distributor=False,
                                      seen_revision=2)
    assert partnership.unit_price == 150000
    assert offers.get_offer(offer.id).status == OfferStatus.ACCEPTED


def test_expired_terms_cannot_be_accepted(deal):
    offer, _seller, buyer = deal
    later = offer.valid_until + timedelta(days=1)
    with pytest.raises(ValueChainError, match="expired"):
        offers.accept_offer(offer, buyer, later)
    db.session.rollback()
    assert offers.get_offer(offer.id).status == OfferStatus.SUBMITTED


def test_a_withdrawn_offer_cannot_be_countered(deal):
    offer, seller, buyer = deal
    offers.withdraw_offer(offer, seller)
    with pytest.raises(ValueChainError, match="no longer open"):
        offers.counter(offer, buyer, terms(), by_distributor=True, today=TODAY)


def test_changing_the_offer_is_a_new_revision(deal):
    offer, seller, _buyer = deal
    details = offers.OfferDetails(product_ids=[p.id for p in offer.products], unit_price=175000,
                                  quantity_per_period=1500, lead_time_days=7, valid_until=TODAY + timedelta(days=9))
    offers.update_offer(offer, details, TODAY, user=seller)
    assert [(r.number, r.unit_price) for r in offers.revisions(offer)] == [(1, 180000), (2, 175000)]


# Samples -----------------------------------------------------------------------------------


def test_samples_are_a_small_purchase_order_at_the_stated_price(deal):
    offer, _seller, buyer = deal
    order = offers.request_samples(offer, buyer, 5, 90000, TODAY)
    assert order.is_sample and order.unit_price == 90000 and order.offer_id == offer.id
    [delivery] = order.deliveries
    assert (delivery.quantity, delivery.due_on) == (5, TODAY + timedelta(days=10))
    with pytest.raises(ValueChainError, match="small order") as refused:
        offers.request_samples(offer, buyer, 200, 90000, TODAY)  # the minimum order is 200
    assert refused.value.field == "sample_quantity"


# Purchase orders ---------------------------------------------------------------------------


def test_accepting_creates_a_purchase_order_with_a_monthly_schedule(deal):
    offer, _seller, buyer = deal
    partnership = offers.accept_offer(offer, buyer, TODAY)
    [order] = purchasing.purchase_orders_of(company=offer.request.distributor)
    assert order.partnership_id == partnership.id and order.delivery_term == "FOB"
    assert len(order.deliveries) == 12
    assert order.deliveries[0].due_on == TODAY + timedelta(days=10)
    assert order.deliveries[1].due_on == purchasing.add_months(TODAY + timedelta(days=10), 1)
    assert {d.quantity for d in order.deliveries} == {1500}


@pytest.mark.parametrize("frequency, ends, expected", [
    (Frequency.ONE_OFF, None, [(date(2027, 1, 31), 900)]),
    (Frequency.MONTHLY, date(2027, 3, 31), [(date(2027, 1, 31), 900), (date(2027, 2, 28), 900),
                                             (date(2027, 3, 31), 900)]),
    (Frequency.QUARTERLY, date(2027, 12, 31), [(date(2027, 1, 31), 900), (date(2027, 4, 30), 900),
                                                (date(2027, 7, 31), 900), (date(2027, 10, 31), 900)]),
    (Frequency.SEASONAL, date(2027, 3, 15), [(date(2027, 1, 31), 300), (date(2027, 2, 28), 300),
                                              (date(2027, 3, 31), 300)]),
    (Frequency.SEASONAL, date(2027, 2, 15), [(date(2027, 1, 31), 450), (date(2027, 2, 28), 450)]),
])
def test_the_schedule_follows_the_frequency(frequency, ends, expected):
    assert purchasing.schedule(frequency, 900, date(2027, 1, 31), ends) == expected


def test_a_seasonal_volume_is_split_exactly():
    assert sum(q for _due, q in purchasing.schedule(Frequency.SEASONAL, 1000, date(2027, 1, 1))) == 1000


@pytest.fixture
def order(deal):
    offer, seller, buyer = deal
    offers.accept_offer(offer, buyer, TODAY)
    [order] = purchasing.purchase_orders_of(company=offer.request.distributor)
    return order, seller, buyer


def test_deliveries_are_shipped_then_received(order):
    order, seller, buyer = order
    first = order.deliveries[0]
    purchasing.confirm_shipment(first, seller)
    assert first.status == DeliveryStatus.SHIPPED and first.shipped_at is not None
    purchasing.confirm_delivery(first, 1500, buyer, today=first.due_on)
    assert (first.status, first.quantity_received, first.on_time_and_complete) == (DeliveryStatus.RECEIVED, 1500, True)
    with pytest.raises(IllegalTransition):
        purchasing.confirm_delivery(first, 1500, buyer)
    db.session.rollback()
    with pytest.raises(ValueChainError):
        purchasing.confirm_delivery(order.deliveries[1], -1, buyer)


def test_the_last_delivery_received_completes_the_order(order):
    order, _seller, buyer = order
    for delivery in order.deliveries:
        purchasing.confirm_delivery(delivery, delivery.quantity, buyer, today=delivery.due_on)
    assert order.status == PurchaseOrderStatus.COMPLETED


def test_the_track_record_counts_on_time_complete_deliveries(order):
    order, _seller, buyer = order
    on_time, late, short = order.deliveries[:3]
    purchasing.confirm_delivery(on_time, on_time.quantity, buyer, today=on_time.due_on)
    purchasing.confirm_delivery(late, late.quantity, buyer, today=late.due_on + timedelta(days=2))
    purchasing.confirm_delivery(short, short.quantity - 1, buyer, today=short.due_on)
    assert purchasing.track_records([order.cooperative_id]) == {order.cooperative_id: (1, 3)}
    match = matching.match_cooperatives(make_request(), TODAY)
    [mine] = [m for m in match if m.cooperative.id == order.cooperative_id]
    assert (mine.on_time, mine.received) == (1, 3)
    # one partnership + one good delivery = 2 of 5, at a reliability of 1 in 3
    assert mine.points["track_record"] == pytest.approx(15 * 2 / 5 / 3)
    assert any("1 of 3 deliveries" in reason for reason in mine.reasons())


def test_a_renewal_orders_the_next_cycle(app):
    product = make_product()
    partnership = make_partnership(make_request().distributor, product, frequency=Frequency.QUARTERLY,
                                   starts_on=TODAY)
    first = purchasing.renew(partnership, None, TODAY)
    second = purchasing.renew(partnership, None, TODAY)
    assert len(first.deliveries) == 4
    assert second.deliveries[0].due_on == purchasing.add_months(first.deliveries[-1].due_on, 3)


def test_an_ended_partnership_cannot_be_renewed(app):
    from marketplace.valuechain.models import PartnershipStatus

    partnership = make_partnership(make_request().distributor, make_product(), status=PartnershipStatus.ENDED)
    with pytest.raises(ValueChainError, match="active"):
        purchasing.renew(partnership, None, TODAY)


# The request's delivery ward and kind -----------------------------------------------------


def request_details(**changes):
    from marketplace.valuechain import sourcing
    from tests.factories import category

    values = dict(title="Kẹo dừa", category_id=category("1.3").id, quantity=100, unit="kg", frequency="monthly",
                  delivery_term="warehouse", delivery_province_code=79, deadline=TODAY + timedelta(days=5))
    values.update(changes)
    return sourcing.RequestDetails(**values)


@pytest.mark.parametrize("changes, field", [
    ({"delivery_ward_code": 70}, "delivery_ward_code"),  # Hoàn Kiếm is in Hà Nội, not Hồ Chí Minh City
    ({"product_kind": "spaceships"}, "product_kind"),
])
def test_a_ward_outside_the_province_or_an_unknown_kind_is_refused(app, changes, field):
    from marketplace.valuechain import sourcing
    from tests.factories import make_distributor

    with pytest.raises(ValueChainError) as refused:
        sourcing.create_request(make_distributor(), None, request_details(**changes), today=TODAY)
    assert refused.value.field == field


def test_kinds_are_read_from_vietnamese_names():
    from marketplace.valuechain import kinds

    assert kinds.kind_of("Kẹo dừa sầu riêng", "1") == "candy"  # not durian
    assert kinds.kind_of("Sầu riêng sấy thăng hoa", "1") == "dried_fruit"
    assert kinds.kind_of("Nước cốt dừa đậm đặc", "1") == "coconut_milk"
    assert kinds.kind_of("Cà phê cốt dừa hòa tan", "1") == "coffee_cocoa"
    assert kinds.kind_of("Cây giống sầu riêng Ri6", "5") == "seedlings"
    assert kinds.kind_of("Trải nghiệm làm kẹo dừa", "6") == "tour"
    assert kinds.relatedness("candy", "candied_fruit") == 0.5
    assert kinds.relatedness("candy", "coconut_milk") == 0.0
