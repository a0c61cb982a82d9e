"""Distributor companies (the buyers of the value chains).

Kept minimal for now: accounts need a company that staff belong to and that the council
approves; sourcing requests, offers and partnerships extend this module later.
"""
import enum

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from marketplace.clock import utcnow
from marketplace.extensions import db
from marketplace.producers.models import ApprovalStatus, str_enum


class DistributorKind(enum.StrEnum):
    WHOLESALER = "wholesaler"
    RETAIL_CHAIN = "retail_chain"
    EXPORTER = "exporter"
    HORECA = "horeca"
    ECOMMERCE = "ecommerce"
    PROCESSOR = "processor"


class DistributorCompany(db.Model):
    __tablename__ = "distributor_companies"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(sa.String(120), unique=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    kind: Mapped[DistributorKind] = mapped_column(str_enum(DistributorKind, "distributor_kind"))
    status: Mapped[ApprovalStatus] = mapped_column(
        str_enum(ApprovalStatus, "approval_status"), default=ApprovalStatus.PENDING, index=True
    )
    rejection_reason: Mapped[str] = mapped_column(sa.Text, default="")
    created_at: Mapped[sa.DateTime] = mapped_column(sa.DateTime, default=utcnow)

    @property
    def is_approved(self):
        return self.status == ApprovalStatus.APPROVED

    def __repr__(self):
        return f"<DistributorCompany {self.slug}>"
