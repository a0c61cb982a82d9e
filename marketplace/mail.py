"""Outgoing mail in one place.

With MAIL_SERVER set, mail goes out over SMTP (MAIL_PORT, MAIL_USERNAME, MAIL_PASSWORD,
MAIL_USE_TLS for STARTTLS, MAIL_FROM). Without it (development, tests) every mail is written
to MAIL_DIR as an .eml file and logged, so links can be followed by hand. Under TESTING the
message is also appended to `app.extensions["mail_outbox"]` for assertions.

`send_mail` does not send: the jobs package (marketplace/jobs) plugs in a hand-over that writes
the mail as an outbox row in the caller's transaction, sent after the commit (by the RQ worker,
or inline without Redis). `deliver` is what finally sends it.

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
    """Send one plain-text mail once the caller's transaction commits; True when it was taken.

    Goes through the hand-over the jobs package registers (the transactional outbox); an app
    without it sends at once.
    """
    hand_over = current_app.extensions.get("mail.hand_over")
    if hand_over is not None:
        return hand_over(to, subject, body_text)
    return deliver(compose(to, subject, body_text))


def compose(to, subject, body_text, message_id=None):
    """The message, headers folded to one line each. A fixed `message_id` (the outbox's) makes
    a mail sent twice recognisable as the same mail."""
    sender = current_app.config["MAIL_FROM"]
    message = EmailMessage()
    message["From"] = sender
    message["To"] = header_text(to)
    message["Subject"] = header_text(subject)
    message["Date"] = formatdate(usegmt=True)
    domain = parseaddr(sender)[1].rpartition("@")[2] or "localhost"
    # An explicit domain: make_msgid() would otherwise look up the host name (slow DNS).
    message["Message-ID"] = f"<{message_id}@{domain}>" if message_id else make_msgid(domain=domain)
    message.set_content(body_text)
    return message


def deliver(message, raise_errors=False):
    """Hand the message to SMTP (MAIL_SERVER) or write it to MAIL_DIR; True when done.

    A failing SMTP server is logged and answers False, or raises with `raise_errors` (the
    worker, which retries)."""
    config = current_app.config
    if current_app.testing:
        outbox().append(message)
    if config["MAIL_SERVER"]:
        return _send_smtp(message, config, raise_errors)
    return _write_file(message, Path(config["MAIL_DIR"]))


def header_text(value):
    """`value` on one line, fit for a mail header: a product named "Kẹo\\r\\nBcc: …" must
    neither add a header nor make the mail fail."""
    return " ".join(_CONTROLS.sub(" ", str(value)).split())


def _send_smtp(message, config, raise_errors=False):
    try:
        with smtplib.SMTP(config["MAIL_SERVER"], config["MAIL_PORT"], timeout=20) as smtp:
            if config["MAIL_USE_TLS"]:
                smtp.starttls()
            if config["MAIL_USERNAME"]:
                smtp.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"])
            smtp.send_message(message)
    except (smtplib.SMTPException, OSError):
        if raise_errors:
            raise
        log.exception("Could not send mail %r to %s", message["Subject"], message["To"])
        return False
    return True


def _write_file(message, folder):
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{clock.utcnow():%Y%m%d-%H%M%S}-{secrets.token_hex(4)}.eml"
    path.write_bytes(message.as_bytes())
    log.info("Mail to %s, %r, written to %s", message["To"], message["Subject"], path)
    return True
