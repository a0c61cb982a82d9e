"""The authorization matrix: every endpoint of the app, and what each kind of user gets there.

`test_every_endpoint_has_a_row` walks `app.url_map`: an endpoint (or an HTTP method of it)
without a row in MATRIX fails, and so does a row for an endpoint that no longer exists.
`test_matrix` then requests every row as each of the seven users of ROLES.

Adding an endpoint? Add its row — one `Case` per HTTP method (HEAD and OPTIONS are implied):

    "portal.product_edit": [
        Case("GET", "/portal/products/{product_a}/edit", only(STAFF_A, STAFF_B, staff_b=404)),
        Case("POST", "/portal/products/{product_a}/edit", only(STAFF_A, STAFF_B, staff_b=404)),
    ],

- The path's {placeholders} come from the `world` fixture below: cooperative A and B with
  their staff, a distributor company, a pending cooperative, a product of A, … Add what your
  endpoint needs there (an object of cooperative A is how "staff of B gets 404" is shown).
- Expectations, built with:
    PUBLIC                    every user, signed in or not, gets OK
    SIGNED_IN                 anonymous → SIGN_IN, every signed-in user → OK
    only(*roles)              those roles → OK, other signed-in users → 403, anonymous → SIGN_IN
    same_for_all(status)      everybody gets `status` (e.g. a public URL that 404s here)
  and any of them can override single roles by keyword: only(ADMIN, consumer=404).
- What counts: OK = any status below 400 except a redirect to the sign-in page; SIGN_IN =
  302 to /sign-in?next=…; or an exact status code (403 role-gated page, 404 somebody
  else's object, 405, …). See marketplace/accounts/authz.py for which answer is right.
- Requests carry an empty form (CSRF is off in tests), so an allowed user usually gets the
  form back with errors (200) or a redirect. Users run in the order of ROLES, the owner of
  cooperative A last, so that a request that changes something (removing A's staff member)
  happens after the others have been checked against the unchanged world.
"""
from dataclasses import dataclass
from pathlib import Path

import pytest

from marketplace.accounts.models import Role
from marketplace.api import keys
from marketplace.extensions import db
from marketplace.catalog.models import ReviewStatus
from marketplace.producers.models import ApprovalStatus, CooperativePhoto
from tests.conftest import make_test_app
from tests.factories import (
    make_certificate,
    make_cooperative,
    make_cooperative_staff,
    make_distributor,
    make_distributor_staff,
    make_lot,
    make_product,
    make_user,
    sign_in_as,
)

ANONYMOUS, CONSUMER, DISTRIBUTOR, REVIEWER, ADMIN, STAFF_B, STAFF_A = ROLES = (
    "anonymous", "consumer", "distributor", "reviewer", "admin", "staff_b", "staff_a",
)
OK, SIGN_IN = "ok", "sign-in"


def _expect(default_signed_in, anonymous, overrides):
    unknown = set(overrides) - set(ROLES)
    assert not unknown, f"unknown roles {unknown}"
    expected = {role: default_signed_in for role in ROLES}
    expected[ANONYMOUS] = anonymous
    expected.update(overrides)
    return expected


def public(**overrides):
    return _expect(OK, OK, overrides)


def signed_in(**overrides):
    return _expect(OK, SIGN_IN, overrides)


def only(*roles, **overrides):
    return _expect(403, SIGN_IN, {**{role: OK for role in roles}, **overrides})


def same_for_all(status):
    return _expect(status, status, {})


PUBLIC = public()
SIGNED_IN = signed_in()


@dataclass
class Case:
    method: str
    path: str
    expected: dict


