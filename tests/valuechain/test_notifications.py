"""Who is told what: matching cooperatives once per request (in the app, then in one digest
mail), and the other side of every offer and partnership event."""
from datetime import timedelta

import pytest
import sqlalchemy as sa

from marketplace import clock
from marketplace.extensions import db
from marketplace.mail import outbox
from marketplace.notices.models import Notice
from marketplace.notices.services import render
from marketplace.valuechain import digest, offers, partnerships, sourcing
from marketplace.valuechain.models import MatchNotification, RequestStatus
from tests.factories import (
    make_certificate,
    make_cooperative,
    make_cooperative_staff,
    make_distributor,
    make_distributor_staff,
    make_product,
)
from tests.valuechain.helpers import make_partnership, make_request

TODAY = clock.today()


@pytest.fixture
def mail(app):
    messages = outbox(app)
    messages.clear()
    yield messages
    messages.clear()


def notices_of(user):
    return db.session.scalars(sa.select(Notice).where(Notice.user_id == user.id).order_by(Notice.id)).all()


@pytest.fixture
def world(app):
    fitting = make_cooperative(name="HTX Kẹo dừa Thành Thới")
    make_certificate(make_product(fitting, weight_g=400), stars=5)
    other = make_cooperative()
    make_certificate(make_product(other, category_code="4.2"), stars=5)
    company = make_distributor(name="Xanh Mart")
    return {
        "fitting": fitting,
        "fitting_staff": [make_cooperative_staff(fitting, language="en"),
                          make_cooperative_staff(fitting, is_owner=False)],
        "other_staff": make_cooperative_staff(other),
        "company": company,
        "buyer": make_distributor_staff(company),
    }


def test_publishing_tells_the_fitting_cooperatives_once(world):
    request = make_request(world["company"], status=RequestStatus.DRAFT, title="Kẹo dừa cho Tết")
    db.session.commit()
    sourcing.publish_request(request, TODAY)
    for user in world["fitting_staff"]:
        notices = notices_of(user)
        assert [n.kind for n in notices] == ["valuechain.request_match"]
        assert notices[0].link == f"/sourcing/{request.id}"
        assert notices[0].dedupe_key == f"sourcing-match:{request.id}"
    assert notices_of(world["other_staff"]) == []
    pairs = db.session.scalars(sa.select(MatchNotification)).all()
    assert [(p.request_id, p.cooperative_id) for p in pairs] == [(request.id, world["fitting"].id)]
    with_title = render(notices_of(world["fitting_staff"][0])[0])
    assert "Kẹo dừa cho Tết" in with_title[0]

    sourcing.announce_matches(request, TODAY)  # again (the digest does): nobody twice
    db.session.commit()
    assert all(len(notices_of(u)) == 1 for u in world["fitting_staff"])


def test_the_digest_mails_each_staff_member_once(world, mail, runner):
    first = make_request(world["company"], status=RequestStatus.DRAFT, title="Kẹo dừa sầu riêng")
    second = make_request(world["company"], status=RequestStatus.DRAFT, title="Kẹo dừa lá dứa")
    db.session.commit()
    sourcing.publish_request(first, TODAY)
    sourcing.publish_request(second, TODAY)

    result = runner.invoke(args=["valuechain", "digest"])
    assert result.exit_code == 0, result.output
    assert "Sent 2 digest mail(s)." in result.output
    assert sorted(m["To"] for m in mail) == sorted(u.email for u in world["fitting_staff"])
    english = next(m for m in mail if m["To"] == world["fitting_staff"][0].email)
    assert english["Subject"] == "2 new sourcing requests fit HTX Kẹo dừa Thành Thới"
    body = english.get_content()
    assert "Kẹo dừa sầu riêng" in body and "Kẹo dừa lá dứa" in body
    assert f"http://localhost:5000/sourcing/{first.id}" in body
    assert "Why: makes candy · 5★ valid to" in body

    mail.clear()
    assert runner.invoke(args=["valuechain", "digest"]).output.strip() == "Sent 0 digest mail(s)."
    assert mail == []


def test_the_digest_announces_matches_that_appear_later(world, mail):
    request = make_request(world["company"], category_code="3.3")
    db.session.commit()
    assert digest.send_digest(TODAY) == 0  # nobody sells herbal oils yet
    newcomer = make_cooperative()
    make_certificate(make_product(newcomer, category_code="3.3"), stars=4)
    staff = make_cooperative_staff(newcomer)
    db.session.commit()
    assert digest.send_digest(TODAY) == 1
    assert [n.kind for n in notices_of(staff)] == ["valuechain.request_match"]
    assert mail[0]["To"] == staff.email and str(request.id) in mail[0].get_content()


