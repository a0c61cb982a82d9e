"""What a cooperative declares about a bookable service (OCOP group 6), and how full each day is.

A homestay counts rooms per night, a tour places (guests) per day: the capacity is in the
product's own unit. Each day that was booked or changed by the cooperative has one row; a
day without a row is open at the service's daily capacity and has nothing booked.
"""
import enum

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column, relationship

from marketplace.clock import utcnow
from marketplace.dbtypes import str_enum
from marketplace.extensions import db


class BookingKind(enum.StrEnum):
    STAY = "stay"  # rooms for one or more nights from the arrival date
    TOUR = "tour"  # places (guests) on one day: tours and experiences


BOOKING_KIND_LABELS = {
    BookingKind.STAY: _l("Stay (rooms, nights)"),
    BookingKind.TOUR: _l("Tour or experience (guests, one day)"),
}


class BookableService(db.Model):
    """The booking terms of a group-6 product, set by its cooperative in the portal."""

    __tablename__ = "bookable_services"
    __table_args__ = (sa.CheckConstraint("daily_capacity >= 0", name="capacity_not_negative"),)

    product_id: Mapped[int] = mapped_column(sa.ForeignKey("products.id", ondelete="CASCADE"), primary_key=True)
    kind: Mapped[BookingKind] = mapped_column(str_enum(BookingKind, "booking_kind"))
    # Rooms (stay) or places (tour) on an ordinary day.
    daily_capacity: Mapped[int] = mapped_column(default=0)
    updated_at: Mapped[sa.DateTime] = mapped_column(sa.DateTime, default=utcnow, onupdate=utcnow)

    product = relationship("Product")


class BookingDay(db.Model):
    """One day of one service: what is booked, and the cooperative's own capacity for that day
    when it differs from the usual one (0: closed). Bookings take places with a guarded
    UPDATE (`… WHERE booked + n <= capacity`), so a day is never overbooked."""

    __tablename__ = "booking_days"
    __table_args__ = (
        sa.CheckConstraint("booked >= 0", name="booked_not_negative"),
        sa.CheckConstraint("capacity IS NULL OR capacity >= 0", name="capacity_not_negative"),
    )

    product_id: Mapped[int] = mapped_column(sa.ForeignKey("products.id", ondelete="CASCADE"), primary_key=True)
    day: Mapped[sa.Date] = mapped_column(sa.Date, primary_key=True)
    booked: Mapped[int] = mapped_column(default=0)
    capacity: Mapped[int | None]  # None: the service's daily capacity
