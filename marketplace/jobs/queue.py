"""The Redis queue "marketplace" (RQ), shared by the app servers that fill it and the worker."""
from flask import current_app
from rq import Queue, Retry

NAME = "marketplace"
# Keys of our own (scheduler locks) beside RQ's "rq:…" keys.
PREFIX = "marketplace:jobs:"


def connection(app=None):
    """The Redis client of JOBS_REDIS_URL (one per app), or None: then everything runs inline."""
    app = app or current_app
    url = app.config.get("JOBS_REDIS_URL")
    if not url:
        return None
    client = app.extensions.get("jobs.redis")
    if client is None:
        import redis

        # Short timeouts: a request that hands a mail over must not hang on a Redis that is down
        # (the sweep hands the row over later).
        client = redis.Redis.from_url(url, socket_timeout=5, socket_connect_timeout=2)
        app.extensions["jobs.redis"] = client
    return client


def queue(app=None):
    client = connection(app)
    return Queue(NAME, connection=client) if client is not None else None


def backoff(config=None):
    """Seconds before each retry: JOBS_RETRY_SECONDS, doubled each time (30, 60, 120, …)."""
    config = config or current_app.config
    return [config["JOBS_RETRY_SECONDS"] * 2 ** n for n in range(config["JOBS_RETRIES"])]


def enqueue_delivery(q, outbox_id):
    """Queue the sending of one outbox row (job id "outbox-<id>"). Handing a row over twice (the
    sweep after a lost hand-over) is harmless: the row's claim lets one job send it."""
    config = current_app.config
    return q.enqueue(
        "marketplace.jobs.worker.run_delivery", outbox_id,
        job_id=f"outbox-{outbox_id}",
        retry=Retry(max=config["JOBS_RETRIES"], interval=backoff(config)) if config["JOBS_RETRIES"] else None,
        description=f"outbox {outbox_id}",
        result_ttl=3600, failure_ttl=7 * 86400,
    )
