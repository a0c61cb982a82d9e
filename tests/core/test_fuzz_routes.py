"""The fuzzer: every route of `app.url_map`, as a guest and as each role of the authorization
matrix, with hostile path values, query strings and form fields. No answer may be a 5xx.

Routes are read from the app, so a new route is fuzzed without editing this file. Path
values come from HOSTILE (and, for posting, also the real objects of the matrix's `world`,
so that junk reaches the form handling behind the 404s). Form fields come from hypothesis:
junk names and values mixed with the names real forms use, derandomized so that a failure
is reproducible, and few examples so that the whole file stays under a minute per database.

The test app answers with the exception itself instead of a 500 page (TESTING), so a
failure shows the traceback's last line for each route that broke.
"""
import re
from urllib.parse import quote

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from marketplace.accounts.models import User
from marketplace.extensions import db
from tests.accounts.test_authorization_matrix import ANONYMOUS, MATRIX, ROLES, world  # noqa: F401  (fixture)

NUL, RTL, COMBINING = "\x00", "\u202e\u200f", "a\u0301\u0302\u0303\u0308" * 20
# Path values and query values, already percent-encoded where a raw character would not do.
HOSTILE = [
    "0", "-1", str(2**31), str(2**63), str(10**30),
    "%00", "x" * 10_000, quote(COMBINING), quote(RTL + "abc"),
    "%ZZ%", "%E0%A4%A", "%C0%AF..%2F..%2Fetc", quote("'\"><script>", safe=""),
]
# Query parameters the site reads somewhere, and a junk one.
PARAMS = ["page", "q", "status", "product", "cooperative", "sort", "category", "stars", "province",
          "start", "end", "number", "session_id", "next", "lang", "email", "kind", "%00junk"]
# Field names real forms use, so that junk values reach their validators and services.
FIELDS = ["csrf_token", "email", "password", "current_password", "new_password", "confirm", "name",
          "display_name", "phone", "street", "province_code", "ward_code", "quantity", "product_id",
          "price_vnd", "stock", "content", "reason", "decision", "role", "status", "amount_vnd",
          "shipping_fee_vnd", "free_shipping_from_vnd", "scope", "note", "rating", "language", "kind",
          "name_vi", "name_en", "description_vi", "stars", "issued_on", "expires_on", "deadline",
          "quantity_min", "quantity_max", "message", "payment", "lines-0-product_id", "lines-0-quantity",
          "refresh_wards", "remember", "next", "start", "end", "reference", "delta", "restock"]
# What a form field may hold: hostile strings, numbers at the edges, any text.
VALUES = st.one_of(
    st.sampled_from(["", "0", "-1", str(2**31), str(2**63), str(10**30), "1e309", "nan", "²", "٣",
                     "x" * 10_000, COMBINING, RTL + "abc", "%ZZ", "'\"><script>", "2026-02-30", "on", "y"]),
    st.text(max_size=40),
)
JUNK_FORM = st.dictionaries(st.one_of(st.sampled_from(FIELDS), st.text(min_size=1, max_size=12)),
                            st.one_of(VALUES, st.lists(VALUES, min_size=2, max_size=3)),
                            max_size=8)
ARGUMENT = re.compile(r"<(?:[^:<>]+:)?([^<>]+)>")


def _rules(app, method):
    return sorted((rule for rule in app.url_map.iter_rules() if method in rule.methods), key=lambda r: r.rule)


def _with_value(rule, value):
    return ARGUMENT.sub(value, rule.rule)


def _query(n):
    """A hostile query string: each parameter its own hostile value, one key repeated."""
    values = [HOSTILE[(n + i) % len(HOSTILE)] for i in range(len(PARAMS))]
    pairs = [f"{name}={value[:200]}" for name, value in zip(PARAMS, values)]
    return "&".join(pairs + [f"page={HOSTILE[n % len(HOSTILE)]}", "page=1", "q=a&q=b"])


def _real_paths(values, endpoint, method):
    """The matrix's own paths for this endpoint (real objects), if it has a row."""
    return [case.path.format(**values) for case in MATRIX.get(endpoint, []) if case.method == method]


def _client(app, user_id):
    """A client signed in as the user, with the session token the database holds now (a fuzzed
    sign-out or password change rotates it)."""
    client = app.test_client()
    if user_id is not None:
        db.session.rollback()  # see other requests' commits
        token = db.session.scalar(sa.select(User.session_token).where(User.id == user_id))
        with client.session_transaction() as session:
            session["_user_id"] = f"{user_id}:{token}"
            session["_fresh"] = True
    return client


def _send(client, failures, method, path, **kwargs):
    try:
        with client.open(path, method=method, **kwargs) as response:
            status = response.status_code
    except Exception as error:  # TESTING: the exception itself instead of a 500
        failures.append(f"{method} {path[:120]} → {type(error).__name__}: {str(error)[:200]}")
        return
    if status >= 500:
        failures.append(f"{method} {path[:120]} → {status}")


def _user_ids(users):
    return {role: (users[role].id if role != ANONYMOUS else None) for role in ROLES}


@pytest.mark.parametrize("role", ROLES)
def test_every_get_route_survives_hostile_paths_and_queries(app, world, role):
    users, values = world
    user_id = _user_ids(users)[role]
    # The guest gets every hostile value; each signed-in role a rotating few (time).
    picks = range(len(HOSTILE)) if role == ANONYMOUS else range(ROLES.index(role) % 3, len(HOSTILE), 5)
    failures = []
    for rule in _rules(app, "GET"):
        client = _client(app, user_id)
        for path in _real_paths(values, rule.endpoint, "GET") or [rule.rule]:
            _send(client, failures, "GET", f"{path.partition('?')[0]}?{_query(ROLES.index(role))}")
        if rule.arguments:
            for n in picks:
                _send(client, failures, "GET", f"{_with_value(rule, HOSTILE[n])}?{_query(n)}")
    assert failures == [], "\n".join(failures)


@pytest.mark.parametrize("role", ROLES)
# No shrinking: the failure list already names each route and error, and shrinking a
# multi-route example would take minutes.
@settings(max_examples=2, deadline=None, derandomize=True, database=None, phases=[Phase.explicit, Phase.generate],
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(forms=st.lists(JUNK_FORM, min_size=1, max_size=1))
def test_every_post_route_survives_junk_forms(app, world, role, forms):
    users, values = world
    user_id = _user_ids(users)[role]
    failures = []
    [form] = forms
    for n, rule in enumerate(_rules(app, "POST")):
        client = _client(app, user_id)
        paths = _real_paths(values, rule.endpoint, "POST") or []
        if rule.arguments:
            paths.append(_with_value(rule, HOSTILE[(n + ROLES.index(role)) % len(HOSTILE)]))
        else:
            paths.append(rule.rule)
        for path in paths:
            _send(client, failures, "POST", path, data=form)
    assert failures == [], "\n".join(failures)


def test_the_fuzzer_reaches_new_routes(app):
    """A route added to the app is in the fuzzer's walk, without editing this file."""
    from tests.conftest import make_test_app

    extended = make_test_app()
    extended.add_url_rule("/fuzz-me/<int:n>", "fuzz_me", lambda n: "x", methods=["GET", "POST"])
    assert "/fuzz-me/<int:n>" in {rule.rule for rule in _rules(extended, "GET")}
    assert "/fuzz-me/<int:n>" in {rule.rule for rule in _rules(extended, "POST")}
