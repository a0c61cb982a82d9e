"""A Redis database for the jobs tests (db 10); before and after each test they delete the
queue's keys there (RQ's "rq:…" and the scheduler's "marketplace:jobs:…"), nothing else."""
import os

import pytest

from tests.conftest import skip_or_fail

REDIS_TEST_URL = os.environ.get("TEST_JOBS_REDIS_URL", "redis://127.0.0.1:6379/10")


@pytest.fixture
def redis_jobs(app, monkeypatch):
    """The test app queues to Redis (db 10) instead of sending inline; yields the connection."""
    import redis

    connection = redis.Redis.from_url(REDIS_TEST_URL)
    try:
        connection.ping()
    except redis.RedisError as error:
        skip_or_fail(f"Redis unreachable at {REDIS_TEST_URL}: {error}")
    clear(connection)
    monkeypatch.setitem(app.config, "JOBS_REDIS_URL", REDIS_TEST_URL)
    app.extensions.pop("jobs.redis", None)
    yield connection
    app.extensions.pop("jobs.redis", None)
    clear(connection)
    connection.close()


def clear(connection):
    from marketplace.jobs.queue import PREFIX

    for pattern in ("rq:*", PREFIX + "*"):
        keys = list(connection.scan_iter(pattern, count=1000))
        if keys:
            connection.delete(*keys)


@pytest.fixture
def work(app, redis_jobs):
    """Run the worker until the queue is empty (RQ's SimpleWorker in burst mode: no sleeping)."""
    from marketplace.jobs.worker import make_worker

    def run():
        worker = make_worker(app)
        worker.work(burst=True, with_scheduler=False)
        return worker

    return run
