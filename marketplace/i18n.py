"""Language choice and the formats shoppers read: prices, dates, stars."""
from flask import current_app, has_request_context, request, session
from flask_babel import format_date, get_locale, lazy_gettext as _l

from marketplace import clock, terms
from marketplace.markup import render_markdown
from marketplace.media import image_url
from marketplace.money import format_vnd


def select_locale():
    """`?lang=` wins and is remembered in the session; then the session; then Vietnamese."""
    languages = current_app.config["LANGUAGES"]
    if not has_request_context():  # CLI commands and mail outside a request; force_locale overrides
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    requested = request.args.get("lang")
    if requested in languages:
        session["lang"] = requested
        return requested
    remembered = session.get("lang")
    if remembered in languages:
        return remembered
    return current_app.config["BABEL_DEFAULT_LOCALE"]


def current_language():
    return str(get_locale() or "vi")


def price(amount):
    """`85.000 ₫` in Vietnamese, `₫85,000` in English."""
    return format_vnd(amount, current_language())


def short_date(value):
    """dd/mm/yyyy in Vietnamese, the English short form otherwise; a stored time (UTC) is
    shown as its local calendar day."""
    if value is None:
        return ""
    day = clock.local_date(value)
    if current_language() == "vi":
        return day.strftime("%d/%m/%Y")
    return format_date(day, "medium")


def date_time(value):
    """A stored time (UTC) as local date and minute: "08/12/2026 02:24"."""
    if value is None:
        return ""
    moment = clock.local(value)
    if current_language() == "vi":
        return moment.strftime("%d/%m/%Y %H:%M")
    return f"{format_date(moment.date(), 'medium')} {moment:%H:%M}"


def unit(value):
    """A product's unit in the reader's language ("hộp 400 g" → "box 400 g")."""
    return terms.unit_in(value, current_language())


def issuing_body(value):
    return terms.issuing_body_in(value, current_language())


def month_year(value):
    return clock.local_date(value).strftime("%m/%Y") if value else ""


ENTITY_KIND_LABELS = {
    "cooperative": _l("Cooperative"),
    "cooperative_group": _l("Cooperative group"),
    "enterprise": _l("Enterprise"),
    "household": _l("Household business"),
    "individual": _l("Individual"),
}


def entity_kind_label(kind):
    return ENTITY_KIND_LABELS.get(str(kind), str(kind))


def init_app(app):
    app.jinja_env.filters["price"] = price
    app.jinja_env.filters["date"] = short_date
    app.jinja_env.filters["date_time"] = date_time
    app.jinja_env.filters["unit"] = unit
    app.jinja_env.filters["issuing_body"] = issuing_body
    app.jinja_env.filters["month_year"] = month_year
    app.jinja_env.globals["current_language"] = current_language
    app.jinja_env.globals["image_url"] = image_url
    app.jinja_env.globals["entity_kind_label"] = entity_kind_label
    app.jinja_env.filters["markdown"] = render_markdown
