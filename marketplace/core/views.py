"""Site-wide plumbing: health check, uploaded media, error pages, security headers, the
no-store hook. It serves every domain and imports none (the home page is the storefront's)."""
import posixpath

import sqlalchemy as sa
from flask import Blueprint, abort, current_app, g, jsonify, render_template, request, send_from_directory
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError

from marketplace.core import observe
from marketplace.extensions import db
from marketplace.views import json_error

bp = Blueprint("core", __name__)

# One year: uploaded files get random names and never change in place.
MEDIA_MAX_AGE = 365 * 24 * 3600


@bp.get("/healthz")
def healthz():
    """Alive (and its database answers); /readyz checks every part (marketplace/core/observe.py)."""
    try:
        database = observe.database()
    except sa.exc.SQLAlchemyError:
        database = "unavailable"
    status = 200 if database == "ok" else 503
    return jsonify(status="ok" if status == 200 else "degraded", database=database), status


# Folders under UPLOAD_DIR that are never public: each has its own route that checks who asks.
PRIVATE_MEDIA_FOLDERS = ("certificates",)


@bp.get("/media/<path:filename>")
def media(filename):
    # Normalised as send_from_directory will ("a/../certificates/x", "./Certificates/x").
    if posixpath.normpath(filename).lower().split("/")[0] in PRIVATE_MEDIA_FOLDERS:
        abort(404)
    response = send_from_directory(current_app.config["UPLOAD_DIR"], filename, max_age=MEDIA_MAX_AGE)
    response.cache_control.immutable = True
    return response


@bp.after_app_request
def security_headers(response):
    response.headers.setdefault(
        "Content-Security-Policy",
        "default-src 'self'; img-src 'self' data:; script-src 'self'; style-src 'self'; "
        "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
    )
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("X-Frame-Options", "DENY")
    response.headers.setdefault("Referrer-Policy", "strict-origin-when-cross-origin")
    response.headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
    if current_app.config["SESSION_COOKIE_SECURE"]:
        # Served over HTTPS only (production): browsers refuse plain HTTP for a year.
        response.headers.setdefault("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
    if "lang" in request.args:
        response.vary.add("Cookie")
    return response


def wants_json():
    return request.path.startswith("/api/") or request.accept_mimetypes.best == "application/json"


def _error(status, title, message, code):
    # On a server error the visitor can quote the request id that names its log line.
    reference = g.get("request_id", "") if status >= 500 else ""
    if wants_json():
        return json_error(status, code, message, request_id=reference or None)
    return render_template("core/error.html", status=status, title=title, message=message, reference=reference), status


def register_error_pages(app):
    @app.errorhandler(400)
    def bad_request(error):
        return _error(400, _("Bad request"), _("The request could not be understood."), "bad_request")

    @app.errorhandler(CSRFError)
    def csrf_failed(error):
        return _error(400, _("Form expired"), _("The form has expired or was sent from elsewhere. Please go back, reload the page and try again."), "form_expired")

    @app.errorhandler(403)
    def forbidden(error):
        return _error(403, _("Not for this account"), _("This page is for another kind of account. If you think you should see it, sign in with the right account."), "forbidden")

    @app.errorhandler(429)
    def too_many_requests(error):
        return _error(429, _("Too many attempts"), _("You have tried this too often in a short time. Please wait a minute and try again."), "rate_limited")

    @app.errorhandler(404)
    def not_found(error):
        return _error(404, _("Page not found"), _("We could not find that page. It may have moved or never existed."), "not_found")

    @app.errorhandler(405)
    def method_not_allowed(error):
        body, status = _error(405, _("Not allowed"), _("That action is not allowed here."), "method_not_allowed")
        # RFC 9110: a 405 lists the methods the resource has.
        return body, status, {"Allow": ", ".join(sorted(getattr(error, "valid_methods", None) or ()))}

    @app.errorhandler(413)
    def too_large(error):
        return _error(413, _("Too large"), _("What you sent is too large. Photos may be at most 8 MB each."), "too_large")

    @app.errorhandler(500)
    def server_error(error):
        db.session.rollback()
        return _error(500, _("Something went wrong"), _("Sorry, something went wrong on our side. Please try again in a moment."), "server_error")
