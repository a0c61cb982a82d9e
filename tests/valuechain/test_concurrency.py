"""Two people acting at once on one offer or one request: one winner, the other told why in
words, never a database error or a 500 (PostgreSQL only: see tests/concurrency.py)."""
from datetime import timedelta

import pytest
import sqlalchemy as sa

from marketplace.errors import Refusal
from marketplace.extensions import db
from marketplace.statemachine import StatusHistory
from marketplace.valuechain import offers, sourcing
from marketplace.valuechain.models import Offer, OfferStatus, Partnership, RequestStatus, SourcingRequest
from tests.concurrency import postgres_only, run_together  # noqa: F401 - a fixture
from tests.factories import make_certificate, make_distributor_staff, make_product, sign_in_as
from tests.valuechain.helpers import make_offer, make_request

pytestmark = [pytest.mark.postgres, pytest.mark.usefixtures("postgres_only")]

ROUNDS = 3  # each race a few times, so that either side may come first

ALREADY = {
    "Somebody else changed this at the same moment: it is now “Accepted”.",
    "Not possible any more: this is “Accepted”.",
}


def an_offer(request=None):
    product = make_product()
    make_certificate(product, stars=4)
    return make_offer(request or make_request(), product)


def offer_and_buyer():
    """A committed offer on an open request and a buyer of that company: (offer, request, buyer) ids."""
    offer = an_offer()
    buyer = make_distributor_staff(offer.request.distributor)
    db.session.commit()
    return offer.id, offer.request_id, buyer.id


def history(subject, subject_id):
    return db.session.execute(
        sa.select(StatusHistory.from_status, StatusHistory.to_status)
        .where(StatusHistory.subject == subject, StatusHistory.subject_id == subject_id)
        .order_by(StatusHistory.id)
    ).all()


def partnerships_of(offer_ids):
    return db.session.scalar(sa.select(sa.func.count(Partnership.id)).where(Partnership.offer_id.in_(offer_ids)))


def accept(offer_id, user_id):
    """What the accept button does, from ids (each thread loads its own objects)."""
    from marketplace.accounts.models import User

    return offers.accept_offer(offers.get_offer(offer_id), db.session.get(User, user_id)).id


def test_six_accepts_of_one_offer_make_one_partnership(app):
    for _ in range(ROUNDS):
        offer_id, _request_id, buyer_id = offer_and_buyer()

        results = run_together(app, 6, lambda i: accept(offer_id, buyer_id))

        won = [r for r in results if isinstance(r, int)]
        refused = [r for r in results if isinstance(r, Refusal)]
        assert len(won) == 1 and len(refused) == 5, results
        assert {r.problems[0] for r in refused} <= ALREADY
        db.session.expire_all()
        assert partnerships_of([offer_id]) == 1
        assert history("offer", offer_id) == [("submitted", "accepted")]


def test_two_buyers_pressing_accept_at_once_see_a_page_each(app):
    offer = an_offer()
    buyers = [make_distributor_staff(offer.request.distributor) for _ in range(2)]
    db.session.commit()
    clients = [sign_in_as(app.test_client(), buyer) for buyer in buyers]
    url = f"/sourcing/offers/{offer.id}/accept?lang=en"

    responses = run_together(app, 2, lambda i: clients[i].post(url, follow_redirects=True))

    assert [r.status_code for r in responses] == [200, 200]
    pages = [r.get_data(as_text=True) for r in responses]
    assert sum("Offer accepted: it is now a partnership" in page for page in pages) == 1
    assert sum(any(message in page for message in ALREADY) for page in pages) == 1
    assert partnerships_of([offer.id]) == 1


def test_two_offers_of_one_request_accepted_at_once_are_both_awarded(app):
    for _ in range(ROUNDS):
        request = make_request()
        both = [an_offer(request), an_offer(request)]
        buyer = make_distributor_staff(request.distributor)
        db.session.commit()
        ids, request_id, buyer_id = [o.id for o in both], request.id, buyer.id

        results = run_together(app, 2, lambda i: accept(ids[i], buyer_id))

        assert all(isinstance(r, int) for r in results), results
        db.session.expire_all()
        assert partnerships_of(ids) == 2
        assert db.session.get(SourcingRequest, request_id).status == RequestStatus.AWARDED
        assert history("sourcing_request", request_id) == [("open", "awarded")]  # awarded once


def test_closing_while_an_offer_is_accepted_still_awards_it(app):
    for _ in range(ROUNDS):
        offer_id, request_id, buyer_id = offer_and_buyer()

        def close_or_accept(i):
            if i == 0:
                return sourcing.close_request(db.session.get(SourcingRequest, request_id))
            return accept(offer_id, buyer_id)

        closed, accepted = run_together(app, 2, close_or_accept)

        assert isinstance(accepted, int), accepted
        db.session.expire_all()
        assert db.session.get(SourcingRequest, request_id).status == RequestStatus.AWARDED
        assert partnerships_of([offer_id]) == 1
        if closed is None:  # the close came first; the award follows it
            assert history("sourcing_request", request_id) == [("open", "closed"), ("closed", "awarded")]
        else:
            assert isinstance(closed, Refusal), closed
            assert closed.problems[0] in {
                "Somebody else changed this at the same moment: it is now “Awarded”.",
                "Not possible any more: this is “Awarded”.",
            }
            assert history("sourcing_request", request_id) == [("open", "awarded")]


