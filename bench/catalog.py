"""Catalogue throughput against a "hello" Flask app, served alike, in the same run.

    .venv/bin/python bench/catalog.py [--seconds 8]

Seeds the demo data into a throw-away SQLite database, serves the marketplace and the hello
app with gunicorn (2 workers each, one at a time) on 127.0.0.1, loads /products (24 per page)
and a product page with wrk, and prints requests/s and the ratio to the baseline — with the anonymous page cache
(as visitors get it) and without it (every request rendered).
Target (issue #2): /products at 35% or more of hello.
"""
import argparse
import sys
import tempfile
from pathlib import Path

from common import ROOT, requests_per_second, seeded_demo, served


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=int, default=8)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="ocop-bench-") as tmp:
        env = seeded_demo(Path(tmp))
        with served("hello_app:app", {"PYTHONPATH": str(ROOT / "bench")}) as url:
            hello = requests_per_second(url + "/", args.seconds)
        with served("wsgi:app", env) as url:
            products = requests_per_second(url + "/products?per_page=24", args.seconds)
            import json
            import urllib.request

            slug = json.load(urllib.request.urlopen(url + "/api/v1/products?per_page=1"))["items"][0]["slug"]
            detail = requests_per_second(f"{url}/products/{slug}", args.seconds)
        with served("wsgi:app", {**env, "CATALOGUE_CACHE_SECONDS": "0"}) as url:
            uncached = requests_per_second(url + "/products?per_page=24", args.seconds)
    print(f"hello (baseline)      {hello:8.0f} req/s")
    print(f"/products (24/page)   {products:8.0f} req/s   {products / hello:6.1%} of hello (target ≥ 35%)")
    print(f"/products/<slug>      {detail:8.0f} req/s   {detail / hello:6.1%} of hello")
    print(f"/products, no cache   {uncached:8.0f} req/s   {uncached / hello:6.1%} of hello (every request rendered)")
    return 0 if products / hello >= 0.35 else 1


if __name__ == "__main__":
    sys.exit(main())
