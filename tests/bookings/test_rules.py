"""The rules of bookings as plain functions: dates, capacity, fees, giving places back once."""
from datetime import timedelta

import pytest
import sqlalchemy as sa

from marketplace import clock
from marketplace.bookings import services as bookings
from marketplace.bookings.models import BookingDay
from marketplace.extensions import db
from marketplace.orders import fulfilment
from marketplace.orders.checkout import LineRequest, place_order
from marketplace.orders.errors import OrderRejected
from marketplace.orders.models import Status
from tests.bookings.conftest import in_days
from tests.orders.conftest import delivery, token


def booked(product, day):
    return db.session.scalar(sa.select(BookingDay.booked).where(BookingDay.product_id == product.id,
                                                                BookingDay.day == day)) or 0


def stay(product, day, rooms=1, nights=1):
    return LineRequest(product.id, rooms * nights, product.price_vnd, day, nights)


def test_group_six_is_a_service(services):
    _, homestay, tour, candy = services
    assert bookings.is_service(homestay) and bookings.is_service(tour) and not bookings.is_service(candy)


def test_a_stay_counts_rooms_on_each_night_and_is_paid_by_the_room_night():
    booking = bookings.Booking(in_days(3), places=2, nights=3)
    assert booking.days == [in_days(3), in_days(4), in_days(5)] and booking.units == 6
    assert bookings.Booking.of_line(in_days(3), 6, 3) == booking
    assert bookings.Booking(in_days(3), places=4).units == 4  # a tour: guests


@pytest.mark.parametrize("day, expected", [
    (-1, "is in the past: choose a date from today on."),
    (bookings.HORIZON_DAYS + 1, "Bookings are open up to"),
])
def test_dates_in_the_past_or_beyond_the_horizon_are_refused(day, expected):
    assert expected in bookings.date_problem(bookings.Booking(in_days(day), 1))


def test_today_and_the_last_day_of_the_horizon_are_fine():
    assert bookings.date_problem(bookings.Booking(clock.today(), 1)) is None
    assert bookings.date_problem(bookings.Booking(in_days(bookings.HORIZON_DAYS), 1)) is None
    assert bookings.date_problem(bookings.Booking(in_days(bookings.HORIZON_DAYS), 1, nights=2)) is not None


@pytest.mark.parametrize("places, nights, message", [
    ("0", "1", "Book at least one room."), ("1", "0", "Book from 1 to 30 nights."),
    ("x", "1", "Enter the number of rooms as a whole number."), ("1", "31", "Book from 1 to 30 nights."),
])
def test_rooms_and_nights_are_checked(services, places, nights, message):
    terms = bookings.terms_of([services[1].id])[services[1].id]
    with pytest.raises(bookings.BookingRefused, match=message):
        bookings.requested_booking(terms, in_days(2).isoformat(), places, nights)


def test_a_bad_date_is_refused_with_a_message(services):
    terms = bookings.terms_of([services[2].id])[services[2].id]
    with pytest.raises(bookings.BookingRefused, match="Choose the date of your booking."):
        bookings.requested_booking(terms, "31/02/2027", "2")


def test_a_booking_has_no_shipping_fee_and_no_address_and_takes_capacity(services):
    _, homestay, _, _ = services
    order = place_order(delivery(province_code=None, ward_code=None, street=""),
                        [stay(homestay, in_days(10), rooms=2, nights=2)], token())
    (shipment,) = order.shipments
    assert shipment.is_booking and shipment.shipping_fee_vnd == 0 and order.shipping_total_vnd == 0
    assert order.total_vnd == 4 * 450000 and order.province_code is None and order.address == ""
    (line,) = shipment.lines
    assert (line.booking_date, line.nights, line.places, line.quantity) == (in_days(10), 2, 2, 4)
    assert booked(homestay, in_days(10)) == 2 and booked(homestay, in_days(11)) == 2


