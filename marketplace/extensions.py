"""Flask extensions, created here and bound to the app in create_app()."""
from flask import current_app
from flask_babel import Babel
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_sqlalchemy.session import Session as FlaskSession
from flask_wtf.csrf import CSRFProtect
from sqlalchemy import MetaData
from sqlalchemy.orm import DeclarativeBase


class Base(DeclarativeBase):
    # Named constraints so that Alembic migrations are stable on SQLite and PostgreSQL.
    metadata = MetaData(
        naming_convention={
            "ix": "ix_%(column_0_label)s",
            "uq": "uq_%(table_name)s_%(column_0_name)s",
            "ck": "ck_%(table_name)s_%(constraint_name)s",
            "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
            "pk": "pk_%(table_name)s",
        }
    )


class Session(FlaskSession):
    def commit(self):
        """Commit, then run the side effects registered for this transaction
        (`unitofwork.after_commit`), whether the caller commits through the unit of work or
        calls `db.session.commit()` itself: one mechanism, and nothing waits for a later commit."""
        super().commit()
        from marketplace.unitofwork import run_due  # unitofwork imports `db` from here

        run_due(self)


db = SQLAlchemy(model_class=Base, session_options={"class_": Session})
migrate = Migrate()
csrf = CSRFProtect()
babel = Babel()
login_manager = LoginManager()
# Storage comes from RATELIMIT_STORAGE_URI (memory://, or Redis when REDIS_URL is set).
limiter = Limiter(key_func=get_remote_address)


@limiter.request_filter
def _rate_limits_switched_off():
    # The limiter object is shared by every app made in one process (tests make several); each
    # app's own RATELIMIT_ENABLED decides, not whichever app was initialised last.
    return not current_app.config.get("RATELIMIT_ENABLED", True)
