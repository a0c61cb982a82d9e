"""Migrations build the whole schema from empty, on SQLite and PostgreSQL, and match the models."""
import uuid

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade

from marketplace.extensions import db
from tests.conftest import DATABASE_URL, _TMP, make_test_app


@pytest.fixture
def empty_database_url():
    url = sa.engine.make_url(DATABASE_URL)
    if url.get_backend_name() == "sqlite":
        yield f"sqlite:///{_TMP / f'migrations-{uuid.uuid4().hex}.sqlite3'}"
        return
    name = f"ocop_migrations_{uuid.uuid4().hex[:8]}"
    admin = sa.create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
    try:
        yield url.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def test_upgrade_from_empty_matches_the_models_and_downgrades(empty_database_url):
    app = make_test_app(SQLALCHEMY_DATABASE_URI=empty_database_url)
    with app.app_context():
        upgrade()
        with db.engine.connect() as connection:
            # Alembic's options as the app configures them (search tables outside the models).
            options = {"include_object": app.extensions["migrate"].configure_args["include_object"]}
            differences = compare_metadata(MigrationContext.configure(connection, opts=options), db.metadata)
            categories = connection.execute(sa.text("SELECT count(*) FROM ocop_categories")).scalar()
        assert differences == [], f"models and migrations differ: {differences}"
        assert categories == 27
        downgrade(revision="base")
        with db.engine.connect() as connection:
            assert set(sa.inspect(connection).get_table_names()) <= {"alembic_version"}
        db.engine.dispose()
