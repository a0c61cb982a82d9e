"""/search, /search/suggest, the header box, /products facets and /api/v1/products?q=: pages
render, bad input never fails nor slows, query counts stay constant."""
import re
import time

import pytest

from marketplace.catalog.services import ProductFilters
from marketplace.extensions import db
from marketplace.search import service
from marketplace.search.backends import SearchUnavailable
from tests.factories import make_certificate, make_cooperative, make_product


def text(response, status=200):
    assert response.status_code == status, response.status_code
    return response.get_data(as_text=True)


def test_search_page_shows_ranked_highlighted_results_with_facets(client, catalogue):
    html = text(client.get("/search?q=kẹo dừa&lang=en"))
    assert html.index("<mark>Kẹo</mark> <mark>dừa</mark> sầu riêng") < html.index("<mark>Kẹo</mark> <mark>dừa</mark> lá <mark>dứa</mark>")
    assert "3 products" in html  # and the rice paper, made by a kẹo dừa cooperative
    assert 'OCOP-certified only (3★+) <span class="facet-count">(3)</span>' in html
    assert 'value="relevance" selected' in html
    assert "Producers" in html and 'href="/cooperatives/thanh-long"' in html


def test_search_page_filters_and_pages_keep_q(client, catalogue):
    html = text(client.get("/search?q=dua&rating=all&per_page=1&lang=en"))
    assert "Page 1 of 4" in html
    assert "q=dua" in html.split('rel="next"')[1].split(">")[0]
    html = text(client.get("/search?q=dua&rating=all&district=cho-lach&lang=en"))
    assert "<mark>Dưa</mark> hấu Long An" in html and "Kẹo dừa sầu riêng" not in html  # the name, highlighted


def test_did_you_mean_links_to_the_corrected_search(client, catalogue):
    html = text(client.get("/search?q=bahn+trang&lang=en"))
    assert "Did you mean:" in html
    assert "/search?q=b%C3%A1nh+tr%C3%A1ng" in html
    assert "No products match “bahn trang”." in html


def test_empty_search_is_the_catalogue(client, catalogue):
    html = text(client.get("/search?q=&lang=en"))
    assert "Kẹo dừa sầu riêng" in html and 'value="relevance"' not in html


def test_an_unreadable_index_gives_an_empty_page_not_an_error(client, catalogue, monkeypatch):
    def broken(*args):
        raise SearchUnavailable("rebuilding elsewhere")

    monkeypatch.setattr(service.backend(), "search", broken)
    assert "0 products" in text(client.get("/search?q=dừa&lang=en"))


def test_suggest_returns_up_to_eight_names_best_first(client, catalogue):
    data = client.get("/search/suggest?q=keo du").get_json()
    assert [item["name"] for item in data["items"]] == ["Kẹo dừa sầu riêng", "Kẹo dừa lá dứa"]
    assert data["items"][0]["url"].startswith("/products/")
    coop = make_cooperative()
    for n in range(12):
        make_certificate(make_product(coop, name_vi=f"Kẹo chuối {n}"), stars=4)
    db.session.commit()
    assert len(client.get("/search/suggest?q=kẹo").get_json()["items"]) == 8
    assert client.get("/search/suggest?q=").get_json()["items"] == []


def test_suggest_answers_well_under_50_ms(client, catalogue):
    client.get("/search/suggest?q=keo")  # the first call opens the index
    timings = []
    for q in ("ke", "keo", "keo d", "keo du", "kẹo dừa", "duong", "banh tr", "tra", "mut", "nuoc"):
        runs = []
        for _ in range(3):  # the best of three: the machine is shared
            start = time.perf_counter()
            client.get(f"/search/suggest?q={q}")
            runs.append(time.perf_counter() - start)
        timings.append(min(runs))
    assert sorted(timings)[len(timings) // 2] < 0.05


BAD_QUERIES = ["", "   ", "a" * 2000, "kẹo " * 500, 'AND OR (" * ?', "'; DROP TABLE products; --", "🥥🥥🥥",
               "\x01\x02\x1f", "%", "\\", "keo\u200bdua", "<script>alert(1)</script>"]


@pytest.mark.parametrize("q", BAD_QUERIES)
@pytest.mark.parametrize("path", ["/search", "/products", "/search/suggest", "/api/v1/products"])
def test_bad_queries_answer_normally(client, catalogue, path, q):
    response = client.get(path, query_string={"q": q})
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.get_data(as_text=True)


def test_bad_queries_are_not_slower_than_normal_ones(client, catalogue):
    def slowest(queries, runs=5):
        client.get("/search", query_string={"q": "keo"})
        return max(min(_timed(client, q) for _ in range(runs)) for q in queries)

    normal = slowest(["kẹo dừa", "dua", "thảo dược", "banh tr"])
    bad = slowest(BAD_QUERIES)
    assert bad < normal * 2 + 0.05, (bad, normal)


def _timed(client, q):
    start = time.perf_counter()
    client.get("/search", query_string={"q": q})
    return time.perf_counter() - start


def test_search_page_runs_a_constant_number_of_queries(client, backend, count_queries):
    coop = make_cooperative()
    for n in range(30):
        make_certificate(make_product(coop, name_vi=f"Kẹo dừa {n}", images=2), stars=3 + n % 3)
    db.session.commit()
    client.get("/search?q=keo")  # build the index
    counts = []
    for per_page in (1, 10, 30):
        with count_queries() as queries:
            text(client.get(f"/search?q=keo dua&per_page={per_page}"))
        counts.append(len(queries))
    assert counts[0] == counts[1] == counts[2], counts
    if backend == "whoosh":
        assert counts[0] <= 6, counts  # cards, photos, categories (2), cooperatives; the index holds the rest


def test_products_page_shows_facet_counts_and_searches_with_q(client, catalogue):
    html = text(client.get("/products?rating=all&lang=en"))
    assert "Mỏ Cày Nam (3)" in html and "Chợ Lách (7)" in html
    assert 'In stock <span class="facet-count">(10)</span>' in html
    html = text(client.get("/products?q=dừa&lang=en"))
    assert html.index("Kẹo dừa sầu riêng") < html.index("Kẹo dừa lá dứa")


def test_api_search_uses_the_same_service(client, catalogue):
    data = client.get("/api/v1/products?q=dừa").get_json()
    expected = service.search_products(ProductFilters(q="dừa", rating="all", sort="relevance")).results
    assert [item["slug"] for item in data["items"]] == [card.product.slug for card in expected.items]
    assert data["total"] == expected.total == 4
    assert data["items"][0]["name"] == "Kẹo dừa sầu riêng"
    data = client.get("/api/v1/products?q=dua&sort=price_asc").get_json()
    assert data["items"][0]["name"] == "Dưa hấu Long An"
    assert client.get("/api/v1/products?q=dua&sort=nonsense").status_code == 400


def test_header_box_searches_and_suggests(client, catalogue):
    html = text(client.get("/"))
    assert 'action="/search"' in html
    assert 'data-suggest-url="/search/suggest"' in html
    assert re.search(r'<script src="/static/js/search\.[0-9a-f]{12}\.js" defer></script>', html)  # content-hashed name
