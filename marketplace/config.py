"""Every setting of the marketplace, read from the environment.

Each setting is documented here and in `.env.example`; `create_app(test_config)` lets a
mapping override any of them (tests do).
"""
import os
import secrets
from decimal import Decimal, InvalidOperation
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from dotenv import load_dotenv

PROJECT_ROOT = Path(__file__).resolve().parent.parent
INSTANCE_DIR = Path(os.environ.get("INSTANCE_DIR", "").strip() or PROJECT_ROOT / "instance")


TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off"}


def env(name, default, cast=str):
    """The setting `name` from the environment, `default` when unset or blank (as in a copied
    .env.example), converted by `cast` (str, int, float, bool or a function); a value that does
    not convert stops the start with a message naming the variable."""
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    if cast is bool:
        if value.lower() in TRUE_WORDS | FALSE_WORDS:
            return value.lower() in TRUE_WORDS
        raise RuntimeError(f"{name} must be true or false, not {value!r}")
    try:
        return cast(value)
    except (TypeError, ValueError, ArithmeticError) as error:
        kind = {int: "a whole number", float: "a number"}.get(cast, "a valid value")
        raise RuntimeError(f"{name} must be {kind}, not {value!r}") from error


def _time_zone(name):
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as error:
        raise ValueError(name) from error
    return name


def is_production():
    return "production" in {env("FLASK_ENV", ""), env("APP_ENV", "")}


class ConfigError(RuntimeError):
    """The environment cannot start the site as configured; the message names every problem."""


def _secret_key(production):
    """SECRET_KEY from the environment; in development, generated once and kept in instance/."""
    key = env("SECRET_KEY", "")
    if key or production:
        return key  # production without one is refused by production_problems()
    path = INSTANCE_DIR / "secret_key"
    if not path.exists():
        INSTANCE_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_hex(32))
        path.chmod(0o600)
    return path.read_text().strip()


def load_config():
    """Build the configuration mapping from the environment (and a `.env` file if present).
    In production every problem of `production_problems` stops the start (ConfigError)."""
    load_dotenv(PROJECT_ROOT / ".env", override=False)
    config = _settings(is_production())
    if is_production():
        problems = production_problems(config)
        if problems:
            raise ConfigError("\n".join(problems))
    return config


WEAK_SECRET_KEYS = {"secret", "changeme", "change-me", "dev", "development", "test", "bench", "please-change-me"}
MIN_SECRET_KEY_LENGTH = 32


def production_problems(config):
    """What stops `config` from serving the public, one sentence each (empty: fit for production).
    `flask --app wsgi check-config` prints them; a production start refuses them."""
    problems = []
    key = config.get("SECRET_KEY") or ""
    if not key:
        problems.append("SECRET_KEY must be set in production (APP_ENV=production): "
                        "python -c 'import secrets; print(secrets.token_hex(32))'")
    elif len(key) < MIN_SECRET_KEY_LENGTH or len(set(key)) < 10 or key.lower() in WEAK_SECRET_KEYS:
        problems.append(f"SECRET_KEY is weak: use at least {MIN_SECRET_KEY_LENGTH} random characters "
                        "(python -c 'import secrets; print(secrets.token_hex(32))')")
    if not config.get("SITE_URL_SET"):
        problems.append("SITE_URL must be set in production (APP_ENV=production), e.g. https://ocop.example.vn")
    if str(config.get("SQLALCHEMY_DATABASE_URI", "")).startswith("sqlite"):
        problems.append("DATABASE_URL is SQLite: production needs PostgreSQL, "
                        "e.g. postgresql+psycopg://ocop@127.0.0.1:5432/ocop")
    if not config.get("REDIS_URL"):
        problems.append("REDIS_URL must be set in production: rate limits, the shared cache and "
                        "the job queue live in Redis, e.g. redis://127.0.0.1:6379/0")
    if config.get("STRIPE_SECRET_KEY") and not config.get("STRIPE_WEBHOOK_SECRET"):
        problems.append("STRIPE_SECRET_KEY is set without STRIPE_WEBHOOK_SECRET: paid orders would never "
                        "be confirmed (Stripe dashboard → Webhooks → signing secret)")
    return problems


