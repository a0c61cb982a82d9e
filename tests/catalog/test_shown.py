"""The certificate each product shows, stored on the product row (catalog/shown.py): the stored
choice equals the computed one on every day it claims to hold, and a page never trusts it beyond."""
from datetime import date, timedelta

import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings, strategies as st

from marketplace import clock
from marketplace.catalog import shown
from marketplace.catalog.models import OcopCertificate, Product, ReviewStatus
from marketplace.catalog.services import ProductFilters, get_product_card, list_products
from marketplace.extensions import db
from marketplace.program.services import review_certificate
from marketplace.accounts.models import Role
from tests.factories import make_certificate, make_product, make_user

DAY = date(2026, 6, 1)


def cert(id, stars, issued_on, expires_on, status=ReviewStatus.APPROVED):
    return OcopCertificate(id=id, stars=stars, review_status=status, issued_on=issued_on, expires_on=expires_on)


def test_the_best_valid_badge_is_shown_until_it_expires():
    four = cert(1, 4, DAY - timedelta(days=10), DAY + timedelta(days=30))
    three = cert(2, 3, DAY - timedelta(days=400), DAY + timedelta(days=300))
    assert shown.choose([four, three], DAY) == (four, DAY + timedelta(days=30))


def test_a_badge_taking_effect_later_ends_the_choice_the_day_before():
    three = cert(1, 3, DAY - timedelta(days=10), DAY + timedelta(days=300))
    renewal = cert(2, 5, DAY + timedelta(days=7), DAY + timedelta(days=900))
    assert shown.choose([three, renewal], DAY) == (three, DAY + timedelta(days=6))


def test_potential_ratings_hold_until_a_badge_starts_and_unapproved_ones_never_show():
    potential = cert(1, 2, DAY - timedelta(days=10), DAY - timedelta(days=1))
    pending = cert(2, 5, DAY - timedelta(days=10), DAY + timedelta(days=300), ReviewStatus.PENDING)
    assert shown.choose([potential, pending], DAY) == (potential, shown.FOREVER)
    assert shown.choose([pending], DAY) == (None, shown.FOREVER)


def _stored(product):
    return db.session.execute(
        sa.select(Product.shown_certificate_id, Product.shown_through).where(Product.id == product.id)
    ).one()


def test_a_certificate_change_is_stored_in_its_own_transaction(app):
    product = make_product()
    four = make_certificate(product, stars=4)
    db.session.commit()
    assert _stored(product) == (four.id, four.expires_on)
    assert db.session.scalar(sa.select(Product.shown_stars).where(Product.id == product.id)) == 4

    db.session.delete(four)
    db.session.commit()
    assert _stored(product) == (None, shown.FOREVER)


def test_a_council_decision_made_by_a_status_update_is_stored(app):
    product = make_product()
    three = make_certificate(product, stars=3)
    renewal = make_certificate(product, stars=5, review_status=ReviewStatus.PENDING)
    db.session.commit()
    assert _stored(product)[0] == three.id

    review_certificate(renewal, make_user(role=Role.COUNCIL_REVIEWER), approve=True)
    assert _stored(product) == (renewal.id, renewal.expires_on)


def test_a_rolled_back_change_leaves_nothing_to_refresh(app):
    product = make_product()
    make_certificate(product, stars=4)
    db.session.rollback()
    db.session.commit()
    assert db.session.get(Product, product.id) is None


def test_past_its_last_day_a_page_computes_the_choice_again(app):
    product = make_product()
    four = make_certificate(product, stars=4)
    db.session.commit()
    after = four.expires_on + timedelta(days=1)
    assert get_product_card(product.slug, today=four.expires_on).certificate.id == four.id
    # Nobody refreshed it: the expired badge still must not show.
    assert get_product_card(product.slug, today=after).certificate is None
    listing = list_products(ProductFilters(rating="certified"), today=after, with_facets=True)
    assert listing.total == 0 and listing.facets.stars == {}


def test_a_certificate_revoked_behind_the_hooks_back_never_shows(app):
    product = make_product()
    four = make_certificate(product, stars=4)
    db.session.commit()
    with db.engine.begin() as connection:  # e.g. a manual fix in the database
        connection.execute(sa.update(OcopCertificate.__table__).values(review_status="rejected"))
    assert get_product_card(product.slug).certificate is None
    assert four.id  # the stored id still names it; the join refuses it


def test_the_daily_command_refreshes_what_ran_out(app, runner):
    product = make_product()
    make_certificate(product, stars=4)
    db.session.commit()
    db.session.execute(sa.update(Product).values(shown_certificate_id=None, shown_through=DAY))
    db.session.commit()
    assert shown.stale_products() == [product.id]

    result = runner.invoke(args=["certificates", "refresh-shown"])
    assert result.exit_code == 0, result.output
    assert "Products refreshed: 1" in result.output
    assert shown.stale_products() == []
    assert _stored(product)[0] is not None


CERTIFICATES = st.lists(
    st.tuples(
        st.integers(1, 5),  # stars
        st.integers(-800, 60),  # issued, days from today
        st.integers(0, 1100),  # valid for days
        st.sampled_from([ReviewStatus.APPROVED, ReviewStatus.APPROVED, ReviewStatus.PENDING, ReviewStatus.SUPERSEDED]),
    ),
    max_size=4,
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(certificates=CERTIFICATES, later=st.integers(0, 1200))
def test_the_stored_choice_equals_the_computed_one_on_every_day_it_holds(app, certificates, later):
    today = clock.today()
    product = make_product()
    for stars, issued, valid, status in certificates:
        issued_on = today + timedelta(days=issued)
        make_certificate(product, stars=stars, issued_on=issued_on, expires_on=issued_on + timedelta(days=valid),
                         review_status=status)
    db.session.commit()
    day = today + timedelta(days=later)
    computed = db.session.scalar(sa.select(shown._computed_id(day)).select_from(Product).where(Product.id == product.id))
    card = get_product_card(product.slug, today=day)
    assert (card.certificate.id if card.certificate else None) == computed
    db.session.execute(sa.delete(OcopCertificate))
    db.session.execute(sa.delete(Product).where(Product.id == product.id))
    db.session.commit()
