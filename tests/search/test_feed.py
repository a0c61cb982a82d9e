"""Whoosh on several machines: each keeps its own index folder in step by applying the
changes the others committed (the `search_changes` feed), before it searches."""
import pytest
import sqlalchemy as sa

from marketplace.catalog.services import ProductFilters
from marketplace.extensions import db
from marketplace.search import service
from marketplace.search.models import SearchChange, _now
from marketplace.search.sync import FEED_KEEP, FEED_LATE
from tests.conftest import make_test_app
from tests.factories import make_certificate, make_product


def names(app, q):
    with app.app_context():
        found = service.search_products(ProductFilters(q=q, rating="all")).results.items
        return [card.product.name_vi for card in found]


@pytest.fixture
def machines(app, tmp_path):
    """Two app servers on one database, each with its own Whoosh folder, reading the feed on
    every search (SEARCH_FEED_SECONDS as small as it gets)."""
    made = [make_test_app(SEARCH_BACKEND="whoosh", SEARCH_INDEX_DIR=str(tmp_path / name), SEARCH_FEED_SECONDS=1e-9)
            for name in ("a", "b")]
    yield made
    for each in made:
        with each.app_context():
            service.clear_index()


def test_a_change_on_one_machine_reaches_the_others_index(app, machines):
    a, b = machines
    with a.app_context():
        product = make_product(name_vi="Kẹo dừa sáp", name_en="", description_vi="")
        make_certificate(product, stars=4)
        db.session.commit()
        product_id = product.id
    assert names(a, "kẹo dừa") == names(b, "kẹo dừa") == ["Kẹo dừa sáp"]  # both indexes built

    with a.app_context():
        db.session.get(type(product), product_id).name_vi = "Bánh tráng sữa"
        db.session.commit()
        service.wait_for_writes()
    # B's folder was built before the rename; the feed brings it in step before B searches.
    assert names(b, "bánh tráng") == ["Bánh tráng sữa"]
    assert names(b, "kẹo dừa") == []
    assert names(a, "bánh tráng") == ["Bánh tráng sữa"]


def test_the_feed_is_written_in_the_transaction_and_names_its_machine(app, machines):
    a, _b = machines
    with a.app_context():
        make_product(name_vi="Mứt gừng")
        db.session.rollback()
        assert db.session.scalar(sa.select(sa.func.count()).select_from(SearchChange)) == 0
        product = make_product(name_vi="Mứt gừng")
        db.session.commit()
        (row,) = db.session.scalars(sa.select(SearchChange).where(SearchChange.kind == "product")).all()
        assert row.ref_id == product.id and row.origin == service.sync.feed_origin(a)


def test_a_machine_applies_its_own_rows_never_and_each_row_once(app, machines, monkeypatch):
    a, b = machines
    with a.app_context():
        product_id = make_product(name_vi="Dầu dừa").id
        db.session.commit()
    applied = []
    for name, each in (("a", a), ("b", b)):
        with each.app_context():
            monkeypatch.setattr(service.writer(), "submit",
                                lambda changes, name=name: applied.append((name, sorted(changes.product_ids))))
            service.backend()
            service.backend()  # nothing new: nothing applied again
    assert applied == [("b", [product_id])]


def test_old_rows_are_purged(app, machines):
    _a, b = machines
    db.session.execute(sa.insert(SearchChange), [
        {"kind": "product", "ref_id": 1, "origin": "elsewhere", "created_at": _now() - FEED_KEEP - FEED_LATE},
        {"kind": "product", "ref_id": 2, "origin": "elsewhere", "created_at": _now()},
    ])
    db.session.commit()
    with b.app_context():
        service.backend()
    assert db.session.scalars(sa.select(SearchChange.ref_id)).all() == [2]
