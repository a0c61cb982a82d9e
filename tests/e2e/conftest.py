"""Browser journeys: the app served on 127.0.0.1 in a thread, driven by pytest-playwright
in Debian's chromium (never a downloaded browser)."""
import os
import re
import shutil
import threading

import pytest
from werkzeug.serving import make_server

from tests.conftest import skip_or_fail
from tests.e2e.accessibility import AXE, checked_urls

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    if not os.path.exists(CHROMIUM):
        skip_or_fail("Debian's chromium is not installed (apt-get install chromium)")
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "vi-VN", "viewport": {"width": 1280, "height": 900}}


@pytest.fixture
def live_server(app):
    """Serve the test app (same database as the test) and yield its base URL."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=5)


@pytest.fixture(autouse=True)
def _e2e_marker(request):
    request.node.add_marker(pytest.mark.e2e)


# Pages that send the browser on by themselves (the hand-off to Stripe's page): gone before a check.
PASSING_THROUGH = re.compile(r"/orders/[^/]+/pay$")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call":
        item.call_failed = report.failed
    return report


@pytest.fixture
def page(page, live_server, request):
    """The journey's page, and a check that every page of the site it loaded went through
    `assert_accessible` (axe-core): a new step without the check fails the journey."""
    if not AXE.exists():
        skip_or_fail("axe-core is not installed: run `npm ci --no-audit --no-fund` (make test does)")
    loaded = []
    page.on("load", lambda loaded_page: loaded.append(loaded_page.url))
    yield page
    if getattr(request.node, "call_failed", True):
        return  # the journey's own failure says enough
    ours = {url for url in loaded if url.startswith(live_server) and not PASSING_THROUGH.search(url)}
    unchecked = sorted(ours - checked_urls(page))
    if unchecked:
        pytest.fail("pages never checked with assert_accessible(page):\n  " + "\n  ".join(unchecked), pytrace=False)
