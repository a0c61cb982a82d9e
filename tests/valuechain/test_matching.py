"""Matching: hard filters exclude, the score ranks what is left, the reasons say why, and the
number of queries does not grow with the number of cooperatives or requests."""
from datetime import date, timedelta

import pytest
from flask_babel import force_locale

from marketplace import clock
from marketplace.catalog.models import ReviewStatus
from marketplace.extensions import db
from marketplace.producers.models import ApprovalStatus
from marketplace.valuechain import matching
from marketplace.valuechain.geo import PROVINCE_CENTROIDS, province_distance_km
from marketplace.valuechain.models import Certification, Frequency, PartnershipStatus, Unit, convert
from tests.factories import make_certificate, make_cooperative, make_distributor, make_product
from tests.valuechain.helpers import declare_capacity, declare_certification, make_partnership, make_request

TODAY = clock.today()


def supplier(stars=5, category_code="1.3", **product_fields):
    """A cooperative with one published product and a valid certificate of `stars`."""
    product = make_product(make_cooperative(), category_code=category_code, weight_g=400, **product_fields)
    make_certificate(product, stars=stars)
    return product


def matched(request):
    return {m.cooperative.id: m for m in matching.match_cooperatives(request, TODAY)}


# Hard filters ----------------------------------------------------------------------------


def test_group_and_sub_group_filter(app):
    candy = supplier(category_code="1.3")
    oil = supplier(category_code="3.3")
    assert set(matched(make_request(category_code="1.3"))) == {candy.cooperative_id}
    assert set(matched(make_request(category_code="1"))) == {candy.cooperative_id}  # the whole food group
    assert set(matched(make_request(category_code="3.3"))) == {oil.cooperative_id}


def test_minimum_stars_need_a_valid_certificate(app):
    five = supplier(stars=5)
    three = supplier(stars=3)
    expired = make_product(make_cooperative(), weight_g=400)
    make_certificate(expired, stars=5, issued_on=TODAY - timedelta(days=40 * 31))  # 36 months have passed
    pending = make_product(make_cooperative(), weight_g=400)
    make_certificate(pending, stars=5, review_status=ReviewStatus.PENDING)
    not_yet = make_product(make_cooperative(), weight_g=400)
    make_certificate(not_yet, stars=5, issued_on=TODAY + timedelta(days=3))
    unrated = make_product(make_cooperative(), weight_g=400)

    found = matched(make_request(min_stars=4))
    assert set(found) == {five.cooperative_id}
    found = matched(make_request(min_stars=3))
    assert set(found) == {five.cooperative_id, three.cooperative_id}
    for excluded in (expired, pending, not_yet, unrated):
        assert excluded.cooperative_id not in found


def test_potential_products_count_only_for_a_low_minimum(app):
    potential = supplier(stars=2)
    assert potential.cooperative_id in matched(make_request(min_stars=2))
    assert potential.cooperative_id not in matched(make_request(min_stars=3))
    # requiring the OCOP certification means a certificate: 3★ at least
    assert potential.cooperative_id not in matched(make_request(min_stars=1, certifications=["ocop"]))


def test_required_certifications_must_be_declared_and_valid(app):
    holder = supplier()
    declare_certification(holder.cooperative, Certification.HACCP)
    declare_certification(holder.cooperative, Certification.ORGANIC)
    lapsed = supplier()
    declare_certification(lapsed.cooperative, Certification.HACCP, valid_days=-1)
    declare_certification(lapsed.cooperative, Certification.ORGANIC)
    missing = supplier()
    declare_certification(missing.cooperative, Certification.HACCP)

    found = matched(make_request(certifications=["ocop", "haccp", "organic"]))
    assert set(found) == {holder.cooperative_id}
    assert found[holder.cooperative_id].certifications == [Certification.HACCP, Certification.ORGANIC]


def test_unpublished_products_and_unapproved_cooperatives_do_not_match(app):
    from marketplace.catalog.models import ProductStatus

    draft = supplier(status=ProductStatus.DRAFT)
    pending = make_product(make_cooperative(status=ApprovalStatus.PENDING), weight_g=400)
    make_certificate(pending, stars=5)
    found = matched(make_request())
    assert draft.cooperative_id not in found and pending.cooperative_id not in found


