"""The rules of bookings: which products are services, the dates a buyer may choose, the
capacity of each day, and taking and giving back places.

Capacity is taken like stock: one guarded UPDATE per day (`… SET booked = booked + n WHERE
booked + n <= capacity`), days in date order, so that concurrent checkouts never overbook a
day. The caller owns the transaction unless a function says it commits.
"""
from dataclasses import dataclass
from datetime import date, timedelta

import sqlalchemy as sa
from flask_babel import gettext as _, ngettext
from sqlalchemy.dialects import postgresql, sqlite

from marketplace import clock, unitofwork
from marketplace.core import pagecache
from marketplace.bookings.models import BookableService, BookingDay, BookingKind
from marketplace.errors import Refusal
from marketplace.extensions import db
from marketplace.i18n import short_date

SERVICE_GROUP = "6"  # OCOP group 6: community tourism, eco-tourism, destinations
HORIZON_DAYS = 365  # how far ahead a date may be booked
MAX_NIGHTS = 30
MAX_CAPACITY = 10_000
SUGGESTED_DATES = 3


class BookingRefused(Refusal):
    """A booking the rules refuse (a date, a number of nights or guests, a full day)."""


class CapacityShort(BookingRefused):
    """A day had fewer places left than the booking wanted (taken meanwhile)."""

    def __init__(self, product_id, day):
        super().__init__(_("This date is fully booked."))
        self.product_id, self.day = product_id, day


def is_service(product):
    """Products of OCOP group 6 are booked for a date, not shipped."""
    return product.category.group_code == SERVICE_GROUP