def test_the_digest_closes_requests_past_their_deadline_and_skips_them(world, mail):
    late = make_request(world["company"], deadline=TODAY - timedelta(days=1))
    db.session.commit()
    assert digest.send_digest(TODAY) == 0
    assert late.status == RequestStatus.CLOSED
    assert mail == []


def test_offer_events_tell_the_other_side(world):
    product = world["fitting"].products[0]
    request = make_request(world["company"])
    db.session.commit()
    staff, buyer = world["fitting_staff"][0], world["buyer"]
    details = offers.OfferDetails(product_ids=[product.id], unit_price=150000, quantity_per_period=500,
                                    lead_time_days=7, valid_until=request.deadline)
    offer = offers.submit_offer(request, world["fitting"], staff, details, TODAY)
    assert [n.kind for n in notices_of(buyer)] == ["valuechain.offer_received"]
    offers.shortlist_offer(offer)
    offers.post_message(offer, buyer, True, "Can you send a sample?")
    offers.post_message(offer, staff, False, "Yes, next week.")
    offers.accept_offer(offer, buyer, TODAY)
    assert [n.kind for n in notices_of(staff)] == [
        "valuechain.offer_shortlisted", "valuechain.offer_message", "valuechain.purchase_order_created",
        "valuechain.offer_accepted"]
    assert [n.kind for n in notices_of(buyer)] == ["valuechain.offer_received", "valuechain.offer_message"]
    assert all(n.link == f"/sourcing/offers/{offer.id}" for n in notices_of(staff) if "purchase_order" not in n.kind)


def test_partnership_events_tell_the_other_side(world):
    product = world["fitting"].products[0]
    db.session.commit()
    staff, buyer = world["fitting_staff"][0], world["buyer"]
    terms = partnerships.PartnershipTerms(product_ids=[product.id], unit_price=50000, unit="box",
                                      volume_per_period=300, frequency="monthly", starts_on=TODAY)
    partnership = partnerships.propose_partnership(world["company"], world["fitting"], buyer, terms, TODAY)
    assert [n.kind for n in notices_of(staff)] == ["valuechain.partnership_proposed"]
    partnerships.respond_to_proposal(partnership, accept=True)
    partnerships.end_partnership(partnership, by_distributor=False, today=TODAY)
    assert [n.kind for n in notices_of(buyer)] == ["valuechain.partnership_accepted", "valuechain.partnership_ended"]
    assert render(notices_of(buyer)[0])[0].startswith("HTX Kẹo dừa Thành Thới")


def test_declining_a_proposal_tells_the_distributor(world):
    product = world["fitting"].products[0]
    partnership = make_partnership(world["company"], product, status="proposed")
    db.session.commit()
    partnerships.respond_to_proposal(partnership, accept=False)
    assert [n.kind for n in notices_of(world["buyer"])] == ["valuechain.partnership_declined"]


def test_one_cooperative_whose_digest_fails_stops_no_other(world, mail, runner, monkeypatch):
    second = make_cooperative(name="HTX Kẹo dừa Mỏ Cày")
    make_certificate(make_product(second, weight_g=400), stars=4)
    second_staff = make_cooperative_staff(second)
    request = make_request(world["company"], status=RequestStatus.DRAFT, title="Kẹo dừa cho Tết")
    db.session.commit()
    sourcing.publish_request(request, TODAY)
    failing = {u.email for u in world["fitting_staff"]}
    real_send = digest.send_mail

    def send_or_fail(to, subject, body):
        if to in failing:
            raise OSError("the mail server hung up")
        return real_send(to, subject, body)

    monkeypatch.setattr(digest, "send_mail", send_or_fail)
    result = runner.invoke(args=["valuechain", "digest"])
    assert result.exit_code == 1
    assert "Sent 1 digest mail(s)." in result.output and f"Failed: 1 (cooperative {world['fitting'].id})" in result.output
    assert [m["To"] for m in mail] == [second_staff.email]
    monkeypatch.setattr(digest, "send_mail", real_send)  # the next run tries the failed one again
    assert runner.invoke(args=["valuechain", "digest"]).output.strip() == "Sent 2 digest mail(s)."
