"""Storefront throughput against a "hello" Flask app, served alike, in the same run.

    .venv/bin/python bench/catalog.py [--seconds 8]                   # demo data, SQLite (make bench)
    .venv/bin/python bench/catalog.py --national [--pg-url URL] [--redis-url URL]

Serves the marketplace and the hello app with gunicorn (2 workers each, one at a time) on
127.0.0.1 and loads each page of issue #14's table with wrk (or a plain-Python loader) as a
guest WITH A CART — the session cookie of a guest who added one product, so that no page is
cached for them: only what all shoppers share is (cards, counts). Anonymous cached pages are
measured too. Prints requests/s and the ratio to hello.

Demo size: the demo data in a throw-away SQLite database, the in-process cache (as `make run`).
`--national`: 20,000 generated products (bench/search.py's national generator) in PostgreSQL
(the database is created), the PostgreSQL search backend, and Redis as the shared cache when
it answers (a separate database number, flushed).
"""
import argparse
import http.cookiejar
import os
import sqlite3
import sys
import tempfile
import urllib.parse
import urllib.request
from pathlib import Path

from common import ROOT, requests_per_second, seeded_demo, served

# page -> (target at demo size on SQLite, target at 20,000 products on PostgreSQL)
TARGETS = {
    "/products": (0.15, 0.10),
    "product page": (0.20, 0.15),
    "/search?q=…": (0.12, 0.08),
    "home": (0.15, 0.08),
    "/cooperatives/<slug>": (0.15, 0.08),
    "/value-chain": (0.15, 0.08),
}
ANONYMOUS_TARGET = 0.40
NATIONAL_SIZE = 20_000


def demo_setup(instance):
    env = {**seeded_demo(instance), "RATELIMIT_ENABLED": "0", "REDIS_URL": ""}
    connection = sqlite3.connect(instance / "bench.sqlite3")
    products = [{"name_vi": vi, "name_en": en or vi} for vi, en in
                connection.execute("SELECT name_vi, name_en FROM products WHERE status = 'published'")]
    connection.close()
    return env, products


def national_setup(instance, pg_url, redis_url):
    sys.path.insert(0, str(ROOT / "bench"))
    import search as search_bench  # the national generator

    from marketplace import create_app
    from marketplace.extensions import db
    from marketplace.search import service
    from marketplace.search.backends.postgres import install

    data = search_bench.generate(NATIONAL_SIZE)
    app = create_app({"SQLALCHEMY_DATABASE_URI": pg_url, "SEARCH_BACKEND": "postgres", "SECRET_KEY": "bench",
                      "SEARCH_INDEX_DIR": str(instance / "index"), "UPLOAD_DIR": str(instance / "uploads"),
                      "TESTING": True})
    search_bench.load(app, data)
    with app.app_context():
        with db.engine.begin() as connection:
            install(connection)
        service.reindex()
        db.session.remove()
        db.engine.dispose()
    env = {
        "DATABASE_URL": pg_url, "SEARCH_BACKEND": "postgres", "UPLOAD_DIR": str(instance / "uploads"),
        "SEARCH_INDEX_DIR": str(instance / "index"), "SECRET_KEY": "bench", "INSTANCE_DIR": str(instance),
        "RATELIMIT_ENABLED": "0", "REDIS_URL": redis_url or "",
    }
    return env, data[1]


