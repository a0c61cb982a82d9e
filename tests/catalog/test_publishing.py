"""Publishing moves through the one state machine: legal moves only, a history row for each,
one winner when two people act at once, and the shop sees the change after the commit."""
import pytest
import sqlalchemy as sa
from flask_babel import force_locale

from marketplace.catalog import publishing
from marketplace.catalog.models import Product, ProductStatus
from marketplace.extensions import db
from marketplace.statemachine import IllegalTransition, StatusConflict, StatusHistory
from tests.factories import make_certificate, make_cooperative_staff, make_product


def test_each_move_writes_a_history_row_and_illegal_moves_are_refused(app):
    staff = make_cooperative_staff()
    product = make_product(status=ProductStatus.DRAFT)
    db.session.commit()
    publishing.move(product, ProductStatus.PUBLISHED, staff)
    publishing.move(product, ProductStatus.ARCHIVED, staff)
    db.session.commit()
    rows = db.session.scalars(sa.select(StatusHistory).where(StatusHistory.subject == "product")).all()
    assert [(r.subject_id, r.from_status, r.to_status, r.actor_id) for r in rows] == [
        (product.id, "draft", "published", staff.id), (product.id, "published", "archived", staff.id)]
    with pytest.raises(IllegalTransition) as refused:
        publishing.move(product, ProductStatus.PUBLISHED, staff)
    with force_locale("en"):
        assert str(refused.value.message) == "This product is archived. Restore it first."


def test_of_two_moves_from_the_same_status_the_second_is_told_why(app):
    product = make_product(status=ProductStatus.PUBLISHED)
    db.session.commit()
    assert product.status == ProductStatus.PUBLISHED  # what this person's page showed
    with db.engine.begin() as somebody_else:
        somebody_else.execute(sa.update(Product).where(Product.id == product.id).values(status="draft"))
    with pytest.raises(StatusConflict):
        publishing.move(product, ProductStatus.ARCHIVED, None)
    db.session.rollback()
    assert db.session.get(Product, product.id).status == ProductStatus.DRAFT


def test_the_shop_sees_a_move_right_after_its_commit(app, client):
    product = make_product(status=ProductStatus.PUBLISHED, name_vi="Kẹo dừa sáp")
    make_certificate(product, stars=4)
    db.session.commit()
    app.config["CATALOGUE_CACHE_SECONDS"] = 60
    try:
        assert client.get(f"/products/{product.slug}").status_code == 200
        publishing.move(product, ProductStatus.DRAFT, None)
        assert client.get(f"/products/{product.slug}").status_code == 200  # not committed yet
        db.session.commit()
        assert client.get(f"/products/{product.slug}").status_code == 404  # the cached page is dropped
    finally:
        app.config["CATALOGUE_CACHE_SECONDS"] = 0
