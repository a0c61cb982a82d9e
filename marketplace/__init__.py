"""The OCOP marketplace: create_app() builds the Flask application."""
from pathlib import Path

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from marketplace.config import PROJECT_ROOT, load_config


def create_app(test_config=None):
    """Application factory: config → extensions → blueprints → CLI.

    `test_config`, a mapping, overrides every setting read from the environment.
    """
    app = Flask(
        __name__,
        instance_path=str(PROJECT_ROOT / "instance"),
        template_folder=str(PROJECT_ROOT / "templates"),
        static_folder=str(PROJECT_ROOT / "static"),
    )
    app.config.from_mapping(load_config())
    if test_config:
        app.config.from_mapping(test_config)
    Path(app.config["UPLOAD_DIR"]).mkdir(parents=True, exist_ok=True)
    if app.config["TRUSTED_PROXIES"]:
        proxies = app.config["TRUSTED_PROXIES"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies, x_host=proxies)

    from marketplace import safety

    configure_observing(app)  # first: every answer, a refused one too, gets its request id and log line
    safety.configure_routing(app)  # before any route: every <int:…> is bounded
    safety.init_app(app)  # trusted hosts, NUL bytes refused
    configure_extensions(app)
    configure_static(app)
    configure_blueprints(app)
    configure_cli(app)
    return app


def configure_observing(app):
    from marketplace.core import observe
    from marketplace.payments.card import payments_by_status
    from marketplace.search.service import readiness as search_readiness

    observe.init_app(
        app,
        checks={"search": search_readiness},
        gauges={"marketplace_payments": ("Card payments by state", "state", payments_by_status)},
    )


def configure_extensions(app):
    from marketplace import cache, i18n, models, unitofwork  # noqa: F401  (models: every table known to Alembic)
    from marketplace.core import pagecache
    from marketplace.extensions import babel, csrf, db, migrate

    db.init_app(app)
    unitofwork.init_app(app)  # side effects run after their transaction commits, once
    cache.init_app(app)  # shared by every process: Redis when REDIS_URL is set
    pagecache.init_app(app)
    # include_object: autogenerate leaves the PostgreSQL search tables (migration 0003) alone.
    from marketplace.search.backends.postgres import include_object

    migrate.init_app(app, db, directory=str(PROJECT_ROOT / "migrations"), include_object=include_object)
    csrf.init_app(app)
    babel.init_app(app, locale_selector=i18n.select_locale)
    i18n.init_app(app)
    configure_accounts(app)
    configure_search(app)
    from marketplace import jobs

    jobs.init_app(app)  # mail and notices leave through the outbox: a worker on Redis, or inline


def configure_static(app):
    from marketplace.core import assets

    assets.init_app(app)  # hashed names, a year's cache, minified CSS, brotli/gzip for every page


def configure_search(app):
    from marketplace.search import service

    service.init_app(app)  # index sync: session hooks feeding the app's one writer


def configure_accounts(app):
    from marketplace.accounts import authz, labels
    from marketplace.distributors import labels as distributor_labels
    from marketplace.extensions import limiter
    from marketplace.producers import labels as organisation_labels

    authz.init_app(app)  # Flask-Login: session loading, sign-in redirects
    limiter.init_app(app)
    labels.init_app(app)
    organisation_labels.init_app(app)  # status_label(), organisation_of() in templates
    distributor_labels.init_app(app)


def configure_blueprints(app):
    from marketplace.accounts.views import bp as accounts_bp
    from marketplace.api.account_views import bp as api_keys_bp
    from marketplace.api.sourcing import bp as distributor_api_bp
    from marketplace.api.views import bp as api_bp
    from marketplace.core.views import bp as core_bp, register_error_pages
    from marketplace.distributors.views import bp as distributors_bp
    from marketplace.notices.views import bp as notices_bp
    from marketplace.producers.organisation_views import bp as organisations_bp
    from marketplace.search.views import bp as search_bp

    for blueprint in (core_bp, api_bp, distributor_api_bp, api_keys_bp, accounts_bp, organisations_bp, distributors_bp, notices_bp, search_bp):
        app.register_blueprint(blueprint)
    configure_storefront(app)
    configure_value_chain(app)
    configure_portal(app)
    configure_traceability(app)
    configure_orders(app)
    configure_payments(app)
    configure_findability(app)
    register_error_pages(app)


