"""Storefront pages of the catalogue."""
from flask import Blueprint, abort, current_app, render_template, request

from marketplace.catalog import services as catalog
from marketplace.core.pagecache import cached_page
from marketplace.producers.constants import LEGACY_DISTRICTS

bp = Blueprint("catalog", __name__)


@bp.get("/products")
@cached_page
def product_list():
    # Bad values in the URL are ignored on pages (the API answers 400 for them).
    filters, errors = catalog.parse_filters(request.args)
    page, per_page = catalog.parse_page(request.args, errors, current_app.config["PRODUCTS_PER_PAGE"])
    results = catalog.list_products(filters, page=page, per_page=per_page)
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
