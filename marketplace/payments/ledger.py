"""What each cooperative is owed: postings to the ledger, balances and statements.

Postings join the caller's transaction (the one that records the payment, the delivery, the
refund or the payout) and are idempotent: each entry's posting key is unique and inserted
with ON CONFLICT DO NOTHING, so posting the same thing twice — a replayed event, two
concurrent requests — leaves one entry. Balances are sums of entries.
"""
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.dialects import postgresql, sqlite

from marketplace import clock
from marketplace.extensions import db
from marketplace.money import prorate, share_of
from marketplace.payments import withholding
from marketplace.payments.models import LedgerEntry, LedgerKind, RefundPart

def commission_rate():
    return Decimal(str(current_app.config["COMMISSION_RATE"]))


def _post(rows):
    """Insert entries (dicts of LedgerEntry columns), skipping zero amounts and posting keys
    already taken."""
    rows = [row for row in rows if row["amount_vnd"]]
    if not rows:
        return
    dialect = postgresql if db.session.get_bind().dialect.name == "postgresql" else sqlite
    db.session.execute(
        dialect.insert(LedgerEntry.__table__).values(rows).on_conflict_do_nothing(index_elements=["posting_key"])
    )


def _entry(kind, amount, key, cooperative_id, reference, **links):
    return {"kind": kind.value, "amount_vnd": amount, "posting_key": f"{kind.value}:{key}",
            "cooperative_id": cooperative_id, "reference": reference,
            "shipment_id": links.get("shipment_id"), "refund_part_id": links.get("refund_part_id"),
            "payout_id": links.get("payout_id"), "taxable_kind": links.get("taxable_kind"),
            "taxable_vnd": links.get("taxable_vnd")}


def _tax_entries(tax_kinds, amounts, key, cooperative_id, reference, **links):
    """VAT and PIT entries of one kind of revenue: `amounts` is (VAT, PIT, revenue), signed."""
    (vat_kind, pit_kind), (vat, pit, revenue), taxable_kind = tax_kinds, amounts, links.pop("taxable_kind")
    key = f"{key}:{taxable_kind.value}"
    return [_entry(kind, amount, key, cooperative_id, reference, taxable_kind=taxable_kind.value,
                   taxable_vnd=revenue, **links)
            for kind, amount in ((vat_kind, vat), (pit_kind, pit))]


WITHHELD = (LedgerKind.VAT_WITHHELD, LedgerKind.PIT_WITHHELD)
RETURNED = (LedgerKind.VAT_RETURNED, LedgerKind.PIT_RETURNED)


def credit_shipment(shipment, order_number):
    """Credit a shipment's cooperative once it is paid for (card or bank transfer: when paid;
    cash on delivery: when delivered): its goods less the commission, plus its shipping fee,
    less the tax withheld for a household or individual seller (withholding.py). Every way of
    paying posts through here, so none misses the withholding."""
    commission = share_of(shipment.goods_subtotal_vnd, commission_rate())
    key, links = f"shipment:{shipment.id}", {"shipment_id": shipment.id}
    rows = [
        _entry(LedgerKind.SALE_CREDIT, shipment.goods_subtotal_vnd, key, shipment.cooperative_id, order_number, **links),
        _entry(LedgerKind.COMMISSION_DEBIT, -commission, key, shipment.cooperative_id, order_number, **links),
        _entry(LedgerKind.SHIPPING_CREDIT, shipment.shipping_fee_vnd, key, shipment.cooperative_id, order_number,
               **links),
    ]
    # Withheld once, like the rest: a replay finds the same posting keys taken.
    for tax in withholding.withheld_on(shipment):
        rows += _tax_entries(WITHHELD, (-tax.vat, -tax.pit, tax.revenue), key, shipment.cooperative_id,
                             order_number, taxable_kind=tax.taxable_kind, **links)
    _post(rows)


def _shipment_sums(shipment_id):
    rows = db.session.execute(
        sa.select(LedgerEntry.kind, sa.func.sum(LedgerEntry.amount_vnd))
        .where(LedgerEntry.shipment_id == shipment_id)
        .group_by(LedgerEntry.kind)
    ).all()
    return {LedgerKind(kind): int(total) for kind, total in rows}