def test_an_offer_accepted_while_it_is_withdrawn_is_one_or_the_other(app):
    for _ in range(ROUNDS):
        offer_id, request_id, buyer_id = offer_and_buyer()

        def withdraw_or_accept(i):
            if i == 0:
                return offers.withdraw_offer(offers.get_offer(offer_id))
            return accept(offer_id, buyer_id)

        withdrawn, accepted = run_together(app, 2, withdraw_or_accept)

        db.session.expire_all()
        status = db.session.get(Offer, offer_id).status
        if status == OfferStatus.ACCEPTED:
            assert isinstance(accepted, int) and isinstance(withdrawn, Refusal), (withdrawn, accepted)
            assert withdrawn.problems[0] in ALREADY
            assert partnerships_of([offer_id]) == 1
        else:
            assert status == OfferStatus.WITHDRAWN
            assert withdrawn is None and isinstance(accepted, Refusal), (withdrawn, accepted)
            assert accepted.problems[0] in {
                "Somebody else changed this at the same moment: it is now “Withdrawn”.",
                "Not possible any more: this is “Withdrawn”.",
            }
            assert partnerships_of([offer_id]) == 0
            assert db.session.get(SourcingRequest, request_id).status == RequestStatus.OPEN  # not awarded


# Negotiation: two counters, or a counter and an accept, at once --------------------------------


def _counter(offer_id, user_id, by_distributor, price):
    from datetime import timedelta

    from marketplace import clock
    from marketplace.accounts.models import User

    terms = offers.Terms(unit_price=price, quantity_per_period=1500, lead_time_days=7,
                         valid_until=clock.today() + timedelta(days=20))
    offers.counter(offers.get_offer(offer_id), db.session.get(User, user_id), terms, by_distributor,
                   seen_revision=1)
    return "countered"


def test_two_counters_at_once_one_wins(app):
    for _ in range(ROUNDS):
        offer_id, _request_id, buyer_id = offer_and_buyer()
        other_buyer = make_distributor_staff(db.session.get(Offer, offer_id).request.distributor).id
        db.session.commit()
        results = run_together(app, 2, lambda i: _counter(offer_id, (buyer_id, other_buyer)[i], True, 150000 + i))
        won = [r for r in results if r == "countered"]
        refused = [r for r in results if isinstance(r, Refusal)]
        assert len(won) == 1 and len(refused) == 1, results
        assert "changed the terms meanwhile" in refused[0].problems[0] or "turn" in refused[0].problems[0]
        db.session.expire_all()
        offer = db.session.get(Offer, offer_id)
        assert offer.revision == 2 and len(offers.revisions(offer)) == 1  # factory offers have no revision 1 row


def test_a_counter_and_an_accept_at_once_one_wins(app):
    for _ in range(ROUNDS):
        offer_id, _request_id, buyer_id = offer_and_buyer()
        second_buyer = make_distributor_staff(db.session.get(Offer, offer_id).request.distributor).id
        db.session.commit()

        def work(i):
            if i == 0:
                return _counter(offer_id, buyer_id, True, 150000)
            from marketplace.accounts.models import User
            return offers.accept_offer(offers.get_offer(offer_id), db.session.get(User, second_buyer),
                                       seen_revision=1).id

        results = run_together(app, 2, work)
        refused = [r for r in results if isinstance(r, Refusal)]
        assert len(refused) == 1, results
        db.session.expire_all()
        offer = db.session.get(Offer, offer_id)
        if results[0] == "countered":  # the counter came first: the accept saw changed terms
            assert offer.status == OfferStatus.SUBMITTED and offer.revision == 2
            assert partnerships_of([offer_id]) == 0
        else:  # the accept came first: nothing left to counter
            assert offer.status == OfferStatus.ACCEPTED and offer.revision == 1
            assert partnerships_of([offer_id]) == 1


def test_the_last_two_deliveries_received_at_once_complete_the_order_once(app):
    from marketplace import clock
    from marketplace.valuechain import purchasing
    from marketplace.valuechain.models import Frequency, PurchaseDelivery, PurchaseOrder, PurchaseOrderStatus
    from tests.valuechain.helpers import make_partnership

    for _ in range(ROUNDS):
        product = make_product()
        partnership = make_partnership(make_request().distributor, product, frequency=Frequency.MONTHLY,
                                       ends_on=clock.today() + timedelta(days=40))
        order = purchasing.renew(partnership, None)
        for delivery in order.deliveries[:-2]:  # all but the last two
            purchasing.confirm_delivery(delivery, 10)
        ids = [d.id for d in order.deliveries[-2:]]
        order_id = order.id

        results = run_together(app, 2, lambda i: purchasing.confirm_delivery(
            db.session.get(PurchaseDelivery, ids[i]), 10) or "received")

        assert results == ["received", "received"], results
        db.session.expire_all()
        assert db.session.get(PurchaseOrder, order_id).status == PurchaseOrderStatus.COMPLETED
        assert history("purchase_order", order_id) == [("open", "completed")]
