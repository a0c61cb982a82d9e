"""In-app notices: what happened that a person should know (review outcomes, orders, matches)."""
import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from marketplace.clock import utcnow
from marketplace.extensions import db


class Notice(db.Model):
    """One notice for one user. The text is rendered at display time from `kind` and `params`,
    so each reader sees it in their own language."""

    __tablename__ = "notices"
    __table_args__ = (
        sa.Index("ix_notices_user_unread", "user_id", "read_at"),
        sa.UniqueConstraint("user_id", "dedupe_key", name="uq_notices_user_dedupe"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(sa.String(64))
    params: Mapped[dict] = mapped_column(sa.JSON, default=dict)
    link: Mapped[str] = mapped_column(sa.String(500), default="")
    # Set when the same event must not notify twice (e.g. "reminder:cert-12:30").
    dedupe_key: Mapped[str | None] = mapped_column(sa.String(200))
    created_at: Mapped[sa.DateTime] = mapped_column(sa.DateTime, default=utcnow)
    read_at: Mapped[sa.DateTime | None] = mapped_column(sa.DateTime)
