"""Several app servers, one truth: two gunicorn processes on loopback ports, one PostgreSQL
database (SEARCH_BACKEND=postgres) and one Redis. A product edited through A is found by
search with its new price on B within a second, B's cached pages follow, the sign-in limit
counts attempts on both, and a cart (the session cookie) moves from A to B.

PostgreSQL only: the PostgreSQL search backend is what several servers share (on SQLite it
skips, saying so; `.ci/run` runs it on PostgreSQL with Redis, where a missing Redis fails)."""
import os
import secrets
import subprocess
import sys
import time
from contextlib import ExitStack
from pathlib import Path

import pytest
import redis
import requests

from bench import shop
from marketplace.extensions import db
from marketplace.search import service
from tests.conftest import DATABASE_URL, make_test_app, skip_or_fail
from tests.factories import make_certificate, make_cooperative, make_cooperative_staff, make_product, PASSWORD

ROOT = Path(__file__).resolve().parents[2]
# A Redis database of this test's own (others use 0 and their own): emptied of its keys first.
REDIS_URL = os.environ.get("TWO_SERVERS_REDIS_URL", "redis://127.0.0.1:6379/14")
WITHIN = 1.0  # seconds for a change through A to show on B


def _wait_until_up(url, process, log, seconds=90):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"gunicorn stopped: {log.read_text()[-2000:]}")
        try:
            if requests.get(url + "/healthz", timeout=2).status_code == 200:
                return
        except requests.RequestException:  # not listening yet, or busy starting
            pass
        time.sleep(0.1)  # polling a starting server, not waiting for a result
    pytest.fail(f"gunicorn did not start: {log.read_text()[-2000:]}")


def _free_port():
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def postgres_and_redis(app):
    if db.engine.dialect.name != "postgresql":
        pytest.skip("several app servers share the PostgreSQL search backend: run with DATABASE_URL=postgresql+psycopg://…")
    connection = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2)
    try:
        connection.ping()
    except redis.RedisError as error:
        skip_or_fail(f"Redis unreachable at {REDIS_URL}: {error}")
    for key in connection.scan_iter("*"):  # this test's own database number
        connection.delete(key)
    from marketplace.search.backends.postgres import install

    with db.engine.begin() as pg:
        install(pg)
    search_app = make_test_app(SEARCH_BACKEND="postgres")
    yield search_app
    with search_app.app_context():
        service.clear_index()


@pytest.fixture
def servers(postgres_and_redis, tmp_path):
    env = {
        **os.environ,
        "DATABASE_URL": DATABASE_URL,
        "SEARCH_BACKEND": "postgres",
        "REDIS_URL": REDIS_URL,
        "SECRET_KEY": secrets.token_hex(32),  # one key: a session cookie is valid on both
        "INSTANCE_DIR": str(tmp_path),
        "UPLOAD_DIR": str(tmp_path / "uploads"),
        "SEARCH_INDEX_DIR": str(tmp_path / "index"),
        "MAIL_DIR": str(tmp_path / "mail"),
        "PASSWORD_HASH_PROFILE": "CHEAPEST",
        "RATELIMIT_SIGN_IN": "3/day",  # a fixed window: a minute's could turn over mid-test
        "CATALOGUE_CACHE_SECONDS": "60",  # a stale page would show: only the shared generation saves it
        "TRUSTED_PROXIES": "1",  # each check comes "from" its own address (X-Forwarded-For)
        "METRICS_TOKEN": "two-servers",
        "WEB_CONCURRENCY": "2",
        "ACCESS_LOG": "/dev/null",
    }
    env.pop("PROMETHEUS_MULTIPROC_DIR", None)
    urls = []
    with ExitStack() as stack:
        for name in ("a", "b"):
            port, log = _free_port(), tmp_path / f"{name}.log"
            out = stack.enter_context(open(log, "w"))
            process = subprocess.Popen(
                [str(Path(sys.executable).parent / "gunicorn"), "-c", "deploy/gunicorn.conf.py",
                 "-b", f"127.0.0.1:{port}", "wsgi:app"],
                cwd=ROOT, env={**env, "PROMETHEUS_MULTIPROC_DIR": str(tmp_path / f"metrics-{name}")},
                stdout=out, stderr=subprocess.STDOUT,
            )
            stack.callback(process.wait, 30)
            stack.callback(process.terminate)
            urls.append((f"http://127.0.0.1:{port}", process, log))
        for url, process, log in urls:
            _wait_until_up(url, process, log)
        yield [url for url, _process, _log in urls]