def configure_storefront(app):
    from marketplace.catalog import fragments, services as catalog, views as catalog_views
    from marketplace.distributors.authz import wholesale_viewer
    from marketplace.producers import views as producers_views
    from marketplace.search import service as search

    # Imports point one way, search → catalog → producers; a page that shows what a package
    # above it owns gets the function here (README, "Walls between packages").
    catalog_views.init_app(app, search_products=search.search_products, sees_wholesale=wholesale_viewer)
    fragments.init_app(app)  # cached_cards(), cached_filter_form() in templates
    producers_views.init_app(app, product_counts=catalog.published_product_counts, product_cards=catalog.cooperative_products)
    app.register_blueprint(catalog_views.bp)  # /, /products, /products/<slug>
    app.register_blueprint(producers_views.bp)  # /cooperatives, /cooperatives/<slug>


def configure_value_chain(app):
    from marketplace.valuechain.views import bp as valuechain_bp

    # /value-chain, /sourcing, /distributors; its labels and the `valuechain digest` command
    app.register_blueprint(valuechain_bp)


def configure_portal(app):
    from marketplace.portal.views import bp as portal_bp
    from marketplace.program import labels
    from marketplace.program.progress_views import bp as progress_bp
    from marketplace.program.views import bp as program_bp

    labels.init_app(app)  # certificate_status_label(), assessing_level_label() in templates
    app.register_blueprint(portal_bp)  # /portal: the cooperative's dashboard, listings, stock, certificates
    app.register_blueprint(program_bp)  # /council/reviews and certificate scans
    app.register_blueprint(progress_bp)  # /program: the program's progress in public


def configure_traceability(app):
    from marketplace.traceability import labels
    from marketplace.traceability.views import bp as trace_bp, portal_bp as portal_lots_bp

    labels.init_app(app)  # revised_field_label(), |thousands in templates
    app.register_blueprint(trace_bp)  # /t/<code>: a lot's trace page and its QR
    app.register_blueprint(portal_lots_bp)  # /portal/lots: record lots, print QR stamps, see scans


def configure_orders(app):
    from marketplace.orders.portal_views import bp as portal_orders_bp
    from marketplace.orders.views import bp as orders_bp

    app.register_blueprint(orders_bp)  # cart, checkout, orders, reviews
    app.register_blueprint(portal_orders_bp)  # /portal/orders, /portal/sales, /portal/shipping


def configure_payments(app):
    from marketplace.payments.views import bp as payments_bp

    # paying by card and back, /webhooks/stripe, /admin/payments, /admin/payouts, /portal/ledger
    app.register_blueprint(payments_bp)


def configure_findability(app):
    from marketplace.seo.views import bp as seo_bp

    # /sitemap.xml, /robots.txt; canonical and hreflang links, JSON-LD helpers in templates
    app.register_blueprint(seo_bp)


def configure_cli(app):
    from marketplace.core.cli import check_config_command, serve_command
    from marketplace.demo.commands import seed_demo_command

    app.cli.add_command(check_config_command)
    app.cli.add_command(serve_command)

    app.cli.add_command(seed_demo_command)

    from marketplace.accounts.cli import accounts_cli, create_admin_command

    app.cli.add_command(create_admin_command)
    app.cli.add_command(accounts_cli)

    from marketplace.search.cli import search_cli

    app.cli.add_command(search_cli)

    from marketplace.program.cli import certificates_cli

    app.cli.add_command(certificates_cli)

    from marketplace.payments.cli import payments_cli

    app.cli.add_command(payments_cli)

    from marketplace.orders.cli import orders_cli

    app.cli.add_command(orders_cli)

    from marketplace.jobs.cli import jobs_cli

    app.cli.add_command(jobs_cli)
