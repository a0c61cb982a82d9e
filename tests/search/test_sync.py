"""The index follows the database: every kind of change shows right after its commit, never
before it, never when rolled back; one writer at a time, lock waits never reach a user; a
missing or corrupt index is rebuilt."""
import os
import threading
from datetime import timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from marketplace import clock
from marketplace.catalog.models import OcopCategory, Product, ProductStatus
from marketplace.catalog.services import ProductFilters
from marketplace.extensions import db
from marketplace.producers.models import ApprovalStatus, Cooperative
from marketplace.search import service
from tests.factories import category, make_certificate, make_cooperative, make_product
from tests.search.conftest import search


def certified(name, stars=4, **fields):
    product = make_product(name_vi=name, name_en="", description_vi="", **fields)
    make_certificate(product, stars=stars)
    return product


def facets(q):
    return service.search_products(ProductFilters(q=q, rating="all")).results.facets


def test_a_new_product_shows_after_its_commit_and_not_before(backend):
    certified("Mứt mãng cầu")
    assert search("mãng cầu") == []  # flushed, not committed
    db.session.commit()
    assert search("mãng cầu") == ["Mứt mãng cầu"]


def test_a_rolled_back_product_never_shows(backend):
    certified("Mứt mãng cầu")
    db.session.rollback()
    assert search("mãng cầu") == []
    db.session.commit()  # a later commit carries nothing from the rolled-back transaction
    assert search("mãng cầu") == []


def test_a_failed_commit_changes_nothing(backend):
    existing = certified("Bánh pía")
    db.session.commit()
    coop_id, category_id = existing.cooperative_id, existing.category_id
    db.session.add(Product(slug="tra-sen", name_vi="Trà sen", unit="hộp", price_vnd=1, cooperative_id=coop_id,
                           category_id=category_id, status=ProductStatus.PUBLISHED))
    db.session.add(Product(slug=existing.slug, name_vi="Trà sen trùng", unit="hộp", price_vnd=1,
                           cooperative_id=coop_id, category_id=category_id, status=ProductStatus.PUBLISHED))
    with pytest.raises(IntegrityError):
        db.session.commit()
    db.session.rollback()
    assert search("trà sen") == []
    assert search("bánh pía") == ["Bánh pía"]


def test_editing_publishing_archiving_and_deleting_show_at_once(backend):
    product = certified("Mứt mãng cầu")
    db.session.commit()
    product.name_vi = "Mứt chùm ruột"
    db.session.commit()
    assert search("mãng cầu") == [] and search("chùm ruột") == ["Mứt chùm ruột"]
    product.status = ProductStatus.DRAFT
    db.session.commit()
    assert search("chùm ruột") == []
    product.status = ProductStatus.PUBLISHED
    db.session.commit()
    assert search("chùm ruột") == ["Mứt chùm ruột"]
    product.status = ProductStatus.ARCHIVED
    db.session.commit()
    assert search("chùm ruột") == []
    product.status = ProductStatus.PUBLISHED
    db.session.commit()
    db.session.delete(product)
    db.session.commit()
    assert search("chùm ruột") == []


def test_price_and_stock_changes_reach_filters_and_facets(backend):
    product = certified("Mứt mãng cầu")
    db.session.commit()
    product.stock, product.price_vnd = 0, 600000
    db.session.commit()
    assert search("mãng cầu", in_stock=True) == []
    assert facets("mãng cầu").prices[-1] == 1


def test_a_certificate_change_shows_in_stars(backend):
    product = certified("Mứt mãng cầu", stars=3)
    db.session.commit()
    assert facets("mãng cầu").stars == {3: 1}
    make_certificate(product, stars=5)
    db.session.commit()
    assert facets("mãng cầu").stars == {5: 1}
    assert search("mãng cầu", stars_min=5) == ["Mứt mãng cầu"]


def test_stars_follow_the_calendar_when_a_certificate_expires(backend, monkeypatch):
    product = certified("Mứt mãng cầu", stars=4)
    db.session.commit()
    expiry = product.certificates[0].expires_on
    monkeypatch.setattr(clock, "today", lambda: expiry + timedelta(days=1))
    assert search("mãng cầu", rating="certified") == []  # the badge is gone
    assert facets("mãng cầu").stars == {} and facets("mãng cầu").unrated == 1


def test_a_cooperative_rename_or_suspension_reaches_its_products(backend):
    product = certified("Mứt mãng cầu", cooperative=make_cooperative(name="HTX Bưởi Năm Roi"))
    db.session.commit()
    assert search("năm roi") == ["Mứt mãng cầu"]
    product.cooperative.name = "HTX Sen Đồng Tháp"
    db.session.commit()
    assert search("năm roi") == [] and search("sen đồng tháp") == ["Mứt mãng cầu"]
    assert [c.name for c in service.matching_cooperatives(service.parse_query("sen đồng"))] == ["HTX Sen Đồng Tháp"]
    product.cooperative.status = ApprovalStatus.PENDING
    db.session.commit()
    assert search("mãng cầu") == []


