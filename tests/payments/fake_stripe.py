"""A small stand-in for Stripe's API on a local pytest-httpserver, and signed webhook events.

The app talks to it through STRIPE_API_BASE like to Stripe: form-encoded requests, JSON
answers, idempotency keys honoured (the same key returns the first answer). It also serves a
tiny page at each session's URL, so that a browser sent to "Stripe" lands somewhere.
"""
import itertools
import json
import re
import time
from urllib.parse import parse_qsl

import stripe
from werkzeug.wrappers import Response

SECRET_KEY = "sk_test_fake"
WEBHOOK_SECRET = "whsec_test_secret"
_events = itertools.count(1)


class FakeStripe:
    def __init__(self, server):
        self.server = server
        self.sessions = {}  # id → session dict
        self.refunds = {}  # id → refund dict
        self.requests = []  # (method, path, form fields as a dict, idempotency key)
        self.answers = {}  # idempotency key → JSON answered
        self.fail = None  # None, "refuse" (a 400 card error) or "timeout" (slower than the app waits)
        self.delay = 0.0
        self._ids = itertools.count(1)
        server.expect_request(re.compile(r"^/v1/checkout/sessions$"), method="POST").respond_with_handler(self._create)
        server.expect_request(re.compile(r"^/v1/checkout/sessions/[^/]+/expire$"), method="POST").respond_with_handler(
            self._expire)
        server.expect_request(re.compile(r"^/v1/checkout/sessions/[^/]+$"), method="GET").respond_with_handler(
            self._retrieve)
        server.expect_request(re.compile(r"^/v1/refunds$"), method="POST").respond_with_handler(self._refund)
        server.expect_request(re.compile(r"^/c/pay/[^/]+$"), method="GET").respond_with_handler(self._page)

    @property
    def base(self):
        return self.server.url_for("").rstrip("/")

    # -- what the app sent

    def calls(self, path):
        return [r for r in self.requests if r[1] == path]

    # -- handlers

    def _record(self, request):
        form = dict(parse_qsl(request.get_data(as_text=True), keep_blank_values=True))
        key = request.headers.get("Idempotency-Key")
        self.requests.append((request.method, request.path, form, key))
        return form, key

    def _trouble(self):
        """A hung Stripe (answers too late, having done nothing) or a refusal, as `fail` says."""
        if self.fail == "timeout":
            time.sleep(self.delay or 1.0)
            return _json({"error": {"type": "api_error", "message": "Too late."}}, 500)
        if self.fail == "refuse":
            return _json({"error": {"type": "invalid_request_error", "message": "Your card was declined."}}, 400)
        return None

    def _create(self, request):
        form, key = self._record(request)
        trouble = self._trouble()
        if trouble is not None:
            return trouble
        if key in self.answers:
            return _json(self.answers[key])
        total, i = 0, 0
        while f"line_items[{i}][quantity]" in form:
            total += int(form[f"line_items[{i}][price_data][unit_amount]"]) * int(form[f"line_items[{i}][quantity]"])
            i += 1
        session_id = f"cs_test_{next(self._ids)}"
        session = {
            "id": session_id, "object": "checkout.session", "url": self.server.url_for(f"/c/pay/{session_id}"),
            "status": "open", "payment_status": "unpaid", "amount_total": total, "currency": "vnd",
            "client_reference_id": form.get("client_reference_id"), "customer_email": form.get("customer_email"),
            "expires_at": int(form.get("expires_at", "0")), "payment_intent": None,
        }
        self.sessions[session_id] = session
        self.answers[key] = session
        return _json(session)

    def _retrieve(self, request):
        self._record(request)
        trouble = self._trouble()
        if trouble is not None:
            return trouble
        session = self.sessions.get(request.path.rsplit("/", 1)[1])
        return _json(session) if session else _json({"error": {"type": "invalid_request_error"}}, 404)

    def _expire(self, request):
        self._record(request)
        session = self.sessions[request.path.split("/")[-2]]
        if session["status"] == "open":
            session["status"] = "expired"
        return _json(session)

    def _refund(self, request):
        form, key = self._record(request)
        trouble = self._trouble()
        if trouble is not None:
            return trouble
        if key in self.answers:
            return _json(self.answers[key])
        refund = {"id": f"re_test_{next(self._ids)}", "object": "refund", "amount": int(form["amount"]),
                  "payment_intent": form["payment_intent"], "status": "succeeded"}
        self.refunds[refund["id"]] = refund
        self.answers[key] = refund
        return _json(refund)

    def _page(self, request):
        return Response("<!doctype html><title>Fake Stripe Checkout</title><h1>Fake Stripe Checkout</h1>",
                        content_type="text/html")

    # -- what Stripe would do

    def pay(self, session_id):
        """The buyer pays on Stripe's page: the session as the completed event carries it."""
        session = self.sessions[session_id]
        session.update(status="complete", payment_status="paid", payment_intent=f"pi_{session_id}")
        return dict(session)

    def expire(self, session_id):
        session = self.sessions[session_id]
        session.update(status="expired")
        return dict(session)


def _json(body, status=200):
    return Response(json.dumps(body), status=status, content_type="application/json")


def make_event(event_type, obj, event_id=None):
    return {"id": event_id or f"evt_test_{next(_events)}", "object": "event", "type": event_type,
            "created": int(time.time()), "data": {"object": obj}}


def signed(payload, secret=WEBHOOK_SECRET, timestamp=None):
    """The Stripe-Signature header Stripe would send for this body."""
    return stripe.WebhookSignature.generate_signature_header(payload, secret, timestamp=timestamp)


def post_event(client, event, secret=WEBHOOK_SECRET, timestamp=None):
    payload = json.dumps(event)
    return client.post("/webhooks/stripe", data=payload, content_type="application/json",
                       headers={"Stripe-Signature": signed(payload, secret, timestamp)})