def debit_refund(part, shipment, order_number):
    """Debit the cooperative for the refunded share of a shipment it was credited for: the
    amount given back, less the commission on it, which is returned. Cumulative rounding: after
    refunding a shipment in full, in one part or many, exactly its credit has been taken back.
    Nothing for a shipment never credited (paid after it was cancelled; cash not collected)."""
    sums = _shipment_sums(shipment.id)
    credited = sums.get(LedgerKind.SALE_CREDIT, 0) + sums.get(LedgerKind.SHIPPING_CREDIT, 0)
    if not credited:
        return
    commission = -sums.get(LedgerKind.COMMISSION_DEBIT, 0)
    # Net of refunds that failed and were reversed (reverse_refund).
    refunded = -sums.get(LedgerKind.REFUND_DEBIT, 0) - sums.get(LedgerKind.REFUND_REVERSAL, 0)
    returned_so_far = sums.get(LedgerKind.COMMISSION_RETURN, 0) + sums.get(LedgerKind.COMMISSION_REVERSAL, 0)
    amount = min(part.amount_vnd, credited - refunded)
    if amount <= 0:
        return
    returned = max(0, prorate(commission, refunded + amount, credited) - returned_so_far)
    key, links = f"refund_part:{part.id}", {"shipment_id": shipment.id, "refund_part_id": part.id}
    rows = [
        _entry(LedgerKind.REFUND_DEBIT, -amount, key, shipment.cooperative_id, order_number, **links),
        _entry(LedgerKind.COMMISSION_RETURN, returned, key, shipment.cooperative_id, order_number, **links),
    ]
    for taxable_kind, (withheld, given_back) in _tax_sums(shipment.id).items():
        # Each figure's share of what is now refunded, less what earlier refunds gave back.
        share = [max(0, prorate(w, refunded + amount, credited) - g) for w, g in zip(withheld, given_back)]
        rows += _tax_entries(RETURNED, (share[0], share[1], -share[2]), key, shipment.cooperative_id, order_number,
                             taxable_kind=taxable_kind, **links)
    _post(rows)


def _tax_sums(shipment_id):
    """{kind of revenue: ((VAT, PIT, revenue) withheld at the sale, (VAT, PIT, revenue) given
    back since by refunds, net of failed ones)}, all positive."""
    rows = db.session.execute(
        sa.select(LedgerEntry.kind, LedgerEntry.taxable_kind, LedgerEntry.refund_part_id.is_(None),
                  sa.func.sum(LedgerEntry.amount_vnd), sa.func.sum(LedgerEntry.taxable_vnd))
        .where(LedgerEntry.shipment_id == shipment_id, LedgerEntry.kind.in_(WITHHELD + RETURNED))
        .group_by(LedgerEntry.kind, LedgerEntry.taxable_kind, LedgerEntry.refund_part_id.is_(None))
    ).all()
    sums = {}
    for kind, taxable_kind, at_sale, amount, taxable in rows:
        withheld, given_back = sums.setdefault(taxable_kind, ([0, 0, 0], [0, 0, 0]))
        target = withheld if at_sale else given_back
        index = 0 if kind in (LedgerKind.VAT_WITHHELD, LedgerKind.VAT_RETURNED) else 1
        # At the sale: − tax; later: + returned, or − taken back when a refund failed.
        target[index] += -int(amount) if at_sale else int(amount)
        if index == 0:  # the revenue is on both taxes' entries: count it once
            target[2] += int(taxable or 0) if at_sale else -int(taxable or 0)
    return sums


def reverse_refund(refund_id, order_number):
    """Take back what a refund posted, once Stripe reported it failed: the buyer did not get
    the money, so the cooperatives are not debited for it (a new refund debits them again).
    Each entry is reversed by one of the opposite sign, keyed by the same refund part: once."""
    posted = db.session.scalars(
        sa.select(LedgerEntry).join(RefundPart, RefundPart.id == LedgerEntry.refund_part_id)
        .where(RefundPart.refund_id == refund_id,
               LedgerEntry.kind.in_(list(REVERSAL_OF)))
        .order_by(LedgerEntry.id)
    ).all()
    _post([
        _entry(REVERSAL_OF[entry.kind], -entry.amount_vnd,
               f"refund_part:{entry.refund_part_id}" + (f":{entry.taxable_kind.value}" if entry.taxable_kind else ""),
               entry.cooperative_id, order_number, shipment_id=entry.shipment_id,
               refund_part_id=entry.refund_part_id, taxable_kind=entry.taxable_kind and entry.taxable_kind.value,
               taxable_vnd=None if entry.taxable_vnd is None else -entry.taxable_vnd)
        for entry in posted
    ])


# What takes back each entry of a refund that failed: the tax it gave back is withheld again.
REVERSAL_OF = {
    LedgerKind.REFUND_DEBIT: LedgerKind.REFUND_REVERSAL,
    LedgerKind.COMMISSION_RETURN: LedgerKind.COMMISSION_REVERSAL,
    LedgerKind.VAT_RETURNED: LedgerKind.VAT_WITHHELD,
    LedgerKind.PIT_RETURNED: LedgerKind.PIT_WITHHELD,
}


def debit_payout(payout):
    _post([_entry(LedgerKind.PAYOUT_DEBIT, -payout.amount_vnd, f"payout:{payout.id}", payout.cooperative_id,
                  payout.bank_reference, payout_id=payout.id)])


