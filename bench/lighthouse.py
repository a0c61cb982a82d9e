"""Lighthouse (mobile) scores of the home page, /products and a product page.

    .venv/bin/python bench/lighthouse.py [--details]

Seeds the demo data into a throw-away SQLite database, serves the marketplace with gunicorn
on 127.0.0.1 (as in production: page cache on, no debug), runs Lighthouse from the npm
registry with Debian's chromium and prints the four category scores per page; `--details`
also lists the audits that lost points. Target (issue 13): 95 or more in all four.
Not a CI test: Lighthouse's performance score moves with the machine's load.
Needs node/npx and chromium (`apt-get install chromium`; CHROME_PATH overrides its path).
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import urllib.request
from pathlib import Path

from common import seeded_demo, served

LIGHTHOUSE = "lighthouse@12.2.3"  # the last release that runs on Node 20
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
TARGET = 95


def lighthouse(url, chrome):
    output = subprocess.run(
        ["npx", "--yes", LIGHTHOUSE, url, "--output=json", "--output-path=stdout", "--quiet",
         "--only-categories=" + ",".join(CATEGORIES), "--chrome-flags=--headless --no-sandbox --disable-gpu"],
        env={**os.environ, "CHROME_PATH": chrome}, capture_output=True, text=True, check=True,
    ).stdout
    return json.loads(output)


def lost_points(report):
    """(category, audit title, its score) of every audit that did not pass; in performance
    also the unweighted advice (compression, caching, unused CSS…) behind the metrics."""
    for name in CATEGORIES:
        for ref in report["categories"][name]["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if (ref["weight"] or name == "performance") and audit["score"] is not None and audit["score"] < 1:
                yield name, audit["title"], audit["score"]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--details", action="store_true", help="list the audits that lost points")
    args = parser.parse_args()
    chrome = os.environ.get("CHROME_PATH") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not chrome or not shutil.which("npx"):
        sys.exit("needs chromium and npx (apt-get install chromium nodejs npm)")
    with tempfile.TemporaryDirectory(prefix="ocop-lighthouse-") as tmp:
        env = seeded_demo(Path(tmp))
        with served("wsgi:app", env) as url:
            slug = json.load(urllib.request.urlopen(url + "/api/v1/products?per_page=1"))["items"][0]["slug"]
            pages = {"home": url + "/", "/products": url + "/products", "product": f"{url}/products/{slug}"}
            reports = {name: lighthouse(page, chrome) for name, page in pages.items()}
    print(f"{'page':12}" + "".join(f"{name:>16}" for name in CATEGORIES))
    lowest = 100
    for name, report in reports.items():
        scores = [round(report["categories"][category]["score"] * 100) for category in CATEGORIES]
        lowest = min(lowest, *scores)
        print(f"{name:12}" + "".join(f"{score:>16}" for score in scores))
        if args.details:
            for category, title, score in lost_points(report):
                print(f"    {category}: {title} ({score:.2f})")
    print(f"lowest {lowest} (target ≥ {TARGET})")
    return 0 if lowest >= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
