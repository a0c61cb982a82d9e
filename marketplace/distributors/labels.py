"""What the kinds of distributor companies are called on pages (translated)."""
from flask_babel import lazy_gettext as _l

from marketplace.distributors.models import DistributorKind

DISTRIBUTOR_KIND_LABELS = {
    DistributorKind.WHOLESALER: _l("Wholesaler"),
    DistributorKind.RETAIL_CHAIN: _l("Retail chain"),
    DistributorKind.EXPORTER: _l("Exporter"),
    DistributorKind.HORECA: _l("Hotels, restaurants and cafés"),
    DistributorKind.ECOMMERCE: _l("Online shop"),
    DistributorKind.PROCESSOR: _l("Processor"),
}


def distributor_kind_label(kind):
    return DISTRIBUTOR_KIND_LABELS.get(kind, str(kind))


def init_app(app):
    app.jinja_env.globals.update(distributor_kind_label=distributor_kind_label)
