"""Shared bench plumbing: serve a WSGI app with gunicorn on 127.0.0.1 and load it with wrk."""
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def seeded_demo(instance):
    """Migrate a throw-away SQLite database in `instance` and load the demo data; return the
    environment that serves it."""
    env = {
        "DATABASE_URL": f"sqlite:///{instance / 'bench.sqlite3'}",
        "UPLOAD_DIR": str(instance / "uploads"),
        "SEARCH_INDEX_DIR": str(instance / "search-index"),
        "SECRET_KEY": "bench",
        "INSTANCE_DIR": str(instance),
    }
    flask = [str(BIN / "flask"), "--app", "wsgi"]
    for command in (["db", "upgrade"], ["seed-demo"]):
        subprocess.run(flask + command, cwd=ROOT, env={**os.environ, **env}, check=True, capture_output=True)
    return env


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def served(app_spec, env, workers=2):
    """Run `gunicorn app_spec` on a free loopback port; yield its base URL."""
    port = free_port()
    process = subprocess.Popen(
        [str(BIN / "gunicorn"), "-w", str(workers), "-b", f"127.0.0.1:{port}", "--log-level", "warning", app_spec],
        cwd=ROOT, env={**os.environ, **env},
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(url + "/", timeout=1).read()
                break
            except OSError:
                time.sleep(0.1)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


def requests_per_second(url, seconds=8, connections=8):
    """Requests/s that wrk sustains on `url` (2 threads); a plain-Python loader if wrk is missing."""
    if shutil.which("wrk"):
        output = subprocess.run(
            ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", url], capture_output=True, text=True, check=True
        ).stdout
        non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
        if non_2xx:
            raise RuntimeError(f"{url}: {non_2xx.group(1)} error responses")
        return float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    from concurrent.futures import ThreadPoolExecutor

    deadline = time.monotonic() + seconds

    def worker(_):
        done = 0
        while time.monotonic() < deadline:
            urllib.request.urlopen(url, timeout=10).read()
            done += 1
        return done

    with ThreadPoolExecutor(connections) as pool:
        return sum(pool.map(worker, range(connections))) / seconds