MATRIX = {
    # Public storefront, API and files.
    "catalog.home": [Case("GET", "/", PUBLIC)],
    "core.healthz": [Case("GET", "/healthz", PUBLIC)],
    "core.readyz": [Case("GET", "/readyz", PUBLIC)],
    # Only with METRICS_TOKEN or from a trusted proxy (tests/core/test_observe.py); not a page.
    "core.metrics": [Case("GET", "/metrics", same_for_all(404))],
    "core.media": [Case("GET", "/media/products/missing-card.webp", same_for_all(404))],
    "static": [Case("GET", "/static/css/site.css", PUBLIC)],
    "catalog.product_list": [Case("GET", "/products", PUBLIC)],
    "catalog.product_detail": [Case("GET", "/products/{product_a_slug}", PUBLIC)],
    "producers.cooperative_list": [Case("GET", "/cooperatives", PUBLIC)],
    "progress.overview": [Case("GET", "/program", PUBLIC)],
    "progress.figure_csv": [Case("GET", "/program/stars.csv", PUBLIC)],
    "seo.sitemap_xml": [Case("GET", "/sitemap.xml", PUBLIC)],
    "seo.robots_txt": [Case("GET", "/robots.txt", PUBLIC)],
    "search.results": [Case("GET", "/search?q=k%E1%BA%B9o", PUBLIC)],
    "search.suggestions": [Case("GET", "/search/suggest?q=k%E1%BA%B9o", PUBLIC)],
    "producers.cooperative_detail": [Case("GET", "/cooperatives/{cooperative_a_slug}", PUBLIC)],
    "api.products": [Case("GET", "/api/v1/products", PUBLIC)],
    "api.product": [Case("GET", "/api/v1/products/{product_a_slug}", PUBLIC)],
    "api.cooperatives": [Case("GET", "/api/v1/cooperatives", PUBLIC)],
    "api.cooperative": [Case("GET", "/api/v1/cooperatives/{cooperative_a_slug}", PUBLIC)],
    # The distributors' open API: a key in a header, never a session (every user without one: 401).
    "distributor_api.openapi_document": [Case("GET", "/api/v1/openapi.json", PUBLIC)],
    "distributor_api.docs": [Case("GET", "/api/v1/docs", PUBLIC)],
    "distributor_api.list_requests": [Case("GET", "/api/v1/sourcing-requests", same_for_all(401))],
    "distributor_api.create_request": [Case("POST", "/api/v1/sourcing-requests", same_for_all(401))],
    "distributor_api.get_request": [Case("GET", "/api/v1/sourcing-requests/{missing_id}", same_for_all(401))],
    "distributor_api.update_request": [Case("PUT", "/api/v1/sourcing-requests/{missing_id}", same_for_all(401))],
    "distributor_api.publish_request": [
        Case("POST", "/api/v1/sourcing-requests/{missing_id}/publish", same_for_all(401))],
    "distributor_api.close_request": [Case("POST", "/api/v1/sourcing-requests/{missing_id}/close", same_for_all(401))],
    "distributor_api.list_offers": [Case("GET", "/api/v1/sourcing-requests/{missing_id}/offers", same_for_all(401))],
    "distributor_api.get_offer": [Case("GET", "/api/v1/offers/{missing_id}", same_for_all(401))],
    "distributor_api.accept_offer": [Case("POST", "/api/v1/offers/{missing_id}/accept", same_for_all(401))],
    "distributor_api.decline_offer": [Case("POST", "/api/v1/offers/{missing_id}/decline", same_for_all(401))],
    "distributor_api.list_partnerships": [Case("GET", "/api/v1/partnerships", same_for_all(401))],
    "distributor_api.get_partnership": [Case("GET", "/api/v1/partnerships/{missing_id}", same_for_all(401))],
    "distributor_api.list_revisions": [Case("GET", "/api/v1/offers/{missing_id}/revisions", same_for_all(401))],
    "distributor_api.counter_offer": [Case("POST", "/api/v1/offers/{missing_id}/counter", same_for_all(401))],
    "distributor_api.request_samples": [Case("POST", "/api/v1/offers/{missing_id}/samples", same_for_all(401))],
    "distributor_api.list_purchase_orders": [Case("GET", "/api/v1/purchase-orders", same_for_all(401))],
    "distributor_api.get_purchase_order": [
        Case("GET", "/api/v1/purchase-orders/{missing_id}", same_for_all(401))],
    "distributor_api.receive_delivery": [
        Case("POST", "/api/v1/purchase-orders/{missing_id}/deliveries/1/receive", same_for_all(401))],
    "api_keys.api_keys": [Case("GET", "/account/company/api-keys", only(DISTRIBUTOR))],
    "api_keys.create_api_key": [Case("POST", "/account/company/api-keys", only(DISTRIBUTOR))],
    "api_keys.revoke_api_key": [Case("POST", "/account/company/api-keys/{api_key_d}/revoke", only(DISTRIBUTOR))],
    # Signing up and in: open to all (signed-in users are sent on to their account).
    "accounts.sign_up": [Case("GET", "/sign-up", PUBLIC), Case("POST", "/sign-up", PUBLIC)],
    "accounts.check_inbox": [Case("GET", "/sign-up/check-inbox", PUBLIC)],
    "accounts.confirm_account": [
        Case("GET", "/sign-up/confirm/{bad_token}", PUBLIC),
        Case("POST", "/sign-up/confirm/{bad_token}", PUBLIC),
    ],
    "accounts.sign_in": [Case("GET", "/sign-in", PUBLIC), Case("POST", "/sign-in", PUBLIC)],
    "accounts.sign_out": [Case("POST", "/sign-out", PUBLIC)],
    "accounts.forgot_password": [Case("GET", "/password/forgot", PUBLIC), Case("POST", "/password/forgot", PUBLIC)],
    "accounts.reset_password": [
        Case("GET", "/password/reset/{bad_token}", PUBLIC),
        Case("POST", "/password/reset/{bad_token}", PUBLIC),
    ],
    "organisations.accept_invitation": [
        Case("GET", "/invitations/{bad_token}", PUBLIC),
        Case("POST", "/invitations/{bad_token}", PUBLIC),
    ],
    # The account of whoever is signed in.
    "accounts.profile": [Case("GET", "/account", SIGNED_IN), Case("POST", "/account", SIGNED_IN)],
    "accounts.security": [Case("GET", "/account/security", SIGNED_IN), Case("POST", "/account/security", SIGNED_IN)],
    "accounts.change_email": [Case("GET", "/account/email", SIGNED_IN), Case("POST", "/account/email", SIGNED_IN)],
    "accounts.confirm_email": [
        Case("GET", "/account/email/confirm/{bad_token}", SIGNED_IN),
        Case("POST", "/account/email/confirm/{bad_token}", SIGNED_IN),
    ],
    "accounts.delete_account": [Case("GET", "/account/delete", SIGNED_IN), Case("POST", "/account/delete", SIGNED_IN)],
    # Organisations: consumers register one; staff are sent to theirs; council and admin may not.
    "organisations.register_cooperative": [
        Case("GET", "/account/cooperative/register", signed_in(reviewer=403, admin=403)),
        Case("POST", "/account/cooperative/register", signed_in(reviewer=403, admin=403)),
    ],
    "distributors.register_distributor": [
        Case("GET", "/account/company/register", signed_in(reviewer=403, admin=403)),
        Case("POST", "/account/company/register", signed_in(reviewer=403, admin=403)),
    ],
    "organisations.cooperative_account": [Case("GET", "/account/cooperative", only(STAFF_A, STAFF_B))],
    "organisations.invite_cooperative_staff": [Case("POST", "/account/cooperative/staff", only(STAFF_A, STAFF_B))],
    "organisations.remove_cooperative_staff": [
        Case("POST", "/account/cooperative/staff/{member_a}/remove", only(STAFF_A, staff_b=404)),
    ],
    "distributors.distributor_account": [Case("GET", "/account/company", only(DISTRIBUTOR))],
    "distributors.invite_distributor_staff": [Case("POST", "/account/company/staff", only(DISTRIBUTOR))],
    "distributors.remove_distributor_staff": [
        Case("POST", "/account/company/staff/{member_d}/remove", only(DISTRIBUTOR)),
    ],
    # Council and admin.
    "organisations.organisation_queue": [Case("GET", "/council/organisations", only(REVIEWER, ADMIN))],
    "organisations.review_organisation": [
        Case("POST", "/council/organisations/cooperative/{pending_cooperative}", only(REVIEWER, ADMIN)),
    ],
    "accounts.admin_users": [Case("GET", "/admin/users", only(ADMIN))],
    "accounts.change_role": [Case("POST", "/admin/users/{consumer}/role", only(ADMIN))],
    # The cooperative's portal: staff of an approved cooperative; others' objects are 404.
    "portal.dashboard": [Case("GET", "/portal", only(STAFF_A, STAFF_B))],
    "portal.profile": [Case("GET", "/portal/profile", only(STAFF_A, STAFF_B)),
                       Case("POST", "/portal/profile", only(STAFF_A, STAFF_B))],
    "portal.tax_profile": [Case("GET", "/portal/tax-profile", only(STAFF_A, STAFF_B)),
                           Case("POST", "/portal/tax-profile", only(STAFF_A, STAFF_B))],
    "portal.profile_photo_add": [Case("POST", "/portal/profile/photos", only(STAFF_A, STAFF_B))],
    "portal.profile_photo_delete": [
        Case("POST", "/portal/profile/photos/{profile_photo_a}/delete", only(STAFF_A, staff_b=404))],
    "portal.profile_photo_move": [
        Case("POST", "/portal/profile/photos/{profile_photo_a}/move", only(STAFF_A, staff_b=404))],
    "portal.products": [Case("GET", "/portal/products", only(STAFF_A, STAFF_B))],
    "portal.product_new": [Case("GET", "/portal/products/new", only(STAFF_A, STAFF_B)),
                           Case("POST", "/portal/products/new", only(STAFF_A, STAFF_B))],
    "portal.product_edit": [Case("GET", "/portal/products/{product_a}", only(STAFF_A, staff_b=404)),
                            Case("POST", "/portal/products/{product_a}", only(STAFF_A, staff_b=404))],
    **{f"portal.product_{action}": [Case("POST", f"/portal/products/{{product_a}}/{action}", only(STAFF_A, staff_b=404))]
       for action in ("publish", "unpublish", "archive", "restore")},
    "portal.product_photo_add": [Case("POST", "/portal/products/{product_a}/photos", only(STAFF_A, staff_b=404))],
    **{f"portal.product_photo_{action}": [
        Case("POST", f"/portal/products/{{product_a}}/photos/{{photo_a}}/{action}", only(STAFF_A, staff_b=404))]
       for action in ("replace", "delete", "move")},
    "portal.product_stock": [Case("GET", "/portal/products/{product_a}/stock", only(STAFF_A, staff_b=404)),
                             Case("POST", "/portal/products/{product_a}/stock", only(STAFF_A, staff_b=404))],
    "portal.product_wholesale": [
        Case("GET", "/portal/products/{product_a}/wholesale", only(STAFF_A, staff_b=404)),
        Case("POST", "/portal/products/{product_a}/wholesale", only(STAFF_A, staff_b=404))],
    "portal.product_bookings": [Case("GET", "/portal/products/{homestay_a}/bookings", only(STAFF_A, staff_b=404))],
    "portal.product_booking_terms": [
        Case("POST", "/portal/products/{homestay_a}/bookings/terms", only(STAFF_A, staff_b=404))],
    "portal.product_booking_day": [
        Case("POST", "/portal/products/{homestay_a}/bookings/day", only(STAFF_A, staff_b=404))],
    "portal.stock_file": [Case("GET", "/portal/stock", only(STAFF_A, STAFF_B)),
                          Case("POST", "/portal/stock", only(STAFF_A, STAFF_B))],
    "portal.stock_file_apply": [Case("POST", "/portal/stock/apply", only(STAFF_A, STAFF_B))],
    "portal.stock_file_download": [Case("GET", "/portal/stock/current.csv", only(STAFF_A, STAFF_B))],
    "portal.certificates": [Case("GET", "/portal/certificates", only(STAFF_A, STAFF_B))],
    "portal.certificate_new": [Case("GET", "/portal/certificates/new", only(STAFF_A, STAFF_B)),
                               Case("POST", "/portal/certificates/new", only(STAFF_A, STAFF_B))],
    # The council's certificate reviews; scans for the council and the product's cooperative only.
    # Lots and their trace pages (issue 17): /t/<code> is public; another cooperative's lot is a 404.
    "traceability.trace": [Case("GET", "/t/{lot_a_code}", PUBLIC)],
    "traceability.qr_svg": [Case("GET", "/t/{lot_a_code}/qr.svg", PUBLIC)],
    "traceability.qr_png": [Case("GET", "/t/{lot_a_code}/qr.png", PUBLIC)],
    "portal_lots.lot_list": [Case("GET", "/portal/lots", only(STAFF_A, STAFF_B))],
    "portal_lots.lot_new": [Case("GET", "/portal/lots/new", only(STAFF_A, STAFF_B)),
                            Case("POST", "/portal/lots/new", only(STAFF_A, STAFF_B))],
    "portal_lots.lot_edit": [Case("GET", "/portal/lots/{lot_a}", only(STAFF_A, staff_b=404)),
                             Case("POST", "/portal/lots/{lot_a}", only(STAFF_A, staff_b=404))],
    "portal_lots.lot_stamps": [Case("GET", "/portal/lots/{lot_a}/stamps", only(STAFF_A, staff_b=404))],
    "program.review_queue": [Case("GET", "/council/reviews", only(REVIEWER, ADMIN))],
    "program.review_certificate": [Case("POST", "/council/reviews/{pending_certificate_a}", only(REVIEWER, ADMIN))],
    "program.review_history": [Case("GET", "/council/reviews/history", only(REVIEWER, ADMIN))],
    "program.certificate_scan": [Case("GET", "/certificates/{certificate_a}/scan",
                                      only(STAFF_A, REVIEWER, ADMIN, staff_b=404, consumer=404, distributor=404))],
    # Notices of the signed-in user.
    "notices.notice_list": [Case("GET", "/notices", SIGNED_IN)],
    "notices.mark_all_read": [Case("POST", "/notices/read", SIGNED_IN)],
    "notices.open_notice": [Case("POST", "/notices/{missing_id}/open", signed_in(**{r: 404 for r in ROLES[1:]}))],
    # The value chain: public pages; the distributor's requests and decisions (its company's
    # objects only); the cooperatives' offers and declarations; both sides of an offer or a
    # partnership, and nobody else (404). See _value_chain_world() for the objects.
    "valuechain.value_chain": [Case("GET", "/value-chain", PUBLIC)],
    "valuechain.request_list": [Case("GET", "/sourcing", PUBLIC)],
    "valuechain.request_detail": [Case("GET", "/sourcing/{request_d}", PUBLIC)],
    "valuechain.distributor_list": [Case("GET", "/distributors", PUBLIC)],
    "valuechain.distributor_detail": [Case("GET", "/distributors/{distributor_slug}", PUBLIC)],
    "valuechain.my_requests": [Case("GET", "/sourcing/mine", only(DISTRIBUTOR))],
    "valuechain.new_request": [Case("GET", "/sourcing/new", only(DISTRIBUTOR)),
                               Case("POST", "/sourcing/new", only(DISTRIBUTOR))],
    "valuechain.edit_request": [Case("GET", "/sourcing/{draft_d}/edit", only(DISTRIBUTOR)),
                                Case("POST", "/sourcing/{draft_d}/edit", only(DISTRIBUTOR))],
    "valuechain.publish_request": [Case("POST", "/sourcing/{draft_d}/publish", only(DISTRIBUTOR))],
    "valuechain.close_request": [Case("POST", "/sourcing/{request_d}/close", only(DISTRIBUTOR))],
    "valuechain.compare_offers": [Case("GET", "/sourcing/{request_d}/offers", only(DISTRIBUTOR))],
    **{f"valuechain.{action}_offer": [Case("POST", f"/sourcing/offers/{{offer_a}}/{action}", only(DISTRIBUTOR))]
       for action in ("shortlist", "decline", "accept")},
    "valuechain.company_profile": [Case("GET", "/value-chain/company", only(DISTRIBUTOR)),
                                   Case("POST", "/value-chain/company", only(DISTRIBUTOR))],
    "valuechain.propose_partnership": [
        Case("GET", "/value-chain/propose/{cooperative_a_slug}", only(DISTRIBUTOR)),
        Case("POST", "/value-chain/propose/{cooperative_a_slug}", only(DISTRIBUTOR)),
    ],
    "valuechain.recommended": [Case("GET", "/sourcing/recommended", only(STAFF_A, STAFF_B))],
    "valuechain.make_offer": [Case("GET", "/sourcing/{request_d}/offer", only(STAFF_A, STAFF_B)),
                              Case("POST", "/sourcing/{request_d}/offer", only(STAFF_A, STAFF_B))],
    "valuechain.withdraw_offer": [Case("POST", "/sourcing/{request_d}/offer/withdraw", only(STAFF_A, staff_b=404))],
    "valuechain.supply_profile": [Case("GET", "/value-chain/supply", only(STAFF_A, STAFF_B))],
    "valuechain.save_capacity": [
        Case("POST", "/value-chain/supply/products/{product_a}/capacity", only(STAFF_A, staff_b=404))],
    "valuechain.add_certification": [Case("POST", "/value-chain/supply/certifications", only(STAFF_A, STAFF_B))],
    "valuechain.remove_certification": [
        Case("POST", "/value-chain/supply/certifications/{certification_a}/remove", only(STAFF_A, staff_b=404))],
    "valuechain.offer_thread": [Case("GET", "/sourcing/offers/{offer_a}", only(DISTRIBUTOR, STAFF_A, staff_b=404)),
                                Case("POST", "/sourcing/offers/{offer_a}", only(DISTRIBUTOR, STAFF_A, staff_b=404))],
    "valuechain.counter_offer": [
        Case("POST", "/sourcing/offers/{offer_a}/counter", only(DISTRIBUTOR, STAFF_A, staff_b=404))],
    "valuechain.accept_terms": [Case("POST", "/sourcing/offers/{offer_a}/accept-terms", only(STAFF_A, staff_b=404))],
    "valuechain.request_samples": [Case("POST", "/sourcing/offers/{offer_a}/samples", only(DISTRIBUTOR))],
    "valuechain.renew_partnership": [
        Case("POST", "/value-chain/partnerships/{partnership_a}/renew", only(DISTRIBUTOR))],
    "valuechain.purchase_orders": [
        Case("GET", "/value-chain/purchase-orders", only(DISTRIBUTOR, STAFF_A, STAFF_B))],
    "valuechain.purchase_order": [
        Case("GET", "/value-chain/purchase-orders/{purchase_order_a}", only(DISTRIBUTOR, STAFF_A, staff_b=404))],
    "valuechain.ship_delivery": [Case(
        "POST", "/value-chain/purchase-orders/{purchase_order_a}/deliveries/{delivery_a}/shipped",
        only(STAFF_A, staff_b=404))],
    "valuechain.receive_delivery": [Case(
        "POST", "/value-chain/purchase-orders/{purchase_order_a}/deliveries/{delivery_a}/received",
        only(DISTRIBUTOR))],
    "valuechain.partnerships": [Case("GET", "/value-chain/partnerships", only(DISTRIBUTOR, STAFF_A, STAFF_B))],
    **{f"valuechain.{action}_partnership": [
        Case("POST", f"/value-chain/partnerships/{{proposed_partnership_a}}/{action}", only(STAFF_A, staff_b=404))]
       for action in ("accept", "decline")},
    "valuechain.end_partnership": [
        Case("POST", "/value-chain/partnerships/{partnership_a}/end", only(DISTRIBUTOR, STAFF_A, staff_b=404))],
    "valuechain.partnership_visibility": [
        Case("POST", "/value-chain/partnerships/{partnership_a}/visibility", only(DISTRIBUTOR, STAFF_A, staff_b=404))],
    # Orders: the cart and checkout are open to all (an empty cart sends everyone back to it);
    # an order page only to its buyer (404 for everybody else, signed in or not); the
    # cooperative's order pages to its staff, others' shipments 404. See _orders_world().
    "orders.cart_page": [Case("GET", "/cart", PUBLIC)],
    "orders.cart_add": [Case("POST", "/cart/add", PUBLIC)],
    "orders.cart_update": [Case("POST", "/cart/lines/{product_a}", PUBLIC)],
    "orders.cart_remove": [Case("POST", "/cart/lines/{product_a}/remove", PUBLIC)],
    "orders.checkout": [Case("GET", "/checkout", PUBLIC), Case("POST", "/checkout", PUBLIC)],
    "orders.wards": [Case("GET", "/checkout/wards?province=86", PUBLIC)],
    "orders.review": [Case("GET", "/checkout/review", PUBLIC)],
    "orders.place": [Case("POST", "/checkout/place", PUBLIC)],
    "orders.lookup": [Case("GET", "/orders/lookup", PUBLIC), Case("POST", "/orders/lookup", PUBLIC)],
    "orders.my_orders": [Case("GET", "/orders", SIGNED_IN)],
    **{endpoint: [Case(method, f"/orders/{{consumer_order}}{suffix}", public(**{r: 404 for r in ROLES if r != CONSUMER}))]
       for endpoint, method, suffix in (("orders.order_detail", "GET", ""), ("orders.cancel", "POST", "/cancel"),
                                        ("orders.reorder", "POST", "/reorder"))},
    "orders.review_product": [Case("POST", "/products/{product_a_slug}/reviews", SIGNED_IN)],
    "portal_orders.shipment_list": [Case("GET", "/portal/orders", only(STAFF_A, STAFF_B))],
    "portal_orders.export": [Case("GET", "/portal/orders/export", only(STAFF_A, STAFF_B))],
    "portal_orders.sales": [Case("GET", "/portal/sales", only(STAFF_A, STAFF_B))],
    "portal_orders.shipping": [
        Case("GET", "/portal/shipping", only(STAFF_A, STAFF_B)), Case("POST", "/portal/shipping", only(STAFF_A, STAFF_B))],
    "portal_orders.shipment_detail": [Case("GET", "/portal/orders/{shipment_a}", only(STAFF_A, staff_b=404))],
    "portal_orders.packing_slip": [Case("GET", "/portal/orders/{shipment_a}/packing-slip", only(STAFF_A, staff_b=404))],
    **{f"portal_orders.{action}": [Case("POST", f"/portal/orders/{{shipment_a}}/{action}", only(STAFF_A, staff_b=404))]
       for action in ("confirm", "ship", "deliver", "cancel")},
    # Payments: the way to Stripe and back for the order's buyer only (404 for everybody else);
    # Stripe's webhook is public but answers 400 without a valid signature; refunds and payouts
    # for the admin; the ledger for the cooperative's staff.
    **{endpoint: [Case(method, f"/orders/{{consumer_order}}{suffix}", public(**{r: 404 for r in ROLES if r != CONSUMER}))]
       for endpoint, method, suffix in (("payments.pay", "POST", "/pay"), ("payments.to_stripe", "GET", "/pay"),
                                        ("payments.success", "GET", "/paid?session_id=cs_x"),
                                        ("payments.cancelled", "GET", "/payment-cancelled"),
                                        ("payments.transfer", "GET", "/transfer"),
                                        ("payments.payment_status", "GET", "/payment-status"))},
    "payments.stripe_webhook": [Case("POST", "/webhooks/stripe", same_for_all(400))],
    # payOS's webhook likewise: 400 without a valid checksum. Transfers to match: the admin's.
    "payments.payos_webhook": [Case("POST", "/webhooks/payos", same_for_all(400))],
    "payments.admin_transfers": [Case("GET", "/admin/transfers", only(ADMIN))],
    "payments.admin_resolve_transfer": [Case("POST", "/admin/transfers/{missing_id}/resolve", only(ADMIN))],
    "payments.admin_payments": [Case("GET", "/admin/payments", only(ADMIN))],
    "payments.admin_order": [Case("GET", "/admin/payments/{consumer_order}", only(ADMIN))],
    "payments.admin_refund": [Case("POST", "/admin/payments/{consumer_order}/refund", only(ADMIN))],
    "payments.admin_retry_refund": [Case("POST", "/admin/payments/refunds/{missing_id}/retry", only(ADMIN))],
    "payments.admin_payouts": [Case("GET", "/admin/payouts", only(ADMIN)), Case("POST", "/admin/payouts", only(ADMIN))],
    "payments.admin_cooperative_ledger": [Case("GET", "/admin/payouts/{cooperative_a}", only(ADMIN))],
    "payments.admin_withholding": [Case("GET", "/admin/withholding", only(ADMIN))],
    "payments.ledger_page": [Case("GET", "/portal/ledger", only(STAFF_A, STAFF_B))],
    "payments.statement": [Case("GET", "/portal/ledger/statement?start=2026-01-01&end=2026-01-31",
                                only(STAFF_A, STAFF_B))],
}


