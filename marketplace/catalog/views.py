"""The storefront: the home page and the product pages.

Search sits above the catalogue (it filters and loads its results through `catalog.services`),
so this listing does not import search: the app factory hands it search's ranking at start
(`init_app`), and the imports point one way.
"""
from flask import Blueprint, abort, current_app, render_template, request

from marketplace.catalog import services as catalog, wholesale
from marketplace.core.pagecache import cached_page
from marketplace.i18n import current_language
from marketplace.producers import services as producers
from marketplace.producers.constants import LEGACY_DISTRICTS

bp = Blueprint("catalog", __name__)


def init_app(app, search_products, sees_wholesale):
    """`search_products(filters, page, per_page, locale=…)` → the listing's results (a
    ProductPage), ranked by the words in `filters.q` when there are some; `sees_wholesale()`
    → whether the visitor may see wholesale prices (the distributors' rule)."""
    app.extensions["catalog.search_products"] = search_products
    app.extensions["catalog.sees_wholesale"] = sees_wholesale


@bp.get("/")
@cached_page
def home():
    featured = catalog.first_cards(catalog.ProductFilters(stars_min=4, sort="stars"), limit=8)
    return render_template(
        "catalog/home.html",
        featured=featured,
        groups=catalog.category_groups(),
        districts=producers.district_counts(),
        district_names=LEGACY_DISTRICTS,
    )


@bp.get("/products")
@cached_page
def product_list():
    # Bad values in the URL are ignored on pages (the API answers 400 for them).
    filters, errors = catalog.parse_filters(request.args)
    page, per_page = catalog.parse_page(request.args, errors, current_app.config["PRODUCTS_PER_PAGE"])
    # With `q` the search service ranks the matches; filters and facet counts apply alike.
    search_products = current_app.extensions["catalog.search_products"]
    results = search_products(filters, page, per_page, locale=current_language()).results
    return render_template(
        "catalog/list.html",
        results=results,
        filters=filters,
        groups=catalog.category_groups(),
        districts=LEGACY_DISTRICTS,
        sorts=catalog.SORTS,
    )


@bp.get("/products/<slug>")
@cached_page
def product_detail(slug):
    card = catalog.get_product_card(slug)
    if card is None:
        abort(404)
    tiers = []
    if current_app.extensions["catalog.sees_wholesale"]():
        tiers = wholesale.tiers_of([card.product.id]).get(card.product.id, [])
    html = render_template("catalog/detail.html", card=card, related=catalog.related_products(card), tiers=tiers)
    if tiers:  # never kept by the page cache nor any shared cache on the way
        return html, 200, {"Cache-Control": "private, no-store"}
    return html
