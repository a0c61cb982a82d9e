"""The value chain's pages and forms through the test client: what each side sees, what bad
input answers (an error next to the field, or 404, and nothing changed), and query counts."""
from datetime import timedelta

import pytest
from flask_babel import force_locale
import sqlalchemy as sa

from marketplace import clock
from marketplace.distributors.models import DistributorCompany
from marketplace.extensions import db
from marketplace.producers.models import ApprovalStatus
from marketplace.valuechain.models import (
    CooperativeCertification,
    Offer,
    OfferMessage,
    OfferStatus,
    Partnership,
    PartnershipStatus,
    ProductCapacity,
    RequestStatus,
    SourcingRequest,
)
from tests.factories import (
    category,
    make_certificate,
    make_cooperative,
    make_cooperative_staff,
    make_distributor,
    make_distributor_staff,
    make_product,
    sign_in_as,
)
from tests.valuechain.helpers import declare_certification, make_offer, make_partnership, make_request

TODAY = clock.today()


def count(model):
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


@pytest.fixture
def world(app):
    """Two companies, two cooperatives (A fits coconut candy), their staff, a request of
    company A with an offer of cooperative A."""
    coop_a = make_cooperative(name="HTX Kẹo dừa A")
    candy = make_product(coop_a, name_vi="Kẹo dừa sầu riêng", weight_g=400, price_vnd=60000)
    make_certificate(candy, stars=5)
    coop_b = make_cooperative(name="HTX Dừa B")
    candy_b = make_product(coop_b, weight_g=400)
    make_certificate(candy_b, stars=4)
    company_a = make_distributor(name="Công ty A")
    company_b = make_distributor(name="Công ty B")
    request = make_request(company_a, title="Kẹo dừa hộp 400 g")
    offer = make_offer(request, candy, message="Offer of A")
    w = dict(coop_a=coop_a, coop_b=coop_b, candy=candy, candy_b=candy_b, company_a=company_a, company_b=company_b,
             request=request, offer=offer, staff_a=make_cooperative_staff(coop_a), staff_b=make_cooperative_staff(coop_b),
             buyer_a=make_distributor_staff(company_a), buyer_b=make_distributor_staff(company_b))
    db.session.commit()
    return w


def client_of(app, user=None):
    client = app.test_client()
    if user is not None:
        sign_in_as(client, user)
    return client


def request_form(**changes):
    form = {
        "title": "Kẹo dừa cho quầy OCOP", "category_id": str(category("1.3").id), "specification": "Hộp 400 g",
        "quantity": "1.500", "unit": "kg", "frequency": "monthly", "period_start": "", "period_end": "",
        "target_price_min": "120.000", "target_price_max": "150.000", "min_stars": "4", "certifications": ["ocop"],
        "packaging": "Hộp giấy", "delivery_term": "warehouse", "delivery_province_code": "79",
        "deadline": (TODAY + timedelta(days=10)).isoformat(), "publish": "1",
    }
    form.update(changes)
    return form


# Public pages ------------------------------------------------------------------------------


def test_sourcing_lists_open_requests_with_filters(app, world):
    make_request(world["company_a"], status=RequestStatus.DRAFT, title="Bản nháp bí mật")
    make_request(world["company_a"], status=RequestStatus.CLOSED, title="Đã đóng")
    make_request(world["company_a"], deadline=TODAY - timedelta(days=1), title="Quá hạn")
    make_request(world["company_b"], category_code="4.2", title="Thảm xơ dừa", frequency="quarterly",
                 delivery_province_code=1, delivery_province_name="Thành phố Hà Nội", min_stars=5)
    db.session.commit()
    client = client_of(app)
    page = client.get("/sourcing?lang=en").get_data(as_text=True)
    assert "Kẹo dừa hộp 400 g" in page and "Thảm xơ dừa" in page
    assert "Bản nháp bí mật" not in page and "Đã đóng" not in page and "Quá hạn" not in page
    assert "2 open requests" in page
    assert "Thảm xơ dừa" not in client.get("/sourcing?group=1").get_data(as_text=True)
    assert "Kẹo dừa hộp" not in client.get("/sourcing?province=1").get_data(as_text=True)
    assert "Kẹo dừa hộp" not in client.get("/sourcing?frequency=quarterly").get_data(as_text=True)
    assert "Thảm xơ dừa" not in client.get("/sourcing?min_stars=4").get_data(as_text=True)
    assert "Kẹo dừa hộp" in client.get("/sourcing?closes_within=30").get_data(as_text=True)
    assert client.get("/sourcing?group=9&min_stars=x&province=abc&page=-3").status_code == 200


