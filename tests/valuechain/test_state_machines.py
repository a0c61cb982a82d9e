"""Requests, offers and partnerships change state only along their allowed steps, each step
written in status_history; every other step raises IllegalTransition and changes nothing."""
from datetime import timedelta

import pytest
import sqlalchemy as sa

from flask_babel import force_locale

from marketplace import clock
from marketplace.extensions import db
from marketplace.valuechain import offers, partnerships, sourcing
from marketplace.valuechain.statuses import OFFERS, PARTNERSHIPS, move_request
from marketplace.statemachine import IllegalTransition, StatusHistory
from marketplace.valuechain.models import (
    OfferStatus,
    PartnershipStatus,
    RequestStatus,
    ValueChainError,
)
from tests.factories import make_certificate, make_distributor_staff, make_product
from tests.valuechain.helpers import make_offer, make_partnership, make_request

TODAY = clock.today()


def history(obj, subject):
    """(from, to) of every recorded move of `obj`, oldest first."""
    return [(row.from_status, row.to_status) for row in db.session.scalars(
        sa.select(StatusHistory).where(StatusHistory.subject == subject, StatusHistory.subject_id == obj.id)
        .order_by(StatusHistory.id)
    )]


@pytest.fixture
def offer(app):
    product = make_product()
    make_certificate(product, stars=4)
    request = make_request()
    return make_offer(request, product)


# Requests ------------------------------------------------------------------------------

ALLOWED_REQUEST_STEPS = {
    (RequestStatus.DRAFT, RequestStatus.OPEN),
    (RequestStatus.OPEN, RequestStatus.CLOSED),
    (RequestStatus.OPEN, RequestStatus.AWARDED),
    (RequestStatus.CLOSED, RequestStatus.AWARDED),
}


@pytest.mark.parametrize("start", list(RequestStatus))
@pytest.mark.parametrize("target", list(RequestStatus))
def test_request_steps(app, start, target):
    request = make_request(status=start)
    if (start, target) in ALLOWED_REQUEST_STEPS:
        move_request(request, target, TODAY)
        assert request.status == target
        assert history(request, "sourcing_request") == [(start, target)]
    else:
        with pytest.raises(IllegalTransition):
            move_request(request, target, TODAY)
        assert request.status == start
        assert history(request, "sourcing_request") == []


def test_an_open_request_past_its_deadline_is_closed(app):
    request = make_request(deadline=TODAY - timedelta(days=1))
    assert request.status == RequestStatus.OPEN
    assert request.status_on(TODAY) == RequestStatus.CLOSED
    assert not request.takes_offers(TODAY)
    with pytest.raises(IllegalTransition):
        move_request(request, RequestStatus.CLOSED, TODAY)  # already closed by its deadline
    move_request(request, RequestStatus.AWARDED, TODAY)  # the buyer may still award it


def test_closing_past_deadlines_writes_it_down(app):
    past = make_request(deadline=TODAY - timedelta(days=1))
    today = make_request(deadline=TODAY)
    db.session.commit()
    assert sourcing.close_past_deadlines(TODAY) == 1
    assert past.status == RequestStatus.CLOSED and past.closed_at is not None
    assert history(past, "sourcing_request") == [("open", "closed")]
    assert today.status == RequestStatus.OPEN and today.takes_offers(TODAY)


def test_publishing_a_draft_whose_deadline_passed_is_refused(app):
    request = make_request(status=RequestStatus.DRAFT, deadline=TODAY - timedelta(days=1))
    db.session.commit()
    with pytest.raises(ValueChainError) as error:
        sourcing.publish_request(request, TODAY)
    assert error.value.field == "deadline"
    db.session.rollback()
    assert request.status == RequestStatus.DRAFT


def test_manual_close_and_no_reopening(app):
    request = make_request()
    db.session.commit()
    sourcing.close_request(request, TODAY)
    assert request.status == RequestStatus.CLOSED
    with pytest.raises(IllegalTransition):
        move_request(request, RequestStatus.OPEN, TODAY)


# Offers --------------------------------------------------------------------------------

ALLOWED_OFFER_STEPS = {
    (OfferStatus.SUBMITTED, OfferStatus.WITHDRAWN),
    (OfferStatus.SUBMITTED, OfferStatus.SHORTLISTED),
    (OfferStatus.SUBMITTED, OfferStatus.ACCEPTED),
    (OfferStatus.SUBMITTED, OfferStatus.DECLINED),
    (OfferStatus.SHORTLISTED, OfferStatus.WITHDRAWN),
    (OfferStatus.SHORTLISTED, OfferStatus.ACCEPTED),
    (OfferStatus.SHORTLISTED, OfferStatus.DECLINED),
}