def test_a_category_rename_reaches_its_products(backend):
    certified("Mứt mãng cầu", category_code="1.3")
    db.session.commit()
    sub = category("1.3")
    original = sub.name_vi
    try:
        sub.name_vi = "Đặc sản miệt vườn"
        db.session.commit()
        assert search("miệt vườn") == ["Mứt mãng cầu"]
    finally:
        db.session.get(OcopCategory, sub.id).name_vi = original
        db.session.commit()


def test_saves_from_many_threads_all_reach_the_index(backend, app):
    cooperative_id = make_cooperative().id
    db.session.commit()
    errors = []

    def save(n):
        try:
            with app.app_context():
                certified(f"Bánh lá dừa số {n}", cooperative=db.session.get(Cooperative, cooperative_id))
                db.session.commit()
                db.session.remove()
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)

    threads = [threading.Thread(target=save, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert service.wait_for_writes(10)
    assert service.search_products(ProductFilters(q="bánh lá dừa số", rating="all")).results.total == 8
    assert service.status()["product"] == (8, 8)


@pytest.fixture
def writer_lock_held_elsewhere(backend):
    """Hold the index's writer lock the way another process would; yields a release()."""
    service.backend().write_timeout = 0.1
    if backend == "whoosh":
        from whoosh.util.filelock import FileLock

        Path(service.backend().dir).mkdir(parents=True, exist_ok=True)
        lock = FileLock(str(Path(service.backend().dir) / "writer.lock"))
        assert lock.acquire(blocking=False)
        yield lock.release
        return
    from marketplace.search.backends.postgres import WRITER_LOCK

    connection = db.engine.connect()
    connection.execute(sa.select(sa.func.pg_advisory_lock(WRITER_LOCK)))
    connection.commit()

    def release():
        connection.execute(sa.select(sa.func.pg_advisory_unlock(WRITER_LOCK)))
        connection.close()

    yield release


def test_a_busy_writer_never_fails_a_save_and_the_change_follows(backend, writer_lock_held_elsewhere):
    certified("Bánh pía")
    db.session.commit()
    search("bánh")  # the index exists before the lock is taken
    writer = service.writer()
    writer.retry_delay = 0.05
    certified("Mứt mãng cầu")
    db.session.commit()  # no lock error reaches the caller
    assert writer.pending
    assert search("mãng cầu") == []  # not yet: the writer is busy elsewhere
    writer_lock_held_elsewhere()
    assert service.wait_for_writes(10)
    assert search("mãng cầu") == ["Mứt mãng cầu"]


def test_an_index_write_that_fails_is_retried_not_lost(backend, monkeypatch):
    certified("Bánh pía")
    db.session.commit()
    search("bánh")
    writer = service.writer()
    writer.retry_delay = 0.05
    real_apply, calls = writer.backend.apply, []

    def flaky(changes):
        calls.append(changes)
        if len(calls) == 1:
            raise ConnectionError("index storage went away")
        return real_apply(changes)

    monkeypatch.setattr(writer.backend, "apply", flaky)
    certified("Mứt mãng cầu")
    db.session.commit()
    assert service.wait_for_writes(10)
    assert len(calls) >= 2 and search("mãng cầu") == ["Mứt mãng cầu"]


# Whoosh leaves a file open when its table of contents is garbage (a third-party leak, seen
# only on a corrupt index).
@pytest.mark.filterwarnings("ignore::ResourceWarning", "ignore::pytest.PytestUnraisableExceptionWarning")
@pytest.mark.parametrize("damage", ["delete", "corrupt"])
def test_a_missing_or_corrupt_whoosh_index_is_rebuilt_on_the_next_search(app, damage, tmp_path):
    app.extensions.pop("search", None)
    app.config["SEARCH_INDEX_DIR"] = str(tmp_path / "index")
    try:
        certified("Mứt mãng cầu")
        db.session.commit()
        assert search("mãng cầu") == ["Mứt mãng cầu"]
        index_dir = Path(app.config["SEARCH_INDEX_DIR"])
        if damage == "delete":
            for path in index_dir.iterdir():
                if path.is_dir() and not path.is_symlink():
                    for child in path.iterdir():
                        child.unlink()
                    path.rmdir()
                else:
                    path.unlink()
        else:
            for path in (index_dir / os.readlink(index_dir / "current")).iterdir():
                path.write_bytes(b"\x00garbage" * 64)
        service.backend()._forget_snapshot()  # as a fresh process would
        assert search("mãng cầu") == ["Mứt mãng cầu"]
        assert service.status()["product"] == (1, 1)
    finally:
        service.wait_for_writes()
        app.extensions.pop("search", None)


def test_reindex_rebuilds_from_the_database(backend):
    certified("Mứt mãng cầu")
    db.session.commit()
    assert search("mãng cầu") == ["Mứt mãng cầu"]
    db.session.execute(sa.update(Product).values(name_vi="Mứt sơ ri"))  # behind the index's back
    db.session.commit()  # (a bulk UPDATE: no ORM objects changed, nothing reindexed)
    assert search("sơ ri") == []
    service.reindex()
    assert search("sơ ri") == ["Mứt sơ ri"]
