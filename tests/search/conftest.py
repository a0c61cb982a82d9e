"""Search fixtures: every behaviour test runs once per backend (postgres only when the test
database is PostgreSQL), each on a fresh index, plus a small catalogue to search."""
import pytest

from marketplace.extensions import db
from marketplace.search import service
from tests.factories import make_certificate, make_cooperative, make_product

BACKENDS = ["whoosh", pytest.param("postgres", marks=pytest.mark.postgres)]
_installed = set()


@pytest.fixture(params=BACKENDS)
def backend(request, app, tmp_path):
    """The app searching with one backend, on an index of its own; yields the backend's name."""
    if request.param == "postgres":
        if db.engine.dialect.name != "postgresql":
            pytest.skip("the postgres search backend needs DATABASE_URL on PostgreSQL")
        if db.engine.url not in _installed:
            from marketplace.search.backends.postgres import install

            with db.engine.begin() as connection:
                install(connection)
            _installed.add(db.engine.url)
    saved = {key: app.config[key] for key in ("SEARCH_BACKEND", "SEARCH_INDEX_DIR", "SEARCH_WRITE_TIMEOUT")}
    saved_writer = app.extensions.pop("search", None)
    app.config.update(SEARCH_BACKEND=request.param, SEARCH_INDEX_DIR=str(tmp_path / "index"))
    service.clear_index()
    yield request.param
    service.wait_for_writes()
    app.extensions.pop("search", None)
    if saved_writer is not None:
        app.extensions["search"] = saved_writer
    app.config.update(saved)


def search(q, **filters):
    """Names on the first results page for `q` (every rating, relevance order)."""
    from marketplace.catalog.services import ProductFilters

    found = service.search_products(ProductFilters(q=q, **{"rating": "all", "sort": "relevance", **filters}))
    return [card.product.name_vi for card in found.results.items]


@pytest.fixture
def catalogue(backend):
    """A few products whose words test ranking: coconut (dừa) and melon (dưa), sugar (đường)
    and a place (Dương), one word in each field."""
    coconut_coop = make_cooperative(name="HTX Kẹo dừa Thanh Long", slug="thanh-long", legacy_district="mo-cay-nam",
                                    ward_name="Xã Thành Thới")
    fruit_coop = make_cooperative(name="Cơ sở Trái cây Phú Hưng", slug="phu-hung", legacy_district="cho-lach",
                                  ward_name="Xã Vĩnh Thành")
    herbal_coop = make_cooperative(name="HTX Thảo dược Xanh", slug="thao-duoc-xanh", legacy_district="ba-tri",
                                   ward_name="Xã An Đức")
    plain = dict(description_vi="Sản phẩm của hợp tác xã.", name_en="")
    products = {
        "coconut_candy": make_product(coconut_coop, name_vi="Kẹo dừa sầu riêng", category_code="1.3", price_vnd=60000, **plain),
        "pandan_candy": make_product(coconut_coop, name_vi="Kẹo dừa lá dứa", category_code="1.3", price_vnd=55000, **plain),
        "melon": make_product(fruit_coop, name_vi="Dưa hấu Long An", category_code="1.1", price_vnd=30000, stock=0, **plain),
        "sugar": make_product(fruit_coop, name_vi="Đường thốt nốt", category_code="1.6", price_vnd=45000, **plain),
        "fish_sauce": make_product(fruit_coop, name_vi="Nước mắm Dương Đông", category_code="1.6", price_vnd=120000, **plain),
        "rice_paper": make_product(
            coconut_coop, name_vi="Bánh tráng Mỹ Lồng", category_code="1.4", price_vnd=35000,
            description_vi="Bánh tráng pha **nước cốt dừa**, phơi nắng.", name_en="",
        ),
        "herbal_tea": make_product(fruit_coop, name_vi="Trà thảo dược", category_code="1.7", price_vnd=80000, **plain),
        "lip_balm": make_product(fruit_coop, name_vi="Son môi", category_code="3.2", price_vnd=90000, **plain),
        "ginger_jam": make_product(herbal_coop, name_vi="Mứt gừng", category_code="1.3", price_vnd=70000, **plain),
        "honey": make_product(
            fruit_coop, name_vi="Mật ong rừng", category_code="1.6", price_vnd=250000,
            description_vi="Ong hút mật hoa cây thảo dược trong rừng.", name_en="",
        ),
        "hoa_binh_tea": make_product(fruit_coop, name_vi="Trà Hòa Bình", category_code="1.7", price_vnd=65000, **plain),
    }
    stars = {"coconut_candy": 5, "pandan_candy": 3, "melon": 4, "sugar": 3, "fish_sauce": 5, "rice_paper": 4,
             "herbal_tea": 3, "lip_balm": 4, "ginger_jam": 5, "honey": 5, "hoa_binh_tea": 2}
    for key, count in stars.items():
        make_certificate(products[key], stars=count)
    db.session.commit()
    return products
