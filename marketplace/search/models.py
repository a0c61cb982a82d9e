"""The search change feed: what each commit changed, for the Whoosh indexes of other machines."""
from datetime import UTC, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from marketplace.extensions import db


def _now():
    # The wall clock, not marketplace.clock: tests freeze that one, and the feed's reading
    # window must follow real time.
    return datetime.now(UTC).replace(tzinfo=None)


class SearchChange(db.Model):
    """One product, cooperative or category changed by a commit (written in its transaction).

    With SEARCH_BACKEND=whoosh every machine keeps its own index folder; each applies the rows
    written by the others (`origin` names the folder that wrote them). Rows are kept a day
    (`sync.FEED_KEEP`): a machine away longer rebuilds its index (`flask search reindex`)."""

    __tablename__ = "search_changes"
    __table_args__ = (sa.Index("ix_search_changes_created_at", "created_at"), {"sqlite_autoincrement": True})

    id: Mapped[int] = mapped_column(sa.BigInteger().with_variant(sa.Integer, "sqlite"), primary_key=True)
    kind: Mapped[str] = mapped_column(sa.String(12))  # product, cooperative, category
    ref_id: Mapped[int] = mapped_column(sa.Integer)
    origin: Mapped[str] = mapped_column(sa.String(40))
    created_at: Mapped[datetime] = mapped_column(sa.DateTime, default=_now)
