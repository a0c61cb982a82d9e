"""Distributor companies (the buyers of the value chain) and their staff."""
import enum

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, backref, mapped_column, relationship

from marketplace.accounts.models import User
from marketplace.clock import utcnow
from marketplace.core import pagecache
from marketplace.dbtypes import str_enum
from marketplace.extensions import db
from marketplace.producers.models import ApprovalStatus


class DistributorKind(enum.StrEnum):
    WHOLESALER = "wholesaler"
    RETAIL_CHAIN = "retail_chain"
    EXPORTER = "exporter"
    HORECA = "horeca"
    ECOMMERCE = "ecommerce"
    PROCESSOR = "processor"


class DistributorCompany(db.Model):
    """A buyer: wholesaler, retail chain, exporter, HoReCa, online shop or processor.
    The council approves it like a cooperative; its staff are `DistributorMember`s."""

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
    # The public profile (/distributors/<slug>).
    description: Mapped[str] = mapped_column(sa.Text, default="")
    contact_name: Mapped[str] = mapped_column(sa.String(100), default="")
    contact_phone: Mapped[str] = mapped_column(sa.String(20), default="")
    contact_email: Mapped[str] = mapped_column(sa.String(254), default="")
    website: Mapped[str] = mapped_column(sa.String(200), default="")
    # Markets served: province codes (marketplace.places) and export countries (ISO 3166 alpha-2).
    market_provinces: Mapped[list] = mapped_column(sa.JSON, default=list)
    export_countries: Mapped[list] = mapped_column(sa.JSON, default=list)
    # What it buys: OCOP group codes ("1".."6") and the certifications it requires.
    groups_sought: Mapped[list] = mapped_column(sa.JSON, default=list)
    certifications_required: Mapped[list] = mapped_column(sa.JSON, default=list)

    @property
    def is_approved(self):
        return self.status == ApprovalStatus.APPROVED

    def __repr__(self):
        return f"<DistributorCompany {self.slug}>"
class DistributorMember(db.Model):
    """Staff of a distributor company. One company per user."""

    __tablename__ = "distributor_members"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"), unique=True)
    distributor_id: Mapped[int] = mapped_column(sa.ForeignKey("distributor_companies.id"), index=True)
    is_owner: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[sa.DateTime] = mapped_column(sa.DateTime, default=utcnow)

    # The backref gives User its `distributor_membership` without accounts knowing this package.
    user: Mapped[User] = relationship(backref=backref("distributor_membership", uselist=False))
    distributor = relationship("DistributorCompany")


# Their names and markets are on the shared /value-chain page.
pagecache.watch(DistributorCompany)
