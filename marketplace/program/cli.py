"""`flask --app wsgi certificates remind`: the daily expiry reminders (from the jobs scheduler,
or by hand; idempotent)."""
import click
from flask.cli import AppGroup

certificates_cli = AppGroup("certificates", help="OCOP certificates.")


@certificates_cli.command("remind")
def remind_command():
    """Remind cooperatives 90, 30 and 7 days before a certificate expires (each reminder once).
    A certificate whose reminder fails is reported (exit status 1) after all the others."""
    from marketplace.batch import Batch
    from marketplace.program.services import remind_expiring

    batch = Batch("certificates remind")
    sent = remind_expiring(batch=batch)
    click.echo(f"Reminders sent: {len(sent)}.")
    batch.finish()


@certificates_cli.command("refresh-shown")
@click.option("--all", "everything", is_flag=True, help="Every product, not only those whose stored choice ran out.")
def refresh_shown_command(everything):
    """Store on each product the certificate it shows today (daily, after midnight; idempotent).
    Pages stay right without it, only slower for the products it has not refreshed."""
    from marketplace.catalog import shown
    from marketplace.extensions import db

    product_ids = None if everything else shown.stale_products()
    length = db.session.scalar(db.select(db.func.count()).select_from(shown.Product)) if everything else len(product_ids)
    with click.progressbar(length=length, label="Refreshing", show_pos=True) as bar:
        count = shown.refresh(product_ids, progress=bar.update)
    db.session.commit()
    click.echo(f"Products refreshed: {count}.")
