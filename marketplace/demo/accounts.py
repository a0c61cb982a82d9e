"""The demo sign-ins (marketplace.accounts.demo), one per role, with the staff attached to
their organisation.

Idempotent: an account whose email exists is left as it is. The caller commits.
"""
import sqlalchemy as sa

from marketplace import clock
from marketplace.accounts.demo import DEMO_ACCOUNTS, DEMO_PASSWORD
from marketplace.accounts.models import Role, User
from marketplace.accounts.services import find_user, hash_password
from marketplace.distributors.demo import DEMO_COMPANY
from marketplace.distributors.models import DistributorCompany, DistributorMember
from marketplace.extensions import db
from marketplace.producers.models import ApprovalStatus, Cooperative, CooperativeMember


def _demo_company():
    company = db.session.scalar(sa.select(DistributorCompany).where(DistributorCompany.slug == DEMO_COMPANY["slug"]))
    if company is None:
        company = DistributorCompany(status=ApprovalStatus.APPROVED, **DEMO_COMPANY)
        db.session.add(company)
        db.session.flush()
    return company


def _has_owner(member_model, column, organisation_id):
    return db.session.scalar(
        sa.select(sa.func.count(member_model.id)).where(column == organisation_id, member_model.is_owner)
    ) > 0


def seed_demo_accounts():
    """Create the missing demo accounts; return [(role, email)] of those that exist.

    The cooperative account works for the first approved cooperative by name (its owner,
    unless it already has one); without any approved cooperative it is skipped.
    """
    cooperative = db.session.scalar(
        sa.select(Cooperative).where(Cooperative.status == ApprovalStatus.APPROVED).order_by(Cooperative.name).limit(1)
    )
    sign_ins = []
    for email, role, name in DEMO_ACCOUNTS:
        if find_user(email) is None:
            if role == Role.COOPERATIVE_STAFF and cooperative is None:
                continue
            user = User(email=email, role=role, display_name=name, password_hash=hash_password(DEMO_PASSWORD),
                        email_confirmed_at=clock.utcnow())
            db.session.add(user)
            if role == Role.COOPERATIVE_STAFF:
                owner = not _has_owner(CooperativeMember, CooperativeMember.cooperative_id, cooperative.id)
                db.session.add(CooperativeMember(user=user, cooperative=cooperative, is_owner=owner))
            elif role == Role.DISTRIBUTOR_STAFF:
                company = _demo_company()
                owner = not _has_owner(DistributorMember, DistributorMember.distributor_id, company.id)
                db.session.add(DistributorMember(user=user, distributor=company, is_owner=owner))
            db.session.flush()
        sign_ins.append((role, email))
    return sign_ins