def _value_chain_world(company, cooperative_a, product_a):
    """Objects of the value chain's rows: an open request and a draft of the company, an
    offer and a declared certification of cooperative A, partnerships of both, a purchase
    order of theirs."""
    from marketplace.valuechain import purchasing
    from tests.valuechain.helpers import declare_certification, make_offer, make_partnership, make_request

    request = make_request(company)
    order = purchasing.renew(make_partnership(company, product_a), None)
    return {
        "purchase_order_a": order.id,
        "delivery_a": order.deliveries[0].id,
        "request_d": request.id,
        "draft_d": make_request(company, status="draft").id,
        "offer_a": make_offer(request, product_a).id,
        "distributor_slug": company.slug,
        "certification_a": declare_certification(cooperative_a, "haccp").id,
        "partnership_a": make_partnership(company, product_a).id,
        "proposed_partnership_a": make_partnership(company, product_a, status="proposed").id,
        "product_a": product_a.id,
    }


def _orders_world(app, consumer, product_a):
    """An order of the consumer and a guest's, both with a shipment of cooperative A."""
    from marketplace.orders import checkout

    def order(user, key):
        delivery = checkout.Delivery("Khách", "0912345678", "khach@example.vn", 86, 28903, "1 Đường A")
        line = checkout.LineRequest(product_a.id, 1, product_a.price_vnd)
        return checkout.place_order(delivery, [line], f"matrix-{key}-0123456789", user=user)

    with app.test_request_context():
        mine, guests = order(consumer, "consumer"), order(None, "guest")
    return {"consumer_order": mine.number, "shipment_a": guests.shipments[0].id}


