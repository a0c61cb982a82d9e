"""The council's decisions on OCOP certificates, kept as history."""
import enum

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from marketplace.clock import utcnow
from marketplace.extensions import db
from marketplace.dbtypes import str_enum


class ReviewDecision(enum.StrEnum):
    APPROVED = "approved"
    REJECTED = "rejected"


class CertificateReview(db.Model):
    """One decision of a council reviewer on a submitted certificate: who, when, what, why."""

    __tablename__ = "certificate_reviews"

    id: Mapped[int] = mapped_column(primary_key=True)
    certificate_id: Mapped[int] = mapped_column(
        sa.ForeignKey("ocop_certificates.id", ondelete="CASCADE"), index=True
    )
    reviewer_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"))
    decided_at: Mapped[sa.DateTime] = mapped_column(sa.DateTime, default=utcnow, index=True)
    decision: Mapped[ReviewDecision] = mapped_column(str_enum(ReviewDecision, "review_decision"))
    reason: Mapped[str] = mapped_column(sa.Text, default="")

    certificate = relationship("OcopCertificate")
    reviewer = relationship("User")
