"""What an operator sees of a running site: a request id on every request (the X-Request-ID
header, the 500 page), one JSON log line per request, Prometheus metrics at /metrics and the
readiness of every part at /readyz.

Site plumbing: it imports no domain. The app factory hands it the checks and gauges that need
one (`init_app(app, checks=…, gauges=…)`), as the storefront gets its search function.

Metrics work under several gunicorn workers: with PROMETHEUS_MULTIPROC_DIR set (the gunicorn
config sets it before any worker starts) every worker writes its counters to files there and a
scrape adds them up; without it (the development server, tests) they live in this process.
"""
import hmac
import json
import logging
import os
import re
import sys
import time
import uuid

import sqlalchemy as sa
from flask import Response, abort, current_app, g, jsonify, request
from prometheus_client import (CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Histogram,
                               generate_latest, multiprocess)
from prometheus_client.core import GaugeMetricFamily

from marketplace.extensions import db

log = logging.getLogger("marketplace.requests")

QUEUE_NAME = "marketplace"  # the RQ queue of mails and jobs (marketplace/jobs)
# A request id from the proxy in front is kept when it looks like one; anything else is replaced.
REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{8,64}")

REQUESTS = Counter("marketplace_requests_total", "Requests answered, by route and status",
                   ["route", "method", "status"])
LATENCY = Histogram("marketplace_request_seconds", "Time to answer a request, by route", ["route"],
                    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10))
ORDERS_PLACED = Counter("marketplace_orders_placed_total", "Orders placed (counted after their commit)")


def order_placed():
    ORDERS_PLACED.inc()


def init_app(app, checks=None, gauges=None):
    """`checks`: {part: fn()} run by /readyz after the database, Redis and the queue (a fn
    raises when its part is not ready, or returns what to show). `gauges`: {name: (help,
    label, fn() -> {label value: number})} read from the database at each scrape."""
    app.extensions["readiness_checks"] = dict(checks or {})
    app.extensions["metrics_gauges"] = dict(gauges or {})
    _log_to_stderr()
    app.before_request(_start)
    app.after_request(_finish)
    app.add_url_rule("/readyz", "core.readyz", readyz)
    app.add_url_rule("/metrics", "core.metrics", metrics)


def _log_to_stderr():
    # gunicorn configures its own loggers only: without a handler, INFO lines would be dropped.
    if not log.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(message)s"))
        log.addHandler(handler)
        log.setLevel(logging.INFO)
        log.propagate = False


def _start():
    g.request_started = time.perf_counter()
    given = request.headers.get("X-Request-ID", "")
    g.request_id = given if REQUEST_ID.fullmatch(given) else uuid.uuid4().hex


def _finish(response):
    request_id = g.get("request_id") or uuid.uuid4().hex
    response.headers["X-Request-ID"] = request_id
    seconds = time.perf_counter() - g.get("request_started", time.perf_counter())
    route = request.url_rule.endpoint if request.url_rule is not None else "unmatched"
    if route != "core.metrics":  # a scrape every few seconds would drown the figures
        REQUESTS.labels(route, request.method, str(response.status_code)).inc()
        LATENCY.labels(route).observe(seconds)
    log.info(json.dumps({
        "time": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime()) + "Z",
        "request_id": request_id,
        "method": request.method,
        "path": request.path,
        "route": route,
        "status": response.status_code,
        "ms": round(seconds * 1000, 1),
        "ip": request.remote_addr,
        "bytes": response.calculate_content_length(),
    }, ensure_ascii=False))
    return response


# --- /readyz ----------------------------------------------------------------------------------


def redis_client(app):
    url = app.config.get("REDIS_URL")
    if not url:
        return None
    import redis

    return redis.Redis.from_url(url, socket_timeout=1, socket_connect_timeout=1)


def queue_depth(app):
    """Jobs waiting in the RQ queue, or None without REDIS_URL (mail is then sent inline)."""
    connection = redis_client(app)
    if connection is None:
        return None
    from rq import Queue

    return Queue(QUEUE_NAME, connection=connection).count


def database():
    try:
        db.session.execute(sa.text("SELECT 1"))
    except sa.exc.SQLAlchemyError:
        db.session.rollback()
        raise
    return "ok"


def _redis():
    connection = redis_client(current_app)
    if connection is None:
        return "not used"
    connection.ping()
    return "ok"


def _queue():
    depth = queue_depth(current_app)
    return "no queue" if depth is None else {"depth": depth}


def readyz():
    """200 when every part answers, else 503 naming the parts that failed (JSON)."""
    checks = {"database": database, "redis": _redis, **current_app.extensions["readiness_checks"],
              "queue": _queue}
    parts, failed = {}, []
    for name, check in checks.items():
        try:
            parts[name] = check()
        except Exception as error:  # noqa: BLE001 - any failure makes the part not ready
            current_app.logger.warning("readyz: %s failed: %r", name, error)
            parts[name] = "unavailable"
            failed.append(name)
    return jsonify(status="not ready" if failed else "ready", failed=failed, **parts), 503 if failed else 200


# --- /metrics ---------------------------------------------------------------------------------


def _allowed():
    """A Prometheus server with METRICS_TOKEN, or a machine in front of the app (a trusted
    proxy scraping from its own address, no X-Forwarded-For of a visitor)."""
    token = current_app.config.get("METRICS_TOKEN", "")
    given = request.headers.get("Authorization", "")
    if token and hmac.compare_digest(given.encode(), f"Bearer {token}".encode()):
        return True
    if current_app.config.get("TRUSTED_PROXIES") and "X-Forwarded-For" not in request.headers:
        return request.remote_addr in {"127.0.0.1", "::1"}
    return False


class _Gauges:
    """Figures read when scraped: queue depth, and the database's counts from `gauges`."""

    def __init__(self, app):
        self.app = app

    def collect(self):
        try:
            depth = queue_depth(self.app)
        except Exception:  # noqa: BLE001 - Redis down: the gauge is left out, /readyz says why
            depth = None
        if depth is not None:
            yield GaugeMetricFamily("marketplace_queue_depth", "Jobs waiting in the RQ queue", value=depth)
        for name, (help_text, label, read) in self.app.extensions["metrics_gauges"].items():
            try:
                figures = read()
            except sa.exc.SQLAlchemyError as error:  # database down: left out, /readyz says why
                db.session.rollback()
                self.app.logger.warning("metrics: %s unreadable: %r", name, error)
                continue
            family = GaugeMetricFamily(name, help_text, labels=[label])
            for value, number in sorted(figures.items()):
                family.add_metric([str(value)], number)
            yield family


def metrics():
    if not _allowed():
        abort(404)  # as if there were nothing here
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
    else:
        registry = CollectorRegistry()
        registry.register(_Process())
    registry.register(_Gauges(current_app._get_current_object()))
    return Response(generate_latest(registry), content_type=CONTENT_TYPE_LATEST,
                    headers={"Cache-Control": "no-store"})


class _Process:
    """This process's own metrics (one process: the development server, tests)."""

    def collect(self):
        for collector in (REQUESTS, LATENCY, ORDERS_PLACED):
            yield from collector.collect()