@pytest.fixture
def world(app):
    """The users of ROLES and the objects the paths refer to; returns (users, path values)."""
    cooperative_a, cooperative_b = make_cooperative(), make_cooperative()
    product_a = make_product(cooperative_a)
    make_certificate(product_a, stars=4)
    homestay_a = make_product(cooperative_a, category_code="6.1")
    company = make_distributor()
    users = {
        CONSUMER: make_user(),
        DISTRIBUTOR: make_distributor_staff(company),
        REVIEWER: make_user(role=Role.COUNCIL_REVIEWER),
        ADMIN: make_user(role=Role.ADMIN),
        STAFF_B: make_cooperative_staff(cooperative_b),
        STAFF_A: make_cooperative_staff(cooperative_a),
    }
    scan = Path(app.config["UPLOAD_DIR"]) / "certificates" / "matrix-scan.pdf"
    scan.parent.mkdir(parents=True, exist_ok=True)
    scan.write_bytes(b"%PDF-1.4\n%%EOF\n")
    certificate_a = make_certificate(product_a, stars=3, scan_file=scan.name, review_status=ReviewStatus.SUPERSEDED)
    pending_certificate_a = make_certificate(product_a, stars=5, review_status=ReviewStatus.PENDING)
    cooperative_a.photos.append(CooperativePhoto(stem="matrix-profile-photo", position=0))
    pending = make_cooperative(status=ApprovalStatus.PENDING)
    make_cooperative_staff(pending)
    values = {
        "product_a_slug": product_a.slug,
        "cooperative_a_slug": cooperative_a.slug,
        "member_a": make_cooperative_staff(cooperative_a, is_owner=False).id,
        "member_d": make_distributor_staff(company, is_owner=False).id,
        "pending_cooperative": pending.id,
        "consumer": users[CONSUMER].id,
        "bad_token": "not-a-valid-token",
        "missing_id": 999999,
        "product_a": product_a.id,
        "homestay_a": homestay_a.id,
        "photo_a": product_a.images[0].id,
        "certificate_a": certificate_a.id,
        "pending_certificate_a": pending_certificate_a.id,
        "profile_photo_a": cooperative_a.photos[0].id,
    }
    values.update(_value_chain_world(company, cooperative_a, product_a))
    values.update(_orders_world(app, users[CONSUMER], product_a))
    values["cooperative_a"] = cooperative_a.id  # payments: the admin's view of its ledger
    lot_a = make_lot(product_a)
    values.update(lot_a=lot_a.id, lot_a_code=lot_a.code)
    values["api_key_d"] = keys.create_key(company, users[DISTRIBUTOR], "ERP", ["read"])[0].id
    db.session.commit()
    return users, values