def production_settings():
    """The settings this environment would give with APP_ENV=production (check-config)."""
    load_dotenv(PROJECT_ROOT / ".env", override=False)
    return _settings(production=True)


def _settings(production):
    _timezone = env("TIMEZONE", "Asia/Ho_Chi_Minh", _time_zone)
    return {
        # Where the data lives. SQLite under instance/ by default; PostgreSQL in production,
        # e.g. postgresql+psycopg://user@host:5432/ocop
        "SQLALCHEMY_DATABASE_URI": env("DATABASE_URL", f"sqlite:///{INSTANCE_DIR / 'marketplace.sqlite3'}"
        ),
        "SECRET_KEY": _secret_key(production),
        # Whoosh index folder (issue: search); always rebuildable from the database.
        "SEARCH_INDEX_DIR": env("SEARCH_INDEX_DIR", str(INSTANCE_DIR / "search-index")),
        # Search backend: "whoosh" (default; the local folder above, one per machine) or
        # "postgres" (PostgreSQL full-text search shared by several app servers; needs
        # DATABASE_URL on PostgreSQL and migration 0003, then `flask search reindex`).
        "SEARCH_BACKEND": env("SEARCH_BACKEND", "whoosh").lower(),
        # Seconds a save waits for the index writer before queueing its update for a retry.
        "SEARCH_WRITE_TIMEOUT": env("SEARCH_WRITE_TIMEOUT", 2, float),
        # Whoosh on several machines: each writes its changes to the search_changes feed and
        # applies the others' before searching, at most this often (seconds; 1 is right).
        # 0, the default, is one machine: no feed.
        "SEARCH_FEED_SECONDS": env("SEARCH_FEED_SECONDS", 0, float),
        # Uploaded and generated images (product photos, logos, certificate scans).
        "UPLOAD_DIR": env("UPLOAD_DIR", str(INSTANCE_DIR / "uploads")),
        # Stripe (card payments). Card payment is offered only when the secret key is set.
        "STRIPE_SECRET_KEY": env("STRIPE_SECRET_KEY", ""),
        "STRIPE_PUBLISHABLE_KEY": env("STRIPE_PUBLISHABLE_KEY", ""),
        "STRIPE_WEBHOOK_SECRET": env("STRIPE_WEBHOOK_SECRET", ""),
        "STRIPE_API_BASE": env("STRIPE_API_BASE", "https://api.stripe.com"),
        # Minutes a buyer has to pay on Stripe's page (Stripe accepts 30 to 1440); the stock of
        # an unpaid card order is released after that (`flask --app wsgi payments release-expired`).
        "STRIPE_SESSION_MINUTES": env("STRIPE_SESSION_MINUTES", 30, int),
        # Hours a cooperative has to confirm a cash-on-delivery order; after that its part is
        # cancelled and the stock released (`flask --app wsgi orders release-unconfirmed`).
        "COD_CONFIRM_HOURS": env("COD_CONFIRM_HOURS", 48, int),
        # Revisions an offer may have (the offer and each counter-offer): the negotiation ends
        # with an accept or a decline by then.
        "OFFER_MAX_ROUNDS": env("OFFER_MAX_ROUNDS", 6, int),
        # Seconds one call to Stripe's API may take before the buyer is offered a retry.
        "STRIPE_TIMEOUT_SECONDS": env("STRIPE_TIMEOUT_SECONDS", 10, float),
        # payOS (VietQR bank transfer). Offered only when the three keys are set; PAYOS_API_BASE
        # points tests and demos at a local stand-in (tests/payments/fake_payos.py).
        "PAYOS_CLIENT_ID": env("PAYOS_CLIENT_ID", ""),
        "PAYOS_API_KEY": env("PAYOS_API_KEY", ""),
        "PAYOS_CHECKSUM_KEY": env("PAYOS_CHECKSUM_KEY", ""),
        "PAYOS_API_BASE": env("PAYOS_API_BASE", "https://api-merchant.payos.vn"),
        # Minutes a VietQR payment link stays payable; the stock of an unpaid transfer order is
        # released after that (`flask --app wsgi payments release-expired`, as for cards).
        "PAYOS_LINK_MINUTES": env("PAYOS_LINK_MINUTES", 15, int),
        # Seconds one call to payOS may take before the buyer is offered a retry.
        "PAYOS_TIMEOUT_SECONDS": env("PAYOS_TIMEOUT_SECONDS", 10, float),
        # The marketplace's share of each sale's goods (not of shipping), as a decimal fraction:
        # 0.05 is 5 %. Cooperatives are credited the rest (ledger, payouts).
        "COMMISSION_RATE": _commission_rate(env("COMMISSION_RATE", "0.05")),
        # Redis shared by every process: rate limits and the storefront's shared cache
        # (marketplace/cache.py); each process's memory when unset.
        "REDIS_URL": env("REDIS_URL", ""),
        # The job queue's Redis (RQ, queue "marketplace"): REDIS_URL unless set. Empty: mail and
        # notices are sent inline after the commit, and nothing needs a worker (`make run`).
        "JOBS_REDIS_URL": env("JOBS_REDIS_URL", env("REDIS_URL", "")),
        # Retries of a failed send, and the first wait, doubled at each retry (30, 60, 120 s…).
        "JOBS_RETRIES": env("JOBS_RETRIES", 5, int),
        "JOBS_RETRY_SECONDS": env("JOBS_RETRY_SECONDS", 30, int),
        # A row claimed longer ago than this belongs to a worker that died: the sweep sends it
        # again (longer than any send takes; SMTP's timeout is 20 s).
        "JOBS_CLAIM_SECONDS": env("JOBS_CLAIM_SECONDS", 300, int),
        # A queued row still unsent after this long is queued again (Redis lost it); longer
        # than all the retries' waits together.
        "JOBS_REQUEUE_SECONDS": env("JOBS_REQUEUE_SECONDS", 3600, int),
        # Interface languages; the first is the default.
        "LANGUAGES": ["vi", "en"],
        "BABEL_DEFAULT_LOCALE": "vi",
        # The time zone every date is shown and reasoned in ("today", export and ledger
        # periods, reminders); times are stored in UTC.
        "TIMEZONE": _timezone,
        "BABEL_DEFAULT_TIMEZONE": _timezone,
        "PRODUCTS_PER_PAGE": env("PRODUCTS_PER_PAGE", 24, int),
        # Anonymous catalogue pages are cached this many seconds per process (0 disables);
        # a commit that changes the catalogue makes them stale in every process sharing
        # REDIS_URL at once (in its own process only without Redis).
        "CATALOGUE_CACHE_SECONDS": env("CATALOGUE_CACHE_SECONDS", 5, int),
        # Requests larger than this answer 413 (photos are limited to 8 MB each).
        "MAX_CONTENT_LENGTH": env("MAX_CONTENT_LENGTH", 20 * 1024 * 1024, int),
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": env("SESSION_COOKIE_SECURE", production, bool),
        "REMEMBER_COOKIE_HTTPONLY": True,
        "REMEMBER_COOKIE_SAMESITE": "Lax",
        "REMEMBER_COOKIE_SECURE": env("SESSION_COOKIE_SECURE", production, bool),
        "WTF_CSRF_TIME_LIMIT": None,
        "SEND_FILE_MAX_AGE_DEFAULT": 3600,
        **_accounts_config(),
        # The site's public address, e.g. https://ocop.example.vn: every link in a mail and every
        # absolute URL handed to others (Stripe) starts with it, never with the request's Host
        # header. Required in production.
        "SITE_URL": _site_url(),
        "SITE_URL_SET": bool(env("SITE_URL", "")),
        # Host names the site answers to besides SITE_URL's, comma-separated (e.g. www.ocop.example.vn);
        # requests for any other Host answer 400. Development also trusts localhost and 127.0.0.1.
        "TRUSTED_HOSTS": env("TRUSTED_HOSTS", [] if production else ["localhost", "127.0.0.1"], _host_list),
        # Reverse proxies in front of the app (nginx: 1). Their X-Forwarded-For/-Proto are
        # trusted, so rate limits and the sign-in log see the visitor's address, not the proxy's.
        "TRUSTED_PROXIES": env("TRUSTED_PROXIES", 0, int),
        # A bearer token that lets a Prometheus server read /metrics (besides the machines in
        # front of the app when TRUSTED_PROXIES is set); /metrics answers 404 to everyone else.
        "METRICS_TOKEN": env("METRICS_TOKEN", ""),
    }


