"""What the app refuses before any view runs: foreign hosts, ids out of range, NUL bytes.

- Hosts: requests whose Host header is not the host of SITE_URL (or one of TRUSTED_HOSTS)
  answer 400, so nothing built from the request can point elsewhere. Links in mail never
  come from the request anyway: `mail.site_url()`.
- `<int:…>` in every route is bounded to the database's integer range; larger ids are 404,
  not a database overflow.
- A NUL byte in the path, the query string or a form field answers 400: databases refuse it
  (PostgreSQL) or truncate at it, and no honest form sends one.
"""
from urllib.parse import urlsplit

from flask import abort, request
from werkzeug.exceptions import SecurityError
from werkzeug.routing import IntegerConverter

# The largest value of a 32-bit signed integer column (PostgreSQL's `integer`).
MAX_ID = 2**31 - 1
FORM_TYPES = {"application/x-www-form-urlencoded", "multipart/form-data"}


class BoundedIntegerConverter(IntegerConverter):
    """`<int:…>` that matches only what fits an integer column: 2147483648 is a 404."""

    def __init__(self, map, fixed_digits=0, min=None, max=MAX_ID, signed=False):
        super().__init__(map, fixed_digits=fixed_digits, min=min, max=max, signed=signed)


def configure_routing(app):
    """Before any route is added: every `<int:…>` is bounded."""
    app.url_map.converters["int"] = BoundedIntegerConverter


def trusted_hosts(config):
    """SITE_URL's host, then the extra TRUSTED_HOSTS (development adds localhost and 127.0.0.1)."""
    site_host = urlsplit(config["SITE_URL"]).hostname
    return list(dict.fromkeys([site_host, *(config.get("TRUSTED_HOSTS") or [])]))


def init_app(app):
    app.config["TRUSTED_HOSTS"] = trusted_hosts(app.config)
    app.before_request(refuse_nul_bytes)
    # A foreign host cannot get the site's error page: building its links needs a trusted host.
    app.register_error_handler(SecurityError, lambda error: ("Unknown host.", 400, {"Content-Type": "text/plain"}))


def _has_nul(pairs):
    return any("\x00" in key or "\x00" in value for key, value in pairs)


def refuse_nul_bytes():
    if "\x00" in request.path or _has_nul(request.args.items(multi=True)):
        abort(400)
    if request.mimetype in FORM_TYPES and _has_nul(request.form.items(multi=True)):
        abort(400)


def query_id(name):
    """An id from the query string (`?product=12`), or None when missing, junk or out of range."""
    value = request.args.get(name, type=int)
    return value if value is not None and 0 < value <= MAX_ID else None
