"""API keys of distributor companies: the open API's credentials."""
import enum

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from marketplace.clock import utcnow
from marketplace.extensions import db


class Scope(enum.StrEnum):
    READ = "read"  # list and read the company's requests, offers and partnerships
    SOURCING = "sourcing"  # also write: create, change, publish, close requests; accept, decline offers


class ApiKey(db.Model):
    """A key of one distributor company. Only the sha256 of the token is stored (the token is
    shown once, when created); `prefix`, its first characters, tells keys apart on pages."""

    __tablename__ = "api_keys"
    __table_args__ = (sa.CheckConstraint("rate_per_minute > 0", name="rate_positive"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    distributor_id: Mapped[int] = mapped_column(sa.ForeignKey("distributor_companies.id"), index=True)
    name: Mapped[str] = mapped_column(sa.String(100))
    prefix: Mapped[str] = mapped_column(sa.String(16))
    key_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    scopes: Mapped[list] = mapped_column(sa.JSON, default=list)  # Scope values
    rate_per_minute: Mapped[int]
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    created_at: Mapped[sa.DateTime] = mapped_column(sa.DateTime, default=utcnow)
    last_used_at: Mapped[sa.DateTime | None] = mapped_column(sa.DateTime)
    revoked_at: Mapped[sa.DateTime | None] = mapped_column(sa.DateTime)

    distributor = relationship("DistributorCompany")
    created_by = relationship("User")

    @property
    def is_active(self):
        return self.revoked_at is None

    def allows(self, scope):
        return scope.value in self.scopes