def _until(check, seconds=WITHIN):
    """The first truthy check() within `seconds` (how long B takes is what is tested)."""
    deadline = time.monotonic() + seconds
    while True:
        found = check()
        if found or time.monotonic() > deadline:
            return found


def test_two_servers_share_one_truth(app, postgres_and_redis, servers):
    a, b = servers
    cooperative = make_cooperative()
    staff = make_cooperative_staff(cooperative)
    product = make_product(cooperative, slug="keo-dua-sap", name_vi="Kẹo dừa sáp", price_vnd=85_000, stock=50)
    make_certificate(product, stars=4)
    db.session.commit()
    product_id, staff_email = product.id, staff.email
    with postgres_and_redis.app_context():
        service.reindex()

    guest = requests.Session()
    assert "85.000" in guest.get(f"{b}/products/keo-dua-sap").text
    listing = guest.get(f"{b}/products?rating=all").text  # now in B's page cache for a minute
    assert "85.000" in listing
    assert "Kẹo dừa sáp" in guest.get(f"{b}/search", params={"q": "keo dua"}).text

    # A cooperative edits the product through A ...
    member = requests.Session()
    member.headers["X-Forwarded-For"] = "198.51.100.1"
    assert shop.sign_in(member, a, staff_email, PASSWORD).url.endswith("/portal")
    edited = shop.edit_product(member, a, product_id, name_vi="Kẹo dừa sáp lá dứa", price="99000")
    assert edited.status_code == 200 and 'value="99000"' in edited.text
    changed_at = time.monotonic()

    # ... and B finds it by its new words, with the new price, within a second.
    def found_on_b():
        page = guest.get(f"{b}/search", params={"q": "lá dứa"}).text
        return "Kẹo dừa sáp lá dứa" in page and "99.000" in page

    assert _until(found_on_b), "B's search did not show the edit within a second"
    assert time.monotonic() - changed_at <= WITHIN + 0.5
    assert "99.000" in guest.get(f"{b}/products/keo-dua-sap").text
    listing = guest.get(f"{b}/products?rating=all").text  # B's cached listing was invalidated
    assert "99.000" in listing and "85.000" not in listing

    # The sign-in limit (3 a day per address and per email) counts attempts on both servers.
    intruder = requests.Session()
    intruder.headers["X-Forwarded-For"] = "198.51.100.7"
    answers = [shop.sign_in(intruder, url, "nobody@example.com", "wrong password").status_code for url in (a, b, a, b)]
    assert answers == [200, 200, 200, 429]

    # A cart filled on A is the same cart on B (the session cookie, signed with one key).
    buyer = requests.Session()
    buyer.headers["X-Forwarded-For"] = "198.51.100.9"
    assert shop.add_to_cart(buyer, a, product_id, quantity=2).status_code == 200
    cart = buyer.get(f"{b}/cart").text
    assert "Kẹo dừa sáp lá dứa" in cart and "198.000" in cart

    # Each server is ready (database, Redis, the shared index, the queue) and counts its workers' requests.
    ready = requests.get(f"{b}/readyz").json()
    assert ready["failed"] == [] and ready["redis"] == "ok" and ready["search"]["backend"] == "postgres"
    assert ready["queue"] == {"depth": ready["queue"]["depth"]}
    metrics = requests.get(f"{b}/metrics", headers={"Authorization": "Bearer two-servers"}).text
    searches = [line for line in metrics.splitlines() if line.startswith("marketplace_requests_total{")
                and 'route="search.results"' in line]
    assert searches and float(searches[0].split()[-1]) >= 1, metrics
