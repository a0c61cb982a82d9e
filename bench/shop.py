"""A shopper and a cooperative over HTTP, as a browser would be: read a form from the page,
fill it, post it with the session cookie. Used by the two-server test
(tests/core/test_two_servers.py) and the load test (bench/load.py), with a `requests`
session or locust's (its `name=` groups the figures per page)."""
import re
from html.parser import HTMLParser

DELIVERY = {
    "name": "Nguyễn Thị Lan",
    "phone": "0912 345 678",
    "email": "lan@example.vn",
    "province_code": "86",  # Vĩnh Long
    "ward_code": "28903",  # Mỏ Cày
    "street": "12 Đường Nguyễn Đình Chiểu",
}


class _Forms(HTMLParser):
    """Every form's action and its fields' current values (what a browser would send)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms = []  # (action, [(name, value)])
        self._select = self._textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "option" and self._select is not None:
            if self._select[1] is None:
                self._select[1] = attrs.get("value", "")
            if "selected" in attrs:
                self._select[2] = attrs.get("value", "")
        elif tag == "form":
            self.forms.append((attrs.get("action", ""), []))
        elif not self.forms or "name" not in attrs or "disabled" in attrs:
            return
        elif tag == "input":
            kind = attrs.get("type", "text")
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            if kind not in ("submit", "button", "file", "image", "reset"):
                self.forms[-1][1].append((attrs["name"], attrs.get("value", "on" if kind == "checkbox" else "")))
        elif tag == "select":
            self._select = [attrs["name"], None, None]  # name, first option, selected option
        elif tag == "textarea":
            self._textarea = [attrs["name"], ""]

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "textarea" and self._textarea is not None:
            name, text = self._textarea
            # As browsers do, one newline right after <textarea> is not part of the value.
            self.forms[-1][1].append((name, text[2:] if text.startswith("\r\n") else text.removeprefix("\n")))
            self._textarea = None
        elif tag == "select" and self._select is not None:
            name, first, chosen = self._select
            self.forms[-1][1].append((name, chosen if chosen is not None else (first or "")))
            self._select = None

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)



def form(html, action):
    """The fields of the first form whose action ends with `action`, as a list of pairs."""
    parser = _Forms()
    parser.feed(html)
    for found, fields in parser.forms:
        if found.split("?")[0].endswith(action):
            return fields
    raise LookupError(f"no form posting to {action}")


def filled(fields, **values):
    """The fields with some values replaced (a name not in the form is added)."""
    result = [(name, values.pop(name) if name in values else value) for name, value in fields]
    return result + list(values.items())


def sign_in(client, base, email, password, **kw):
    page = client.get(f"{base}/sign-in", **kw)
    fields = filled(form(page.text, "/sign-in"), email=email, password=password)
    return client.post(f"{base}/sign-in", data=fields, headers={"Origin": base}, **kw)


def edit_product(client, base, product_id, **values):
    """A cooperative's staff member changes a product in the portal (e.g. price="99000")."""
    path = f"/portal/products/{product_id}"
    fields = filled(form(client.get(base + path).text, path), **values)
    return client.post(base + path, data=fields, headers={"Origin": base})


def add_to_cart(client, base, product_id, quantity=1, **kw):
    return client.post(f"{base}/cart/add", data={"product_id": product_id, "quantity": quantity},
                       headers={"Origin": base}, **kw)


ORDER_NUMBER = re.compile(r"/orders/([A-Z0-9-]+)$")


def check_out(client, base, delivery=None, name_prefix=""):
    """Cash on delivery: checkout form, review page, place. The order's number, or None when
    the shop refused (e.g. sold out meanwhile: the cart page says why)."""
    def named(page):
        return {"name": name_prefix + page} if name_prefix else {}

    page = client.get(f"{base}/checkout", **named("/checkout"))
    fields = filled(form(page.text, "/checkout"), **(delivery or DELIVERY))
    client.post(f"{base}/checkout", data=fields, headers={"Origin": base}, allow_redirects=False, **named("/checkout"))
    review = client.get(f"{base}/checkout/review", **named("/checkout/review"))
    try:
        fields = form(review.text, "/checkout/place")
    except LookupError:
        return None  # the cart emptied (sold out) before the review
    placed = client.post(f"{base}/checkout/place", data=fields, headers={"Origin": base}, allow_redirects=False,
                         **named("/checkout/place"))
    found = ORDER_NUMBER.search(placed.headers.get("Location", ""))
    return found.group(1) if found else None
