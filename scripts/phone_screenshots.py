"""Phone screenshots for the README: the demo data served on 127.0.0.1, photographed at 390×844.

    .venv/bin/python scripts/phone_screenshots.py [--out docs/screenshots]

Seeds the demo data into a throwaway SQLite database, serves the app in a thread, and drives
Debian's chromium (CHROMIUM_PATH, else `chromium` on the PATH) through the home page, a product
and a cart holding products of two cooperatives. Nothing outside the temporary folder is touched
except the PNGs written to --out.
"""
import argparse
import logging
import os
import shutil
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402
from werkzeug.serving import make_server  # noqa: E402

from marketplace import create_app  # noqa: E402
from marketplace.extensions import db  # noqa: E402

PHONE = {"width": 390, "height": 844}
# A certified candy of one cooperative, and a second cooperative's product for the cart.
PRODUCT = "keo-dua-sau-rieng-thanh-thoi"
SECOND_PRODUCT = "banh-trang-my-long-nuoc-dua"


def demo_app(folder):
    """The app on a new SQLite database in `folder`, holding the demo data."""
    from marketplace.catalog.services import load_categories
    from marketplace.demo.seed import seed_demo

    app = create_app({
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{folder / 'demo.sqlite3'}",
        "SECRET_KEY": "screenshots",
        "UPLOAD_DIR": str(folder / "uploads"),
        "SEARCH_INDEX_DIR": str(folder / "search-index"),
        "MAIL_DIR": str(folder / "mail"),
        "RATELIMIT_ENABLED": False,
    })
    with app.app_context():
        db.create_all()
        load_categories()
        db.session.commit()
        seed_demo()
    return app


def serve(app):
    """Start `app` on a free loopback port in a daemon thread; return (server, base URL)."""
    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # no line per request
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_port}"


def add_to_cart(page, base, slug):
    page.goto(f"{base}/products/{slug}")
    page.locator("main form.add-to-cart button[type=submit]").first.click()
    page.wait_for_load_state()


def take_screenshots(base, out, chromium):
    shots = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
        context = browser.new_context(viewport=PHONE, device_scale_factor=1, locale="vi-VN", is_mobile=True, has_touch=True)
        page = context.new_page()
        for name, path in (("home", "/"), ("product", f"/products/{PRODUCT}")):
            page.goto(base + path)
            page.screenshot(path=out / f"{name}.png")
            shots.append(out / f"{name}.png")
        add_to_cart(page, base, PRODUCT)
        add_to_cart(page, base, SECOND_PRODUCT)
        page.goto(base + "/cart")
        page.screenshot(path=out / "cart.png")
        shots.append(out / "cart.png")
        browser.close()
    return shots


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args()
    chromium = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="ocop-screenshots-") as folder:
        print("Seeding the demo data…", flush=True)
        app = demo_app(Path(folder))
        server, base = serve(app)
        try:
            for shot in take_screenshots(base, args.out, chromium):
                print(f"{shot} ({shot.stat().st_size // 1024} KB)")
        finally:
            server.shutdown()
            with app.app_context():
                db.engine.dispose()


if __name__ == "__main__":
    main()
