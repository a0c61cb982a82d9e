"""The outbox: one row per message (a mail) or task (notices to write) that a change leaves
behind, written in the change's own transaction and sent once after it commits."""
import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from marketplace.clock import utcnow
from marketplace.extensions import db

PENDING, SENDING, SENT, FAILED = "pending", "sending", "sent", "failed"
MAIL = "mail"  # `kind` of a mail; any other kind names a registered task


class OutboxMessage(db.Model):
    __tablename__ = "outbox_messages"
    __table_args__ = (
        sa.CheckConstraint(sa.column("status").in_((PENDING, SENDING, SENT, FAILED)), name="status"),
        # The sweep reads unsent rows by status and age.
        sa.Index("ix_outbox_messages_status_created", "status", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(sa.String(200))
    payload: Mapped[dict] = mapped_column(sa.JSON, default=dict)  # mail: to, subject, body; task: its arguments
    status: Mapped[str] = mapped_column(sa.String(16), default=PENDING)
    attempts: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[sa.DateTime] = mapped_column(sa.DateTime, default=utcnow)
    queued_at: Mapped[sa.DateTime | None] = mapped_column(sa.DateTime)  # handed to Redis
    # Who holds the row while sending, and since when: a claim older than JOBS_CLAIM_SECONDS
    # belongs to a worker that died and may be taken again.
    claim: Mapped[str | None] = mapped_column(sa.String(32))
    claimed_at: Mapped[sa.DateTime | None] = mapped_column(sa.DateTime)
    sent_at: Mapped[sa.DateTime | None] = mapped_column(sa.DateTime)
    last_error: Mapped[str] = mapped_column(sa.Text, default="")
