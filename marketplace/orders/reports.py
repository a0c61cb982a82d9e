"""What a cooperative learns of its sales: the CSV export of its order lines and the sales
overview per month and product (Vietnamese calendar days)."""
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.orm import contains_eager, selectinload

from marketplace import clock
from marketplace.extensions import db
from marketplace.orders.errors import OrderError
from marketplace.orders.models import Order, OrderLine, Shipment, Status

MAX_EXPORT_DAYS = 366


def check_period(start, end):
    if start is None or end is None:
        raise OrderError(_("Enter both dates of the period."))
    if end < start:
        raise OrderError(_("The period must end on or after its first day."))
    if (end - start).days >= MAX_EXPORT_DAYS:
        raise OrderError(_("Export at most %(days)s days at once.", days=MAX_EXPORT_DAYS))


EXPORT_HEADER = (
    "order", "placed_at", "status", "buyer", "phone", "address", "product", "unit", "quantity",
    "unit_price_vnd", "line_total_vnd", "shipping_fee_vnd", "carrier", "tracking_number",
    "booking_date", "nights",  # bookings of services (OCOP group 6); empty for goods
)


def export_rows(cooperative, start, end):
    """The cooperative's order lines placed from `start` to `end` (Vietnamese days), as rows
    under EXPORT_HEADER; a shipment's fee is on its first line."""
    check_period(start, end)
    since, until = clock.day_bounds(start, end)
    shipments = db.session.scalars(
        sa.select(Shipment)
        .join(Shipment.order)
        .where(Shipment.cooperative_id == cooperative.id, Order.placed_at >= since, Order.placed_at < until)
        .options(contains_eager(Shipment.order), selectinload(Shipment.lines))
        .order_by(Order.placed_at, Shipment.id)
    ).all()
    rows = []
    for shipment in shipments:
        order = shipment.order
        for index, line in enumerate(shipment.lines):
            rows.append((
                order.number, clock.local(order.placed_at).strftime("%Y-%m-%d %H:%M"), shipment.status.value,
                order.buyer_name, order.phone, order.address, line.product_name, line.unit, line.quantity,
                line.unit_price_vnd, line.total_vnd, shipment.shipping_fee_vnd if index == 0 else 0,
                shipment.carrier.value if shipment.carrier else "", shipment.tracking_number,
                line.booking_date.isoformat() if line.booking_date else "", line.nights or "",
            ))
    return rows


@dataclass
class MonthSales:
    month: date  # the first day
    revenue: int = 0
    units: int = 0


@dataclass
class ProductSales:
    name: str
    revenue: int = 0
    units: int = 0


@dataclass
class SalesOverview:
    months: list
    top_products: list

    @property
    def revenue(self):
        return sum(m.revenue for m in self.months)

    @property
    def units(self):
        return sum(m.units for m in self.months)

    @property
    def best_month_revenue(self):
        return max((m.revenue for m in self.months), default=0)


def sales_overview(cooperative, months=12, top=5, today=None):
    """Goods revenue and units per month (Vietnamese calendar, the last `months` months,
    shipments not cancelled) and the best-selling products over them. One query."""
    today = today or clock.today()
    first = clock.add_months(today.replace(day=1), -(months - 1))
    since, _until = clock.day_bounds(first, today)
    rows = db.session.execute(
        sa.select(Order.placed_at, OrderLine.product_slug, OrderLine.product_name, OrderLine.quantity,
                  OrderLine.unit_price_vnd)
        .join(OrderLine.shipment)
        .join(Shipment.order)
        .where(Shipment.cooperative_id == cooperative.id, Shipment.status != Status.CANCELLED, Order.placed_at >= since)
    ).all()
    by_month = {clock.add_months(first, i): MonthSales(clock.add_months(first, i)) for i in range(months)}
    by_product = {}
    for placed_at, slug, name, quantity, price in rows:
        month = by_month.get(clock.local_date(placed_at).replace(day=1))
        if month is None:
            continue
        month.revenue += quantity * price
        month.units += quantity
        product = by_product.setdefault(slug, ProductSales(name))
        product.revenue += quantity * price
        product.units += quantity
    best = sorted(by_product.values(), key=lambda p: (-p.revenue, p.name))[:top]
    return SalesOverview(list(by_month.values()), best)
