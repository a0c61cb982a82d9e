"""A homestay (nights, rooms) and a tour (guests) with booking terms, beside a cooperative's goods."""
from datetime import timedelta

import pytest

from marketplace import clock
from marketplace.bookings.models import BookableService, BookingKind
from marketplace.extensions import db
from tests.factories import make_cooperative, make_product
from tests.orders.conftest import client, outbox, _request_context  # noqa: F401 - fixtures


def in_days(n):
    return clock.today() + timedelta(days=n)


@pytest.fixture
def services(app):
    """(cooperative, homestay with 2 rooms a night, tour with 5 places a day, candy), committed."""
    coop = make_cooperative(name="HTX Du lịch Thới Thuận", shipping_fee_vnd=30000, free_shipping_from_vnd=None)
    homestay = make_product(coop, category_code="6.1", name_vi="Homestay vườn dừa", name_en="Coconut homestay",
                            unit="phòng/đêm", price_vnd=450000, stock=0)
    tour = make_product(coop, category_code="6.2", name_vi="Tour đom đóm", name_en="Firefly tour",
                        unit="vé/người", price_vnd=200000, stock=0)
    candy = make_product(coop, name_vi="Kẹo dừa", name_en="Coconut candy", price_vnd=85000, stock=10)
    db.session.add_all([BookableService(product=homestay, kind=BookingKind.STAY, daily_capacity=2),
                        BookableService(product=tour, kind=BookingKind.TOUR, daily_capacity=5)])
    db.session.commit()
    return coop, homestay, tour, candy