# The score -------------------------------------------------------------------------------


def test_units_convert_within_their_family_only():
    assert convert(2, Unit.TONNE, Unit.KG) == 2000
    assert convert(500, Unit.KG, Unit.TONNE) == 0.5
    assert convert(3, Unit.BOX, Unit.BOX) == 3
    assert convert(3, Unit.BOX, Unit.KG) is None
    assert convert(3, Unit.LITRE, Unit.KG) is None


def test_monthly_need_by_frequency(app):
    assert matching.monthly_need(make_request(quantity=900, frequency=Frequency.MONTHLY)) == 900
    assert matching.monthly_need(make_request(quantity=900, frequency=Frequency.QUARTERLY)) == 300
    assert matching.monthly_need(make_request(quantity=900, frequency=Frequency.ONE_OFF)) == 900
    seasonal = make_request(quantity=900, frequency=Frequency.SEASONAL,
                            period_start=date(2027, 1, 1), period_end=date(2027, 6, 30))
    assert matching.monthly_need(seasonal) == 150
    assert matching.monthly_need(make_request(quantity=900, frequency=Frequency.SEASONAL)) == 300


def test_capacity_counts_the_fitting_products_in_the_requests_unit(app):
    product = supplier()
    declare_capacity(product, 1, Unit.TONNE)
    second = make_product(product.cooperative, weight_g=400)
    make_certificate(second, stars=4)
    declare_capacity(second, 500, Unit.KG)
    boxes = make_product(product.cooperative, weight_g=400)
    make_certificate(boxes, stars=4)
    declare_capacity(boxes, 900, Unit.BOX)  # does not convert to kg
    match = matched(make_request(quantity=3000, unit=Unit.KG))[product.cooperative_id]
    assert match.monthly_capacity == 1500
    assert match.points["capacity"] == pytest.approx(20 * 1500 / 3000)


def test_price_per_kg_from_the_listing_weight(app):
    product = supplier(price_vnd=60000)  # 400 g: 150.000 ₫/kg
    within = matched(make_request(target_price_min=100000, target_price_max=160000))[product.cooperative_id]
    assert within.price == 150000 and within.price_excess == 0 and within.points["price"] == 15
    above = matched(make_request(target_price_min=80000, target_price_max=100000))[product.cooperative_id]
    assert above.price_excess == pytest.approx(0.5) and above.points["price"] == pytest.approx(7.5)
    unknown = matched(make_request(target_price_min=None, target_price_max=None))[product.cooperative_id]
    assert unknown.price_excess is None and unknown.points["price"] == 7.5


def test_distance_from_the_cooperatives_commune_to_the_delivery_ward(app):
    product = supplier()  # in Xã Mỏ Cày, Vĩnh Long (86)
    same = matched(make_request(delivery_province_code=86, delivery_ward_code=28903))[product.cooperative_id]
    assert same.distance_km == 0 and same.points["distance"] == 10
    town = matched(make_request(delivery_province_code=86, delivery_ward_code=28789))[product.cooperative_id]
    assert 10 < town.distance_km < 20  # Mỏ Cày – Bến Tre town, not 0 as between province centroids
    saigon = matched(make_request(delivery_province_code=79, delivery_ward_code=26740))[product.cooperative_id]
    assert 70 < saigon.distance_km < 90
    assert saigon.points["distance"] == pytest.approx(10 / (1 + saigon.distance_km / 100))
    far = matched(make_request(delivery_province_code=1))[product.cooperative_id]  # Hà Nội, no ward: centroid
    assert 1000 < far.distance_km < 1500 and far.points["distance"] < 1


def test_province_table_covers_every_province():
    from marketplace import places

    assert set(PROVINCE_CENTROIDS) == {p.code for p in places.provinces()}
    assert 60 < province_distance_km(86, 79) < 110  # Vĩnh Long – Hồ Chí Minh City
    assert province_distance_km(86, 999) is None


def test_track_record_counts_active_and_ended_partnerships(app):
    product = supplier()
    company = make_distributor()
    for status in (PartnershipStatus.ACTIVE, PartnershipStatus.ENDED, PartnershipStatus.PROPOSED,
                   PartnershipStatus.DECLINED):
        make_partnership(company, product, status=status)
    match = matched(make_request())[product.cooperative_id]
    assert match.partnerships == 2
    assert match.points["track_record"] == pytest.approx(15 * 2 / 5)