@pytest.mark.parametrize("start", list(OfferStatus))
@pytest.mark.parametrize("target", list(OfferStatus))
def test_offer_steps(offer, start, target):
    offer.status = start
    if (start, target) in ALLOWED_OFFER_STEPS:
        OFFERS.move(offer, target)
        assert offer.status == target
        assert history(offer, "offer") == [(start, target)]
    else:
        with pytest.raises(IllegalTransition):
            OFFERS.move(offer, target)
        assert offer.status == start


def test_accepting_awards_the_request_and_makes_an_active_partnership(offer):
    user = make_distributor_staff(offer.request.distributor)
    db.session.commit()
    partnership = offers.accept_offer(offer, user, TODAY)
    assert offer.status == OfferStatus.ACCEPTED
    assert offer.request.status == RequestStatus.AWARDED
    assert partnership.status == PartnershipStatus.ACTIVE
    assert partnership.offer is offer and partnership.products == offer.products
    assert (partnership.unit_price, partnership.volume_per_period) == (offer.unit_price, offer.quantity_per_period)
    assert not partnership.is_public  # until both sides agree
    assert history(offer, "offer") == [("submitted", "accepted")]
    assert history(offer.request, "sourcing_request") == [("open", "awarded")]
    assert db.session.scalars(sa.select(StatusHistory.actor_id)).all() == [user.id, user.id]


def test_an_illegal_step_says_what_the_thing_is_now(offer):
    db.session.commit()
    offers.withdraw_offer(offer)
    with force_locale("en"), pytest.raises(IllegalTransition) as refusal:
        offers.accept_offer(offer, None, TODAY)
    assert refusal.value.problems == ["Not possible any more: this is “Withdrawn”."]


def test_a_second_offer_can_be_accepted_on_an_awarded_request(offer):
    other = make_product()
    make_certificate(other, stars=5)
    second = make_offer(offer.request, other)
    db.session.commit()
    offers.accept_offer(offer, None, TODAY)
    offers.accept_offer(second, None, TODAY)
    assert offer.request.status == RequestStatus.AWARDED
    assert second.status == OfferStatus.ACCEPTED


def test_accepting_twice_is_refused(offer):
    db.session.commit()
    offers.accept_offer(offer, None, TODAY)
    with pytest.raises(IllegalTransition):
        offers.accept_offer(offer, None, TODAY)


def test_a_withdrawn_offer_cannot_be_shortlisted(offer):
    db.session.commit()
    offers.withdraw_offer(offer)
    with pytest.raises(IllegalTransition):
        offers.shortlist_offer(offer)
    assert offer.status == OfferStatus.WITHDRAWN


# Partnerships --------------------------------------------------------------------------

ALLOWED_PARTNERSHIP_STEPS = {
    (PartnershipStatus.PROPOSED, PartnershipStatus.ACTIVE),
    (PartnershipStatus.PROPOSED, PartnershipStatus.DECLINED),
    (PartnershipStatus.ACTIVE, PartnershipStatus.ENDED),
}


@pytest.mark.parametrize("start", list(PartnershipStatus))
@pytest.mark.parametrize("target", list(PartnershipStatus))
def test_partnership_steps(app, start, target):
    product = make_product()
    partnership = make_partnership(make_request().distributor, product, status=start)
    if (start, target) in ALLOWED_PARTNERSHIP_STEPS:
        PARTNERSHIPS.move(partnership, target)
        assert partnership.status == target
        assert history(partnership, "partnership") == [(start, target)]
    else:
        with pytest.raises(IllegalTransition):
            PARTNERSHIPS.move(partnership, target)
        assert partnership.status == start


def test_ending_a_partnership_sets_its_end(app):
    product = make_product()
    partnership = make_partnership(make_request().distributor, product, starts_on=TODAY - timedelta(days=30))
    db.session.commit()
    partnerships.end_partnership(partnership, by_distributor=True, today=TODAY)
    assert partnership.status == PartnershipStatus.ENDED
    assert partnership.ends_on == TODAY and partnership.ended_at is not None


def test_accepting_with_both_consents_makes_a_public_partnership(offer):
    offer.show_if_accepted = True
    db.session.commit()
    assert offers.accept_offer(offer, None, TODAY, shown=True).is_public
