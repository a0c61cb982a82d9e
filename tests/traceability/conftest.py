"""Fixtures of the traceability tests: the portal's cooperative and its signed-in staff."""
from tests.portal.conftest import cooperative, portal, staff  # noqa: F401
