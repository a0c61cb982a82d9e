"""`flask --app wsgi payments release-expired`: cancel unpaid card orders whose time to pay ran
out and give their stock back. Every 10 minutes from the jobs scheduler, or by hand; running it
again does nothing twice. Mails and notices link to SITE_URL."""
import click
from flask import current_app
from flask.cli import AppGroup

payments_cli = AppGroup("payments", help="Card payments.")


@payments_cli.command("release-expired")
def release_expired_command():
    """Cancel card and VietQR orders left unpaid past their session's or link's expiry (stock back once)."""
    from marketplace.batch import Batch
    from marketplace.payments.card import release_expired

    batch = Batch("payments release-expired")
    with current_app.test_request_context(base_url=current_app.config["SITE_URL"]):
        report = release_expired(batch=batch)
    click.echo(f"Cancelled {len(report['cancelled'])} unpaid order(s), recorded {len(report['paid'])} "
               f"paid one(s), skipped {len(report['skipped'])} (Stripe or payOS unreachable; the next run retries).")
    for key in ("cancelled", "paid", "skipped"):
        for number in report[key]:
            click.echo(f"  {key}: {number}")
    batch.finish()
