"""`flask --app wsgi orders release-unconfirmed`: cancel the parts of cash-on-delivery orders
that their cooperative has not confirmed within COD_CONFIRM_HOURS and give their stock back.
Hourly from the jobs scheduler (marketplace/jobs/schedule.py), or by hand; running it again
does nothing twice. Mails link to SITE_URL."""
import click
from flask import current_app
from flask.cli import AppGroup

orders_cli = AppGroup("orders", help="Orders.")


@orders_cli.command("release-unconfirmed")
def release_unconfirmed_command():
    """Cancel COD order parts left unconfirmed past COD_CONFIRM_HOURS (stock back once, buyer told)."""
    from marketplace.orders.unconfirmed import release_unconfirmed

    with current_app.test_request_context(base_url=current_app.config["SITE_URL"]):
        report = release_unconfirmed()
    click.echo(f"Released {len(report['released'])} unconfirmed order part(s); {len(report['failed'])} failed "
               f"(see the log; the next run retries).")
    for key in ("released", "failed"):
        for label in report[key]:
            click.echo(f"  {key}: {label}")
    if report["failed"]:
        raise SystemExit(1)
