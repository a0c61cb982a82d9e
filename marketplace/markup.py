"""User-written Markdown rendered to safe HTML: no script, no event attributes, safe links only."""
from functools import lru_cache

import markdown as md
import nh3
from markupsafe import Markup

ALLOWED_TAGS = {"p", "br", "strong", "em", "b", "i", "ul", "ol", "li", "a", "blockquote", "h3", "h4", "code"}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}


def render_markdown(text):
    return Markup(_safe_html(text or ""))


@lru_cache(maxsize=2048)  # a pure function of the text; a product page renders its description at every visit
def _safe_html(text):
    html = md.markdown(text, extensions=["sane_lists"], output_format="html")
    clean = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="nofollow noopener noreferrer",
    )
    return clean
