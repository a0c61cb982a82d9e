"""Static files served like a real shop: hashed names with a year's cache, minified CSS,
brotli and gzip for pages, styles, scripts and JSON; streamed files left alone."""
import gzip
import re
from pathlib import Path

import brotli
import rcssmin

from marketplace.config import PROJECT_ROOT
from marketplace.core import assets, pagecache
from marketplace.extensions import db
from tests.factories import make_certificate, make_cooperative, make_cooperative_staff, make_product, sign_in_as

YEAR = 365 * 24 * 3600
STATIC = PROJECT_ROOT / "static"
TEMPLATES = PROJECT_ROOT / "templates"
HASHED_URL = re.compile(r"^/static/(?P<stem>.+)\.[0-9a-f]{%d}(?P<suffix>\.\w+)$" % assets.HASH_LENGTH)
DECODE = {"br": brotli.decompress, "gzip": gzip.decompress}


def static_urls(html):
    return re.findall(r'(?:href|src)="(/static/[^"]+)"', html)


def css_url(client):
    return next(url for url in static_urls(client.get("/").get_data(as_text=True)) if url.endswith(".css"))


def catalogue(count=1):
    cooperative = make_cooperative()
    products = [make_product(cooperative, slug=f"keo-dua-{n}", name_vi=f"Kẹo dừa {n}") for n in range(count)]
    for product in products:
        make_certificate(product, stars=4)
    db.session.commit()
    return products


# Hashed names and their cache

def test_every_static_file_in_a_page_has_a_hashed_name_and_a_years_immutable_cache(client):
    urls = static_urls(client.get("/").get_data(as_text=True))
    assert {HASHED_URL.match(url)["stem"] + HASHED_URL.match(url)["suffix"] for url in urls} >= {
        "css/site.css", "js/site.js", "js/search.js", "img/logo.svg", "img/favicon.svg"}
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert response.cache_control.public and response.cache_control.max_age == YEAR
        assert response.cache_control.immutable
        assert response.get_etag()[0]


def test_the_hash_follows_the_content(tmp_path):
    (tmp_path / "css").mkdir()
    style = tmp_path / "css" / "site.css"
    style.write_text(".a { color: red; }")
    before = assets.Manifest(tmp_path).url_path("css/site.css")
    assert before.startswith("css/site.") and before.endswith(".css")
    assert assets.Manifest(tmp_path).url_path("css/site.css") == before
    style.write_text(".a { color: blue; }")
    assert assets.Manifest(tmp_path).url_path("css/site.css") != before


def test_unhashed_and_outdated_names_get_todays_file_with_a_short_cache(client):
    hashed = client.get(css_url(client))
    for url in ("/static/css/site.css", "/static/css/site.0123456789ab.css"):
        response = client.get(url)
        assert response.status_code == 200 and response.data == hashed.data
        assert response.cache_control.max_age == assets.PLAIN_MAX_AGE and not response.cache_control.immutable
    assert client.get("/static/css/missing.css").status_code == 404
    assert client.get("/static/../marketplace/config.py").status_code == 404


def test_a_known_etag_answers_304(client):
    url = css_url(client)
    for encoding in ("br", "gzip", ""):
        first = client.get(url, headers={"Accept-Encoding": encoding})
        again = client.get(url, headers={"Accept-Encoding": encoding, "If-None-Match": first.headers["ETag"]})
        assert again.status_code == 304 and again.data == b""
    assert len({client.get(url, headers={"Accept-Encoding": e}).headers["ETag"] for e in ("br", "gzip", "")}) == 3


def test_templates_name_static_files_only_through_url_for():
    for template in TEMPLATES.rglob("*.html"):
        text = template.read_text()
        assert not re.search(r"""["'(]/static/""", text), f"{template}: a hard-coded /static/ path keeps no hash"


# Minified CSS

def _class_selectors(css):
    while True:
        inner = re.sub(r"\{[^{}]*\}", " ", css)  # declarations, innermost first (then @media)
        if inner == css:
            return set(re.findall(r"\.(-?[_a-zA-Z][\w-]*)", css))
        css = inner


def test_the_css_is_served_minified_and_keeps_every_class(client, app):
    catalogue()
    source = (STATIC / "css" / "site.css").read_text()
    served = client.get(css_url(client)).get_data(as_text=True)
    assert served == rcssmin.cssmin(source)
    assert len(served) < len(source) and "/*" not in served and "\n  " not in served
    assert _class_selectors(served) == _class_selectors(source)
    used = set()
    for page in ("/", "/products", "/products/keo-dua-0", "/cart"):
        for attribute in re.findall(r'class="([^"]*)"', client.get(page).get_data(as_text=True)):
            used.update(attribute.split())
    styled = used & _class_selectors(source)
    assert len(styled) > 20 and styled <= _class_selectors(served)


# Compression

