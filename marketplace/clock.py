"""The one place the marketplace asks what time it is (tests freeze it by patching these)."""
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")


def utcnow():
    """Naive UTC, as stored in the database (SQLite keeps no time zones)."""
    return datetime.now(UTC).replace(tzinfo=None)


def today():
    """Today's date in Vietnam: certificate validity is judged by the local calendar."""
    return datetime.now(VIETNAM).date()


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
