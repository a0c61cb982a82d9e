"""A small stand-in for payOS's API on a local pytest-httpserver, and signed webhooks.

The app's payOS SDK talks to it through PAYOS_API_BASE exactly as to payOS: JSON requests
signed with the checksum key, answers {"code": "00", "data": …, "signature": …} signed the
same way (the SDK refuses an answer whose signature is wrong). It issues a VietQR payload per
link, serves a tiny page at each link's checkout URL, and plays the bank: `transfer` records
a transaction on a link and returns the webhook payOS would send, signed with the checksum key
(HMAC-SHA256 over the sorted data, the SDK's own CryptoProvider).
"""
import itertools
import json
import re

from payos._crypto import CryptoProvider
from payos.types import WebhookData
from werkzeug.wrappers import Response

from marketplace import clock

CLIENT_ID = "payos-client-test"
API_KEY = "payos-api-key-test"
CHECKSUM_KEY = "payos-checksum-key-test"
BANK_BIN = "970422"  # MB Bank
ACCOUNT_NUMBER = "0123456789"
ACCOUNT_NAME = "CONG TY OCOP BEN TRE"
_references = itertools.count(1)
crypto = CryptoProvider()


def sign(data, key=CHECKSUM_KEY):
    return crypto.create_signature_from_object(data, key)


def _tlv(tag, value):
    return f"{tag}{len(value):02d}{value}"


def _crc16(text):
    crc = 0xFFFF
    for byte in text.encode():
        crc ^= byte << 8
        for _ in range(8):
            crc = ((crc << 1) ^ 0x1021) if crc & 0x8000 else crc << 1
            crc &= 0xFFFF
    return f"{crc:04X}"


def vietqr_payload(amount, memo):
    """A NAPAS VietQR (EMVCo) payload as payOS returns it in `qrCode`."""
    beneficiary = _tlv("00", "A000000727") + _tlv("01", _tlv("00", BANK_BIN) + _tlv("01", ACCOUNT_NUMBER)) + \
        _tlv("02", "QRIBFTTA")
    body = (_tlv("00", "01") + _tlv("01", "12") + _tlv("38", beneficiary) + _tlv("53", "704") + _tlv("54", str(amount))
            + _tlv("58", "VN") + _tlv("62", _tlv("08", memo)) + "6304")
    return body + _crc16(body)


