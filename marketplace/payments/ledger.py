"""What each cooperative is owed: postings to the ledger, balances and statements.

Postings join the caller's transaction (the one that records the payment, the delivery, the
refund or the payout) and are idempotent: each entry's posting key is unique and inserted
with ON CONFLICT DO NOTHING, so posting the same thing twice — a replayed event, two
concurrent requests — leaves one entry. Balances are sums of entries.
"""
from dataclasses import dataclass
from decimal import Decimal

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.dialects import postgresql, sqlite

from marketplace.extensions import db
from marketplace.money import prorate, share_of
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
            "payout_id": links.get("payout_id")}


def credit_shipment(shipment, order_number):
    """Credit a shipment's cooperative once it is paid for (card: when paid; cash on delivery:
    when delivered): its goods less the commission, plus its shipping fee."""
    commission = share_of(shipment.goods_subtotal_vnd, commission_rate())
    key, links = f"shipment:{shipment.id}", {"shipment_id": shipment.id}
    _post([
        _entry(LedgerKind.SALE_CREDIT, shipment.goods_subtotal_vnd, key, shipment.cooperative_id, order_number, **links),
        _entry(LedgerKind.COMMISSION_DEBIT, -commission, key, shipment.cooperative_id, order_number, **links),
        _entry(LedgerKind.SHIPPING_CREDIT, shipment.shipping_fee_vnd, key, shipment.cooperative_id, order_number,
               **links),
    ])


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
    _post([
        _entry(LedgerKind.REFUND_DEBIT, -amount, key, shipment.cooperative_id, order_number, **links),
        _entry(LedgerKind.COMMISSION_RETURN, returned, key, shipment.cooperative_id, order_number, **links),
    ])


def reverse_refund(refund_id, order_number):
    """Take back what a refund posted, once Stripe reported it failed: the buyer did not get
    the money, so the cooperatives are not debited for it (a new refund debits them again).
    Each entry is reversed by one of the opposite sign, keyed by the same refund part: once."""
    posted = db.session.scalars(
        sa.select(LedgerEntry).join(RefundPart, RefundPart.id == LedgerEntry.refund_part_id)
        .where(RefundPart.refund_id == refund_id,
               LedgerEntry.kind.in_([LedgerKind.REFUND_DEBIT, LedgerKind.COMMISSION_RETURN]))
        .order_by(LedgerEntry.id)
    ).all()
    _post([
        _entry(LedgerKind.REFUND_REVERSAL if entry.kind == LedgerKind.REFUND_DEBIT else LedgerKind.COMMISSION_REVERSAL,
               -entry.amount_vnd, f"refund_part:{entry.refund_part_id}", entry.cooperative_id, order_number,
               shipment_id=entry.shipment_id, refund_part_id=entry.refund_part_id)
        for entry in posted
    ])


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