def test_a_mixed_order_ships_the_goods_with_a_fee_and_books_apart(services):
    _, homestay, tour, candy = services
    order = place_order(delivery(), [LineRequest(candy.id, 2, 85000), stay(homestay, in_days(5)),
                                     LineRequest(tour.id, 3, 200000, in_days(5))], token())
    goods, booking = sorted(order.shipments, key=lambda s: s.is_booking)
    assert not goods.is_booking and goods.shipping_fee_vnd == 30000 and len(goods.lines) == 1
    assert booking.is_booking and booking.shipping_fee_vnd == 0 and len(booking.lines) == 2
    assert order.shipping_total_vnd == 30000 and order.address


def test_goods_still_need_an_address(services):
    with pytest.raises(OrderRejected, match="Choose a province."):
        place_order(delivery(province_code=None, ward_code=None), [LineRequest(services[3].id, 1, 85000)], token())


def test_a_full_date_is_refused_with_the_next_free_dates(services):
    _, homestay, _, _ = services
    place_order(delivery(), [stay(homestay, in_days(7), rooms=2)], token())
    with pytest.raises(OrderRejected) as refused:
        place_order(delivery(), [stay(homestay, in_days(6), rooms=1, nights=2)], token())
    message = refused.value.problems[0]
    assert "Coconut homestay is fully booked on" in message and "Free dates:" in message
    assert bookings.next_free_dates(bookings.terms_of([homestay.id])[homestay.id],
                                    bookings.Booking(in_days(6), 1, 2)) == [in_days(8), in_days(9), in_days(10)]


def test_a_closed_date_takes_no_booking_and_a_date_can_open_again(services):
    _, _, tour, _ = services
    bookings.set_day(tour, in_days(4).isoformat(), "0")
    with pytest.raises(OrderRejected, match="fully booked"):
        place_order(delivery(), [LineRequest(tour.id, 1, 200000, in_days(4))], token())
    bookings.set_day(tour, in_days(4).isoformat(), "")
    assert place_order(delivery(), [LineRequest(tour.id, 5, 200000, in_days(4))], token()).total_vnd == 1_000_000


def test_a_booking_line_needs_a_date_and_goods_take_none(services):
    _, homestay, _, candy = services
    with pytest.raises(OrderRejected, match="Choose a date for Coconut homestay on its page."):
        place_order(delivery(), [LineRequest(homestay.id, 1, 450000)], token())
    with pytest.raises(OrderRejected, match="is not booked for a date"):
        place_order(delivery(), [LineRequest(candy.id, 1, 85000, in_days(2))], token())


def test_confirmed_then_taken_place_and_no_shipping_step(services):
    _, _, tour, _ = services
    order = place_order(delivery(), [LineRequest(tour.id, 2, 200000, in_days(3))], token())
    (shipment,) = order.shipments
    fulfilment.confirm_shipment(shipment, None)
    with pytest.raises(Exception, match="cannot go to that status"):
        fulfilment.ship_shipment(shipment, None, "own")
    fulfilment.deliver_shipment(shipment, None)
    assert shipment.status == Status.DELIVERED and order.status == Status.DELIVERED


def test_cancelling_gives_the_places_back_once(services):
    _, homestay, _, _ = services
    order = place_order(delivery(), [stay(homestay, in_days(3), rooms=2, nights=2)], token())
    (shipment,) = order.shipments
    fulfilment.cancel_shipment(shipment, None, "Nhà bị ngập")
    assert booked(homestay, in_days(3)) == 0 and booked(homestay, in_days(4)) == 0
    with pytest.raises(Exception):
        fulfilment.cancel_shipment(shipment, None, "again")
    assert booked(homestay, in_days(3)) == 0
    place_order(delivery(), [stay(homestay, in_days(3), rooms=2)], token())  # the rooms are free again


def test_terms_are_checked(services):
    _, homestay, _, _ = services
    with pytest.raises(bookings.BookingRefused, match="Choose what is booked"):
        bookings.set_terms(homestay, "boat", 3)
    with pytest.raises(bookings.BookingRefused, match="Enter a capacity from 0"):
        bookings.set_terms(homestay, "stay", -1)
    assert bookings.set_terms(homestay, "tour", 12).daily_capacity == 12


def test_past_dates_cannot_be_changed_by_the_cooperative(services):
    with pytest.raises(bookings.BookingRefused, match="in the past"):
        bookings.set_day(services[1], (clock.today() - timedelta(days=1)).isoformat(), "0")
