"""/readyz, /metrics, the request id and the JSON log line of every request."""
import json
import logging

import pytest

from marketplace.core import observe
from marketplace.extensions import db
from tests.conftest import make_test_app
from tests.factories import make_product


def test_readyz_reports_every_part(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    found = response.get_json()
    assert found["status"] == "ready" and found["failed"] == []
    assert found["database"] == "ok"
    assert found["redis"] == "not used" and found["queue"] == "no queue"  # no REDIS_URL: mail inline
    assert found["search"]["backend"] in {"whoosh", "postgres"}


def test_readyz_names_the_failed_part(app, client, monkeypatch):
    def broken():
        raise OSError("index folder gone")

    monkeypatch.setitem(app.extensions["readiness_checks"], "search", broken)
    response = client.get("/readyz")
    assert response.status_code == 503
    found = response.get_json()
    assert found["failed"] == ["search"] and found["search"] == "unavailable"
    assert found["database"] == "ok"


def test_readyz_fails_when_redis_is_unreachable():
    app = make_test_app(REDIS_URL="redis://127.0.0.1:1/0")  # nothing listens on port 1
    with app.app_context():
        response = app.test_client().get("/readyz")
    assert response.status_code == 503
    assert set(response.get_json()["failed"]) == {"redis", "queue"}


def test_readyz_shows_the_queue_depth(app, monkeypatch):
    monkeypatch.setattr(observe, "queue_depth", lambda app: 3)
    assert app.test_client().get("/readyz").get_json()["queue"] == {"depth": 3}


def test_metrics_are_hidden_without_the_token(app, client, monkeypatch):
    assert client.get("/metrics").status_code == 404
    monkeypatch.setitem(app.config, "METRICS_TOKEN", "s3cret-token")
    assert client.get("/metrics", headers={"Authorization": "Bearer wrong"}).status_code == 404
    assert client.get("/metrics", headers={"Authorization": "Bearer s3cret-token"}).status_code == 200


def test_metrics_from_the_proxy_in_front(app, client, monkeypatch):
    monkeypatch.setitem(app.config, "TRUSTED_PROXIES", 1)  # the shared test app: restored afterwards
    assert client.get("/metrics", environ_base={"REMOTE_ADDR": "127.0.0.1"}).status_code == 200
    # A visitor passed on by the proxy is not the proxy.
    forwarded = {"X-Forwarded-For": "203.0.113.9"}
    assert client.get("/metrics", headers=forwarded, environ_base={"REMOTE_ADDR": "127.0.0.1"}).status_code == 404
    assert client.get("/metrics", environ_base={"REMOTE_ADDR": "203.0.113.9"}).status_code == 404


def _sample(text, name, **labels):
    wanted = name + ("{" + ",".join(f'{k}="{v}"' for k, v in sorted(labels.items())) + "}" if labels else "")
    for line in text.splitlines():
        if line.startswith(wanted + " "):
            return float(line.split()[-1])
    return 0.0


def test_metrics_count_requests_orders_and_payments(app, client, monkeypatch):
    monkeypatch.setitem(app.config, "METRICS_TOKEN", "s3cret-token")
    auth = {"Authorization": "Bearer s3cret-token"}
    before = client.get("/metrics", headers=auth).get_data(as_text=True)
    make_product(slug="keo-dua")
    db.session.commit()
    client.get("/products/keo-dua")
    client.get("/no/such/page")
    observe.order_placed()
    after = client.get("/metrics", headers=auth).get_data(as_text=True)
    route = {"route": "catalog.product_detail", "method": "GET", "status": "200"}
    assert _sample(after, "marketplace_requests_total", **route) == _sample(before, "marketplace_requests_total", **route) + 1
    missing = {"route": "unmatched", "method": "GET", "status": "404"}
    assert _sample(after, "marketplace_requests_total", **missing) >= 1
    assert _sample(after, "marketplace_request_seconds_count", route="catalog.product_detail") >= 1
    assert _sample(after, "marketplace_orders_placed_total") == _sample(before, "marketplace_orders_placed_total") + 1
    assert "# TYPE marketplace_payments gauge" in after


def test_every_response_has_a_request_id(client):
    first = client.get("/healthz").headers["X-Request-ID"]
    second = client.get("/healthz").headers["X-Request-ID"]
    assert len(first) == 32 and first != second
    # The proxy's id is kept, so both log lines can be matched; junk is replaced.
    assert client.get("/healthz", headers={"X-Request-ID": "edge-1234abcd"}).headers["X-Request-ID"] == "edge-1234abcd"
    assert client.get("/healthz", headers={"X-Request-ID": "<script>"}).headers["X-Request-ID"] != "<script>"


class _Lines(logging.Handler):
    def __init__(self):
        super().__init__()
        self.lines = []

    def emit(self, record):
        self.lines.append(record.getMessage())


@pytest.fixture
def request_log():
    handler = _Lines()
    observe.log.addHandler(handler)
    yield handler.lines
    observe.log.removeHandler(handler)


def test_one_json_log_line_per_request(client, request_log):
    response = client.get("/healthz?x=1")
    (line,) = request_log
    entry = json.loads(line)
    assert entry["request_id"] == response.headers["X-Request-ID"]
    assert entry["method"] == "GET" and entry["path"] == "/healthz" and entry["route"] == "core.healthz"
    assert entry["status"] == 200 and entry["ms"] >= 0


def test_the_500_page_shows_the_request_id(app, request_log):
    broken = make_test_app(TESTING=False, PROPAGATE_EXCEPTIONS=False)

    @broken.get("/_boom")
    def boom():
        raise RuntimeError("boom")

    response = broken.test_client().get("/_boom")
    assert response.status_code == 500
    request_id = response.headers["X-Request-ID"]
    assert request_id in response.get_data(as_text=True)
    assert json.loads(request_log[-1])["request_id"] == request_id
    as_json = broken.test_client().get("/_boom", headers={"Accept": "application/json"})
    assert as_json.get_json()["error"]["request_id"] == as_json.headers["X-Request-ID"]
