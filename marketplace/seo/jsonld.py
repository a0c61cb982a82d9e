"""schema.org data of the public pages, as search engines read it (JSON-LD).

Pages embed it with Jinja's `tojson`, which escapes <, > and & so that no text (a product
named "</script>…") can leave the script element.
"""
from flask import url_for
from flask_babel import lazy_gettext as _l
from markupsafe import Markup

from marketplace.catalog.models import CERTIFIED_MIN_STARS
from marketplace.media import image_url
from marketplace.seo.links import absolute, language_url

SCHEMA = "https://schema.org"
IN_STOCK = "https://schema.org/InStock"
OUT_OF_STOCK = "https://schema.org/OutOfStock"


def _plain(markdown_html):
    return Markup(markdown_html).striptags()


def _page(endpoint, language, **values):
    return language_url(url_for(endpoint, **values), language)


def _organization(cooperative, language):
    return {"@type": "Organization", "name": cooperative.name,
            "url": _page("producers.cooperative_detail", language, slug=cooperative.slug)}


def certification(certificate):
    """The OCOP certificate as a schema.org Certification; only a badge-granting one (the
    card's displayed certificate of 3★ or more is valid today) is ever passed in."""
    return {
        "@type": "Certification",
        "name": f"OCOP {certificate.stars} sao",
        "certificationIdentification": certificate.certificate_number,
        "certificationStatus": "https://schema.org/CertificationActive",
        "issuedBy": {"@type": "Organization", "name": certificate.issuing_body},
        "validFrom": certificate.issued_on.isoformat(),
        "expires": certificate.expires_on.isoformat(),
        "certificationRating": {"@type": "Rating", "ratingValue": certificate.stars, "bestRating": 5,
                                "worstRating": 1},
    }


def breadcrumbs(items):
    """[(name, absolute url)] → BreadcrumbList."""
    return {"@type": "BreadcrumbList", "itemListElement": [
        {"@type": "ListItem", "position": position, "name": name, "item": url}
        for position, (name, url) in enumerate(items, start=1)
    ]}


def _product_trail(item, url, language):
    category = item.category
    group = category.parent or category
    return [
        (str(_l("Products")), _page("catalog.product_list", language)),
        (group.name(language), _page("catalog.product_list", language, group=group.group_code, rating="all")),
        (category.name(language), _page("catalog.product_list", language, subgroup=category.code, rating="all")),
        (item.name(language), url),
    ]


def product(card, reviews, bookable, language, render_markdown):
    """[Product, BreadcrumbList] of a product page; `reviews` is its ReviewSummary."""
    item = card.product
    url = _page("catalog.product_detail", language, slug=item.slug)
    available = bookable or item.stock > 0
    data = {
        "@context": SCHEMA,
        "@type": "Product",
        "name": item.name(language),
        "description": _plain(render_markdown(item.description(language))),
        "sku": item.slug,
        "url": url,
        "image": [absolute(image_url("products", image.stem, "page")) for image in item.images],
        "category": item.category.name(language),
        "manufacturer": _organization(item.cooperative, language),
        "countryOfOrigin": "VN",
        "offers": {
            "@type": "Offer",
            "url": url,
            "price": item.price_vnd,
            "priceCurrency": "VND",
            "availability": IN_STOCK if available else OUT_OF_STOCK,
            "seller": _organization(item.cooperative, language),
        },
    }
    if card.certificate is not None and card.certificate.stars >= CERTIFIED_MIN_STARS:
        data["hasCertification"] = certification(card.certificate)
    if reviews.count:
        data["aggregateRating"] = {"@type": "AggregateRating", "ratingValue": reviews.average,
                                   "reviewCount": reviews.count, "bestRating": 5, "worstRating": 1}
    trail = {"@context": SCHEMA, **breadcrumbs(_product_trail(item, url, language))}
    return [data, trail]


def cooperative(producer, language, render_markdown):
    """Organization of a producer's page, with its postal address."""
    story = producer.story_en if language == "en" and producer.story_en else producer.story_vi
    data = {
        "@context": SCHEMA,
        "@type": "Organization",
        "name": producer.name,
        "url": _page("producers.cooperative_detail", language, slug=producer.slug),
        "description": _plain(render_markdown(story)),
        "address": {
            "@type": "PostalAddress",
            "streetAddress": producer.street,
            "addressLocality": producer.ward_name,
            "addressRegion": producer.province_name,
            "addressCountry": "VN",
        },
    }
    if producer.founded_year:
        data["foundingDate"] = str(producer.founded_year)
    if producer.phone:
        data["telephone"] = producer.phone
    if producer.email:
        data["email"] = producer.email
    if producer.photo_stem:
        data["image"] = absolute(image_url("cooperatives", producer.photo_stem, "page"))
    return data