def test_fulfilled_orders_hook_feeds_the_track_record(app, monkeypatch):
    product = supplier()
    monkeypatch.setattr(matching, "fulfilled_orders", lambda ids: {product.cooperative_id: 20})
    match = matched(make_request())[product.cooperative_id]
    assert match.orders == 20 and match.points["track_record"] == pytest.approx(15 * 2 / 5)


def test_ranking_puts_the_better_fit_first(app):
    small = supplier()
    declare_capacity(small, 100)
    big = supplier()
    declare_capacity(big, 5000)
    ranked = matching.match_cooperatives(make_request(quantity=2000), TODAY)
    assert [m.cooperative.id for m in ranked] == [big.cooperative_id, small.cooperative_id]
    assert ranked[0].score > ranked[1].score


# Reasons ---------------------------------------------------------------------------------


def test_reasons_read_like_the_issue_in_english_and_vietnamese(app):
    product = make_product(make_cooperative(), weight_g=400, price_vnd=60000)
    make_certificate(product, stars=5, issued_on=date(2024, 3, 15), expires_on=date(2027, 3, 15))
    declare_capacity(product, 2, Unit.TONNE)
    request = make_request(delivery_province_code=79, unit=Unit.KG, target_price_max=160000)
    match = matching.match_cooperatives(request, date(2026, 11, 29))[0]
    with force_locale("en"):
        reasons = match.reasons()
        assert reasons[:4] == ["makes candy", "5★ valid to 03/2027", "supplies 2 t/month", "85 km"]
        assert "price within the target" in reasons
        assert match.reason_text().startswith("makes candy · 5★ valid to 03/2027 · supplies 2 t/month · 85 km")
    with force_locale("vi"):
        assert match.reasons()[1].startswith("5★")  # the vi catalogue translates; numbers stay


def test_reasons_say_when_capacity_is_unknown_and_delivery_is_local(app):
    product = supplier()
    match = matched(make_request(delivery_province_code=86, delivery_ward_code=28903))[product.cooperative_id]
    with force_locale("en"):
        assert "capacity not declared" in match.reasons()
        assert "in the delivery province" in match.reasons()


# Both directions, in constant queries ------------------------------------------------------


def test_matching_needs_the_same_queries_for_many_cooperatives(app, count_queries):
    def run(n):
        for _ in range(n):
            product = supplier()
            declare_capacity(product, 100)
            declare_certification(product.cooperative, Certification.HACCP)
            make_partnership(make_distributor(), product)
        request = make_request(certifications=["haccp"])
        db.session.commit()
        db.session.expire_all()
        request = db.session.get(type(request), request.id)
        request.category  # loaded with the request by callers
        with count_queries() as queries:
            matches = [m.reason_text() for m in matching.match_cooperatives(request, TODAY)]
        return len(queries), len(matches)

    few = run(2)
    many = run(12)
    assert few[1] == 2 and many[1] == 14  # the first two cooperatives still fit
    assert few[0] == many[0] == 5  # products, certifications, partnerships, delivered orders, track records


def test_recommendations_need_the_same_queries_for_many_requests(app, count_queries):
    product = supplier()
    declare_capacity(product, 100)
    cooperative = product.cooperative

    def run(n):
        for _ in range(n):
            make_request(distributor=make_distributor())
        db.session.commit()
        db.session.expire_all()
        cooperative.id  # the caller's cooperative is loaded (the signed-in user's)
        with count_queries() as queries:
            found = [m.reason_text() for m in matching.recommended_requests(cooperative, TODAY)]
        return len(queries), len(found)

    assert run(2) == (6, 2)
    assert run(10) == (6, 12)


def test_recommendations_skip_requests_that_do_not_fit(app):
    product = supplier(stars=3)
    fits = make_request()
    make_request(min_stars=5)
    make_request(category_code="3.3")
    make_request(deadline=TODAY - timedelta(days=1))
    found = matching.recommended_requests(product.cooperative, TODAY)
    assert [m.request.id for m in found] == [fits.id]
