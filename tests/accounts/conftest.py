"""Fixtures of the accounts tests: the captured mail, and reading links out of it."""
import re
from urllib.parse import urlsplit

import pytest

from marketplace.mail import outbox as mail_outbox


@pytest.fixture
def outbox(app):
    """Mail sent during this test (the `app` fixture starts each test with none)."""
    return mail_outbox(app)


def link_in(message):
    """The path (and query) of the first link in a mail, ready for the test client."""
    url = re.search(r"https?://\S+", message.get_content()).group(0)
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")