def _site_url():
    site_url = env("SITE_URL", "http://localhost:5000").rstrip("/")
    if urlsplit(site_url).scheme not in {"http", "https"} or not urlsplit(site_url).hostname:
        raise RuntimeError(f"SITE_URL must be an address such as https://ocop.example.vn, not {site_url!r}")
    return site_url


def _host_list(text):
    return [host.strip().lower() for host in text.split(",") if host.strip()]


def _commission_rate(text):
    """A Decimal from 0 up to (not including) 1; money never goes through floats."""
    try:
        rate = Decimal(text.strip())
    except InvalidOperation:
        raise RuntimeError(f"COMMISSION_RATE must be a decimal fraction such as 0.05, not {text!r}") from None
    if not Decimal(0) <= rate < Decimal(1):
        raise RuntimeError(f"COMMISSION_RATE must be at least 0 and below 1, not {text!r}")
    return rate


def _accounts_config():
    """Settings of accounts, mail and rate limits (issue 4)."""
    return {
        # "Remember me" keeps a member signed in this long (days).
        "REMEMBER_COOKIE_DURATION": 86400 * env("REMEMBER_DAYS", 30, int),
        # argon2 cost profile (argon2.profiles): RFC_9106_LOW_MEMORY = 64 MiB, 3 passes. Tests use CHEAPEST.
        "PASSWORD_HASH_PROFILE": env("PASSWORD_HASH_PROFILE", "RFC_9106_LOW_MEMORY"),
        # Outgoing mail. With MAIL_SERVER unset (development) every mail is written as an .eml
        # file to MAIL_DIR and logged instead of being sent.
        "MAIL_SERVER": env("MAIL_SERVER", ""),
        "MAIL_PORT": env("MAIL_PORT", 587, int),
        "MAIL_USERNAME": env("MAIL_USERNAME", ""),
        "MAIL_PASSWORD": env("MAIL_PASSWORD", ""),
        "MAIL_USE_TLS": env("MAIL_USE_TLS", True, bool),  # STARTTLS
        "MAIL_FROM": env("MAIL_FROM", "OCOP Bến Tre <no-reply@localhost>"),
        "MAIL_DIR": env("MAIL_DIR", str(INSTANCE_DIR / "mail")),
        # Flask-Limiter. Limits hold across processes only with Redis (REDIS_URL).
        "RATELIMIT_ENABLED": env("RATELIMIT_ENABLED", True, bool),
        "RATELIMIT_STORAGE_URI": env("REDIS_URL", "memory://"),
        # Redis down: limits held in this process's memory until it is back, rather than errors.
        "RATELIMIT_IN_MEMORY_FALLBACK_ENABLED": True,
        "RATELIMIT_HEADERS_ENABLED": True,
        "RATELIMIT_SIGN_IN": env("RATELIMIT_SIGN_IN", "10/minute"),  # per IP, and per email
        "RATELIMIT_SIGN_UP": env("RATELIMIT_SIGN_UP", "5/minute;30/hour"),  # per IP
        "RATELIMIT_PASSWORD_RESET": env("RATELIMIT_PASSWORD_RESET", "5/minute;20/hour"),  # per IP
        "RATELIMIT_API": env("RATELIMIT_API", "120/minute"),  # per IP, all of /api/v1
        # Requests a minute a new distributor API key may make (each key keeps its own, set when it
        # is made), and the most its company may choose.
        "API_KEY_RATE_PER_MINUTE": env("API_KEY_RATE_PER_MINUTE", 60, int),
        "API_KEY_MAX_RATE_PER_MINUTE": env("API_KEY_MAX_RATE_PER_MINUTE", 600, int),
        # Forms that check the current password (security, email, deletion): per IP, and per account.
        "RATELIMIT_CURRENT_PASSWORD": env("RATELIMIT_CURRENT_PASSWORD", "5/minute;30/hour"),
        # Days the sign-in log keeps an attempt; older ones go with `flask --app wsgi accounts purge-sign-ins`.
        "SIGN_IN_LOG_DAYS": env("SIGN_IN_LOG_DAYS", 180, int),
        # Placing orders, per IP and per delivery phone: stock cannot be hoarded by a script.
        "RATELIMIT_ORDERS": env("RATELIMIT_ORDERS", "5/10 minutes"),
    }
