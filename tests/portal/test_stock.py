"""Stock: per-product edits with history, guarded against concurrent changes; CSV files checked
line by line and applied all or nothing."""
import threading

import pytest
import sqlalchemy as sa

from marketplace.catalog.models import Product, ProductStatus
from marketplace.extensions import db
from marketplace.stock import files as stock_files, services as stock
from marketplace.stock.models import StockChange
from tests.conftest import DATABASE_URL
from tests.factories import make_cooperative, make_cooperative_staff, make_product
from tests.portal.conftest import page_text
from tests.portal.uploads import multipart, upload


def _stock(product_id):
    return db.session.scalar(sa.select(Product.stock).where(Product.id == product_id))


def _history(product_id):
    return db.session.scalars(
        sa.select(StockChange).where(StockChange.product_id == product_id).order_by(StockChange.id)
    ).all()


def test_stock_edit_records_who_when_before_after_and_why(portal, cooperative, staff):
    product = make_product(cooperative, stock=10)
    db.session.commit()
    page = page_text(portal.get(f"/portal/products/{product.id}/stock"))
    assert 'name="seen" type="hidden" value="10"' in page
    response = portal.post(f"/portal/products/{product.id}/stock", data={"stock": "25", "seen": "10", "note": "Mẻ mới"})
    assert response.status_code == 302
    assert _stock(product.id) == 25
    (change,) = _history(product.id)
    assert (change.user_id, change.stock_before, change.stock_after, change.reason.value, change.note) == \
        (staff.id, 10, 25, "edit", "Mẻ mới")
    assert change.changed_at is not None
    history = page_text(portal.get(f"/portal/products/{product.id}/stock"))
    assert "Mẻ mới" in history and staff.name in history and "Changed by hand" in history


@pytest.mark.parametrize("bad", ["-1", "abc", "1.5e3", "10000001", ""])
def test_bad_stock_is_refused_next_to_the_field(portal, cooperative, bad):
    product = make_product(cooperative, stock=10)
    db.session.commit()
    response = portal.post(f"/portal/products/{product.id}/stock", data={"stock": bad, "seen": "10"})
    assert response.status_code == 200 and 'id="stock-error"' in page_text(response)
    assert _stock(product.id) == 10 and _history(product.id) == []


def test_a_change_made_meanwhile_is_not_overwritten(portal, cooperative):
    product = make_product(cooperative, stock=10)
    db.session.commit()
    db.session.execute(sa.update(Product).where(Product.id == product.id).values(stock=7))  # an order took 3
    db.session.commit()
    response = portal.post(f"/portal/products/{product.id}/stock", data={"stock": "20", "seen": "10"})
    html = page_text(response)
    assert "The stock changed to 7 while you were editing" in html
    assert 'name="seen" type="hidden" value="7"' in html  # saving again is a deliberate choice
    assert _stock(product.id) == 7 and _history(product.id) == []


def test_the_stock_rule_refuses_negative_stock(app, cooperative):
    product = make_product(cooperative, stock=3)
    user = make_cooperative_staff(cooperative)
    with pytest.raises(stock.StockError):
        stock.change(product, -1, 3, user)
    with pytest.raises(stock.StockError):
        stock.change(product, True, 3, user)


