"""`flask search reindex` (with a progress bar) and `flask search status`."""
import sqlalchemy as sa

from marketplace.catalog.models import Product
from marketplace.extensions import db
from marketplace.search import service
from tests.factories import make_certificate, make_product
from tests.search.conftest import search


def test_reindex_rebuilds_with_a_progress_bar_and_reports_counts(runner, backend):
    make_certificate(make_product(name_vi="Mứt mãng cầu"), stars=4)
    db.session.commit()
    result = runner.invoke(args=["search", "reindex"])
    assert result.exit_code == 0, result.output
    assert "Indexing" in result.output
    assert "products      index       1   database       1   ok" in result.output
    assert search("mãng cầu") == ["Mứt mãng cầu"]


def test_status_compares_the_index_with_the_database(runner, backend):
    product = make_product(name_vi="Mứt mãng cầu")
    db.session.commit()
    service.reindex()
    result = runner.invoke(args=["search", "status"])
    assert result.exit_code == 0 and "OUT OF STEP" not in result.output
    db.session.execute(sa.delete(Product).where(Product.id == product.id))  # behind the index's back
    db.session.commit()
    result = runner.invoke(args=["search", "status"])
    assert result.exit_code == 1
    assert "products      index       1   database       0   OUT OF STEP" in result.output
    assert "search reindex" in result.output