def cart_cookie(url, product_id):
    """The session cookie of a guest who put one product in the cart."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    body = urllib.parse.urlencode({"product_id": product_id, "quantity": 1}).encode()
    opener.open(urllib.request.Request(url + "/cart/add", data=body, headers={"Origin": url}), timeout=10).read()
    cookies = "; ".join(f"{c.name}={c.value}" for c in jar)
    assert "session=" in cookies, "no session cookie after adding to the cart"
    return cookies


def storefront_urls(url, queries):
    # A product in stock (its page has the add-to-cart form), and its cooperative.
    listing = urllib.request.urlopen(url + "/products?rating=all&in_stock=1", timeout=60).read().decode()
    slug = listing.split('href="/products/')[1].split('"')[0]
    html = urllib.request.urlopen(f"{url}/products/{slug}", timeout=60).read().decode()
    product_id = int(html.split('name="product_id" value="')[1].split('"')[0])
    cooperative = html.split('href="/cooperatives/')[1].split('"')[0]
    search = [f"{url}/search?" + urllib.parse.urlencode({"q": q, **extra}) for q, extra in queries]
    return product_id, {
        "/products": [url + "/products?per_page=24"],
        "product page": [f"{url}/products/{slug}"],
        "/search?q=…": search,
        "home": [url + "/"],
        "/cooperatives/<slug>": [f"{url}/cooperatives/{cooperative}"],
        "/value-chain": [url + "/value-chain"],
    }


def measure(env, queries, seconds):
    rows = {}
    with served("wsgi:app", env) as url:
        product_id, pages = storefront_urls(url, queries)
        cookie = {"Cookie": cart_cookie(url, product_id)}
        for name, urls in pages.items():
            for page_url in urls[:3]:  # warm every worker a little (first renders fill the cache)
                for _ in range(2):
                    urllib.request.urlopen(urllib.request.Request(page_url, headers=cookie), timeout=60).read()
            rows[name] = requests_per_second(urls, seconds, headers=cookie)
        rows["/products, anonymous (page cache)"] = requests_per_second(url + "/products?per_page=24", seconds)
    return rows


def report(title, hello, rows, column):
    print(f"\n{title}")
    print(f"  hello (baseline)                     {hello:8.0f} req/s")
    missed = []
    for name, rate in rows.items():
        target = TARGETS[name][column] if name in TARGETS else ANONYMOUS_TARGET
        ratio = rate / hello
        mark = "ok" if ratio >= target else "MISSED"
        if ratio < target:
            missed.append(name)
        print(f"  {name:<36} {rate:8.0f} req/s  {ratio:6.1%} of hello (target ≥ {target:.0%}) {mark}")
    return missed


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=8)
    parser.add_argument("--queries", type=int, default=60, help="distinct mixed search queries")
    parser.add_argument("--national", action="store_true", help=f"{NATIONAL_SIZE:,} products on PostgreSQL")
    parser.add_argument("--pg-url", default=os.environ.get("BENCH_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/ocop_bench_catalog"))
    parser.add_argument("--redis-url", default=os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/11"))
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "bench"))
    from search import _postgres, make_queries

    with tempfile.TemporaryDirectory(prefix="ocop-bench-") as tmp:
        if args.national:
            pg_url = _postgres(args.pg_url)
            if pg_url is None:
                return 2
            redis_url = _redis(args.redis_url)
            env, products = national_setup(Path(tmp), pg_url, redis_url)
            title = f"{NATIONAL_SIZE:,} products, PostgreSQL (search: postgres), cache: {'Redis' if redis_url else 'in-process'}"
        else:
            env, products = demo_setup(Path(tmp))
            title = f"demo data ({len(products)} products), SQLite, cache: in-process"
        queries = make_queries(products, args.queries)
        with served("hello_app:app", {"PYTHONPATH": str(ROOT / "bench")}) as url:
            hello = requests_per_second(url + "/", args.seconds)
        rows = measure(env, queries, args.seconds)
        with served("hello_app:app", {"PYTHONPATH": str(ROOT / "bench")}) as url:
            hello = (hello + requests_per_second(url + "/", args.seconds)) / 2  # before and after: the machine drifts
    missed = report(title + " — a guest with a cart", hello, rows, 1 if args.national else 0)
    print("\nTargets: " + ("all met" if not missed else "MISSED: " + ", ".join(missed)))
    return 1 if missed else 0


def _redis(url):
    try:
        import redis

        connection = redis.Redis.from_url(url)
        connection.flushdb()
        connection.close()
        return url
    except Exception as error:  # noqa: BLE001 - reported; the bench then uses the in-process cache
        print(f"Redis unavailable ({error}); the in-process cache per worker.")
        return None


if __name__ == "__main__":
    sys.exit(main())