@pytest.mark.postgres
def test_concurrent_edits_from_the_same_page_let_exactly_one_win(app, cooperative):
    if not DATABASE_URL.startswith("postgresql"):
        pytest.skip("SQLite serialises writers and hides the race")
    product = make_product(cooperative, stock=10)
    users = [make_cooperative_staff(cooperative, is_owner=False) for _ in range(6)]
    db.session.commit()
    product_id, user_ids = product.id, [u.id for u in users]
    barrier, outcomes = threading.Barrier(len(user_ids)), []

    def edit(user_id, value):
        with app.app_context():
            user = db.session.get(type(users[0]), user_id)
            barrier.wait()
            try:
                stock.change(db.session.get(Product, product_id), value, 10, user)
                outcomes.append(value)
            except stock.StockConflict:
                outcomes.append("conflict")
            finally:
                db.session.remove()

    threads = [threading.Thread(target=edit, args=(uid, 20 + n)) for n, uid in enumerate(user_ids)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    winners = [o for o in outcomes if o != "conflict"]
    assert len(winners) == 1 and _stock(product_id) == winners[0]
    assert len(_history(product_id)) == 1


# ------------------------------------------------------------------------------------------
# Stock files


def _check_file(portal, text, name="stock.csv"):
    return portal.post("/portal/stock", data={"file": upload(text.encode("utf-8"), name)})


def _apply(portal, response):
    content = page_text(response).split('name="content" value="')[1].split('"')[0]
    return portal.post("/portal/stock/apply", data={"content": content})


@pytest.fixture
def three(cooperative):
    products = [make_product(cooperative, slug=slug, stock=5, price_vnd=50000)
                for slug in ("keo-dua", "dau-dua", "mut-dua")]
    db.session.commit()
    return products


def test_a_valid_file_is_previewed_then_applied_with_history(portal, three, staff):
    response = _check_file(portal, "slug,stock\nkeo-dua,12\ndau-dua,5\n")
    html = page_text(response)
    assert "1 product will change." in html and "no change" in html and "will change" in html
    assert _stock(three[0].id) == 5  # a preview changes nothing
    response = _apply(portal, response)
    assert response.status_code == 302 and response.headers["Location"] == "/portal/products"
    assert [_stock(p.id) for p in three] == [12, 5, 5]
    (change,) = _history(three[0].id)
    assert (change.stock_before, change.stock_after, change.reason.value, change.user_id) == (5, 12, "file_upload", staff.id)


def test_three_columns_without_header_with_semicolons_bom_and_vietnamese_prices(portal, three):
    text = "\ufeffkeo-dua;85.000;7\r\ndau-dua;150000;0\r\n\r\n"  # Excel in Vietnamese: ";" and a BOM
    response = _check_file(portal, text)
    assert "2 products will change." in page_text(response)
    _apply(portal, response)
    db.session.expire_all()
    keo, dau = db.session.get(Product, three[0].id), db.session.get(Product, three[1].id)
    assert (keo.price_vnd, keo.stock, dau.price_vnd, dau.stock) == (85000, 7, 150000, 0)


def test_every_bad_line_is_reported_and_nothing_is_applied(portal, three):
    other = make_product(make_cooperative(), slug="cooperative-b-product", stock=9)
    db.session.commit()
    text = "\n".join([
        "slug,price,stock",
        "keo-dua,90000,30",  # fine on its own
        "no-such-product,1000,1",
        "cooperative-b-product,1000,1",  # another cooperative's: as unknown as a made-up one
        "dau-dua,-5,3",
        "mut-dua,1000,many",
        "keo-dua,1000,2",  # twice
        "dau-dua,1",  # wrong number of values
    ])
    response = _check_file(portal, text)
    html = page_text(response)
    assert "6 lines have errors: nothing will be changed." in html
    assert html.count("none of your products has this code") == 2
    assert "cooperative-b-product" in html and "Kẹo dừa" not in html.split("cooperative-b-product")[1].split("</tr>")[0]
    assert "price “-5” is not a whole number of đồng" in html
    assert "stock “many” is not a whole number" in html
    assert "this product is already on line 2" in html
    assert "expected slug,price,stock, found 2 values" in html
    assert 'id="stock-file-apply"' not in html
    assert _stock(three[0].id) == 5 and _stock(other.id) == 9


def test_apply_rechecks_the_file_so_a_forged_one_changes_nothing(portal, three):
    other = make_product(make_cooperative(), slug="theirs", stock=9)
    db.session.commit()
    forged = stock_files.encode_for_form("keo-dua,1\ntheirs,0\n")
    response = portal.post("/portal/stock/apply", data={"content": forged}, follow_redirects=True)
    assert "The file has errors; nothing was changed." in page_text(response)
    assert _stock(three[0].id) == 5 and _stock(other.id) == 9
    response = portal.post("/portal/stock/apply", data={"content": "%%%"}, follow_redirects=True)
    assert "could not be read back" in page_text(response)


def test_file_level_problems(portal, three):
    assert "The file is empty." in page_text(_check_file(portal, "\n\n"))
    assert "the header must be slug,stock or slug,price,stock" in page_text(_check_file(portal, "slug,qty\nkeo-dua,1"))
    response = portal.post("/portal/stock", data={"file": upload("keo-dua,1".encode("utf-16"), "s.csv")})
    assert "save it as “CSV UTF-8”" in page_text(response)
    response = portal.post("/portal/stock", **multipart({"file": (b"a,1\n" * 200_000, "big.csv")}))
    assert "larger than 512 KB" in page_text(response)
    assert "Choose a CSV file." in page_text(portal.post("/portal/stock", data={}))


def test_a_published_product_cannot_get_price_zero_from_a_file(portal, three):
    html = page_text(_check_file(portal, "keo-dua,0,5"))
    assert "a published product needs a price above 0 ₫" in html


def test_stock_changed_between_check_and_apply_aborts_everything(app, cooperative, three):
    user = make_cooperative_staff(cooperative)
    db.session.commit()
    text = "keo-dua,1\ndau-dua,2\n"
    checked = stock_files.read(cooperative, text)
    assert checked.valid
    # Another request changes one product's stock after this session read it.
    with app.app_context():
        db.session.execute(sa.update(Product).where(Product.slug == "dau-dua").values(stock=4))
        db.session.commit()
    with pytest.raises(stock.StockError):
        stock_files.apply(cooperative, text, user)
    db.session.expire_all()
    assert [_stock(p.id) for p in three[:2]] == [5, 4]
    assert _history(three[0].id) == []


def test_archived_status_of_product_does_not_matter_to_stock(portal, cooperative):
    product = make_product(cooperative, slug="old", stock=1, status=ProductStatus.ARCHIVED)
    db.session.commit()
    _apply(portal, _check_file(portal, "old,3"))
    assert _stock(product.id) == 3


def test_the_current_stock_file_downloads_and_uploads_back_unchanged(portal, three):
    make_product(make_cooperative(), slug="not-mine")
    db.session.commit()
    response = portal.get("/portal/stock/current.csv")
    assert response.mimetype == "text/csv" and "attachment" in response.headers["Content-Disposition"]
    text = response.get_data(as_text=True)
    assert text.startswith("\ufeffslug,price,stock\r\n") and "not-mine" not in text
    assert text.count("\r\n") == 4
    checked = page_text(portal.post("/portal/stock", data={"file": upload(text.encode("utf-8"), "current.csv")}))
    assert "0 products will change." in checked and checked.count("no change") == 3