@dataclass(frozen=True)
class Booking:
    """What a buyer asks for: from `day`, `places` (rooms of a stay, guests of a tour) on each
    of `nights` days (None for a tour: one day)."""

    day: date
    places: int
    nights: int | None = None

    @property
    def days(self):
        return [self.day + timedelta(days=n) for n in range(self.nights or 1)]

    @property
    def units(self):
        """What is paid for: room-nights of a stay, guests of a tour (the product's unit)."""
        return self.places * (self.nights or 1)

    @classmethod
    def of_line(cls, booking_date, quantity, nights):
        """The booking held by a cart or order line (its quantity is the units)."""
        return cls(booking_date, quantity // (nights or 1), nights)


class BookedLine:
    """For the cart's and checkout's lines (booking_date, quantity, nights): the Booking a line
    holds, or None for goods."""

    @property
    def booking(self):
        if self.booking_date is None:
            return None
        return Booking.of_line(self.booking_date, self.quantity, self.nights)


def terms_of(product_ids):
    """{product id: BookableService} of the products among `product_ids` that have terms."""
    if not product_ids:
        return {}
    rows = db.session.scalars(sa.select(BookableService).where(BookableService.product_id.in_(list(product_ids))))
    return {t.product_id: t for t in rows}


def _whole(text, message):
    try:
        return int(str(text).strip())
    except (TypeError, ValueError):
        raise BookingRefused(message) from None


def parse_date(text):
    try:
        return date.fromisoformat(str(text or "").strip())
    except ValueError:
        raise BookingRefused(_("Choose the date of your booking."), "booking_date") from None


def requested_booking(terms, day_text, places_text, nights_text=None):
    """The Booking a product page's form asks for, its numbers checked (dates: `check_dates`)."""
    if terms is None:
        raise BookingRefused(_("This service does not take bookings yet."))
    day = parse_date(day_text)
    if terms.kind == BookingKind.STAY:
        places = _whole(places_text, _("Enter the number of rooms as a whole number."))
        nights = _whole(nights_text, _("Enter the number of nights as a whole number."))
        if not 1 <= nights <= MAX_NIGHTS:
            raise BookingRefused(_("Book from 1 to %(max)s nights.", max=MAX_NIGHTS), "nights")
        if places < 1:
            raise BookingRefused(_("Book at least one room."), "places")
    else:
        places = _whole(places_text, _("Enter the number of guests as a whole number."))
        nights = None
        if places < 1:
            raise BookingRefused(_("Book for at least one guest."), "places")
    if places > MAX_CAPACITY:
        raise BookingRefused(_("That is more than this service can take on one day."), "places")
    return Booking(day, places, nights)


def date_problem(booking, today=None):
    """A sentence when the booking's date is in the past or beyond the horizon, else None."""
    today = today or clock.today()
    if booking.day < today:
        return _("%(date)s is in the past: choose a date from today on.", date=short_date(booking.day))
    last = today + timedelta(days=HORIZON_DAYS)
    if booking.days[-1] > last:
        return _("Bookings are open up to %(last)s: choose an earlier date.", last=short_date(last))
    return None


def free_places(terms, days):
    """{day: places still free} of a service on these days."""
    rows = dict(
        db.session.execute(
            sa.select(BookingDay.day, sa.func.coalesce(BookingDay.capacity, terms.daily_capacity) - BookingDay.booked)
            .where(BookingDay.product_id == terms.product_id, BookingDay.day.in_(list(days)))
        ).all()
    )
    return {day: max(0, rows.get(day, terms.daily_capacity)) for day in days}


def next_free_dates(terms, booking, today=None, count=SUGGESTED_DATES):
    """The first `count` start dates after the booking's (within the horizon) on which the
    whole booking fits."""
    today = today or clock.today()
    first = max(booking.day + timedelta(days=1), today)
    last = today + timedelta(days=HORIZON_DAYS)
    span = [first + timedelta(days=n) for n in range((last - first).days + 1)]
    free = free_places(terms, span)
    found = []
    for start in span:
        days = Booking(start, booking.places, booking.nights).days
        if days[-1] > last:
            break
        if all(free.get(d, 0) >= booking.places for d in days):
            found.append(start)
            if len(found) == count:
                break
    return found


def full_message(name, terms, booking, today=None):
    """The booking does not fit: say so, with the next dates on which it would."""
    dates = next_free_dates(terms, booking, today)
    if not dates:
        return _("%(name)s is fully booked on %(date)s, and no later date has room for this booking.",
                 name=name, date=short_date(booking.day))
    return _("%(name)s is fully booked on %(date)s. Free dates: %(dates)s.",
             name=name, date=short_date(booking.day), dates=", ".join(short_date(d) for d in dates))


def booking_problem(name, terms, booking, today=None):
    """Why this booking cannot be made (a date, no terms, a full day), or None."""
    if terms is None:
        return _("%(name)s does not take bookings yet.", name=name)
    problem = date_problem(booking, today)
    if problem:
        return problem
    free = free_places(terms, booking.days)
    if any(left < booking.places for left in free.values()):
        return full_message(name, terms, booking, today)
    return None


def _insert():
    return postgresql.insert if db.session.get_bind().dialect.name == "postgresql" else sqlite.insert


def take(terms, booking):
    """Take the booking's places on each of its days, in date order, each with a guarded
    UPDATE. CapacityShort when a day has fewer left; the caller rolls back then."""
    days = booking.days
    # Every day needs its row before it can be guarded; concurrent inserts of one day wait for
    # each other and the later one does nothing.
    db.session.execute(
        _insert()(BookingDay).values([{"product_id": terms.product_id, "day": d, "booked": 0} for d in days])
        .on_conflict_do_nothing()
    )
    table = BookingDay.__table__
    for day in days:
        booked = db.session.execute(
            sa.update(table)
            .where(table.c.product_id == terms.product_id, table.c.day == day,
                   table.c.booked + booking.places <= sa.func.coalesce(table.c.capacity, terms.daily_capacity))
            .values(booked=table.c.booked + booking.places)
            .returning(table.c.booked)
        ).scalar()
        if booked is None:
            raise CapacityShort(terms.product_id, day)


def give_back(product_id, booking):
    """Give a cancelled booking's places back (the caller makes sure it happens once)."""
    table = BookingDay.__table__
    for day in booking.days:
        db.session.execute(
            sa.update(table)
            .where(table.c.product_id == product_id, table.c.day == day)
            .values(booked=sa.case((table.c.booked >= booking.places, table.c.booked - booking.places), else_=0))
        )


# ---------------------------------------------------------------------------------------
# What the cooperative declares (portal)


def default_kind(product):
    """Homestays (6.1 by default) count nights; tours and destinations count guests."""
    return BookingKind.STAY if product.category.code == "6.1" else BookingKind.TOUR


def set_terms(product, kind, daily_capacity):
    """Set a service's booking kind and usual capacity per day, and commit."""
    try:
        kind = BookingKind(kind)
    except ValueError:
        raise BookingRefused(_("Choose what is booked: a stay or a tour."), "kind") from None
    if not isinstance(daily_capacity, int) or not 0 <= daily_capacity <= MAX_CAPACITY:
        raise BookingRefused(_("Enter a capacity from 0 to %(max)s.", max=MAX_CAPACITY), "daily_capacity")
    terms = db.session.get(BookableService, product.id)
    if terms is None:
        terms = BookableService(product_id=product.id)
        db.session.add(terms)
    terms.kind, terms.daily_capacity = kind, daily_capacity
    unitofwork.after_commit(pagecache.invalidate)  # the product page shows the booking form once it has terms
    unitofwork.commit()
    return terms


def set_day(product, day_text, capacity_text, today=None):
    """Set one date's own capacity (0 closes it; empty: back to the usual capacity), and commit.
    A day keeps what is already booked: a lower capacity only stops new bookings."""
    today = today or clock.today()
    day = parse_date(day_text)
    if day < today:
        raise BookingRefused(_("%(date)s is in the past: choose a date from today on.", date=short_date(day)),
                             "booking_date")
    capacity = None
    if str(capacity_text or "").strip():
        capacity = _whole(capacity_text, _("Enter a capacity from 0 to %(max)s.", max=MAX_CAPACITY))
        if not 0 <= capacity <= MAX_CAPACITY:
            raise BookingRefused(_("Enter a capacity from 0 to %(max)s.", max=MAX_CAPACITY), "capacity")
    db.session.execute(_insert()(BookingDay).values(product_id=product.id, day=day, booked=0).on_conflict_do_nothing())
    db.session.execute(
        sa.update(BookingDay).where(BookingDay.product_id == product.id, BookingDay.day == day)
        .values(capacity=capacity).execution_options(synchronize_session=False)
    )
    unitofwork.commit()
    return day


def upcoming_days(product, today=None, limit=60):
    """The next days that have bookings or their own capacity, in date order."""
    today = today or clock.today()
    return db.session.scalars(
        sa.select(BookingDay)
        .where(BookingDay.product_id == product.id, BookingDay.day >= today,
               sa.or_(BookingDay.booked > 0, BookingDay.capacity.is_not(None)))
        .order_by(BookingDay.day)
        .limit(limit)
    ).all()


def describe(booking):
    """"12/01/2027 · 2 rooms · 3 nights" or "12/01/2027 · 4 guests": a booking in one line."""
    if booking.nights is None:
        return f"{short_date(booking.day)} · " + ngettext("%(num)s guest", "%(num)s guests", booking.places)
    return " · ".join([short_date(booking.day), ngettext("%(num)s room", "%(num)s rooms", booking.places),
                       ngettext("%(num)s night", "%(num)s nights", booking.nights)])
