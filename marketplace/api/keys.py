"""API keys of distributor companies: created (the token is shown once, only its sha256 is
kept), listed, revoked; a request's `Authorization: Bearer <token>` finds its key."""
import hashlib
import secrets
from datetime import timedelta

import sqlalchemy as sa
from flask import current_app
from flask_babel import gettext as _

from marketplace import clock, unitofwork
from marketplace.api.models import ApiKey, Scope
from marketplace.errors import Refusal
from marketplace.extensions import db
from marketplace.producers.organisations import check_can_publish
from marketplace.text import nfc

TOKEN_PREFIX = "ocop_"
MAX_KEYS = 20  # live keys of one company
LAST_USED_EVERY = timedelta(minutes=1)  # how stale "last used" may be (no write per request)


class ApiKeyError(Refusal):
    pass


def digest(token):
    return hashlib.sha256(token.encode()).hexdigest()


def create_key(company, user, name, scopes, rate_per_minute=None):
    """(the new key, its token): the token is returned this once and never stored."""
    check_can_publish(company)  # an approved company only
    name = nfc((name or "").strip())
    if not name or len(name) > 100:
        raise ApiKeyError(_("Name the key (at most 100 characters), e.g. the system that uses it."), "name")
    try:
        chosen = sorted({Scope(s) for s in scopes})
    except ValueError:
        raise ApiKeyError(_("Choose one of the options."), "scopes") from None
    if not chosen:
        raise ApiKeyError(_("Choose at least one scope."), "scopes")
    highest = current_app.config["API_KEY_MAX_RATE_PER_MINUTE"]
    rate = current_app.config["API_KEY_RATE_PER_MINUTE"] if rate_per_minute is None else rate_per_minute
    if isinstance(rate, bool) or not isinstance(rate, int) or not 1 <= rate <= highest:
        raise ApiKeyError(_("Enter a limit from 1 to %(max)s requests a minute.", max=highest), "rate_per_minute")
    live = db.session.scalar(sa.select(sa.func.count(ApiKey.id)).where(
        ApiKey.distributor_id == company.id, ApiKey.revoked_at.is_(None)))
    if live >= MAX_KEYS:
        raise ApiKeyError(_("A company may have at most %(max)s keys: revoke one first.", max=MAX_KEYS))
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)  # 256 bits: a plain sha256 is enough to store it
    key = ApiKey(distributor_id=company.id, name=name, prefix=token[:12], key_hash=digest(token),
                 scopes=[s.value for s in chosen], rate_per_minute=rate, created_by_id=user.id if user else None)
    db.session.add(key)
    unitofwork.commit()
    return key, token


def company_keys(company):
    """The company's keys, live ones first, newest first."""
    return db.session.scalars(
        sa.select(ApiKey).where(ApiKey.distributor_id == company.id)
        .order_by(ApiKey.revoked_at.is_not(None), ApiKey.created_at.desc(), ApiKey.id.desc())
    ).all()


def revoke_key(key):
    """From now on the key answers 401. Revoking twice changes nothing."""
    db.session.execute(sa.update(ApiKey).where(ApiKey.id == key.id, ApiKey.revoked_at.is_(None))
                       .values(revoked_at=clock.utcnow()))
    unitofwork.commit()


def key_for_token(token):
    """The live key of `token`, else None; notes when it was last used (at most once a minute)."""
    if not token or not token.startswith(TOKEN_PREFIX) or len(token) > 100:
        return None
    key = db.session.scalar(sa.select(ApiKey).where(ApiKey.key_hash == digest(token), ApiKey.revoked_at.is_(None)))
    if key is None:
        return None
    now = clock.utcnow()
    if key.last_used_at is None or now - key.last_used_at > LAST_USED_EVERY:
        key.last_used_at = now
        unitofwork.commit()
    return key
