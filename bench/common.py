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


def requests_per_second(url, seconds=8, connections=8, headers=None):
    """Requests/s that wrk sustains on `url` (2 threads); a plain-Python loader if wrk is missing.
    `url` may be a list of URLs of one server, requested in turn; `headers` go with each request
    (e.g. a session cookie)."""
    urls = [url] if isinstance(url, str) else list(url)
    headers = headers or {}
    if shutil.which("wrk"):
        import json
        import tempfile
        from urllib.parse import urlsplit

        with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
            paths = [urlsplit(u)._replace(scheme="", netloc="").geturl() for u in urls]
            script.write("paths = {" + ", ".join(json.dumps(p) for p in paths) + "}\ni = 0\n"
                         "request = function() i = i + 1; return wrk.format('GET', paths[(i % #paths) + 1]) end\n")
        command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "-s", script.name]
        for name, value in headers.items():
            command += ["-H", f"{name}: {value}"]
        output = subprocess.run(command + [urls[0]], capture_output=True, text=True, check=True).stdout
        os.unlink(script.name)
        non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
        if non_2xx:
            raise RuntimeError(f"{url}: {non_2xx.group(1)} error responses")
        return float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    from concurrent.futures import ThreadPoolExecutor
    from itertools import count

    deadline = time.monotonic() + seconds
    turn = count()

    def worker(_):
        done = 0
        while time.monotonic() < deadline:
            request = urllib.request.Request(urls[next(turn) % len(urls)], headers=headers)
            with urllib.request.urlopen(request, timeout=10) as response:
                response.read()
            done += 1
        return done

    with ThreadPoolExecutor(connections) as pool:
        return sum(pool.map(worker, range(connections))) / seconds
