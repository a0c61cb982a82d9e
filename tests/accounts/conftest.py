"""Helpers of the accounts tests: reading links out of the captured mail (tests/conftest.py has `outbox`)."""
import re
from urllib.parse import urlsplit


def link_in(message):
    """The path (and query) of the first link in a mail, ready for the test client."""
    url = re.search(r"https?://\S+", message.get_content()).group(0)
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")