def test_sourcing_list_queries_do_not_grow(app, world, count_queries):
    client = client_of(app)

    def measure():
        with count_queries() as queries:
            assert client.get("/sourcing").status_code == 200
        return len(queries)

    few = measure()
    for _ in range(8):
        make_request(make_distributor())
    db.session.commit()
    assert measure() == few


def test_anonymous_requests_hide_the_company_except_from_its_own_staff(app, world):
    world["request"].anonymous = True
    db.session.commit()
    path = f"/sourcing/{world['request'].id}?lang=en"
    for user in (None, world["staff_a"], world["buyer_b"]):
        page = client_of(app, user).get(path).get_data(as_text=True)
        assert "Anonymous buyer" in page and "Công ty A" not in page
        assert "Công ty A" not in client_of(app, user).get("/sourcing").get_data(as_text=True)
        assert "Kẹo dừa hộp 400 g" not in client_of(app, user).get(
            f"/distributors/{world['company_a'].slug}").get_data(as_text=True)
    assert "Công ty A" in client_of(app, world["buyer_a"]).get(path).get_data(as_text=True)


def test_the_quantity_says_its_period_once(app, world):
    path = f"/sourcing/{world['request'].id}"
    vietnamese = client_of(app, None).get(path + "?lang=vi").get_data(as_text=True)
    assert "<dd>2 t mỗi tháng</dd>" in vietnamese  # not "2 t mỗi tháng (Hằng tháng)"
    english = client_of(app, None).get(path + "?lang=en").get_data(as_text=True)
    assert "<dd>2 t per month</dd>" in english


def test_a_draft_is_seen_by_its_company_only(app, world):
    draft = make_request(world["company_a"], status=RequestStatus.DRAFT)
    db.session.commit()
    for user in (None, world["staff_a"], world["buyer_b"]):
        assert client_of(app, user).get(f"/sourcing/{draft.id}").status_code == 404
    assert client_of(app, world["buyer_a"]).get(f"/sourcing/{draft.id}").status_code == 200
    assert client_of(app).get("/sourcing/999999").status_code == 404


def test_request_page_shows_matches_to_its_buyer_and_fit_to_a_cooperative(app, world):
    path = f"/sourcing/{world['request'].id}?lang=en"
    buyer_page = client_of(app, world["buyer_a"]).get(path).get_data(as_text=True)
    assert 'id="matches"' in buyer_page and "HTX Kẹo dừa A" in buyer_page and "5★ valid to" in buyer_page
    assert "Compare 1 offer" in buyer_page
    other_buyer = client_of(app, world["buyer_b"]).get(path).get_data(as_text=True)
    assert 'id="matches"' not in other_buyer and "Compare" not in other_buyer
    coop_page = client_of(app, world["staff_b"]).get(path).get_data(as_text=True)
    assert 'id="fit-reasons"' in coop_page and 'id="make-offer"' in coop_page
    assert "Offer of A" not in coop_page
    assert 'id="edit-offer"' in client_of(app, world["staff_a"]).get(path).get_data(as_text=True)


def test_distributor_profiles_are_public_once_approved(app, world):
    world["company_a"].description = "Chuỗi cửa hàng **OCOP**"
    world["company_a"].market_provinces = [79]
    world["company_a"].export_countries = ["JP"]
    pending = make_distributor(status=ApprovalStatus.PENDING)
    db.session.commit()
    client = client_of(app)
    page = client.get(f"/distributors/{world['company_a'].slug}?lang=en").get_data(as_text=True)
    assert "<strong>OCOP</strong>" in page and "Japan" in page and "Thành phố Hồ Chí Minh" in page
    assert "Kẹo dừa hộp 400 g" in page
    assert client.get(f"/distributors/{pending.slug}").status_code == 404
    listing = client.get("/distributors").get_data(as_text=True)
    assert "Công ty A" in listing and pending.name not in listing


# The public value chain --------------------------------------------------------------------


