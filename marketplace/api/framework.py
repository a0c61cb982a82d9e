"""The distributors' open API, its machinery: an endpoint is one function declared with
`Api.operation` — method, path, the scope its key needs, the marshmallow schemas of its body
and answer — and the same declarations build the OpenAPI 3.1 document (apispec), so the
document cannot drift from the code. Authentication (`Authorization: Bearer <key>`), scopes,
each key's own rate limit and the one error shape live here; the rules stay in the services.

Adding an endpoint (see `api/sourcing.py`): a response schema in `api/schemas.py` (and a body
schema when it takes one), then

    @api.operation("POST", "/offers/<int:offer_id>/decline", scope=Scope.SOURCING, tag="Offers",
                   summary="Decline an offer", response=OfferSchema)
    def decline_offer(key, offer_id):
        offer = own_offer(key, offer_id)  # 404 unless the key's company's
        offers.decline_offer(offer, key.created_by)
        return offer

It answers `response().dump(result)` with `status`; a `body=` schema's checked values come as
`body`, a `query=` schema's (e.g. `PageQuerySchema`) as `query` (invalid ones are a 400); a
service's Refusal becomes a 422. The document (and so schemathesis) follow.
"""
import re
from dataclasses import dataclass
from functools import wraps

from apispec import APISpec
from apispec.ext.marshmallow import MarshmallowPlugin
from flask import current_app, g, request
from marshmallow import Schema, ValidationError, fields

from marketplace import unitofwork
from marketplace.api import keys
from marketplace.api.models import Scope
from marketplace.errors import Refusal
from marketplace.extensions import limiter
from marketplace.views import json_error

MAX_ID = 2**31 - 1  # ids past it are 404 (marketplace.safety bounds every <int:…>)


class ApiError(Exception):
    """An answer in the one error shape (`marketplace.views.json_error`)."""

    def __init__(self, status, code, message, fields=None):
        super().__init__(message)
        self.status, self.code, self.message, self.fields = status, code, message, fields or {}


def not_found():
    return ApiError(404, "not_found", "No such object (or not your company's).")


class ErrorDetailSchema(Schema):
    code = fields.String(required=True, metadata={"description": "Stable, machine-readable: not_found, invalid, refused…"})
    message = fields.String(required=True, metadata={"description": "A sentence for people."})
    fields = fields.Dict(keys=fields.String(), values=fields.List(fields.String()), required=True,
                         metadata={"description": "Problems by request field (empty when none is named)."})


class ErrorSchema(Schema):
    error = fields.Nested(ErrorDetailSchema, required=True)


ERROR_DESCRIPTIONS = {
    400: "The body is not a JSON object (or holds NUL bytes or invalid characters), or a query parameter is invalid.",
    401: "No key, or an unknown or revoked key.",
    403: "The key lacks the scope, or its company is not approved.",
    404: "No such object, or another company's.",
    422: "Invalid values, or refused by a rule; `fields` names them.",
    429: "The key's rate limit is reached; see Retry-After.",
}


@dataclass
class Operation:
    method: str
    rule: str
    endpoint: str
    scope: Scope
    tag: str
    summary: str
    description: str
    body: type | None
    response: type
    status: int
    query: type | None = None

    @property
    def path(self):
        return re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", self.rule)

    @property
    def path_parameters(self):
        return re.findall(r"<(?:\w+:)?(\w+)>", self.rule)


# --- keys, scopes, the rate limit -------------------------------------------------------------


def current_key():
    """The live key of this request's `Authorization: Bearer <key>`, else None (once per request)."""
    if "api_key" not in g:
        scheme, _, token = request.headers.get("Authorization", "").partition(" ")
        g.api_key = keys.key_for_token(token.strip()) if scheme.lower() == "bearer" else None
    return g.api_key


def _authorised(scope):
    key = current_key()
    if key is None:
        raise ApiError(401, "unauthorized", "Send a valid key: Authorization: Bearer <key>.")
    if not key.distributor.is_approved:
        raise ApiError(403, "company_not_approved", "The key's company is not approved by the OCOP council.")
    # A sourcing key may also read: what it changes it must be able to see.
    if not (key.allows(scope) or (scope == Scope.READ and key.allows(Scope.SOURCING))):
        raise ApiError(403, "insufficient_scope", f"This key lacks the scope “{scope.value}”.")
    return key


def _key_rate():
    # Flask-Limiter reads the limit before asking `exempt_when`: a request without a key (the
    # document, the docs page, a 401 to be) gets the address limit here and is exempt anyway.
    key = current_key()
    return f"{key.rate_per_minute}/minute" if key is not None else current_app.config["RATELIMIT_API"]


def _key_id():
    key = current_key()
    return f"api-key:{key.id if key is not None else 'none'}"


# --- bodies -----------------------------------------------------------------------------------


