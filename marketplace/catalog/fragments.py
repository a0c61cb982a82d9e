"""The parts of storefront pages that every shopper sees alike, rendered once and shared by all
processes (`marketplace.cache`): product cards and the filter panel with its counts. The page
around them (header, cart count, "signed in as") is rendered for each request.

A fragment's key names the catalogue generation it was rendered at (bumped after every commit
that changes what the storefront shows) and the language. A card's key also names what must
never be stale on it — price, in stock or not, the certificate it displays — read from the
database in the same request, so those are current even if a bump were missed.

Templates keep the markup: they hand in the macro to render with, e.g.
`{% for html in cached_cards(results.items, product_card) %}{{ html }}{% endfor %}`.
"""
from markupsafe import Markup

from marketplace import cache, clock
from marketplace.core import pagecache
from marketplace.i18n import current_language


def card_key(card, language, generation, highlight=None):
    product_id, price, in_stock, certificate_id = card.cache_parts
    key = f"card:{generation}:{language}:{product_id}:{price}:{in_stock}:{certificate_id}"
    if highlight:  # search: the name and snippet with the query's words marked
        key += ":" + cache.digest(highlight.name, getattr(highlight, "snippet", ""))
    return key


def cached_cards(cards, render, highlights=None):
    """The HTML of each card, in order: shared ones from the cache, the others rendered with
    `render(card[, highlight])` (the template's macro) and stored. A listed card whose product
    stopped being buyable since the page was listed is left out."""
    if not cards:
        return []
    language, generation = current_language(), pagecache.generation()
    highlights = highlights or {}
    lit = [highlights.get(card.product_id) for card in cards]
    keys = [card_key(card, language, generation, highlight) for card, highlight in zip(cards, lit)]
    found = cache.get_many(keys)
    missing, shown = {}, []
    for key, card, highlight, html in zip(keys, cards, lit, found):
        if html is None:
            if card.card is None:
                continue
            html = str(render(card, highlight) if highlight else render(card))
            missing[key] = html
        shown.append(Markup(html))
    cache.set_many(missing)
    return shown


def cached_filter_form(render, filters, facets, groups, districts, sorts, endpoint):
    """The filter panel (`render(…)`, the filters macro, with the same arguments), shared by every
    shopper who asks for the same filters on the same page. Search pages with words are not
    shared: their counts follow the search index, which is updated on its own clock."""
    args = (filters, facets, groups, districts, sorts, endpoint)
    if filters.q:
        return render(*args)
    key = "filters:" + cache.digest(pagecache.generation(), current_language(), clock.today(), endpoint,
                               sorted(filters.to_args().items()))
    (html,) = cache.get_many([key])
    if html is None:
        html = str(render(*args))
        cache.set_many({key: html})
    return Markup(html)


def init_app(app):
    app.jinja_env.globals.update(cached_cards=cached_cards, cached_filter_form=cached_filter_form)
