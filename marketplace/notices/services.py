"""Notify people in the app and by email, in each recipient's language.

Other domains register the kinds of notice they send with `register_kind` (a title and a
body as lazy, %-formatted strings over the notice's params), then call `notify`.
"""
from dataclasses import dataclass

import sqlalchemy as sa
from flask import current_app
from flask_babel import force_locale, gettext as _

from marketplace import clock
from marketplace.extensions import db
from marketplace.mail import send_mail
from marketplace.notices.models import Notice


@dataclass(frozen=True)
class NoticeKind:
    title: object  # lazy string, formatted with the notice's params
    body: object


KINDS = {}


def register_kind(name, title, body=""):
    KINDS[name] = NoticeKind(title, body)


def render(notice):
    """(title, body) of a notice in the current language."""
    kind = KINDS.get(notice.kind)
    if kind is None:
        return notice.kind, ""
    params = notice.params or {}
    return str(kind.title) % params, (str(kind.body) % params if kind.body else "")


def _language(user):
    return getattr(user, "language", None) or "vi"


def notify(users, kind, link="", params=None, email=False, dedupe_key=None):
    """Add a notice of `kind` for each user (and mail them when `email`). Skips users who
    already have a notice with the same `dedupe_key`. Joins the caller's transaction: the
    caller commits. Returns the notices created."""
    if kind not in KINDS:
        raise ValueError(f"unknown notice kind {kind!r}: register it first")
    params = params or {}
    users = [u for u in users if u is not None]
    if dedupe_key and users:
        already = set(
            db.session.scalars(
                sa.select(Notice.user_id).where(
                    Notice.user_id.in_([u.id for u in users]), Notice.dedupe_key == dedupe_key
                )
            )
        )
        users = [u for u in users if u.id not in already]
    created = []
    for user in users:
        notice = Notice(user_id=user.id, kind=kind, params=params, link=link, dedupe_key=dedupe_key)
        db.session.add(notice)
        created.append(notice)
        if email and getattr(user, "email", None):
            with force_locale(_language(user)):
                title, body = render(notice)
                footer = _("You can see all your notices on the marketplace.")
                send_mail(user.email, title, f"{body}\n\n{absolute_url(link)}\n\n{footer}".strip())
    db.session.flush()
    return created


def absolute_url(link):
    """Mail is read outside the site: a site path becomes SITE_URL + path."""
    if link.startswith("/") and not link.startswith("//"):
        return current_app.config["SITE_URL"] + link
    return link


def unread_count(user):
    return db.session.scalar(
        sa.select(sa.func.count(Notice.id)).where(Notice.user_id == user.id, Notice.read_at.is_(None))
    )


def recent(user, limit=50):
    return db.session.scalars(
        sa.select(Notice).where(Notice.user_id == user.id).order_by(Notice.created_at.desc(), Notice.id.desc()).limit(limit)
    ).all()


def mark_all_read(user):
    db.session.execute(
        sa.update(Notice).where(Notice.user_id == user.id, Notice.read_at.is_(None)).values(read_at=clock.utcnow())
    )
    db.session.commit()


def open_notice(user, notice_id):
    """Mark one of the user's notices read and return it (None if it is not theirs)."""
    notice = db.session.scalar(sa.select(Notice).where(Notice.id == notice_id, Notice.user_id == user.id))
    if notice is not None and notice.read_at is None:
        notice.read_at = clock.utcnow()
        db.session.commit()
    return notice