def test_value_chain_shows_only_consented_active_partnerships(app, world):
    shown = make_partnership(world["company_a"], world["candy"], public=True)
    make_partnership(world["company_b"], world["candy_b"], shown_by_distributor=True)  # one side only
    hidden_coop = make_cooperative(name="HTX Bí Mật")
    ended = make_product(hidden_coop, name_vi="Dừa sáp")
    make_certificate(ended, stars=4)
    make_partnership(make_distributor(name="Công ty Đã Ngừng"), ended, status=PartnershipStatus.ENDED, public=True)
    db.session.commit()
    page = client_of(app).get("/value-chain?lang=en").get_data(as_text=True)
    assert "<svg" in page and "network-table" in page
    assert page.count("network-edge") == 1
    assert "Công ty A" in page and "Công ty B" not in page and "Công ty Đã Ngừng" not in page
    assert shown.cooperative.name in page
    assert 'id="cta-post-request"' in page and "Kẹo dừa hộp 400 g" in page
    assert "1 public partnership" in page


def test_the_shared_value_chain_follows_status_moves_and_the_viewer(app, world):
    """The page is rendered once per kind of viewer and shared: a partnership ended and a
    request closed (status UPDATEs, not flushed objects) drop it; an anonymous request names its
    buyer to that buyer only."""
    from marketplace.valuechain.partnerships import end_partnership
    from marketplace.valuechain.sourcing import close_request

    partnership = make_partnership(world["company_a"], world["candy"], public=True)
    world["request"].anonymous = True
    db.session.commit()
    guest = client_of(app)
    page = guest.get("/value-chain").get_data(as_text=True)
    assert "Công ty A" in page and "Kẹo dừa hộp 400 g" in page
    assert "Công ty A" in client_of(app, world["buyer_a"]).get("/value-chain").get_data(as_text=True)

    end_partnership(partnership, by_distributor=True)
    close_request(world["request"])
    db.session.commit()
    page = guest.get("/value-chain").get_data(as_text=True)
    assert "network-edge" not in page and "Kẹo dừa hộp 400 g" not in page


def test_calls_to_action_lead_each_visitor_somewhere_useful(app, world):
    from tests.factories import make_user

    def links(user):
        page = client_of(app, user).get("/value-chain").get_data(as_text=True)
        cta = page[page.index('id="cta-post-request"') - 120:page.index('id="cta-producers"') + 20]
        return ('href="/sourcing/new"' in cta, 'href="/sourcing/recommended"' in cta)

    assert links(None) == (True, True)  # sign in first, then there
    assert links(world["buyer_a"]) == (True, False)
    assert links(world["staff_a"]) == (False, True)
    consumer = make_user()
    db.session.commit()
    consumer_page = client_of(app, consumer).get("/sourcing").get_data(as_text=True)
    assert 'href="/account/company/register" id="post-request"' in consumer_page


def test_value_chain_puts_coconut_first_and_filters(app, world):
    fish = make_product(make_cooperative(legacy_district="binh-dai"), category_code="1.5", name_vi="Khô cá")
    make_certificate(fish, stars=4)
    pineapple = make_product(make_cooperative(legacy_district="ba-tri"), category_code="1.3", name_vi="Mứt dứa")
    make_certificate(pineapple, stars=3)
    db.session.commit()
    client = client_of(app)
    page = client.get("/value-chain").get_data(as_text=True)  # Vietnamese names
    assert page.index('id="chain-coconut"') < page.index('id="chain-1"')
    coconut = page[page.index('id="chain-coconut"'):page.index('id="chain-1"')]
    assert "Kẹo dừa sầu riêng" in coconut and "Mứt dứa" not in coconut  # dứa is pineapple
    assert "Mứt dứa" in page[page.index('id="chain-1"'):]
    by_district = client.get("/value-chain?district=binh-dai").get_data(as_text=True)
    assert 'id="chain-coconut"' not in by_district and "Khô cá" in by_district
    by_group = client.get("/value-chain?group=4").get_data(as_text=True)
    assert "Kẹo dừa sầu riêng" not in by_group
    assert client.get("/value-chain?group=zz&district=nowhere").status_code == 200


def test_value_chain_needs_a_constant_number_of_queries(app, world, count_queries):
    make_partnership(world["company_a"], world["candy"], public=True)
    db.session.commit()
    client = client_of(app)

    def measure():
        with count_queries() as queries:
            assert client.get("/value-chain").status_code == 200
        return len(queries)

    few = measure()
    for n in range(6):
        cooperative = make_cooperative(legacy_district="cho-lach")
        product = make_product(cooperative, category_code="1.3" if n % 2 else "4.2")
        make_certificate(product, stars=4)
        make_partnership(make_distributor(market_provinces=[79], export_countries=["JP"]), product, public=True)
        make_request(make_distributor())
    db.session.commit()
    assert measure() == few


