"""How many queries each storefront page costs a shopper whom no page is cached for (a guest
with a cart, a signed-in member), once the shared parts are cached (the second visit of
anyone), and how many the first visit costs. A new query per page is a decision: change the
number here with a reason."""
import pytest

from marketplace.extensions import db
from tests.factories import make_certificate, make_cooperative, make_product, make_user, sign_in_as

# page -> queries of (a guest's first visit, their later visits, a member's visits). The first
# visit fills the shared cache (facet counts, OCOP groups); a member's pages add the user, the
# cart's size and the unread notices (3), the product page whether they may review it, the
# cooperative page whether they belong to a distributor.
QUERIES = {
    # Listings read their page's rows by what the cached cards are keyed on (1 query); only
    # cards not yet shared load their products and photos (+2, on the first visit).
    "/products": (6, 1, 4),  # page rows (+ products, photos, counts, groups on a miss)
    "/products/{slug}": (8, 6, 10),  # product, photos, certificates, category, reviews, related rows ×2
    "/search?q=keo": (7, 2, 5),  # ranked rows, photos (counts come from the search index)
    "/": (6, 2, 5),  # featured rows, producers per district
    "/cooperatives/{coop}": (5, 3, 7),  # cooperative, its photos, product rows
    "/value-chain": (4, 0, 4),  # rendered once per kind of viewer and shared
    "/program": (9, 0, 3),  # the figures (facets, groups, kinds, communes, upgrades, international,
    # expiring, partnerships) then the shared cache
    "/sitemap.xml": (4, 4, 5),  # products, producers, distributors, open requests; none per row
}


@pytest.fixture
def catalogue(app):
    coop = make_cooperative()
    products = [make_product(coop, images=2) for _ in range(12)]
    for n, product in enumerate(products):
        make_certificate(product, stars=3 + n % 3)
    db.session.commit()
    return {"slug": products[0].slug, "coop": coop.slug, "product_id": products[0].id}


def visit_counts(client, count_queries, url):
    counts = []
    for _ in range(2):
        with count_queries() as queries:
            assert client.get(url).status_code == 200
        counts.append(len(queries))
    return tuple(counts)


@pytest.mark.parametrize("page", QUERIES)
def test_queries_per_page(app, catalogue, count_queries, page):
    url = page.format(**catalogue)
    guest = app.test_client()
    with guest.session_transaction() as session:
        session["cart"] = {str(catalogue["product_id"]): [1, 85000]}
    member = app.test_client()
    sign_in_as(member, make_user())
    db.session.commit()
    first, later = visit_counts(guest, count_queries, url)
    _, member_later = visit_counts(member, count_queries, url)
    assert (first, later, member_later) == QUERIES[page]

