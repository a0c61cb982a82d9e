"""axe-core in the browser tests: every page a journey shows is checked against WCAG 2.1 A/AA.

axe-core is pinned in package.json and installed by `make test` (`npm ci`) into node_modules/;
it is never copied into the repository.
"""
from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import pytest

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21aa"]
# What fails a test. Moderate and minor findings are fixed as they are found, not gated.
BLOCKING = {"critical", "serious"}


def axe_source():
    return AXE.read_text(encoding="utf-8")


def violations(page):
    """axe's violations on the page as it is now (CDP evaluation, so the site's CSP still holds)."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        # A bare script (not a function), evaluated as the page's console would.
        page.evaluate(axe_source() + "\n;void 0")
    return page.evaluate(
        """tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})
                   .then(results => results.violations.map(v => ({
                       id: v.id, impact: v.impact, help: v.help,
                       targets: v.nodes.map(n => n.target.join(' ')),
                   })))""",
        TAGS,
    )


def describe(page, found):
    lines = [f"axe-core found {len(found)} blocking violation(s) on {page.url}:"]
    for violation in found:
        lines.append(f"  [{violation['impact']}] {violation['id']}: {violation['help']}")
        lines.extend(f"      {target}" for target in violation["targets"][:10])
    return "\n".join(lines)


def assert_accessible(page):
    """Fail with a readable list (rule, impact, targets) if axe finds a critical or serious violation."""
    found = [v for v in violations(page) if v["impact"] in BLOCKING]
    checked_urls(page).add(page.url)
    if found:
        pytest.fail(describe(page, found), pytrace=False)


def checked_urls(page):
    if not hasattr(page, "_checked_urls"):
        page._checked_urls = set()
    return page._checked_urls


def assert_accessible_in_vi_and_en(page):
    """`assert_accessible` on this page (a GET), then on it again in the other language, and back."""
    here = page.url
    language = page.locator("html").get_attribute("lang")
    assert_accessible(page)
    for other in ("en" if language == "vi" else "vi", language):
        page.goto(with_language(here, other))
        assert_accessible(page)


def with_language(url, language):
    parts = urlsplit(url)
    query = [(key, value) for key, value in parse_qsl(parts.query, keep_blank_values=True) if key != "lang"]
    return urlunsplit(parts._replace(query=urlencode(query + [("lang", language)])))
