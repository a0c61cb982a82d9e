"""Home, health check, error pages, language switch, headers, media."""
from pathlib import Path

import sqlalchemy as sa

from marketplace.extensions import db
from tests.factories import make_certificate, make_cooperative, make_product


def test_home_shows_featured_groups_and_districts(client, app):
    make_certificate(make_product(make_cooperative(), name_vi="Kẹo dừa năm sao"), stars=5)
    make_certificate(make_product(make_cooperative(), name_vi="Kẹo ba sao"), stars=3)
    db.session.commit()
    html = client.get("/").get_data(as_text=True)
    assert "Kẹo dừa năm sao" in html and "Kẹo ba sao" not in html
    assert html.count('class="tile group-') == 6
    for district in ("Mỏ Cày Nam", "Thạnh Phú", "Chợ Lách", "Ba Tri"):
        assert district in html


def test_healthz_reports_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok", "database": "ok"}


def test_styled_404(client):
    response = client.get("/no/such/page")
    assert response.status_code == 404
    assert 'class="error-page"' in response.get_data(as_text=True)


def test_styled_500(app):
    from tests.conftest import make_test_app

    broken = make_test_app(TESTING=False, PROPAGATE_EXCEPTIONS=False)

    @broken.get("/_boom")
    def boom():
        raise RuntimeError("boom")

    response = broken.test_client().get("/_boom")
    assert response.status_code == 500
    assert 'class="error-page"' in response.get_data(as_text=True)


def test_language_switch_is_remembered_and_reflected(client):
    assert '<html lang="vi">' in client.get("/").get_data(as_text=True)
    assert '<html lang="en">' in client.get("/?lang=en").get_data(as_text=True)
    assert '<html lang="en">' in client.get("/products").get_data(as_text=True)
    assert '<html lang="vi">' in client.get("/?lang=vi").get_data(as_text=True)
    assert '<html lang="vi">' in client.get("/?lang=xx").get_data(as_text=True)


def test_security_headers(client):
    response = client.get("/")
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Referrer-Policy"]


def test_media_served_with_long_cache(client, app):
    folder = Path(app.config["UPLOAD_DIR"]) / "products"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "abc-card.webp").write_bytes(b"RIFF0000WEBP")
    response = client.get("/media/products/abc-card.webp")
    assert response.status_code == 200
    assert response.cache_control.max_age == 365 * 24 * 3600
    response.close()
    assert client.get("/media/../secret_key").status_code == 404


def test_markdown_is_sanitised(app):
    from marketplace.markup import render_markdown

    html = str(render_markdown('**ok** <script>alert(1)</script> <a href="javascript:alert(1)" onclick="x()">x</a> [y](https://example.vn)'))
    assert "<strong>ok</strong>" in html
    assert "<script" not in html and "javascript:" not in html and "onclick" not in html
    assert 'href="https://example.vn"' in html


def test_anonymous_catalogue_pages_are_cached_until_a_catalogue_commit(app, client):
    from marketplace.core import pagecache

    app.config["CATALOGUE_CACHE_SECONDS"] = 60
    try:
        coop = make_cooperative()
        product = make_product(coop, name_vi="Kẹo dừa cũ")
        make_certificate(product, stars=4)
        db.session.commit()
        assert "Kẹo dừa cũ" in client.get("/products").get_data(as_text=True)
        # A change made behind the ORM's back is not seen while cached...
        db.session.execute(sa.text("UPDATE products SET name_vi = 'Kẹo dừa lén' WHERE id = :id"), {"id": product.id})
        db.session.commit()
        assert "Kẹo dừa cũ" in client.get("/products").get_data(as_text=True)
        # ...an ORM commit touching the catalogue clears it at once.
        db.session.refresh(product)
        product.name_vi = "Kẹo dừa mới"
        db.session.commit()
        assert "Kẹo dừa mới" in client.get("/products").get_data(as_text=True)
        # Another language is another page.
        assert '<html lang="en">' in client.get("/products?lang=en").get_data(as_text=True)
    finally:
        app.config["CATALOGUE_CACHE_SECONDS"] = 0
        pagecache.invalidate()


def test_guests_with_their_own_session_state_are_not_served_the_cache(app, client):
    from marketplace.core import pagecache

    app.config["CATALOGUE_CACHE_SECONDS"] = 60
    try:
        client.get("/products")
        with client.session_transaction() as session:
            session["cart"] = {"1": 1}
        key_count = len(pagecache.pages())
        client.get("/products?page=1")
        assert len(pagecache.pages()) == key_count
    finally:
        app.config["CATALOGUE_CACHE_SECONDS"] = 0
        pagecache.invalidate()


def test_behind_a_trusted_proxy_the_visitors_address_is_seen():
    from flask import request

    from tests.conftest import make_test_app

    for proxies, expected in ((0, "10.0.0.1"), (1, "203.0.113.7")):
        proxied = make_test_app(TRUSTED_PROXIES=proxies)

        @proxied.get("/_whoami")
        def whoami():
            return request.remote_addr

        response = proxied.test_client().get(
            "/_whoami", headers={"X-Forwarded-For": "203.0.113.7"}, environ_base={"REMOTE_ADDR": "10.0.0.1"}
        )
        assert response.get_data(as_text=True) == expected
