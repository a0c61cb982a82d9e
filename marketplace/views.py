"""View helpers shared by every blueprint."""
from flask import flash, jsonify

from marketplace import unitofwork
from marketplace.errors import Refusal
from marketplace.forms import ActionForm, flash_form_errors, flash_problems


def no_store(response):
    """after_request hook of blueprints whose pages are personal: no shared cache, and no
    copy left in the browser after signing out."""
    response.headers["Cache-Control"] = "no-store"
    return response


def json_error(status, code, message, fields=None, request_id=None):
    """THE shape of every JSON error (the API's, and pages asked for JSON):
    `{"error": {"code": "not_found", "message": "…", "fields": {"title": ["…"]}}}`; a server
    error adds the `request_id` that names its log line."""
    error = {"code": code, "message": str(message), "fields": fields or {}}
    if request_id:
        error["request_id"] = request_id
    return jsonify(error=error), status


def act(action, done=None, form=None):
    """The "act, flash, redirect" of every button: on a valid `form` (default: an ActionForm,
    only the CSRF token) run `action(form)`, commit, flash `done`; on a refusal roll back, so
    nothing is saved, and flash why. Returns True when the action was done; the caller
    redirects either way."""
    form = form or ActionForm()
    if not form.validate_on_submit():
        flash_form_errors(form)
        return False
    try:
        action(form)
        unitofwork.commit()
    except Refusal as refusal:
        unitofwork.rollback()
        flash_problems(refusal.problems)
        return False
    if done:
        flash(str(done), "success")
    return True
