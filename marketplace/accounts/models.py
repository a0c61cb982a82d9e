"""Users, their role and their sign-in history."""
import enum
import secrets

import sqlalchemy as sa
from flask_login import UserMixin
from sqlalchemy.orm import Mapped, mapped_column

from marketplace.clock import utcnow
from marketplace.extensions import db
from marketplace.dbtypes import str_enum


class Role(enum.StrEnum):
    CONSUMER = "consumer"
    COOPERATIVE_STAFF = "cooperative_staff"
    DISTRIBUTOR_STAFF = "distributor_staff"
    COUNCIL_REVIEWER = "council_reviewer"
    ADMIN = "admin"


# Roles that come with an organisation: they are given and taken away with the membership,
# never set by hand.
STAFF_ROLES = frozenset({Role.COOPERATIVE_STAFF, Role.DISTRIBUTOR_STAFF})


def new_session_token():
    return secrets.token_hex(16)


class User(UserMixin, db.Model):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    # Stored normalised (NFC, lower case), so the unique constraint is the duplicate check.
    email: Mapped[str] = mapped_column(sa.String(254), unique=True)
    password_hash: Mapped[str] = mapped_column(sa.String(255))
    display_name: Mapped[str] = mapped_column(sa.String(100), default="")
    language: Mapped[str] = mapped_column(sa.String(5), default="vi")
    role: Mapped[Role] = mapped_column(str_enum(Role, "user_role"), default=Role.CONSUMER, index=True)
    # Part of the session id: rotating it (password change, deletion) signs out every
    # session and "remember me" cookie of this user.
    session_token: Mapped[str] = mapped_column(sa.String(32), default=new_session_token)
    # Set by the link mailed at sign-up (or a password reset): no sign-in before that.
    email_confirmed_at: Mapped[sa.DateTime | None] = mapped_column(sa.DateTime)
    created_at: Mapped[sa.DateTime] = mapped_column(sa.DateTime, default=utcnow)
    # Set when the account is deleted: the row stays (orders refer to it), personal data goes.
    deleted_at: Mapped[sa.DateTime | None] = mapped_column(sa.DateTime)

    # `cooperative_membership` and `distributor_membership` (the organisation this person works
    # for, or None) are added by the producers and distributors packages, which own them.

    def get_id(self):
        return f"{self.id}:{self.session_token}"

    @property
    def is_active(self):
        return self.deleted_at is None

    @property
    def name(self):
        """What pages call this person: the display name, else the part of the email before @."""
        return self.display_name or self.email.partition("@")[0]

    def __repr__(self):
        return f"<User {self.id} {self.role}>"


class SignInEvent(db.Model):
    """One sign-in attempt. Unknown emails are kept only as a hash."""

    __tablename__ = "sign_in_events"
    __table_args__ = (sa.Index("ix_sign_in_events_user_time", "user_id", "created_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    email_hash: Mapped[str] = mapped_column(sa.String(64), index=True)
    ip: Mapped[str] = mapped_column(sa.String(45), default="")
    succeeded: Mapped[bool]
    created_at: Mapped[sa.DateTime] = mapped_column(sa.DateTime, default=utcnow)
