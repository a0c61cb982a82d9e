"""Listings: create, edit, publish (with what is missing), unpublish, archive, restore; photos
with ordering, cover, replacement and deletion; Markdown descriptions sanitised on the shop."""
import sqlalchemy as sa

from marketplace.catalog.models import Product, ProductImage, ProductStatus
from marketplace.stock.models import StockChange
from marketplace.catalog.publishing import missing_for_publication
from marketplace.extensions import db
from marketplace.media import SIZES
from tests.factories import category, make_product
from tests.portal.conftest import page_text
from tests.portal.uploads import HTML_PAGE, decompression_bomb_png, image_bytes, multipart, upload

GOOD = {
    "name_vi": "Kẹo dừa lá dứa",
    "name_en": "Pandan coconut candy",
    "category": "1.3",
    "price": "85.000",
    "unit": "hộp 400 g",
    "weight_g": "400",
    "shelf_life_days": "180",
    "stock": "25",
    "description_vi": "Kẹo dừa **thơm**.",
    "description_en": "",
}


def _create(portal, **changes):
    return portal.post("/portal/products/new", data={**GOOD, **changes})


def _product(slug="keo-dua-la-dua"):
    db.session.expire_all()
    return db.session.scalar(sa.select(Product).where(Product.slug == slug))


def test_create_saves_a_draft_with_its_starting_stock_recorded(portal, cooperative, staff):
    response = _create(portal)
    product = _product()
    assert response.status_code == 302 and response.headers["Location"] == f"/portal/products/{product.id}"
    assert (product.cooperative_id, product.status, product.price_vnd, product.stock) == \
        (cooperative.id, ProductStatus.DRAFT, 85000, 25)
    assert (product.weight_g, product.shelf_life_days, product.category.code) == (400, 180, "1.3")
    change = db.session.scalar(sa.select(StockChange).where(StockChange.product_id == product.id))
    assert (change.stock_before, change.stock_after, change.user_id, change.reason.value) == (0, 25, staff.id, "new_listing")


def test_create_normalises_vietnamese_text_to_nfc(portal):
    _create(portal, name_vi="Ke\u0323o du\u031b\u0300a")  # NFD, as macOS and some phones send it
    assert _product("keo-dua").name_vi == "Kẹo dừa"


def test_bad_input_is_shown_next_to_each_field(portal):
    response = _create(portal, name_vi="", price="-5", stock="abc", category="9.9", unit="x" * 61,
                       weight_g="0", shelf_life_days="nine", name_en="n" * 201, description_vi="d" * 5001)
    html = page_text(response)
    assert response.status_code == 200
    for message in [
        "This field is required.",
        "Enter the price in whole đồng, e.g. 85.000.",
        "Enter the stock as a whole number from 0 to 1000000.",
        "id=\"category-error\"",
        "Use at most 60 characters.",
        "Use at most 200 characters.",
        "Use at most 5000 characters.",
        "Enter the weight in whole grams, e.g. 400.",
        "Enter a number of days from 1 to 3650.",
    ]:
        assert message in html, message
    assert 'aria-invalid="true"' in html
    assert db.session.scalar(sa.select(sa.func.count(Product.id))) == 0


def test_the_form_says_what_is_missing_and_publishing_is_refused_until_it_is_there(portal):
    _create(portal, price="", stock="0")
    product = _product()
    page = page_text(portal.get(f"/portal/products/{product.id}"))
    assert "Before it can be published, add:" in page
    assert "a price above 0 ₫" in page and "stock (at least 1)" in page and "at least one photo" in page
    response = portal.post(f"/portal/products/{product.id}/publish", follow_redirects=True)
    assert "Before publishing, add: a price above 0 ₫, stock (at least 1), at least one photo." in page_text(response)
    assert _product().status == ProductStatus.DRAFT


def test_missing_for_publication_rule(app):
    product = Product(name_vi=" ", unit="", price_vnd=0, stock=0)
    assert [m.field for m in missing_for_publication(product)] == ["name_vi", "unit", "price", "category", "stock", "photos"]
    product = Product(name_vi="Kẹo", unit="hộp", price_vnd=1, stock=1, category=category())
    product.images.append(ProductImage(stem="x"))
    assert missing_for_publication(product) == []


