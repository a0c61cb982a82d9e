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
