"""WSGI entry point: `gunicorn wsgi:app`, `flask --app wsgi …`."""
from marketplace import create_app
from marketplace.config import ConfigError

try:
    app = create_app()
except ConfigError as error:
    # A production start with unfit settings: every problem on its own line, exit status 1.
    raise SystemExit("Refusing to start in production:\n" + "\n".join(f"✗ {line}" for line in str(error).splitlines())) from None
