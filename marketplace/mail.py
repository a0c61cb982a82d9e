"""Outgoing mail in one place.

With MAIL_SERVER set, mail goes out over SMTP (MAIL_PORT, MAIL_USERNAME, MAIL_PASSWORD,
MAIL_USE_TLS for STARTTLS, MAIL_FROM). Without it (development, tests) every mail is written
to MAIL_DIR as an .eml file and logged, so links can be followed by hand. Under TESTING the
message is also appended to `app.extensions["mail_outbox"]` for assertions.

Callers render subject and body in the recipient's language (flask_babel.force_locale).
Subjects carry names that people typed (products, cooperatives): headers are built here only,
with line breaks and other control characters folded to spaces.
"""
import logging
import re
import secrets
import smtplib
from email.message import EmailMessage
from email.utils import formatdate, make_msgid, parseaddr
from pathlib import Path

from flask import current_app, url_for

from marketplace import clock

log = logging.getLogger(__name__)

# C0 and C1 controls (CR and LF among them) and Unicode's line and paragraph separators.
_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")


def site_url(endpoint, **values):
    """The absolute address of a page for mail and other sites (Stripe): SITE_URL + its path.

    Never built from the request's Host header, which the sender of a request chooses.
    """
    return current_app.config["SITE_URL"] + url_for(endpoint, **values)


def outbox(app=None):
    """The list of messages captured under TESTING (empty list otherwise)."""
    app = app or current_app
    return app.extensions.setdefault("mail_outbox", [])


def send_mail(to, subject, body_text):
    """Send one plain-text mail; True when it was handed over (SMTP) or written (file).

    A failing SMTP server is logged, not raised: callers show the same message either way,
    and a page must not fail because the mail server did.
    """
    config = current_app.config
    sender = config["MAIL_FROM"]
    message = EmailMessage()
    message["From"] = sender
    message["To"] = header_text(to)
    message["Subject"] = header_text(subject)
    message["Date"] = formatdate(usegmt=True)
    # An explicit domain: make_msgid() would otherwise look up the host name (slow DNS).
    message["Message-ID"] = make_msgid(domain=parseaddr(sender)[1].rpartition("@")[2] or "localhost")
    message.set_content(body_text)
    if current_app.testing:
        outbox().append(message)
    if config["MAIL_SERVER"]:
        return _send_smtp(message, config)
    return _write_file(message, Path(config["MAIL_DIR"]))


def header_text(value):
    """`value` on one line, fit for a mail header: a product named "Kẹo\\r\\nBcc: …" must
    neither add a header nor make the mail fail."""
    return " ".join(_CONTROLS.sub(" ", str(value)).split())


def _send_smtp(message, config):
    try:
        with smtplib.SMTP(config["MAIL_SERVER"], config["MAIL_PORT"], timeout=20) as smtp:
            if config["MAIL_USE_TLS"]:
                smtp.starttls()
            if config["MAIL_USERNAME"]:
                smtp.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"])
            smtp.send_message(message)
    except (smtplib.SMTPException, OSError):
        log.exception("Could not send mail %r to %s", message["Subject"], message["To"])
        return False
    return True


def _write_file(message, folder):
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{clock.utcnow():%Y%m%d-%H%M%S}-{secrets.token_hex(4)}.eml"
    path.write_bytes(message.as_bytes())
    log.info("Mail to %s, %r, written to %s", message["To"], message["Subject"], path)
    return True