class FakePayOS:
    def __init__(self, server):
        self.server = server
        self.links = {}  # paymentLinkId → link dict (PaymentLink's fields, and the creation's)
        self.requests = []  # (method, path, JSON body)
        self.fail = None  # None or "refuse" (payOS answers an error code)
        self._ids = itertools.count(1)
        server.expect_request(re.compile(r"^/v2/payment-requests$"), method="POST").respond_with_handler(self._create)
        server.expect_request(re.compile(r"^/v2/payment-requests/[^/]+/cancel$"), method="POST").respond_with_handler(
            self._cancel)
        server.expect_request(re.compile(r"^/v2/payment-requests/[^/]+$"), method="GET").respond_with_handler(self._get)
        server.expect_request(re.compile(r"^/web/[^/]+$"), method="GET").respond_with_handler(self._page)

    @property
    def base(self):
        return self.server.url_for("").rstrip("/")

    def calls(self, path):
        return [r for r in self.requests if r[1] == path]

    # -- handlers

    def _record(self, request):
        body = json.loads(request.get_data(as_text=True) or "{}")
        self.requests.append((request.method, request.path, body))
        return body

    def _create(self, request):
        body = self._record(request)
        if request.headers.get("x-client-id") != CLIENT_ID or request.headers.get("x-api-key") != API_KEY:
            return _answer(None, code="401", desc="Unauthorized")
        if body.get("signature") != crypto.create_signature_of_payment_request(body, CHECKSUM_KEY):
            return _answer(None, code="20", desc="Chữ ký không hợp lệ")
        if self.fail == "refuse":
            return _answer(None, code="231", desc="Đơn thanh toán đã tồn tại")
        link_id = f"plink{next(self._ids):04d}"
        created = {
            "bin": BANK_BIN, "accountNumber": ACCOUNT_NUMBER, "accountName": ACCOUNT_NAME,
            "amount": body["amount"], "description": body["description"], "orderCode": body["orderCode"],
            "currency": "VND", "paymentLinkId": link_id, "status": "PENDING", "expiredAt": body.get("expiredAt"),
            "checkoutUrl": self.server.url_for(f"/web/{link_id}"),
            "qrCode": vietqr_payload(body["amount"], body["description"]),
        }
        self.links[link_id] = {**created, "transactions": [], "cancellationReason": None, "canceledAt": None}
        return _answer(created)

    def _link(self, link_id):
        link = self.links[link_id]
        paid = sum(t["amount"] for t in link["transactions"])
        return {"id": link_id, "orderCode": link["orderCode"], "amount": link["amount"], "amountPaid": paid,
                "amountRemaining": max(0, link["amount"] - paid), "status": link["status"],
                "createdAt": "2026-12-08T00:00:00+07:00", "transactions": link["transactions"],
                "cancellationReason": link["cancellationReason"], "canceledAt": link["canceledAt"]}

    def _get(self, request):
        self._record(request)
        link_id = request.path.rsplit("/", 1)[1]
        if link_id not in self.links:
            return _answer(None, code="101", desc="Không tìm thấy", status=404)
        return _answer(self._link(link_id))

    def _cancel(self, request):
        body = self._record(request)
        link = self.links[request.path.split("/")[-2]]
        if link["status"] == "PENDING":
            link.update(status="CANCELLED", cancellationReason=body.get("cancellationReason"),
                        canceledAt="2026-12-08T00:00:00+07:00")
        return _answer(self._link(request.path.split("/")[-2]))

    def _page(self, request):
        return Response("<!doctype html><title>Fake payOS</title><h1>Fake payOS</h1>", content_type="text/html")

    # -- what the bank and payOS would do

    def link_of(self, order_code):
        return next(link for link in self.links.values() if link["orderCode"] == order_code)

    def transfer(self, link_id, amount=None, reference=None, at=None):
        """The buyer's bank transfers `amount` (the link's by default) at `at` (naive UTC, now by
        default): the link records it, and the signed webhook payOS sends is returned (a dict)."""
        link = self.links[link_id]
        moment = clock.local(at or clock.utcnow()).strftime("%Y-%m-%d %H:%M:%S")
        transaction = {
            "reference": reference or f"FT{next(_references):010d}", "amount": link["amount"] if amount is None else amount,
            "accountNumber": ACCOUNT_NUMBER, "description": link["description"], "transactionDateTime": moment,
            "virtualAccountName": None, "virtualAccountNumber": None, "counterAccountBankId": None,
            "counterAccountBankName": None, "counterAccountName": None, "counterAccountNumber": None,
        }
        link["transactions"].append(transaction)
        paid = sum(t["amount"] for t in link["transactions"])
        link["status"] = "PAID" if paid >= link["amount"] else "UNDERPAID"
        data = WebhookData(
            order_code=link["orderCode"], amount=transaction["amount"], description=link["description"],
            account_number=ACCOUNT_NUMBER, reference=transaction["reference"], transaction_date_time=moment,
            currency="VND", payment_link_id=link_id, code="00", desc="success",
        ).model_dump_camel_case()
        return {"code": "00", "desc": "success", "success": True, "data": data, "signature": sign(data)}


def _answer(data, code="00", desc="success", status=200):
    body = {"code": code, "desc": desc, "data": data, "signature": sign(data) if data is not None else None}
    return Response(json.dumps(body), status=status, content_type="application/json")


def post_webhook(client, body):
    return client.post("/webhooks/payos", data=json.dumps(body), content_type="application/json")