def test_publish_unpublish_archive_restore(portal, client):
    _create(portal)
    product = _product()
    portal.post(f"/portal/products/{product.id}/photos", data={"photos": upload(image_bytes(), "a.jpg")})
    response = portal.post(f"/portal/products/{product.id}/publish", follow_redirects=True)
    assert "Published: shoppers can see it now." in page_text(response)
    assert _product().status == ProductStatus.PUBLISHED
    assert client.get("/products/keo-dua-la-dua").status_code == 200

    portal.post(f"/portal/products/{product.id}/unpublish")
    assert _product().status == ProductStatus.DRAFT
    assert client.get("/products/keo-dua-la-dua").status_code == 404

    portal.post(f"/portal/products/{product.id}/archive")
    assert _product().status == ProductStatus.ARCHIVED
    assert "Pandan" not in page_text(portal.get("/portal/products"))
    assert "Kẹo dừa lá dứa" in page_text(portal.get("/portal/products?status=archived"))
    response = portal.post(f"/portal/products/{product.id}/publish", follow_redirects=True)
    assert "This product is archived. Restore it first." in page_text(response)
    portal.post(f"/portal/products/{product.id}/restore")
    assert _product().status == ProductStatus.DRAFT


def test_edit_saves_and_a_published_product_keeps_its_price(portal, cooperative):
    product = make_product(cooperative, slug="banh-trang")
    db.session.commit()
    data = {**GOOD, "name_vi": "Bánh tráng Mỹ Lồng", "price": "42000", "category": "1.3"}
    data.pop("stock")
    assert portal.post(f"/portal/products/{product.id}", data=data).status_code == 302
    edited = _product("banh-trang")
    assert (edited.name_vi, edited.price_vnd, edited.slug) == ("Bánh tráng Mỹ Lồng", 42000, "banh-trang")  # slug kept
    response = portal.post(f"/portal/products/{product.id}", data={**data, "price": ""})
    assert "A published product needs a price above 0 ₫." in page_text(response)
    assert _product("banh-trang").price_vnd == 42000


def test_markdown_description_is_sanitised_on_the_shop_and_the_preview(portal, client, cooperative):
    product = make_product(cooperative, slug="dau-dua")
    db.session.commit()
    evil = ('Dầu **dừa**\n\n<script>alert(1)</script>\n\n<img src=x onerror="alert(2)">\n\n'
            '[click](javascript:alert(3)) [shop](https://example.com "ok")')
    data = {**GOOD, "description_vi": evil}
    data.pop("stock")
    portal.post(f"/portal/products/{product.id}", data=data)
    shop = page_text(client.get("/products/dau-dua"))
    preview = page_text(portal.get(f"/portal/products/{product.id}")).split('class="prose description-preview"')[1]
    for html in (shop.split('class="prose"')[1], preview):
        html = html.split("</div>")[0]
        assert "<strong>dừa</strong>" in html
        assert "<script>alert(1)" not in html and "onerror" not in html and "javascript:" not in html
        assert 'href="https://example.com"' in html


def _photo_stems(product_slug="keo-dua-la-dua"):
    return [image.stem for image in _product(product_slug).images]


