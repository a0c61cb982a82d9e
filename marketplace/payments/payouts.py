"""Payouts: an admin records the bank transfers that pay cooperatives what the ledger says
they are owed."""
from dataclasses import dataclass

import sqlalchemy as sa
from flask import url_for
from flask_babel import gettext as _, lazy_gettext as _l

from marketplace import clock, jobs, unitofwork
from marketplace.errors import Refusal
from marketplace.extensions import db
from marketplace.i18n import price
from marketplace.money import format_vnd
from marketplace.notices import services as notices
from marketplace.payments import ledger
from marketplace.payments.models import Payout
from marketplace.producers.models import Cooperative
from marketplace.producers.staff import staff_of


notices.register_kind(
    "payments.payout",
    _l("Payout of %(amount)s"),
    _l("The marketplace sent %(amount)s to your bank account (reference %(reference)s)."),
)


class PayoutRefused(Refusal):
    pass


def record_payout(cooperative, amount, bank_reference, paid_on, actor, note=""):
    """An admin records a bank transfer to a cooperative: it debits its balance. At most what
    the cooperative is owed; a bank reference once per cooperative."""
    bank_reference = (bank_reference or "").strip()
    if not isinstance(amount, int) or amount <= 0:
        raise PayoutRefused(_("Enter the amount in đồng, e.g. 1.500.000."))
    if not bank_reference or len(bank_reference) > 100:
        raise PayoutRefused(_("Enter the bank transfer's reference (at most 100 characters)."))
    if paid_on is None or paid_on > clock.today():
        raise PayoutRefused(_("Enter the day the transfer was made (not in the future)."))
    if not cooperative.tax_profile_complete:
        raise PayoutRefused(_("%(name)s has not filled in its tax profile (tax code, and the owner's citizen ID for a "
                              "household or an individual) in its portal: no payout until it does.",
                              name=cooperative.name))
    try:
        db.session.scalars(sa.select(Cooperative.id).where(Cooperative.id == cooperative.id).with_for_update()).one()
        owed = ledger.balance(cooperative.id)
        if amount > owed:
            raise PayoutRefused(_("%(name)s is owed %(balance)s: a payout cannot be larger.",
                                  name=cooperative.name, balance=price(owed)))
        payout = Payout(cooperative_id=cooperative.id, amount_vnd=amount, bank_reference=bank_reference,
                        paid_on=paid_on, note=(note or "").strip()[:500], actor_id=actor.id if actor else None)
        db.session.add(payout)
        db.session.flush()
        ledger.debit_payout(payout)
        jobs.defer(_tell_cooperative, payout_id=payout.id)
        unitofwork.commit()
    except PayoutRefused:
        unitofwork.rollback()
        raise
    except sa.exc.IntegrityError:
        unitofwork.rollback()
        raise PayoutRefused(_("This bank reference is already recorded for %(name)s.", name=cooperative.name)) from None
    return payout


@jobs.task
def _tell_cooperative(payout_id):
    payout = db.session.get(Payout, payout_id)
    staff = staff_of([payout.cooperative_id])[payout.cooperative_id]
    notices.notify(staff, "payments.payout", link=url_for("payments.ledger_page"),
                   params={"amount": format_vnd(payout.amount_vnd), "reference": payout.bank_reference}, email=True,
                   dedupe_key=f"payout:{payout.id}")
    unitofwork.commit()


def payouts_of(cooperative_id, limit=100):
    return db.session.scalars(
        sa.select(Payout).where(Payout.cooperative_id == cooperative_id)
        .order_by(Payout.paid_on.desc(), Payout.id.desc()).limit(limit)
    ).all()


@dataclass
class CooperativeBalance:
    cooperative: Cooperative
    balance: int


def cooperative_balances():
    """Every cooperative with ledger entries and what it is owed, largest first (two queries)."""
    owed = ledger.balances()
    cooperatives = db.session.scalars(sa.select(Cooperative).where(Cooperative.id.in_(list(owed)))).all() if owed else []
    rows = [CooperativeBalance(c, owed[c.id]) for c in cooperatives]
    return sorted(rows, key=lambda row: (-row.balance, row.cooperative.name))