def _clean(value):
    """Whether every string in the JSON value can be stored: no NUL, no lone surrogate."""
    if isinstance(value, str):
        return "\x00" not in value and not any("\ud800" <= c <= "\udfff" for c in value)
    if isinstance(value, dict):
        return all(_clean(k) and _clean(v) for k, v in value.items())
    if isinstance(value, list):
        return all(_clean(v) for v in value)
    return True


def _flat(messages, prefix=""):
    """marshmallow's nested messages as {"field" or "field.0": [sentences]}."""
    flat = {}
    if isinstance(messages, dict):
        for name, inner in messages.items():
            flat.update(_flat(inner, f"{prefix}.{name}" if prefix else str(name)))
    else:
        flat[prefix or "_schema"] = [str(m) for m in (messages if isinstance(messages, list) else [messages])]
    return flat


def _load(schema_class):
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        raise ApiError(400, "bad_request", "Send a JSON object (Content-Type: application/json).")
    if not _clean(data):
        raise ApiError(400, "bad_request", "Text may not hold NUL bytes or invalid characters.")
    try:
        return schema_class().load(data)
    except ValidationError as error:
        raise ApiError(422, "invalid", "Some values are invalid.", _flat(error.messages)) from None


def _load_query(schema_class):
    try:
        return schema_class().load(request.args.to_dict())
    except ValidationError as error:
        raise ApiError(400, "bad_request", "Invalid query parameters.", _flat(error.messages)) from None


def _answer(error):
    body, status = json_error(error.status, error.code, error.message, error.fields)
    return body, status, ({"WWW-Authenticate": "Bearer"} if status == 401 else {})


# --- the API ----------------------------------------------------------------------------------


class Api:
    def __init__(self, blueprint, title, version, description):
        self.bp, self.title, self.version, self.description = blueprint, title, version, description
        self.operations = []
        # Each key has its own limit over the whole API (read lazily: `current_key` caches the
        # key in `g`, so the limiter's hook may run before the view); every request also counts
        # per address, as on the rest of /api/v1.
        limiter.limit(_key_rate, key_func=_key_id, exempt_when=lambda: current_key() is None)(blueprint)
        limiter.limit(lambda: current_app.config["RATELIMIT_API"])(blueprint)
        blueprint.register_error_handler(ApiError, _answer)

    def operation(self, method, rule, *, scope, tag, summary, response, body=None, query=None, status=200,
                  description=""):
        def decorate(function):
            op = Operation(method, rule, function.__name__, scope, tag, summary,
                           description or (function.__doc__ or "").strip(), body, response, status, query)
            self.operations.append(op)

            @wraps(function)
            def view(**kwargs):
                key = _authorised(scope)
                if query is not None:
                    kwargs["query"] = _load_query(query)
                if body is not None:
                    kwargs["body"] = _load(body)
                try:
                    result = function(key, **kwargs)
                except Refusal as refusal:
                    unitofwork.rollback()
                    fields_ = {refusal.field: refusal.problems} if refusal.field else {}
                    raise ApiError(422, "refused", refusal.message, fields_) from None
                return response().dump(result), status

            self.bp.add_url_rule(rule, function.__name__, view, methods=[method])
            return view

        return decorate

    def document(self):
        """The OpenAPI 3.1 document of every operation, built from their declarations."""
        spec = APISpec(
            title=self.title, version=self.version, openapi_version="3.1.0", plugins=[MarshmallowPlugin()],
            info={"description": self.description},
        )
        spec.components.security_scheme("key", {"type": "http", "scheme": "bearer",
                                                "description": "A key made on /account/company/api-keys."})
        spec.components.schema("Error", schema=ErrorSchema)
        prefix = self.bp.url_prefix or ""
        for op in self.operations:
            errors = [401, 403, 429]
            if op.path_parameters:
                errors.append(404)
            if op.body is not None or op.query is not None:
                errors.append(400)
            if op.body is not None:
                errors.append(422)
            elif op.method != "GET":
                errors.append(422)  # a rule refuses (e.g. closing a closed request)
            responses = {str(op.status): {"description": "OK",
                                          "content": {"application/json": {"schema": op.response}}}}
            for code in sorted(errors):
                responses[str(code)] = {"description": ERROR_DESCRIPTIONS[code],
                                        "content": {"application/json": {"schema": "Error"}}}
            operation = {
                "operationId": op.endpoint, "summary": op.summary, "tags": [op.tag],
                "security": [{"key": []}], "responses": responses,
                "parameters": [
                    {"in": "path", "name": name, "required": True,
                     "schema": {"type": "integer", "minimum": 1, "maximum": MAX_ID}}
                    for name in op.path_parameters
                ] + ([{"in": "query", "schema": op.query}] if op.query is not None else []),
                "x-scope": op.scope.value,
            }
            if op.description:
                operation["description"] = op.description
            if op.body is not None:
                operation["requestBody"] = {"required": True, "content": {"application/json": {"schema": op.body}}}
            spec.path(path=prefix + op.path, operations={op.method.lower(): operation})
        return spec.to_dict()