def test_photos_upload_order_cover_replace_and_delete(portal, uploads_dir):
    _create(portal)
    product = _product()
    response = portal.post(
        f"/portal/products/{product.id}/photos",
        data={"photos": [upload(image_bytes(color=(255, 0, 0)), "red.jpg"), upload(image_bytes("PNG"), "b.png"),
                         upload(image_bytes("WEBP"), "c.webp")]},
    )
    assert response.status_code == 302 and response.headers["Location"].endswith("#photos")
    first, second, third = stems = _photo_stems()
    for stem in stems:
        for size in SIZES:
            assert (uploads_dir / "products" / f"{stem}-{size}.webp").is_file()
    ids = [image.id for image in _product().images]

    portal.post(f"/portal/products/{product.id}/photos/{ids[2]}/move", data={"where": "first"})
    assert _photo_stems() == [third, first, second]
    portal.post(f"/portal/products/{product.id}/photos/{ids[0]}/move", data={"where": "down"})
    assert _photo_stems() == [third, second, first]
    portal.post(f"/portal/products/{product.id}/photos/{ids[0]}/move", data={"where": "up"})
    assert _photo_stems() == [third, first, second]
    assert [image.position for image in _product().images] == [0, 1, 2]

    portal.post(f"/portal/products/{product.id}/photos/{ids[0]}/replace", data={"photo": upload(image_bytes(), "new.jpg")})
    replaced = _photo_stems()
    assert replaced[0] == third and replaced[1] not in stems and replaced[2] == second
    assert not (uploads_dir / "products" / f"{first}-card.webp").exists()

    portal.post(f"/portal/products/{product.id}/photos/{ids[1]}/delete")
    assert _photo_stems() == [third, replaced[1]]
    assert not any((uploads_dir / "products" / f"{second}-{size}.webp").exists() for size in SIZES)


def test_bad_uploads_are_refused_with_a_clear_message_and_nothing_is_stored(portal, uploads_dir):
    _create(portal)
    product = _product()
    before = set((uploads_dir / "products").glob("*")) if (uploads_dir / "products").exists() else set()
    cases = {
        "page.jpg": (HTML_PAGE, "is not a JPEG, PNG or WebP photo"),
        "bomb.png": (decompression_bomb_png(), "larger than 25 megapixels"),
        "polyglot.jpg": (image_bytes() + HTML_PAGE, "contains more than a photo"),
        "huge.jpg": (b"\xff\xd8" + b"\x00" * (8 * 1024 * 1024 + 10), "larger than 8 MB"),
    }
    for name, (data, message) in cases.items():
        response = portal.post(f"/portal/products/{product.id}/photos",
                               **multipart({"photos": [(image_bytes(), "good.jpg"), (data, name)]}),
                               follow_redirects=True)
        assert f"{name}: " in page_text(response) and message in page_text(response), name
    assert _photo_stems() == []
    after = set((uploads_dir / "products").glob("*")) if (uploads_dir / "products").exists() else set()
    assert after == before


def test_at_most_eight_photos(portal):
    _create(portal)
    product = _product()
    portal.post(f"/portal/products/{product.id}/photos", data={"photos": [upload(image_bytes(), f"{n}.jpg") for n in range(6)]})
    response = portal.post(f"/portal/products/{product.id}/photos",
                           data={"photos": [upload(image_bytes(), f"{n}.jpg") for n in range(3)]}, follow_redirects=True)
    assert "At most 8 photos: you can add 2 more." in page_text(response)
    assert len(_photo_stems()) == 6
    portal.post(f"/portal/products/{product.id}/photos", data={"photos": [upload(image_bytes(), f"{n}.jpg") for n in range(2)]})
    assert len(_photo_stems()) == 8
    assert 'id="photo-upload"' not in page_text(portal.get(f"/portal/products/{product.id}"))


def test_a_published_product_keeps_its_last_photo(portal, cooperative):
    product = make_product(cooperative, slug="mut-dua", images=0)
    db.session.commit()
    portal.post(f"/portal/products/{product.id}/photos", data={"photos": upload(image_bytes(), "a.jpg")})
    photo_id = _product("mut-dua").images[0].id
    response = portal.post(f"/portal/products/{product.id}/photos/{photo_id}/delete", follow_redirects=True)
    assert "A published product needs a photo" in page_text(response)
    assert len(_photo_stems("mut-dua")) == 1


def test_portal_product_list_uses_a_fixed_number_of_queries(portal, cooperative, count_queries):
    for _ in range(3):
        make_product(cooperative)
    db.session.commit()
    portal.get("/portal/products")  # warm up (session user, categories)
    with count_queries() as few:
        assert portal.get("/portal/products").status_code == 200
    for _ in range(6):
        make_product(cooperative)
    db.session.commit()
    with count_queries() as many:
        html = page_text(portal.get("/portal/products"))
    assert len(many) == len(few)
    assert html.count('class="thumb"') == 9
