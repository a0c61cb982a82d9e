"""Shared fixtures: an app on the test database (SQLite file by default, PostgreSQL when
DATABASE_URL says so), emptied after every test, plus factories and a query counter."""
import os
import tempfile
from pathlib import Path

import pytest
import sqlalchemy as sa
from flask.testing import FlaskClient

from marketplace import create_app
from marketplace.catalog.services import load_categories
from marketplace.payments.withholding import load_rates
from marketplace.extensions import db

IN_CI = os.environ.get("CI", "").lower() == "true"
_TMP = Path(tempfile.mkdtemp(prefix="ocop-tests-"))
DATABASE_URL = os.environ.get("DATABASE_URL") or f"sqlite:///{_TMP / 'test.sqlite3'}"
# Reference data that the migration loads and the tests keep between tests.
KEPT_TABLES = {"ocop_categories", "withholding_rates"}


def skip_or_fail(reason):
    """Outside CI a missing browser or database skips; under CI=true it is a failure."""
    if IN_CI:
        pytest.fail(f"{reason} (required under CI=true)")
    pytest.skip(reason)


class IsolatedClient(FlaskClient):
    """Each request gets its own app context (fresh `g`, its own DB session), as in production,
    even though the test itself holds an app context for its factories."""

    def open(self, *args, **kwargs):
        with self.application.app_context():
            return super().open(*args, **kwargs)


def make_test_app(**overrides):
    config = {
        "TESTING": True,
        "SQLALCHEMY_DATABASE_URI": DATABASE_URL,
        "SECRET_KEY": "test-secret",
        "WTF_CSRF_ENABLED": False,
        "UPLOAD_DIR": str(_TMP / "uploads"),
        "SEARCH_INDEX_DIR": str(_TMP / "search-index"),
        "SERVER_NAME": None,
        "RATELIMIT_ENABLED": False,
        "CATALOGUE_CACHE_SECONDS": 0,
        "PASSWORD_HASH_PROFILE": "CHEAPEST",  # argon2 at full cost would slow every sign-in test
        "MAIL_DIR": str(_TMP / "mail"),
        # Mail inline even where a test sets REDIS_URL for the cache; tests/jobs use their own Redis db.
        "JOBS_REDIS_URL": "",
    }
    config.update(overrides)
    app = create_app(config)
    app.test_client_class = IsolatedClient
    _apps.append(app)
    return app


_apps = []


@pytest.fixture(scope="session", autouse=True)
def _dispose_engines():
    """Close every pooled connection at the end (an open psycopg connection warns, and warnings fail)."""
    yield
    for app in _apps:
        with app.app_context():
            db.engine.dispose()


@pytest.fixture(scope="session")
def _schema():
    app = make_test_app()
    with app.app_context():
        try:
            db.session.execute(sa.text("SELECT 1"))
        except sa.exc.OperationalError as error:
            skip_or_fail(f"test database unreachable: {error.orig}")
        db.drop_all()
        db.create_all()
        load_categories()
        load_rates()
        db.session.commit()
    return app


def empty_database():
    db.session.rollback()
    with db.engine.begin() as connection:
        for table in reversed(db.metadata.sorted_tables):
            if table.name not in KEPT_TABLES:
                connection.execute(table.delete())


@pytest.fixture
def app(_schema):
    from marketplace.mail import outbox

    outbox(_schema).clear()  # every test starts with no captured mail
    with _schema.app_context():
        yield _schema
        db.session.remove()
        empty_database()
        clear_search_index()
        clear_shared_cache(_schema)


def clear_shared_cache(app):
    """The next test's rows reuse ids: nothing rendered for this test's rows may survive it."""
    app.extensions["cache"].clear()


def clear_search_index():
    """The search index follows the emptied database: the next search rebuilds it (cheap)."""
    from marketplace.search import service

    service.clear_index()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def outbox(app):
    """Mail sent during this test, from the moment the test asks for it."""
    from marketplace import mail

    messages = mail.outbox(app)
    messages.clear()
    yield messages
    messages.clear()


@pytest.fixture
def count_queries(app):
    """Usage: `with count_queries() as queries: ...; assert len(queries) == N`."""
    from contextlib import contextmanager

    @contextmanager
    def counting():
        statements = []

        def before(conn, cursor, statement, parameters, context, executemany):
            statements.append(statement)

        sa.event.listen(db.engine, "before_cursor_execute", before)
        try:
            yield statements
        finally:
            sa.event.remove(db.engine, "before_cursor_execute", before)

    return counting
