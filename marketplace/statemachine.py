"""One way to move anything that has a status: orders, shipments, payments, sourcing requests,
offers, partnerships, product publishing.

A `StateMachine` holds a transition table. `move(obj, new)` refuses an illegal move
(`IllegalTransition`), then changes the row with a conditional UPDATE (`… WHERE id = :id AND
status = :old`), so that of two people acting at once exactly one wins and the other gets
`StatusConflict` with a clear message instead of a database error; then it writes a history
row. The caller owns the transaction (commit through `marketplace.unitofwork`).
"""
import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column

from marketplace.clock import utcnow
from marketplace.errors import Refusal
from marketplace.extensions import db


class IllegalTransition(Refusal):
    """The table does not allow this move from the object's status."""

    def __init__(self, machine, old, new, message=None):
        super().__init__(message or _l("This is not possible any more in its present state."))
        self.machine, self.old, self.new = machine, old, new


class StatusConflict(Refusal):
    """Somebody moved the object first: the status was no longer the one this move started from."""

    def __init__(self, machine, old, new, message=None):
        super().__init__(message or _l("Somebody changed this at the same moment; please look again."))
        self.machine, self.old, self.new = machine, old, new


class StatusHistory(db.Model):
    """Who moved what from which status to which, when and why (one row per move).

    Orders and shipments keep their own richer timeline (`orders.models.StatusChange`);
    every other machine writes here."""

    __tablename__ = "status_history"
    __table_args__ = (sa.Index("ix_status_history_subject", "subject", "subject_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    subject: Mapped[str] = mapped_column(sa.String(40))  # the machine's name, e.g. "offer"
    subject_id: Mapped[int]
    from_status: Mapped[str] = mapped_column(sa.String(32))
    to_status: Mapped[str] = mapped_column(sa.String(32))
    actor_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id", ondelete="SET NULL"))
    reason: Mapped[str] = mapped_column(sa.String(500), default="")
    at: Mapped[sa.DateTime] = mapped_column(sa.DateTime, default=utcnow)


def record_in_history(machine, obj, old, new, actor, reason):
    db.session.add(
        StatusHistory(
            subject=machine.name, subject_id=obj.id, from_status=str(old), to_status=str(new),
            actor_id=getattr(actor, "id", None), reason=(reason or "")[:500],
        )
    )


class StateMachine:
    """A transition table and the one way to follow it.

    `record(machine, obj, old, new, actor, reason)` writes the history row (default: a
    `StatusHistory` row); `illegal` and `conflict` are functions of (obj, old, new) giving the
    message shown to the user, when the generic one is not clear enough."""

    def __init__(self, name, transitions, *, column="status", record=record_in_history, illegal=None, conflict=None):
        self.name = name
        self.transitions = {old: frozenset(news) for old, news in transitions.items()}
        self.column = column
        self.record = record
        self._illegal = illegal
        self._conflict = conflict

    def allows(self, old, new):
        return new in self.transitions.get(old, ())

    def check(self, obj_or_status, new, obj=None):
        """Refuse (`IllegalTransition`) unless the table allows old → new."""
        old = getattr(obj_or_status, self.column, obj_or_status)
        if not self.allows(old, new):
            message = self._illegal(obj, old, new) if self._illegal else None
            raise IllegalTransition(self.name, old, new, message)

    def move(self, obj, new, actor=None, reason="", **values):
        """Move `obj` to `new` in the open transaction: legal moves only, and only if nobody
        moved it meanwhile. `values` are other columns set by the same UPDATE."""
        model = type(obj)
        column = getattr(model, self.column)
        old = getattr(obj, self.column)
        self.check(old, new, obj)
        if "updated_at" in model.__table__.columns:
            values.setdefault("updated_at", utcnow())
        result = db.session.execute(
            sa.update(model)
            .where(model.id == obj.id, column == old)
            .values({self.column: new, **values})
            .execution_options(synchronize_session="evaluate")
        )
        if result.rowcount != 1:
            message = self._conflict(obj, old, new) if self._conflict else None
            raise StatusConflict(self.name, old, new, message)
        if self.record is not None:
            self.record(self, obj, old, new, actor, reason)
        return old
