"""The one place the marketplace asks what time it is, and turns stored times into Vietnam's.

Times are stored as naive UTC; every date shown and every "today" is the local calendar of
the TIMEZONE setting (Asia/Ho_Chi_Minh). Tests freeze the clock by patching `utcnow` here
(`today` follows it)."""
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from flask import current_app, has_app_context

DEFAULT_TIMEZONE = "Asia/Ho_Chi_Minh"


def zone():
    """The marketplace's time zone (the TIMEZONE setting; Vietnam outside an app)."""
    name = current_app.config.get("TIMEZONE", DEFAULT_TIMEZONE) if has_app_context() else DEFAULT_TIMEZONE
    return ZoneInfo(name)


def utcnow():
    """Naive UTC, as stored in the database (SQLite keeps no time zones)."""
    return datetime.now(UTC).replace(tzinfo=None)


def local(moment):
    """A stored time (naive UTC) as an aware local time; dates pass through unchanged."""
    if moment is None or not isinstance(moment, datetime):
        return moment
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(zone())


def local_date(moment):
    """The local calendar day of a stored time (a date stays itself)."""
    return local(moment).date() if isinstance(moment, datetime) else moment


def today():
    """Today's local date: certificate validity, deadlines and reminders follow it."""
    return local_date(utcnow())


def day_start(day):
    """Local midnight starting `day`, as naive UTC (how times are stored)."""
    return datetime.combine(day, time.min, zone()).astimezone(UTC).replace(tzinfo=None)


def day_bounds(first_day, last_day):
    """Naive UTC [start, end) covering the local calendar days first_day..last_day."""
    return day_start(first_day), day_start(last_day + timedelta(days=1))


def add_months(day: date, months: int) -> date:
    """`day` plus whole months, clamped to the month's end (29/02 + 12 months -> 28/02)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)