# Distributors: posting ------------------------------------------------------------------------


def test_posting_a_request_opens_it_and_tells_fitting_cooperatives(app, world):
    client = client_of(app, world["buyer_a"])
    assert client.get("/sourcing/new").status_code == 200
    response = client.post("/sourcing/new", data=request_form())
    assert response.status_code == 302
    request = db.session.scalars(sa.select(SourcingRequest).order_by(SourcingRequest.id.desc())).first()
    assert response.headers["Location"] == f"/sourcing/{request.id}"
    assert (request.status, request.quantity, request.target_price_min) == (RequestStatus.OPEN, 1500, 120000)
    assert request.certifications == ["ocop"] and request.delivery_province_name == "Thành phố Hồ Chí Minh"
    from marketplace.notices.models import Notice
    assert db.session.scalar(sa.select(Notice.kind).where(Notice.user_id == world["staff_a"].id)) == \
        "valuechain.request_match"


def test_saving_a_draft_then_editing_and_publishing_it(app, world):
    client = client_of(app, world["buyer_a"])
    form = request_form()
    del form["publish"]
    client.post("/sourcing/new", data=dict(form, draft="1"))
    draft = db.session.scalars(sa.select(SourcingRequest).where(SourcingRequest.status == RequestStatus.DRAFT)).one()
    assert client.get(f"/sourcing/{draft.id}/edit").status_code == 200
    assert client.post(f"/sourcing/{draft.id}/edit", data=dict(form, title="Kẹo dừa (sửa)", draft="1")).status_code == 302
    db.session.refresh(draft)
    assert draft.title == "Kẹo dừa (sửa)" and draft.status == RequestStatus.DRAFT
    client.post(f"/sourcing/{draft.id}/publish")
    db.session.refresh(draft)
    assert draft.status == RequestStatus.OPEN
    response = client.get(f"/sourcing/{draft.id}/edit?lang=en", follow_redirects=True)
    assert "Only a draft can be changed" in response.get_data(as_text=True)
    client.post(f"/sourcing/{draft.id}/close")
    db.session.refresh(draft)
    assert draft.status == RequestStatus.CLOSED
    response = client.post(f"/sourcing/{draft.id}/close?lang=en", follow_redirects=True)
    assert "Not possible any more" in response.get_data(as_text=True)


def test_save_and_publish_saves_nothing_when_publishing_is_refused(app, world, monkeypatch):
    from marketplace.valuechain import sourcing
    from marketplace.valuechain.models import ValueChainError

    draft = make_request(world["company_a"], status=RequestStatus.DRAFT, title="Bản nháp")
    db.session.commit()

    def refuse(organisation):
        raise ValueChainError("Publishing is refused.")

    monkeypatch.setattr(sourcing, "check_can_publish", refuse)  # the second step fails
    response = client_of(app, world["buyer_a"]).post(f"/sourcing/{draft.id}/edit",
                                                     data=request_form(title="Kẹo dừa (sửa)"))
    assert response.status_code == 200 and "Publishing is refused." in response.get_data(as_text=True)
    db.session.expire_all()
    draft = db.session.get(SourcingRequest, draft.id)
    assert (draft.title, draft.status, draft.published_at) == ("Bản nháp", RequestStatus.DRAFT, None)


@pytest.mark.parametrize("changes, field, message", [
    ({"quantity": "0"}, "quantity", "The quantity must be a whole number above 0."),
    ({"quantity": "-5"}, "quantity", "Enter a whole number"),
    ({"quantity": "nhiều"}, "quantity", "Enter a whole number"),
    ({"target_price_min": "200.000", "target_price_max": "100.000"}, "target_price_max",
     "The lowest price cannot be above the highest."),
    ({"deadline": (TODAY - timedelta(days=1)).isoformat()}, "deadline", "The deadline cannot be in the past."),
    ({"deadline": "31/02/2027"}, "deadline", "Enter a date like"),
    ({"min_stars": "0"}, "min_stars", "Minimum stars must be between 1 and 5."),
    ({"min_stars": "6"}, "min_stars", "Minimum stars must be between 1 and 5."),
    ({"title": "  "}, "title", "Enter a title."),
    ({"delivery_province_code": "999"}, "delivery_province_code", "Choose from the options."),
    ({"period_start": "2027-06-01", "period_end": "2027-01-01"}, "period_end", "The period cannot end before it starts."),
    ({"certifications": ["ocop", "halal"]}, "certifications", "Choose from the options."),
])
def test_bad_requests_are_refused_next_to_the_field(app, world, changes, field, message):
    client = client_of(app, world["buyer_a"])
    before = count(SourcingRequest)
    response = client.post("/sourcing/new?lang=en", data=request_form(**changes))
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert f'id="{field}-error"' in page or f'id="{field}-error"' in page.replace("'", '"')
    assert message in page
    assert count(SourcingRequest) == before


