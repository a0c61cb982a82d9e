"""Distributor companies as the value chain shows them: the public profile their staff keep,
the list of approved companies and each company's public page."""
from dataclasses import dataclass, field

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.orm import joinedload

from marketplace import places, unitofwork
from marketplace.accounts.services import normalise_email, normalise_phone
from marketplace.distributors.models import DistributorCompany
from marketplace.extensions import db
from marketplace.producers.models import ApprovalStatus
from marketplace.valuechain import labels
from marketplace.valuechain.checks import GROUP_CODES, one_of, text, today_or
from marketplace.valuechain.models import (
    Certification,
    Partnership,
    SourcingRequest,
    ValueChainError,
)
from marketplace.valuechain.partnerships import public_partnerships


@dataclass
class CompanyProfile:
    description: str = ""
    contact_name: str = ""
    contact_phone: str = ""
    contact_email: str = ""
    website: str = ""
    market_provinces: list = field(default_factory=list)
    export_countries: list = field(default_factory=list)
    groups_sought: list = field(default_factory=list)
    certifications_required: list = field(default_factory=list)


def update_company_profile(company, profile):
    """Check and save what the public profile of `company` says."""
    description = text(profile.description, 5000, "description")
    contact_name = text(profile.contact_name, 100, "contact_name")
    phone = ""
    if (profile.contact_phone or "").strip():
        try:
            phone = normalise_phone(profile.contact_phone)
        except ValueError:
            raise ValueChainError(_("Enter a Vietnamese phone number, e.g. 0912 345 678."), "contact_phone") from None
    email = normalise_email(profile.contact_email or "")
    if email and ("@" not in email or len(email) > 254):
        raise ValueChainError(_("Enter an email address like name@example.com."), "contact_email")
    website = (profile.website or "").strip()
    if website and (not website.startswith(("https://", "http://")) or len(website) > 200 or " " in website):
        raise ValueChainError(_("Enter a web address starting with https://"), "website")
    provinces = sorted(set(profile.market_provinces))
    if any(not isinstance(code, int) or places.province(code) is None for code in provinces):
        raise ValueChainError(_("Choose provinces from the list."), "market_provinces")
    countries = sorted(set(profile.export_countries))
    if any(code not in labels.country_names() for code in countries):
        raise ValueChainError(_("Choose countries from the list."), "export_countries")
    groups = sorted(set(profile.groups_sought))
    if any(code not in GROUP_CODES for code in groups):
        raise ValueChainError(_("Choose OCOP groups from the list."), "groups_sought")
    certifications = [one_of(Certification, c, "certifications_required").value
                      for c in dict.fromkeys(profile.certifications_required)]
    company.description, company.contact_name, company.contact_phone = description, contact_name, phone
    company.contact_email, company.website = email, website
    company.market_provinces, company.export_countries = provinces, countries
    company.groups_sought, company.certifications_required = groups, certifications
    unitofwork.commit()


def approved_distributors():
    return db.session.scalars(
        sa.select(DistributorCompany).where(DistributorCompany.status == ApprovalStatus.APPROVED)
        .order_by(DistributorCompany.name)
    ).all()


def get_public_distributor(slug):
    return db.session.scalar(
        sa.select(DistributorCompany).where(DistributorCompany.slug == slug,
                                            DistributorCompany.status == ApprovalStatus.APPROVED)
    )


def distributor_page_data(company, today=None):
    """What the public profile shows besides the company: its open requests that are not
    anonymous and its public partnerships (2 queries + the partnerships' products)."""
    today = today_or(today)
    requests = db.session.scalars(
        sa.select(SourcingRequest)
        .where(SourcingRequest.distributor_id == company.id, SourcingRequest.takes_offers(today),
               SourcingRequest.anonymous.is_(False))
        .options(joinedload(SourcingRequest.category))
        .order_by(SourcingRequest.deadline)
    ).all()
    partnerships = db.session.scalars(
        public_partnerships().where(Partnership.distributor_id == company.id)
    ).all()
    return requests, partnerships
