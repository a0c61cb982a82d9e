"""A distributor company's API keys, on its account pages: made (the token shown once, on the
answer to the form, never again), listed and revoked by its staff."""
from flask import Blueprint, redirect, render_template, url_for
from flask_babel import gettext as _

from marketplace import unitofwork
from marketplace.accounts.authz import signed_in_user
from marketplace.api import keys
from marketplace.api.forms import ApiKeyForm
from marketplace.api.models import ApiKey
from marketplace.distributors.authz import current_distributor, owned_by_current_distributor, require_approved_distributor
from marketplace.errors import Refusal
from marketplace.extensions import db
from marketplace.forms import ActionForm, show_refusal
from marketplace.views import act, no_store

bp = Blueprint("api_keys", __name__)
bp.after_request(no_store)  # the page that shows a new token must not be kept anywhere


def _page(form, token=None, created=None, status=200):
    return render_template(
        "api/keys.html", form=form, company=current_distributor(), keys=keys.company_keys(current_distributor()),
        token=token, created=created,
        action_form=ActionForm(),
    ), status


@bp.get("/account/company/api-keys")
@require_approved_distributor
def api_keys():
    return _page(ApiKeyForm())


@bp.post("/account/company/api-keys")
@require_approved_distributor
def create_api_key():
    form = ApiKeyForm()
    if form.validate_on_submit():
        try:
            key, token = keys.create_key(current_distributor(), signed_in_user(), form.name.data, form.scopes.data,
                                         form.rate())
        except Refusal as refusal:
            unitofwork.rollback()
            show_refusal(form, refusal)
        else:
            return _page(ApiKeyForm(formdata=None), token=token, created=key, status=201)
    return _page(form)


@bp.post("/account/company/api-keys/<int:key_id>/revoke")
@require_approved_distributor
def revoke_api_key(key_id):
    key = owned_by_current_distributor(db.session.get(ApiKey, key_id))
    act(lambda form: keys.revoke_key(key), _("The key is revoked: requests with it are refused from now on."))
    return redirect(url_for("api_keys.api_keys"))
