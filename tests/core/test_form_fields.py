"""Form fields as screen readers get them, without a browser: `aria-invalid` is "true" or
"false" (axe-core's critical `aria-valid-attr-value` when it was "None" on checkout), and no
attribute reads "None"."""
import re

import pytest
from flask import render_template_string
from wtforms import BooleanField, Form, SelectField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired

from marketplace.extensions import db
from tests.factories import make_cooperative, make_product

ARIA_INVALID = re.compile(r'aria-invalid="([^"]*)"')
NONE_ATTRIBUTE = re.compile(r'\s[\w-]+="None"')


def assert_aria_well_formed(html):
    assert set(ARIA_INVALID.findall(html)) <= {"true", "false"}, ARIA_INVALID.findall(html)
    assert not NONE_ATTRIBUTE.findall(html)


class Details(Form):
    name = StringField("Name", validators=[DataRequired()])
    province = SelectField("Province", choices=[SelectChoice("", "—"), SelectChoice("86", "Vĩnh Long")], validators=[DataRequired()])
    agree = BooleanField("I agree", validators=[DataRequired()])


MACROS = """{% from "macros/forms.html" import field, checkbox %}
{{ field(form.name) }}{{ field(form.province, hint='Where we deliver') }}{{ checkbox(form.agree) }}"""


@pytest.mark.parametrize("sent", [False, True], ids=["fresh", "with-errors"])
def test_the_field_macros_write_aria_invalid_as_true_or_leave_it_out(app, sent):
    form = Details()
    if sent:
        assert not form.validate()
    with app.test_request_context("/"):
        html = render_template_string(MACROS, form=form)
    assert_aria_well_formed(html)
    assert html.count('aria-invalid="true"') == (3 if sent else 0)
    assert ('aria-describedby="province-hint province-error"' in html) is sent


def test_checkout_and_sign_up_fields_are_well_formed_before_and_after_errors(app):
    product = make_product(make_cooperative(), price_vnd=85000, stock=5)
    db.session.commit()
    client = app.test_client()
    client.post("/cart/add", data={"product_id": product.id, "quantity": "1"})
    pages = [
        client.get("/checkout?lang=en"),
        client.post("/checkout?lang=en", data={}),
        client.get("/sign-up"),
        client.post("/sign-up", data={"email": "x", "password": "1"}),
    ]
    assert [page.status_code for page in pages] == [200, 200, 200, 200]
    assert 'aria-invalid="true"' in pages[1].get_data(as_text=True)
    for page in pages:
        assert_aria_well_formed(page.get_data(as_text=True))
