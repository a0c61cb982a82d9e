"""Run the same work in several threads at once, for the PostgreSQL race tests.

SQLite serialises writers and would hide every race, so these tests run on PostgreSQL only
(DATABASE_URL=postgresql+psycopg://…; `.ci/run` does under CI=true). Each thread has its own
app context, hence its own database session and connection."""
import threading

import pytest

from marketplace.extensions import db


@pytest.fixture
def postgres_only(app):
    if db.engine.dialect.name != "postgresql":
        pytest.skip("SQLite serialises writers, which hides races: run with DATABASE_URL=postgresql+psycopg://…")


def run_together(app, count, work):
    """Run work(i) in `count` threads released at the same moment; returns results in order
    (the exception raised, if any). `work` must not touch this thread's ORM objects."""
    barrier = threading.Barrier(count)
    results = [None] * count

    def run(i):
        with app.app_context(), app.test_request_context("/?lang=en"):
            barrier.wait()
            try:
                results[i] = work(i)
            except Exception as error:  # noqa: BLE001 - reported to the test
                results[i] = error
            finally:
                db.session.remove()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads)
    return results
