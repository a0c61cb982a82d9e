"""Load test: 50 browsing users and 10 buyers (locust, bench/locustfile.py) against two
gunicorn servers on one PostgreSQL database and Redis, for 60 s, on 127.0.0.1 only.

    .venv/bin/python bench/load.py [--seconds 60] [--workers 2] [--admin-url postgresql+psycopg://postgres@127.0.0.1:5432/postgres]

A throw-away database is migrated and seeded with the demo data (search backend `postgres`,
reindexed); four products get 6 units each, so buyers race for the last ones. Buyers order
cash on delivery. Afterwards every shipment is confirmed, shipped and delivered (the courier
collected the cash: "paid"), and the run checks, exiting 1 when one fails:
  - 0 errors (no failed request: no 5xx, no 4xx, no refused connection);
  - 0 oversold units (each product's stock = its stock before - the units its order lines hold, never below 0);
  - every paid shipment in the ledger once (one sale credit each, no more, no less).
It prints p50/p95 per page. Not part of pytest (tests/core/test_load_checks.py checks the checks).
"""
import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile
import time
import uuid
from contextlib import ExitStack
from pathlib import Path

import sqlalchemy as sa

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from bench.common import free_port  # noqa: E402

BIN = Path(sys.executable).parent
SCARCE, SCARCE_STOCK = 4, 6
REDIS_URL = "redis://127.0.0.1:6379/13"  # the load test's own Redis database, emptied first


def postgres_database(admin_url):
    url = sa.engine.make_url(admin_url)
    name = f"ocop_bench_load_{uuid.uuid4().hex[:8]}"
    admin = sa.create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(sa.text(f'CREATE DATABASE "{name}"'))

    def drop():
        with admin.connect() as connection:
            connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

    return url.set(database=name).render_as_string(hide_password=False), drop


def prepare(env, folder):
    """Migrate, seed, reindex; make a few products scarce; write what the shoppers pick from."""
    flask = [str(BIN / "flask"), "--app", "wsgi"]
    for command in (["db", "upgrade"], ["seed-demo"], ["search", "reindex"]):
        subprocess.run(flask + command, cwd=ROOT, env=env, check=True, capture_output=True)
    engine = sa.create_engine(env["DATABASE_URL"])
    with engine.begin() as connection:
        rows = connection.execute(sa.text(
            "SELECT p.id, p.slug FROM products p JOIN ocop_categories c ON c.id = p.category_id "
            "WHERE p.status = 'published' AND p.stock > 0 AND c.code NOT LIKE '6%' ORDER BY p.id")).all()
        scarce = [row.id for row in rows[:SCARCE]]
        connection.execute(sa.text("UPDATE products SET stock = :n WHERE id = ANY(:ids)"),
                           {"n": SCARCE_STOCK, "ids": scarce})
        stock = dict(connection.execute(sa.text("SELECT id, stock FROM products")).all())
        cooperatives = connection.scalars(sa.text("SELECT slug FROM cooperatives WHERE status = 'approved'")).all()
        everything = connection.execute(sa.text("SELECT id, slug FROM products WHERE status = 'published'")).all()
    engine.dispose()
    catalogue = {
        "slugs": [row.slug for row in everything],
        "cooperatives": cooperatives,
        "scarce": scarce,
        "plenty": [row.id for row in rows[SCARCE:]],
        "slug_of": {str(row.id): row.slug for row in rows},
    }
    path = folder / "catalogue.json"
    path.write_text(json.dumps(catalogue))
    return path, stock


def start_server(env, port, log):
    return subprocess.Popen(
        [str(BIN / "gunicorn"), "-c", "deploy/gunicorn.conf.py", "-b", f"127.0.0.1:{port}", "wsgi:app"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)


def wait_until_up(url, seconds=120):
    import requests

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if requests.get(url + "/readyz", timeout=5).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.2)
    raise SystemExit(f"{url} did not start")


def deliver_everything(env):
    """As the cooperatives and couriers would: every placed shipment confirmed, shipped, delivered."""
    os.environ.update(env)
    from marketplace import create_app
    from marketplace.extensions import db
    from marketplace.orders import fulfilment
    from marketplace.orders.models import Shipment, Status

    app = create_app({"RATELIMIT_ENABLED": False})
    with app.app_context(), app.test_request_context("/?lang=en"):
        ids = db.session.scalars(sa.select(Shipment.id).where(Shipment.status == Status.PLACED)).all()
        for shipment_id in ids:
            shipment = db.session.get(Shipment, shipment_id)
            fulfilment.confirm_shipment(shipment, None)
            fulfilment.ship_shipment(shipment, None, "own")
            fulfilment.deliver_shipment(shipment, None)
        db.session.remove()
        db.engine.dispose()
    return len(ids)