def test_static_files_come_in_brotli_and_gzip(client):
    url = css_url(client)
    plain = client.get(url, headers={"Accept-Encoding": "identity"})
    assert "Content-Encoding" not in plain.headers and "Accept-Encoding" in plain.headers["Vary"]
    for encoding in ("br", "gzip"):
        response = client.get(url, headers={"Accept-Encoding": f"{encoding}, deflate"})
        assert response.headers["Content-Encoding"] == encoding
        assert len(response.data) < len(plain.data) / 3
        assert DECODE[encoding](response.data) == plain.data
    # The browser's order of preference decides; brotli when both are welcome.
    assert client.get(url, headers={"Accept-Encoding": "gzip, deflate, br"}).headers["Content-Encoding"] == "br"
    assert client.get(url, headers={"Accept-Encoding": "br;q=0.5, gzip"}).headers["Content-Encoding"] == "gzip"


def test_tiny_files_and_responses_are_not_compressed(client):
    favicon = next(url for url in static_urls(client.get("/").get_data(as_text=True)) if "favicon" in url)
    assert len(client.get(favicon).data) < assets.MIN_COMPRESS_SIZE
    assert "Content-Encoding" not in client.get(favicon, headers={"Accept-Encoding": "br"}).headers
    assert "Content-Encoding" not in client.get("/healthz", headers={"Accept-Encoding": "br, gzip"}).headers


def test_pages_and_json_are_compressed(client):
    catalogue(3)
    for url in ("/products", "/products/keo-dua-1", "/api/v1/products"):
        plain = client.get(url)
        for encoding in ("br", "gzip"):
            response = client.get(url, headers={"Accept-Encoding": encoding})
            assert response.status_code == 200 and response.headers["Content-Encoding"] == encoding, url
            assert "Accept-Encoding" in response.headers["Vary"]
            assert DECODE[encoding](response.data) == plain.data


def test_the_page_cache_serves_each_browser_its_own_encoding(app, client):
    catalogue()
    app.config["CATALOGUE_CACHE_SECONDS"] = 60
    try:
        plain = client.get("/products").data
        for encoding in ("br", "gzip", "br", ""):
            response = client.get("/products", headers={"Accept-Encoding": encoding})
            body = DECODE[encoding](response.data) if encoding else response.data
            assert response.headers.get("Content-Encoding", "") == encoding and body == plain
    finally:
        app.config["CATALOGUE_CACHE_SECONDS"] = 0
        pagecache.invalidate()


def test_streamed_files_pass_untouched_with_ranges_and_etags(client, app):
    folder = Path(app.config["UPLOAD_DIR"]) / "products"
    folder.mkdir(parents=True, exist_ok=True)
    drawing = b'<svg xmlns="http://www.w3.org/2000/svg">' + b"<rect/>" * 400 + b"</svg>"
    (folder / "drawing-page.svg").write_bytes(drawing)
    headers = {"Accept-Encoding": "br, gzip"}
    whole = client.get("/media/products/drawing-page.svg", headers=headers)
    assert "Content-Encoding" not in whole.headers and whole.data == drawing
    part = client.get("/media/products/drawing-page.svg", headers={**headers, "Range": "bytes=0-9"})
    assert part.status_code == 206 and part.data == drawing[:10] and "Content-Encoding" not in part.headers
    unchanged = client.get("/media/products/drawing-page.svg", headers={**headers, "If-None-Match": whole.headers["ETag"]})
    assert unchanged.status_code == 304
    for response in (whole, part, unchanged):
        response.close()


def test_csv_downloads_arrive_intact(client, app):
    cooperative = make_cooperative()
    for n in range(30):
        make_product(cooperative, slug=f"san-pham-{n}", stock=n)
    staff = make_cooperative_staff(cooperative)
    db.session.commit()
    sign_in_as(client, staff)
    plain = client.get("/portal/stock/current.csv")
    for encoding in ("br", "gzip"):
        response = client.get("/portal/stock/current.csv", headers={"Accept-Encoding": encoding})
        assert response.mimetype == "text/csv" and "attachment" in response.headers["Content-Disposition"]
        body = DECODE[encoding](response.data) if "Content-Encoding" in response.headers else response.data
        assert body == plain.data and "san-pham-29" in body.decode("utf-8-sig")


def test_in_debug_mode_an_edited_file_gets_its_new_url_at_once(app, tmp_path):
    (tmp_path / "site.css").write_text(".a { color: red; }")
    saved = app.static_folder, app.debug, app.extensions["assets"]
    app.static_folder, app.debug = str(tmp_path), True
    try:
        with app.test_request_context():
            from flask import url_for

            before = url_for("static", filename="site.css")
            (tmp_path / "site.css").write_text(".a { color: blue; }")
            after = url_for("static", filename="site.css")
        assert before != after and HASHED_URL.match(after)
        assert app.test_client().get(after).data == b".a{color:blue}"
    finally:
        app.static_folder, app.debug, app.extensions["assets"] = saved
