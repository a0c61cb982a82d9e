"""`flask --app wsgi certificates remind`: the daily expiry reminders (for cron; idempotent)."""
import click
from flask.cli import AppGroup

certificates_cli = AppGroup("certificates", help="OCOP certificates.")


@certificates_cli.command("remind")
def remind_command():
    """Remind cooperatives 90, 30 and 7 days before a certificate expires (each reminder once)."""
    from marketplace.program.services import remind_expiring

    sent = remind_expiring()
    click.echo(f"Reminders sent: {len(sent)}.")
