"""The address of each language version of a page, for canonical and hreflang links.

A page's language is in its URL: Vietnamese (the default) without a parameter, English with
`?lang=en` (`i18n.select_locale` honours it on every page). A crawler keeps no session, so the
bare address always answers in Vietnamese, and the canonical link of a page names the version
it shows, whatever language the visitor's session remembers.
"""
from urllib.parse import urlencode

from flask import current_app, request

# Query arguments that change what a public page is (others, such as filters, are variations).
KEPT_ARGUMENTS = ("page",)


def absolute(path):
    """SITE_URL + path: links that other sites keep never come from the request's Host."""
    return current_app.config["SITE_URL"] + path


def language_url(path, language, args=()):
    """The absolute address of `path` (which may carry a query) in `language`; `args`: other
    query pairs to keep."""
    pairs = [(name, value) for name, value in args if name != "lang"]
    if language != current_app.config["BABEL_DEFAULT_LOCALE"]:
        pairs.append(("lang", language))
    if not pairs:
        return absolute(path)
    return absolute(path) + ("&" if "?" in path else "?") + urlencode(pairs)


def _kept_args():
    return [(name, request.args[name]) for name in KEPT_ARGUMENTS if request.args.get(name)]


def canonical_url(language):
    return language_url(request.path, language, _kept_args())


def alternate_urls():
    """[(hreflang, address)] of every language version of this page, and x-default."""
    args = _kept_args()
    versions = [(language, language_url(request.path, language, args)) for language in current_app.config["LANGUAGES"]]
    return versions + [("x-default", language_url(request.path, current_app.config["BABEL_DEFAULT_LOCALE"], args))]
