"""Imports every domain's models so that Alembic and create_all() see all tables."""
from marketplace.catalog.models import OcopCategory, OcopCertificate, Product, ProductImage, WholesalePrice  # noqa: F401
from marketplace.notices.models import Notice  # noqa: F401
from marketplace.accounts.models import SignInEvent, User  # noqa: F401
from marketplace.producers.models import Cooperative, CooperativeMember  # noqa: F401
from marketplace.distributors.models import DistributorCompany, DistributorMember  # noqa: F401
from marketplace.valuechain.models import (  # noqa: F401
    CooperativeCertification,
    MatchNotification,
    Offer,
    OfferMessage,
    OfferRevision,
    Partnership,
    ProductCapacity,
    PurchaseDelivery,
    PurchaseOrder,
    SourcingRequest,
)
from marketplace.stock.models import StockChange  # noqa: F401
from marketplace.producers.models import CooperativePhoto  # noqa: F401
from marketplace.program.models import CertificateReview  # noqa: F401
from marketplace.payments.models import LedgerEntry, Payment, PaymentEvent, Payout, Refund, RefundPart, WithholdingRate  # noqa: F401
from marketplace.orders.models import Cart, CartLine, Order, OrderLine, ProductReview, Shipment, StatusChange  # noqa: F401
from marketplace.statemachine import StatusHistory  # noqa: F401
from marketplace.bookings.models import BookableService, BookingDay  # noqa: F401
from marketplace.traceability.models import Lot, LotRevision, LotScanDay, LotStep  # noqa: F401
from marketplace.api.models import ApiKey  # noqa: F401
from marketplace.search.models import SearchChange  # noqa: F401
from marketplace.jobs.models import OutboxMessage  # noqa: F401