def _outcome(response):
    location = response.headers.get("Location", "")
    if response.status_code == 302 and location.startswith("/sign-in"):
        return SIGN_IN
    return OK if response.status_code < 400 else response.status_code


def _differences(app):
    """(endpoint, method) pairs served without a row, and rows for pairs not served."""
    served = {
        (rule.endpoint, method)
        for rule in app.url_map.iter_rules()
        for method in rule.methods - {"HEAD", "OPTIONS"}
    }
    listed = {(endpoint, case.method) for endpoint, cases in MATRIX.items() for case in cases}
    return served - listed, listed - served


def test_every_endpoint_has_a_row(app):
    without_row, stale = _differences(app)
    assert without_row == set(), "endpoints without a row in MATRIX (see this file's docstring)"
    assert stale == set(), "rows in MATRIX for endpoints that no longer exist"


def test_a_new_endpoint_without_a_row_is_caught(app):
    extended = make_test_app()
    extended.add_url_rule("/portal/secret", "portal.secret", lambda: "x", methods=["GET", "POST"])
    assert {("portal.secret", "GET"), ("portal.secret", "POST")} <= _differences(extended)[0]


@pytest.mark.parametrize(
    "endpoint, case",
    [(endpoint, case) for endpoint, cases in MATRIX.items() for case in cases],
    ids=[f"{endpoint}-{case.method}" for endpoint, cases in MATRIX.items() for case in cases],
)
def test_matrix(app, world, endpoint, case):
    users, values = world
    path = case.path.format(**values)
    got = {}
    for role in ROLES:
        client = app.test_client()
        if role != ANONYMOUS:
            sign_in_as(client, users[role])
        with client.open(path, method=case.method, data={} if case.method != "GET" else None) as response:
            got[role] = _outcome(response)
    assert got == case.expected, f"{case.method} {path}"