def test_a_pending_company_cannot_post(app, world):
    pending = make_distributor(status=ApprovalStatus.PENDING)
    user = make_distributor_staff(pending)
    db.session.commit()
    client = client_of(app, user)
    response = client.post("/sourcing/new", data=request_form())
    assert response.status_code == 302 and response.headers["Location"] == "/account/company"
    assert count(SourcingRequest) == 1
    assert client.get("/sourcing/mine").status_code == 200  # it may still look


def test_my_requests_lists_the_companys_own(app, world):
    page = client_of(app, world["buyer_a"]).get("/sourcing/mine").get_data(as_text=True)
    assert "Kẹo dừa hộp 400 g" in page
    assert "Kẹo dừa hộp 400 g" not in client_of(app, world["buyer_b"]).get("/sourcing/mine").get_data(as_text=True)


# Distributors: comparing and deciding -----------------------------------------------------------


def test_compare_offers_side_by_side(app, world):
    second = make_offer(world["request"], world["candy_b"], unit_price=150000, message="Offer of B")
    declare_certification(world["coop_b"], "haccp")
    make_offer(world["request"], make_product(make_cooperative()), status=OfferStatus.WITHDRAWN, message="Gone")
    db.session.commit()
    page = client_of(app, world["buyer_a"]).get(f"/sourcing/{world['request'].id}/offers?lang=en").get_data(as_text=True)
    assert page.index("HTX Dừa B") < page.index("HTX Kẹo dừa A")  # cheapest first
    assert "Offer of A" in page and "Offer of B" in page and "Gone" not in page
    assert "5★" in page and "HACCP" in page and "85 km" in page
    assert f'id="accept-{second.id}"' in page


def test_a_distributor_never_sees_another_distributors_offers(app, world):
    client = client_of(app, world["buyer_b"])
    offer_id = world["offer"].id
    assert client.get(f"/sourcing/{world['request'].id}/offers").status_code == 404
    assert client.get(f"/sourcing/offers/{offer_id}").status_code == 404
    for action in ("shortlist", "decline", "accept"):
        assert client.post(f"/sourcing/offers/{offer_id}/{action}").status_code == 404
    db.session.refresh(world["offer"])
    assert world["offer"].status == OfferStatus.SUBMITTED and count(Partnership) == 0


def test_shortlist_decline_and_accept(app, world):
    client = client_of(app, world["buyer_a"])
    second = make_offer(world["request"], world["candy_b"])
    db.session.commit()
    offer_id = world["offer"].id
    assert client.post(f"/sourcing/offers/{offer_id}/shortlist").headers["Location"] == \
        f"/sourcing/{world['request'].id}/offers"
    client.post(f"/sourcing/offers/{second.id}/decline")
    client.post(f"/sourcing/offers/{offer_id}/accept", data={"shown": "y"})
    db.session.expire_all()
    assert db.session.get(Offer, offer_id).status == OfferStatus.ACCEPTED
    assert db.session.get(Offer, second.id).status == OfferStatus.DECLINED
    assert db.session.get(SourcingRequest, world["request"].id).status == RequestStatus.AWARDED
    partnership = db.session.scalars(sa.select(Partnership)).one()
    assert partnership.cooperative_id == world["coop_a"].id and partnership.status == PartnershipStatus.ACTIVE
    assert partnership.shown_by_distributor and not partnership.shown_by_cooperative  # the offer did not consent
    response = client.post(f"/sourcing/offers/{second.id}/accept?lang=en", follow_redirects=True)
    assert "Not possible any more" in response.get_data(as_text=True)
    assert count(Partnership) == 1


