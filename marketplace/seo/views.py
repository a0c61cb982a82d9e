"""/sitemap.xml, /robots.txt, and what every page's head and structured data need."""
from flask import Blueprint, Response, current_app, render_template, url_for

from marketplace.i18n import current_language
from marketplace.markup import render_markdown
from marketplace.seo import jsonld, links, sitemap

bp = Blueprint("seo", __name__)

# Pages of one person (or of staff) that search engines have no use for.
PRIVATE_PREFIXES = ("/account", "/admin", "/cart", "/checkout", "/council", "/notices", "/orders", "/portal",
                    "/certificates", "/invitations", "/sign-in", "/sign-up", "/password", "/webhooks",
                    "/sourcing/mine", "/value-chain/supply", "/value-chain/company", "/value-chain/partnerships")


@bp.get("/sitemap.xml")
def sitemap_xml():
    xml = render_template("seo/sitemap.xml", entries=sitemap.entries(),
                          languages=current_app.config["LANGUAGES"],
                          default=current_app.config["BABEL_DEFAULT_LOCALE"], language_url=links.language_url)
    return Response(xml, mimetype="application/xml")


@bp.get("/robots.txt")
def robots_txt():
    lines = ["User-agent: *", *[f"Disallow: {prefix}" for prefix in PRIVATE_PREFIXES], "Allow: /",
             f"Sitemap: {links.absolute(url_for('seo.sitemap_xml'))}", ""]
    return Response("\n".join(lines), mimetype="text/plain")


@bp.record_once
def _globals(state):
    def product_jsonld(card, reviews, bookable):
        return jsonld.product(card, reviews, bookable, current_language(), render_markdown)

    def cooperative_jsonld(producer):
        return jsonld.cooperative(producer, current_language(), render_markdown)

    state.app.jinja_env.globals.update(
        canonical_url=lambda: links.canonical_url(current_language()),
        alternate_urls=links.alternate_urls,
        absolute_url=links.absolute,
        product_jsonld=product_jsonld,
        cooperative_jsonld=cooperative_jsonld,
    )
