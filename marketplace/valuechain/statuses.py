"""How sourcing requests, offers and partnerships change status: their transition tables,
followed through `marketplace.statemachine` (a refusal for an illegal step, a conditional
UPDATE so that of two people acting at once one wins and the other is told why, and a row
in `status_history`)."""
import sqlalchemy as sa
from flask_babel import gettext as _

from marketplace.extensions import db
from marketplace.statemachine import StateMachine
from marketplace.valuechain.labels import status_label
from marketplace.valuechain.models import OfferStatus, PartnershipStatus, RequestStatus

REQUEST_TRANSITIONS = {
    RequestStatus.DRAFT: {RequestStatus.OPEN},
    RequestStatus.OPEN: {RequestStatus.CLOSED, RequestStatus.AWARDED},
    RequestStatus.CLOSED: {RequestStatus.AWARDED},
    RequestStatus.AWARDED: set(),
}

OFFER_TRANSITIONS = {
    OfferStatus.SUBMITTED: {OfferStatus.WITHDRAWN, OfferStatus.SHORTLISTED, OfferStatus.ACCEPTED, OfferStatus.DECLINED},
    OfferStatus.SHORTLISTED: {OfferStatus.WITHDRAWN, OfferStatus.ACCEPTED, OfferStatus.DECLINED},
    OfferStatus.ACCEPTED: set(),
    OfferStatus.DECLINED: set(),
    OfferStatus.WITHDRAWN: set(),
}

PARTNERSHIP_TRANSITIONS = {
    PartnershipStatus.PROPOSED: {PartnershipStatus.ACTIVE, PartnershipStatus.DECLINED},
    PartnershipStatus.ACTIVE: {PartnershipStatus.ENDED},
    PartnershipStatus.DECLINED: set(),
    PartnershipStatus.ENDED: set(),
}


def _illegal(obj, old, new):
    return _("Not possible any more: this is “%(status)s”.", status=status_label(old))


def _conflict(obj, old, new):
    # The other person's change is committed (our UPDATE waited for it): name where it went.
    model = type(obj)
    now = db.session.scalar(sa.select(model.status).where(model.id == obj.id))
    return _("Somebody else changed this at the same moment: it is now “%(status)s”.", status=status_label(now))


REQUESTS = StateMachine("sourcing_request", REQUEST_TRANSITIONS, illegal=_illegal, conflict=_conflict)
OFFERS = StateMachine("offer", OFFER_TRANSITIONS, illegal=_illegal, conflict=_conflict)
PARTNERSHIPS = StateMachine("partnership", PARTNERSHIP_TRANSITIONS, illegal=_illegal, conflict=_conflict)


def move_request(request, new, today, actor=None, reason="", **values):
    """Move a request as of `today`: an open request past its deadline counts as closed (it
    may be awarded, not closed again), even before `close_past_deadlines` wrote it down."""
    REQUESTS.check(request.status_on(today), new, request)
    return REQUESTS.move(request, new, actor, reason, **values)


def lock(obj):
    """Take the row lock of `obj` until the commit and reload its columns: what is read next
    is the latest committed state, and whoever acts on the same row waits for us."""
    model = type(obj)
    db.session.scalars(
        sa.select(model).where(model.id == obj.id).with_for_update(of=model)
        .execution_options(populate_existing=True)
    ).one()
