"""No day overbooked and no places given back twice, under real concurrency (PostgreSQL
only: see tests/concurrency.py)."""
import pytest
import sqlalchemy as sa

from marketplace.bookings.models import BookingDay
from marketplace.extensions import db
from marketplace.orders import checkout, fulfilment
from marketplace.orders.errors import OrderRejected
from marketplace.orders.models import Shipment
from tests.bookings.conftest import in_days
from tests.concurrency import postgres_only, run_together  # noqa: F401 - a fixture
from tests.orders.conftest import delivery, token

pytestmark = pytest.mark.postgres


@pytest.fixture(autouse=True)
def _postgres_only(postgres_only):
    pass


def booked(product_id, day):
    db.session.expire_all()
    return db.session.scalar(sa.select(BookingDay.booked).where(BookingDay.product_id == product_id,
                                                                BookingDay.day == day))


def test_twelve_guests_for_five_places_on_one_day(app, services):
    _, _, tour, _ = services
    day, tour_id = in_days(5), tour.id
    line = [checkout.LineRequest(tour_id, 1, 200000, day)]
    results = run_together(app, 12, lambda i: checkout.place_order(delivery(), line, token()).number)

    placed = [r for r in results if isinstance(r, str)]
    refused = [r for r in results if isinstance(r, OrderRejected)]
    assert len(placed) == 5 and len(refused) == 7, results
    assert all("fully booked" in r.problems[0] for r in refused)
    assert booked(tour_id, day) == 5


def test_overlapping_stays_never_overbook_a_night(app, services):
    # Two rooms a night; stays of two rooms for two nights starting on alternate days overlap on one night.
    _, homestay, _, _ = services
    homestay_id = homestay.id
    starts = [in_days(3), in_days(4)]
    results = run_together(app, 10, lambda i: checkout.place_order(
        delivery(), [checkout.LineRequest(homestay_id, 4, 450000, starts[i % 2], 2)], token()).number)
    assert all(isinstance(r, (str, OrderRejected)) for r in results), results
    assert sum(isinstance(r, str) for r in results) == 1  # whichever came first fills the shared night
    assert booked(homestay_id, in_days(4)) == 2


def test_two_cancels_at_once_give_the_places_back_once(app, services):
    _, _, tour, _ = services
    day = in_days(6)
    order = checkout.place_order(delivery(), [checkout.LineRequest(tour.id, 4, 200000, day)], token())
    shipment_id, tour_id = order.shipments[0].id, tour.id
    db.session.commit()

    def cancel(i):
        fulfilment.cancel_shipment(db.session.get(Shipment, shipment_id), None, "Mưa bão")
        return "cancelled"

    results = run_together(app, 4, cancel)
    assert results.count("cancelled") == 1, results
    assert booked(tour_id, day) == 0
