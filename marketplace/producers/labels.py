"""What an organisation's review status is called on pages (translated), and the organisation
of the signed-in user for the pages of other domains (the account page, the menu)."""
from flask_babel import lazy_gettext as _l

from marketplace.producers.models import ApprovalStatus
from marketplace.producers.organisations import organisation_of, organisation_type

STATUS_LABELS = {
    ApprovalStatus.PENDING: _l("Waiting for the council's review"),
    ApprovalStatus.APPROVED: _l("Approved"),
    ApprovalStatus.REJECTED: _l("Not approved"),
}


def status_label(status):
    return STATUS_LABELS.get(status, str(status))


def organisation_endpoint(organisation):
    """The page where the staff of `organisation` see it."""
    return organisation_type(organisation).account_endpoint


def init_app(app):
    app.jinja_env.globals.update(
        status_label=status_label, organisation_of=organisation_of, organisation_endpoint=organisation_endpoint
    )
