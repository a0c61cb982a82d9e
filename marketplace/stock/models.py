"""The history of every stock change (the table belongs to stock; products are the catalogue's)."""
import enum

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from marketplace.clock import utcnow
from marketplace.extensions import db


class StockChangeReason(enum.StrEnum):
    """Why a product's stock changed. Stored without a CHECK constraint, so that a new reason
    needs no migration."""

    NEW_LISTING = "new_listing"  # the stock a product was created with
    EDIT = "edit"  # staff set the stock of one product
    FILE_UPLOAD = "file_upload"  # staff uploaded a stock file (CSV)
    SALE = "sale"  # an order took it (the note is the order number)
    ORDER_CANCELLED = "order_cancelled"  # a cancelled order or a refund gave it back


class StockChange(db.Model):
    """One change of a product's stock: who, when, from what to what, and why."""

    __tablename__ = "stock_changes"
    __table_args__ = (sa.Index("ix_stock_changes_product_time", "product_id", "changed_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    product_id: Mapped[int] = mapped_column(sa.ForeignKey("products.id", ondelete="CASCADE"))
    user_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))  # None: the system
    changed_at: Mapped[sa.DateTime] = mapped_column(sa.DateTime, default=utcnow)
    stock_before: Mapped[int]
    stock_after: Mapped[int]
    reason: Mapped[StockChangeReason] = mapped_column(
        sa.Enum(
            StockChangeReason,
            name="stock_change_reason",
            native_enum=False,
            create_constraint=False,
            length=32,
            values_callable=lambda members: [m.value for m in members],
        )
    )
    note: Mapped[str] = mapped_column(sa.String(200), default="")

    product = relationship("Product")
    user = relationship("User")
