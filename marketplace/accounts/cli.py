"""`flask --app wsgi create-admin --email …`: make the first admin (or promote an account).
`flask --app wsgi accounts purge-sign-ins`: daily from the jobs scheduler (or by hand), forget old sign-in attempts."""
import click
from flask import current_app
from flask.cli import AppGroup, with_appcontext

from marketplace.accounts import services


@click.command("create-admin")
@click.option("--email", required=True, help="Email address of the admin account.")
@click.option("--password", help="Password of a new account (asked for, hidden, when not given).")
@click.option("--name", default="", help="Display name of a new account.")
@with_appcontext
def create_admin_command(email, password, name):
    """Create an admin account, or make an existing account admin."""
    existing = services.find_user(email)
    if existing is None and not password:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    try:
        user = services.create_admin(email, password, name)
    except services.AccountError as error:
        raise click.ClickException(str(error.message)) from None
    click.echo(f"{user.email} is an admin{' (existing account)' if existing else ''}.")


accounts_cli = AppGroup("accounts", help="Accounts.")


@accounts_cli.command("purge-sign-ins")
def purge_sign_ins_command():
    """Delete sign-in log entries older than SIGN_IN_LOG_DAYS (default 180); safe to run again."""
    days = current_app.config["SIGN_IN_LOG_DAYS"]
    removed = services.purge_sign_ins(days)
    click.echo(f"Removed {removed} sign-in log entr{'y' if removed == 1 else 'ies'} older than {days} days.")