def test_company_profile(app, world):
    client = client_of(app, world["buyer_a"])
    assert client.get("/value-chain/company").status_code == 200
    data = {"description": "Đầu mối sỉ", "contact_name": "Chị Lan", "contact_phone": "0912 345 678",
            "contact_email": "Mua@Example.com", "website": "https://a.example.vn", "market_provinces": ["79", "1"],
            "export_countries": ["JP", "US"], "groups_sought": ["1", "2"], "certifications_required": ["haccp"]}
    assert client.post("/value-chain/company", data=data).status_code == 302
    company = db.session.get(DistributorCompany, world["company_a"].id)
    db.session.refresh(company)
    assert company.market_provinces == [1, 79] and company.export_countries == ["JP", "US"]
    assert company.contact_phone == "0912345678" and company.contact_email == "mua@example.com"
    for bad, field in (({"contact_phone": "12345"}, "contact_phone"), ({"export_countries": ["XX"]}, "export_countries"),
                       ({"website": "javascript:alert(1)"}, "website"), ({"groups_sought": ["9"]}, "groups_sought")):
        response = client.post("/value-chain/company?lang=en", data=dict(data, description="Changed", **bad))
        assert response.status_code == 200 and f'id="{field}-error"' in response.get_data(as_text=True)
    db.session.refresh(company)
    assert company.description == "Đầu mối sỉ"


# Cooperatives: offering ------------------------------------------------------------------------------


def offer_form(ids, **changes):
    form = {"product_ids": [str(i) for i in ids], "unit_price": "140.000", "quantity_per_period": "800",
            "lead_time_days": "10", "valid_until": (TODAY + timedelta(days=30)).isoformat(), "message": "Có mẫu",
            "sample_available": "y"}
    form.update(changes)
    return form


def test_recommended_requests_for_a_cooperative(app, world):
    make_request(world["company_b"], category_code="4.2", title="Thảm xơ dừa")
    db.session.commit()
    page = client_of(app, world["staff_b"]).get("/sourcing/recommended?lang=en").get_data(as_text=True)
    assert "Kẹo dừa hộp 400 g" in page and "Thảm xơ dừa" not in page and "4★ valid to" in page
    account = client_of(app, world["staff_b"]).get("/account/cooperative").get_data(as_text=True)
    assert 'href="/sourcing/recommended"' in account


def test_making_changing_and_withdrawing_an_offer(app, world):
    client = client_of(app, world["staff_b"])
    path = f"/sourcing/{world['request'].id}/offer"
    assert client.get(path).status_code == 200
    response = client.post(path, data=offer_form([world["candy_b"].id]))
    offer = db.session.scalars(sa.select(Offer).where(Offer.cooperative_id == world["coop_b"].id)).one()
    assert response.headers["Location"] == f"/sourcing/offers/{offer.id}"
    assert (offer.unit_price, offer.quantity_per_period, offer.sample_available) == (140000, 800, True)
    assert not offer.show_if_accepted
    # the same form now changes that offer: never a second live one
    client.post(path, data=offer_form([world["candy_b"].id], unit_price="130.000", show_if_accepted="y"))
    db.session.refresh(offer)
    assert offer.unit_price == 130000 and offer.show_if_accepted and count(Offer) == 2
    client.post(f"{path}/withdraw")
    db.session.refresh(offer)
    assert offer.status == OfferStatus.WITHDRAWN
    client.post(path, data=offer_form([world["candy_b"].id]))  # a new offer after withdrawing
    assert count(Offer) == 3


def test_a_second_live_offer_is_refused_by_the_service(app, world):
    from marketplace.valuechain import offers
    from marketplace.valuechain.models import ValueChainError

    details = offers.OfferDetails(product_ids=[world["candy"].id], unit_price=1, quantity_per_period=1,
                                    lead_time_days=1, valid_until=TODAY)
    with force_locale("en"), pytest.raises(ValueChainError, match="already have an offer"):
        offers.submit_offer(world["request"], world["coop_a"], world["staff_a"], details, TODAY)
    assert count(Offer) == 1


@pytest.mark.parametrize("changes, field, message", [
    ({"unit_price": "0"}, "unit_price", "Enter a price in whole đồng above 0"),
    ({"quantity_per_period": "0"}, "quantity_per_period", "The quantity must be a whole number above 0."),
    ({"quantity_per_period": "-3"}, "quantity_per_period", "Enter a whole number"),
    ({"lead_time_days": "400"}, "lead_time_days", "Enter the lead time in days"),
    ({"valid_until": (TODAY - timedelta(days=1)).isoformat()}, "valid_until", "past date"),
    ({"product_ids": []}, "product_ids", "Choose at least one of your products."),
])
def test_bad_offers_are_refused_next_to_the_field(app, world, changes, field, message):
    client = client_of(app, world["staff_b"])
    response = client.post(f"/sourcing/{world['request'].id}/offer?lang=en",
                           data=offer_form([world["candy_b"].id], **changes))
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and f'id="{field}-error"' in page and message in page
    assert count(Offer) == 1


