"""gunicorn settings for production: `make serve`, `flask --app wsgi serve`, or
`gunicorn -c deploy/gunicorn.conf.py wsgi:app`. Every value can be overridden from the
environment (names below) or gunicorn's own command line."""
import multiprocessing
import os
import shutil
import tempfile

bind = os.environ.get("BIND", "127.0.0.1:8000")  # behind nginx (TRUSTED_PROXIES=1)
# Sync workers: the app is CPU-bound (templates, Python), so two per core plus one.
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 30))  # a stuck worker is killed and replaced
graceful_timeout = 30  # on HUP or TERM, requests in flight get this long to finish
keepalive = 5
# Recycle each worker after about a thousand requests (staggered), so memory growth never piles up.
max_requests = 1000
max_requests_jitter = 100
accesslog = os.environ.get("ACCESS_LOG", "-")  # stdout; the app also logs one JSON line per request
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms id=%({x-request-id}o)s'
errorlog = "-"

# Prometheus counters of every worker, added up at each scrape (marketplace/core/observe.py).
# Set before any worker imports prometheus_client; emptied at each start of the master.
metrics_dir = os.environ.setdefault("PROMETHEUS_MULTIPROC_DIR", os.path.join(tempfile.gettempdir(), f"ocop-metrics-{os.getpid()}"))

from prometheus_client import multiprocess  # noqa: E402 - after the variable it reads


def on_starting(server):
    shutil.rmtree(metrics_dir, ignore_errors=True)
    os.makedirs(metrics_dir, exist_ok=True)


def child_exit(server, worker):
    multiprocess.mark_process_dead(worker.pid)


def on_exit(server):
    shutil.rmtree(metrics_dir, ignore_errors=True)