def outcome(connection, stock_before):
    """The checks on the database after the run: (oversold units, products whose stock does
    not add up, delivered shipments, delivered shipments not credited exactly once, orders)."""
    held = dict(connection.execute(sa.text(
        "SELECT l.product_id, sum(l.quantity) FROM order_lines l JOIN shipments s ON s.id = l.shipment_id "
        "WHERE s.status <> 'cancelled' GROUP BY l.product_id")).all())
    now = dict(connection.execute(sa.text("SELECT id, stock FROM products")).all())
    oversold = sum(max(0, held.get(pid, 0) - before) for pid, before in stock_before.items())
    oversold += sum(-stock for stock in now.values() if stock < 0)
    mismatched = sum(1 for pid, before in stock_before.items() if now.get(pid) != before - held.get(pid, 0))
    credits = connection.execute(sa.text(
        "SELECT s.id, (SELECT count(*) FROM ledger_entries e WHERE e.shipment_id = s.id AND e.kind = 'sale_credit') "
        "FROM shipments s WHERE s.status = 'delivered'")).all()
    not_once = sum(1 for _id, count in credits if count != 1)
    orders = connection.scalar(sa.text("SELECT count(*) FROM orders"))
    return oversold, mismatched, len(credits), not_once, orders


def page_figures(stats_csv):
    """[(page, requests, failures, p50 ms, p95 ms)] from locust's stats CSV (Aggregated last)."""
    rows = []
    with open(stats_csv, newline="") as handle:
        for row in csv.DictReader(handle):
            rows.append((f"{row['Type']} {row['Name']}".strip(), int(row["Request Count"]), int(row["Failure Count"]),
                         row["50%"], row["95%"]))
    return rows


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers per server")
    parser.add_argument("--admin-url", default="postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
    args = parser.parse_args()
    import redis

    connection = redis.Redis.from_url(REDIS_URL)
    for key in connection.scan_iter("*"):
        connection.delete(key)
    url, drop = postgres_database(args.admin_url)
    with tempfile.TemporaryDirectory(prefix="ocop-bench-load-") as tmp, ExitStack() as stack:
        stack.callback(drop)
        folder = Path(tmp)
        env = {**os.environ, "DATABASE_URL": url, "SEARCH_BACKEND": "postgres", "REDIS_URL": REDIS_URL,
               "SECRET_KEY": uuid.uuid4().hex + uuid.uuid4().hex, "INSTANCE_DIR": str(folder),
               "UPLOAD_DIR": str(folder / "uploads"), "MAIL_DIR": str(folder / "mail"),
               "SEARCH_INDEX_DIR": str(folder / "index"), "TRUSTED_PROXIES": "1",
               "RATELIMIT_ORDERS": "1000/minute", "WEB_CONCURRENCY": str(args.workers), "ACCESS_LOG": "/dev/null"}
        print("seeding a throw-away PostgreSQL database…", flush=True)
        catalogue, stock_before = prepare(env, folder)
        hosts = []
        for name in ("a", "b"):
            port = free_port()
            log = stack.enter_context(open(folder / f"{name}.log", "w"))
            process = start_server({**env, "PROMETHEUS_MULTIPROC_DIR": str(folder / f"metrics-{name}")}, port, log)
            stack.callback(process.wait, 30)
            stack.callback(process.terminate)
            hosts.append(f"http://127.0.0.1:{port}")
        for host in hosts:
            wait_until_up(host)
        print(f"load: 50 browsers + 10 buyers for {args.seconds} s against {', '.join(hosts)}", flush=True)
        load = subprocess.run(
            [str(BIN / "locust"), "-f", str(ROOT / "bench" / "locustfile.py"), "--headless", "-u", "60", "-r", "20",
             "-t", f"{args.seconds}s", "--host", hosts[0], "--csv", str(folder / "load"), "--only-summary",
             "--stop-timeout", "10", "--exit-code-on-error", "0", "--loglevel", "WARNING"],
            cwd=ROOT, env={**env, "BENCH_HOSTS": ",".join(hosts), "BENCH_CATALOGUE": str(catalogue)},
            capture_output=True, text=True)
        if load.returncode != 0:
            print(load.stderr[-3000:])
        pages = page_figures(folder / "load_stats.csv")
        delivered = deliver_everything(env)
        engine = sa.create_engine(url)
        with engine.connect() as db_connection:
            oversold, mismatched, paid, not_once, orders = outcome(db_connection, stock_before)
        engine.dispose()
    errors = sum(failures for name, _count, failures, _p50, _p95 in pages if name == "Aggregated")
    print(f"\n{'page':<34} {'requests':>9} {'errors':>7} {'p50 ms':>7} {'p95 ms':>7}")
    for name, count, failures, p50, p95 in pages:
        print(f"{name:<34} {count:>9} {failures:>7} {p50:>7} {p95:>7}")
    print(f"\norders placed: {orders}; shipments delivered (paid cash) after the run: {delivered}")
    print(f"errors: {errors}; oversold units: {oversold} (stock not adding up: {mismatched} products);"
          f" paid shipments not in the ledger exactly once: {not_once} of {paid}")
    print(f"machine: {os.cpu_count()} cores, load average {' '.join(f'{x:.1f}' for x in os.getloadavg())} at the end")
    ok = errors == 0 and oversold == 0 and mismatched == 0 and not_once == 0 and paid > 0
    print("OK" if ok else "FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