def test_offering_another_cooperatives_product_is_refused(app, world):
    client = client_of(app, world["staff_b"])
    response = client.post(f"/sourcing/{world['request'].id}/offer?lang=en", data=offer_form([world["candy"].id]))
    assert response.status_code == 200
    assert "Offer only your own published products." in response.get_data(as_text=True)
    assert count(Offer) == 1


def test_offers_on_closed_draft_or_past_requests_are_refused(app, world):
    closed = make_request(world["company_a"], status=RequestStatus.CLOSED)
    past = make_request(world["company_a"], deadline=TODAY - timedelta(days=1))
    draft = make_request(world["company_a"], status=RequestStatus.DRAFT)
    db.session.commit()
    client = client_of(app, world["staff_b"])
    for request in (closed, past):
        response = client.post(f"/sourcing/{request.id}/offer?lang=en", data=offer_form([world["candy_b"].id]),
                               follow_redirects=True)
        assert "This request no longer takes offers." in response.get_data(as_text=True)
    assert client.post(f"/sourcing/{draft.id}/offer", data=offer_form([world["candy_b"].id])).status_code == 404
    assert count(Offer) == 1


def test_a_distributor_cannot_offer_on_its_own_request(app, world):
    client = client_of(app, world["buyer_a"])
    response = client.post(f"/sourcing/{world['request'].id}/offer", data=offer_form([world["candy"].id]))
    assert response.status_code == 403 and count(Offer) == 1


def test_a_pending_cooperative_cannot_offer(app, world):
    pending = make_cooperative(status=ApprovalStatus.PENDING)
    user = make_cooperative_staff(pending)
    db.session.commit()
    response = client_of(app, user).post(f"/sourcing/{world['request'].id}/offer", data=offer_form([]))
    assert response.status_code == 302 and response.headers["Location"] == "/account/cooperative"
    assert count(Offer) == 1


# Both sides: the thread ------------------------------------------------------------------------------


def test_the_offer_thread_is_for_its_two_sides_only(app, world):
    path = f"/sourcing/offers/{world['offer'].id}"
    buyer, staff = client_of(app, world["buyer_a"]), client_of(app, world["staff_a"])
    assert buyer.post(path, data={"body": "Giao được trước Tết không?"}).status_code == 302
    assert staff.post(path, data={"body": "Được ạ."}).status_code == 302
    page = staff.get(f"{path}?lang=en").get_data(as_text=True)
    assert "Giao được trước Tết không?" in page and "Được ạ." in page
    assert client_of(app, world["staff_b"]).get(path).status_code == 404
    assert client_of(app, world["buyer_b"]).post(path, data={"body": "x"}).status_code == 404
    response = staff.post(f"{path}?lang=en", data={"body": "   "})
    assert response.status_code == 200 and "Write a message first." in response.get_data(as_text=True)
    assert count(OfferMessage) == 2


# Cooperatives: what they declare ---------------------------------------------------------------------


def test_declaring_capacity_and_certifications(app, world):
    client = client_of(app, world["staff_a"])
    assert client.get("/value-chain/supply").status_code == 200
    candy_id = world["candy"].id
    path = f"/value-chain/supply/products/{candy_id}/capacity"
    assert client.post(path, data={"monthly_quantity": "2.000", "unit": "kg"}).status_code == 302
    assert db.session.get(ProductCapacity, candy_id).monthly_quantity == 2000
    response = client.post(f"{path}?lang=en", data={"monthly_quantity": "0", "unit": "kg"})
    assert response.status_code == 200 and "The quantity must be a whole number above 0." in response.get_data(as_text=True)
    client.post(path, data={"monthly_quantity": "", "unit": "kg"})
    db.session.expire_all()
    assert db.session.get(ProductCapacity, candy_id) is None
    assert client.post(f"/value-chain/supply/products/{world['candy_b'].id}/capacity",
                       data={"monthly_quantity": "5", "unit": "kg"}).status_code == 404

    valid_until = (TODAY + timedelta(days=200)).isoformat()
    assert client.post("/value-chain/supply/certifications",
                       data={"kind": "vietgap", "reference": "VG-1", "valid_until": valid_until}).status_code == 302
    response = client.post("/value-chain/supply/certifications?lang=en", data={
        "kind": "haccp", "valid_until": (TODAY - timedelta(days=1)).isoformat()})
    assert response.status_code == 200 and "This certification has expired" in response.get_data(as_text=True)
    response = client.post("/value-chain/supply/certifications?lang=en", data={"kind": "ocop", "valid_until": valid_until})
    assert 'id="kind-error"' in response.get_data(as_text=True)
    certification = db.session.scalars(sa.select(CooperativeCertification)).one()
    assert client_of(app, world["staff_b"]).post(
        f"/value-chain/supply/certifications/{certification.id}/remove").status_code == 404
    client.post(f"/value-chain/supply/certifications/{certification.id}/remove")
    assert count(CooperativeCertification) == 0


