"""Partnerships: who supplies whom. From an accepted offer (see offers), or proposed by a
distributor and accepted by the cooperative; either side ends one; both consent to show it."""
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.orm import joinedload, selectinload

from marketplace import clock, unitofwork
from marketplace.producers.organisations import check_can_publish
from marketplace.extensions import db
from marketplace.valuechain.checks import MAX_PRICE, one_of, published_products_of, text, today_or, whole
from marketplace.valuechain.models import Frequency, Partnership, PartnershipStatus, Unit, ValueChainError
from marketplace.valuechain.notifications import path, tell_cooperative, tell_distributor
from marketplace.valuechain.statuses import PARTNERSHIPS


@dataclass
class PartnershipTerms:
    product_ids: list
    unit_price: int | None
    unit: str
    volume_per_period: int | None
    frequency: str
    starts_on: date | None
    ends_on: date | None = None
    message: str = ""


def propose_partnership(company, cooperative, user, terms, today=None):
    """A distributor proposes to buy from a cooperative directly; the cooperative decides."""
    today = today_or(today)
    check_can_publish(company)
    if not cooperative.is_approved:
        raise ValueChainError(_("This producer cannot take partnerships yet."))
    products = published_products_of(cooperative, terms.product_ids,
                                      _("Choose at least one of the producer's products."),
                                      _("Choose products of this producer only."))
    price = whole(terms.unit_price, "unit_price", high=MAX_PRICE,
                   message=_("Enter a price in whole đồng above 0, e.g. 85.000."))
    volume = whole(terms.volume_per_period, "volume_per_period",
                    message=_("The quantity must be a whole number above 0."))
    if not isinstance(terms.starts_on, date):
        raise ValueChainError(_("Enter the start date."), "starts_on")
    if terms.starts_on < today:
        raise ValueChainError(_("The start date cannot be in the past."), "starts_on")
    if terms.ends_on is not None and terms.ends_on < terms.starts_on:
        raise ValueChainError(_("The partnership cannot end before it starts."), "ends_on")
    partnership = Partnership(
        distributor_id=company.id, cooperative_id=cooperative.id, proposed_by_id=user.id if user else None,
        unit_price=price, unit=one_of(Unit, terms.unit, "unit"), volume_per_period=volume,
        frequency=one_of(Frequency, terms.frequency, "frequency"), starts_on=terms.starts_on,
        ends_on=terms.ends_on, message=text(terms.message, 4000, "message"), products=products,
        status=PartnershipStatus.PROPOSED,
    )
    db.session.add(partnership)
    tell_cooperative(cooperative.id, "valuechain.partnership_proposed", path("valuechain.partnerships"),
                     {"distributor": company.name})
    unitofwork.commit()
    return partnership


def _partnership_params(partnership):
    return {"distributor": partnership.distributor.name, "cooperative": partnership.cooperative.name}


def respond_to_proposal(partnership, accept, actor=None):
    """The cooperative accepts (the partnership starts) or declines a proposal."""
    if accept:
        PARTNERSHIPS.move(partnership, PartnershipStatus.ACTIVE, actor, activated_at=clock.utcnow())
    else:
        PARTNERSHIPS.move(partnership, PartnershipStatus.DECLINED, actor)
    tell_distributor(partnership.distributor_id,
                     "valuechain.partnership_accepted" if accept else "valuechain.partnership_declined",
                     path("valuechain.partnerships"), _partnership_params(partnership))
    unitofwork.commit()


def end_partnership(partnership, by_distributor, today=None, actor=None):
    """Either side ends an active partnership; the other side is told."""
    today = today_or(today)
    ends_on = partnership.ends_on
    if ends_on is None or ends_on > today:
        ends_on = max(today, partnership.starts_on)
    PARTNERSHIPS.move(partnership, PartnershipStatus.ENDED, actor, ended_at=clock.utcnow(), ends_on=ends_on)
    link, params = path("valuechain.partnerships"), _partnership_params(partnership)
    if by_distributor:
        tell_cooperative(partnership.cooperative_id, "valuechain.partnership_ended", link, params)
    else:
        tell_distributor(partnership.distributor_id, "valuechain.partnership_ended", link, params)
    unitofwork.commit()


def set_shown(partnership, by_distributor, shown):
    """One side's consent to show the partnership on the public value chain."""
    if by_distributor:
        partnership.shown_by_distributor = bool(shown)
    else:
        partnership.shown_by_cooperative = bool(shown)
    unitofwork.commit()


def partnerships_of(cooperative=None, company=None):
    """The partnerships of one cooperative or one company, newest first (2 queries)."""
    query = (
        sa.select(Partnership)
        .options(joinedload(Partnership.distributor), joinedload(Partnership.cooperative),
                 selectinload(Partnership.products))
        .order_by(Partnership.created_at.desc(), Partnership.id.desc())
    )
    if cooperative is not None:
        query = query.where(Partnership.cooperative_id == cooperative.id)
    else:
        query = query.where(Partnership.distributor_id == company.id)
    return db.session.scalars(query).all()


def public_partnerships():
    """Active partnerships both sides agreed to show, oldest first."""
    return (
        sa.select(Partnership)
        .where(Partnership.status == PartnershipStatus.ACTIVE, Partnership.shown_by_distributor.is_(True),
               Partnership.shown_by_cooperative.is_(True))
        .options(joinedload(Partnership.distributor), joinedload(Partnership.cooperative),
                 selectinload(Partnership.products))
        .order_by(Partnership.activated_at, Partnership.id)
    )
