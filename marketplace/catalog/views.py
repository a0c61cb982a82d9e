"""Storefront pages of the catalogue."""
from flask import Blueprint, abort, current_app, render_template, request

from marketplace.catalog import services as catalog
from marketplace.core.pagecache import cached_page
from marketplace.i18n import current_language
from marketplace.producers.constants import LEGACY_DISTRICTS
from marketplace.search import service as search

bp = Blueprint("catalog", __name__)


@bp.get("/products")
@cached_page
def product_list():
    # Bad values in the URL are ignored on pages (the API answers 400 for them).
    filters, errors = catalog.parse_filters(request.args)
    page, per_page = catalog.parse_page(request.args, errors, current_app.config["PRODUCTS_PER_PAGE"])
    # With `q` the search service ranks the matches; filters and facet counts apply alike.
    results = search.search_products(filters, page, per_page, locale=current_language()).results
    return render_template(
        "catalog/list.html",
        results=results,
        filters=filters,
        groups=catalog.categories_tree(),
        districts=LEGACY_DISTRICTS,
        sorts=catalog.SORTS,
    )


@bp.get("/products/<slug>")
@cached_page
def product_detail(slug):
    card = catalog.get_product_card(slug)
    if card is None:
        abort(404)
    return render_template("catalog/detail.html", card=card, related=catalog.related_products(card))