# Partnerships ----------------------------------------------------------------------------------------


def partnership_form(ids, **changes):
    form = {"product_ids": [str(i) for i in ids], "unit_price": "55.000", "unit": "box",
            "volume_per_period": "500", "frequency": "monthly", "starts_on": TODAY.isoformat(), "ends_on": "",
            "message": "Hợp tác lâu dài"}
    form.update(changes)
    return form


def test_proposing_from_the_cooperatives_page_then_both_agree_to_show_it(app, world):
    buyer = client_of(app, world["buyer_a"])
    page = buyer.get(f"/cooperatives/{world['coop_a'].slug}").get_data(as_text=True)
    assert 'id="propose-partnership"' in page
    assert 'id="propose-partnership"' not in client_of(app).get(f"/cooperatives/{world['coop_a'].slug}").get_data(as_text=True)
    assert 'id="propose-partnership"' not in client_of(app, world["staff_b"]).get(
        f"/cooperatives/{world['coop_a'].slug}").get_data(as_text=True)
    path = f"/value-chain/propose/{world['coop_a'].slug}"
    assert buyer.get(path).status_code == 200
    assert buyer.post(path, data=partnership_form([world["candy"].id])).headers["Location"] == "/value-chain/partnerships"
    partnership = db.session.scalars(sa.select(Partnership)).one()
    assert partnership.status == PartnershipStatus.PROPOSED

    staff = client_of(app, world["staff_a"])
    assert "Hợp tác lâu dài" in staff.get("/value-chain/partnerships").get_data(as_text=True)
    assert client_of(app, world["staff_b"]).post(f"/value-chain/partnerships/{partnership.id}/accept").status_code == 404
    assert buyer.post(f"/value-chain/partnerships/{partnership.id}/accept").status_code == 403
    staff.post(f"/value-chain/partnerships/{partnership.id}/accept")
    staff.post(f"/value-chain/partnerships/{partnership.id}/visibility", data={"shown": "y"})
    db.session.refresh(partnership)
    assert partnership.status == PartnershipStatus.ACTIVE and not partnership.is_public
    assert "network-edge" not in client_of(app).get("/value-chain").get_data(as_text=True)
    buyer.post(f"/value-chain/partnerships/{partnership.id}/visibility", data={"shown": "y"})
    db.session.refresh(partnership)
    assert partnership.is_public
    assert "network-edge" in client_of(app).get("/value-chain").get_data(as_text=True)
    buyer.post(f"/value-chain/partnerships/{partnership.id}/visibility", data={"shown": ""})
    db.session.refresh(partnership)
    assert not partnership.is_public

    assert client_of(app, world["buyer_b"]).post(f"/value-chain/partnerships/{partnership.id}/end").status_code == 404
    staff.post(f"/value-chain/partnerships/{partnership.id}/end")
    db.session.refresh(partnership)
    assert partnership.status == PartnershipStatus.ENDED


def test_bad_proposals_change_nothing(app, world):
    buyer = client_of(app, world["buyer_a"])
    path = f"/value-chain/propose/{world['coop_a'].slug}?lang=en"
    for data, message in (
        (partnership_form([world["candy_b"].id]), "Choose products of this producer only."),
        (partnership_form([world["candy"].id], volume_per_period="0"), "The quantity must be a whole number above 0."),
        (partnership_form([world["candy"].id], starts_on=(TODAY - timedelta(days=3)).isoformat()),
         "The start date cannot be in the past."),
        (partnership_form([world["candy"].id], ends_on=(TODAY - timedelta(days=3)).isoformat()),
         "The partnership cannot end before it starts."),
    ):
        response = buyer.post(path, data=data)
        assert response.status_code == 200 and message in response.get_data(as_text=True)
    assert count(Partnership) == 0
    assert buyer.get("/value-chain/propose/no-such-producer").status_code == 404
    assert client_of(app, world["staff_a"]).get(path).status_code == 403