def balance(cooperative_id, before=None):
    """What the marketplace owes the cooperative (negative: what it owes the marketplace),
    from all entries, or from those before the moment `before`."""
    query = sa.select(sa.func.coalesce(sa.func.sum(LedgerEntry.amount_vnd), 0)).where(
        LedgerEntry.cooperative_id == cooperative_id)
    if before is not None:
        query = query.where(LedgerEntry.created_at < before)
    return int(db.session.scalar(query))


def balances():
    """{cooperative id: balance} of every cooperative with entries (one query)."""
    rows = db.session.execute(
        sa.select(LedgerEntry.cooperative_id, sa.func.sum(LedgerEntry.amount_vnd)).group_by(LedgerEntry.cooperative_id)
    ).all()
    return {cooperative_id: int(total) for cooperative_id, total in rows}


def entries_of(cooperative_id, page=1, per_page=50):
    """A page of the cooperative's entries, newest first, and their count."""
    query = sa.select(LedgerEntry).where(LedgerEntry.cooperative_id == cooperative_id)
    total = db.session.scalar(query.with_only_columns(sa.func.count(LedgerEntry.id)))
    rows = db.session.scalars(
        query.order_by(LedgerEntry.created_at.desc(), LedgerEntry.id.desc()).limit(per_page).offset((page - 1) * per_page)
    ).all()
    return rows, total


@dataclass
class Statement:
    opening: int
    lines: list  # (entry, balance after it)
    closing: int


def statement(cooperative_id, since, until):
    """The entries from `since` (inclusive) to `until` (exclusive), naive UTC, each with the
    balance after it, between the opening and closing balances. Two queries."""
    opening = balance(cooperative_id, before=since)
    entries = db.session.scalars(
        sa.select(LedgerEntry)
        .where(LedgerEntry.cooperative_id == cooperative_id, LedgerEntry.created_at >= since,
               LedgerEntry.created_at < until)
        .order_by(LedgerEntry.created_at, LedgerEntry.id)
    ).all()
    lines, running = [], opening
    for entry in entries:
        running += entry.amount_vnd
        lines.append((entry, running))
    return Statement(opening, lines, running)


# Which figure of a period each kind of entry adds to (statements, payments/views.py).
PERIOD_FIGURE = {
    LedgerKind.SALE_CREDIT: "gross", LedgerKind.SHIPPING_CREDIT: "gross",
    LedgerKind.COMMISSION_DEBIT: "commission", LedgerKind.COMMISSION_RETURN: "commission",
    LedgerKind.COMMISSION_REVERSAL: "commission",
    LedgerKind.VAT_WITHHELD: "vat", LedgerKind.VAT_RETURNED: "vat",
    LedgerKind.PIT_WITHHELD: "pit", LedgerKind.PIT_RETURNED: "pit",
    LedgerKind.REFUND_DEBIT: "refunds", LedgerKind.REFUND_REVERSAL: "refunds",
    LedgerKind.PAYOUT_DEBIT: "paid_out",
}


@dataclass
class PeriodTotals:
    """One month of a cooperative's ledger, signed like its entries (− taken off)."""

    month: date  # its first day (local calendar)
    gross: int = 0  # goods and shipping of the sales credited
    commission: int = 0  # net of the commission refunds gave back
    vat: int = 0  # withheld, net of what refunds gave back (+: a credit)
    pit: int = 0
    refunds: int = 0
    paid_out: int = 0  # bank transfers to the cooperative

    @property
    def net(self):
        """What the month added to the balance before payouts."""
        return self.gross + self.commission + self.vat + self.pit + self.refunds


def monthly_totals(cooperative_id, months=12):
    """The last `months` calendar months (local time) that have entries, newest first: gross
    sales, commission, VAT and PIT withheld, refunds, net and paid out. One query."""
    first = clock.today().replace(day=1)
    starts = [clock.add_months(first, -n) for n in range(months)]
    bounds = [clock.day_start(day) for day in [clock.add_months(first, 1), *starts]]
    bucket = sa.case(*((LedgerEntry.created_at >= bounds[n + 1], n) for n in range(months)), else_=None)
    # Grouped in a subquery: PostgreSQL cannot tell that a CASE with parameters in SELECT and
    # in GROUP BY is one expression.
    entries = (
        sa.select(bucket.label("month"), LedgerEntry.kind, LedgerEntry.amount_vnd)
        .where(LedgerEntry.cooperative_id == cooperative_id, LedgerEntry.created_at >= bounds[-1],
               LedgerEntry.created_at < bounds[0])
        .subquery()
    )
    rows = db.session.execute(
        sa.select(entries.c.month, entries.c.kind, sa.func.sum(entries.c.amount_vnd))
        .group_by(entries.c.month, entries.c.kind)
    ).all()
    totals = {}
    for index, kind, amount in rows:
        period = totals.setdefault(index, PeriodTotals(starts[index]))
        figure = PERIOD_FIGURE[kind]
        setattr(period, figure, getattr(period, figure) + int(amount))
    return [totals[index] for index in sorted(totals)]
