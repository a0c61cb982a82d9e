"""Tax the marketplace withholds for household and individual sellers (Decree 117/2025/NĐ-CP).

Since 1 July 2025 a marketplace that takes the buyer's payment withholds, on every paid
transaction of a household business or an individual, VAT and personal income tax (PIT) on
the seller's revenue, and declares them monthly. Cooperatives and enterprises declare their
own tax: nothing is withheld for them.

The rates live in the `withholding_rates` table (one row per kind of revenue and day they
took effect, naming the decree): the rate of a sale is the row in force on the day it is paid.
The amounts are posted to the ledger (ledger.py) with the sale they belong to, so that a
refund gives back its share and the monthly report is a sum of ledger entries.

Rounding: each tax on each kind of revenue of a shipment is rounded to the nearest đồng,
halves up (`money.share_of`); refunds give back their share cumulatively (`money.prorate`),
so a shipment refunded in full gives back exactly what was withheld.
"""
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import sqlalchemy as sa

from marketplace import clock
from marketplace.extensions import db
from marketplace.money import share_of
from marketplace.payments.models import LedgerEntry, LedgerKind, TaxableKind, WithholdingRate
from marketplace.producers.models import Cooperative

DECREE_117_2025 = "117/2025/NĐ-CP"
# (kind of revenue, VAT, PIT, in force from, decree): loaded by migration 0017. A new decree
# is a new list here and a migration that inserts it; old rows stay for the sales they rated.
RATES = [
    (TaxableKind.GOODS, Decimal("0.01"), Decimal("0.005"), date(2025, 7, 1), DECREE_117_2025),
    (TaxableKind.SERVICES, Decimal("0.05"), Decimal("0.02"), date(2025, 7, 1), DECREE_117_2025),
    (TaxableKind.TRANSPORT, Decimal("0.03"), Decimal("0.015"), date(2025, 7, 1), DECREE_117_2025),
]


def load_rates():
    """Insert the rate rows that are missing (idempotent): tests and a database made without
    migrations."""
    existing = set(db.session.execute(sa.select(WithholdingRate.taxable_kind, WithholdingRate.effective_from)))
    for kind, vat, pit, effective_from, decree in RATES:
        if (kind, effective_from) not in existing:
            db.session.add(WithholdingRate(taxable_kind=kind, vat_rate=vat, pit_rate=pit,
                                           effective_from=effective_from, decree=decree))


def rates_on(day):
    """{kind of revenue: the WithholdingRate in force on `day`} (kinds with none: absent)."""
    rows = db.session.scalars(
        sa.select(WithholdingRate).where(WithholdingRate.effective_from <= day)
        .order_by(WithholdingRate.effective_from.desc(), WithholdingRate.id.desc())
    ).all()
    found = {}
    for row in rows:
        found.setdefault(row.taxable_kind, row)
    return found


@dataclass(frozen=True)
class Withheld:
    taxable_kind: TaxableKind
    revenue: int
    vat: int
    pit: int


def revenue_of(shipment):
    """The seller's revenue of a shipment by kind: a booking's price is a service; goods are
    goods and the seller's shipping fee is a transport service."""
    if shipment.is_booking:
        return {TaxableKind.SERVICES: shipment.goods_subtotal_vnd}
    return {TaxableKind.GOODS: shipment.goods_subtotal_vnd, TaxableKind.TRANSPORT: shipment.shipping_fee_vnd}


def withheld_on(shipment, day=None):
    """What to withhold on a paid shipment: nothing for a cooperative or an enterprise."""
    cooperative = db.session.get(Cooperative, shipment.cooperative_id)
    if not cooperative.tax_withheld:
        return []
    rates = rates_on(day or clock.today())
    return [Withheld(kind, revenue, share_of(revenue, rates[kind].vat_rate), share_of(revenue, rates[kind].pit_rate))
            for kind, revenue in revenue_of(shipment).items() if revenue > 0 and kind in rates]


TAX_KINDS = (LedgerKind.VAT_WITHHELD, LedgerKind.PIT_WITHHELD, LedgerKind.VAT_RETURNED, LedgerKind.PIT_RETURNED)


@dataclass
class SellerMonth:
    """One seller's line of the monthly withholding report."""

    cooperative: Cooperative
    revenue: dict  # {TaxableKind: đồng}
    vat: int
    pit: int


def monthly_report(month):
    """Every seller with tax entries in the calendar month (local time) of `month`: its revenue
    by kind and the VAT and PIT withheld, net of what refunds gave back in that month (a
    negative figure is a credit: a refund of an earlier month's sale). Sums of ledger entries,
    so the report matches the ledger to the đồng. Two queries."""
    first = month.replace(day=1)
    since, until = clock.day_start(first), clock.day_start(clock.add_months(first, 1))
    rows = db.session.execute(
        sa.select(LedgerEntry.cooperative_id, LedgerEntry.kind, LedgerEntry.taxable_kind,
                  sa.func.sum(LedgerEntry.amount_vnd), sa.func.sum(LedgerEntry.taxable_vnd))
        .where(LedgerEntry.kind.in_(TAX_KINDS), LedgerEntry.created_at >= since, LedgerEntry.created_at < until)
        .group_by(LedgerEntry.cooperative_id, LedgerEntry.kind, LedgerEntry.taxable_kind)
    ).all()
    if not rows:
        return []
    cooperatives = {c.id: c for c in db.session.scalars(
        sa.select(Cooperative).where(Cooperative.id.in_({row[0] for row in rows})))}
    report = {}
    for cooperative_id, kind, taxable_kind, amount, taxable in rows:
        line = report.setdefault(cooperative_id, SellerMonth(cooperatives[cooperative_id],
                                                             dict.fromkeys(TaxableKind, 0), 0, 0))
        if kind in (LedgerKind.VAT_WITHHELD, LedgerKind.VAT_RETURNED):
            line.vat -= int(amount)
            # Revenue is counted once, from the VAT entries (every taxed revenue has some VAT).
            line.revenue[taxable_kind] += int(taxable or 0)
        else:
            line.pit -= int(amount)
    return sorted(report.values(), key=lambda line: (line.cooperative.name, line.cooperative.id))
