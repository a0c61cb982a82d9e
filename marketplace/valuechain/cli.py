"""`flask --app wsgi valuechain digest`: mail cooperatives the new requests that fit them.

Daily at 07:00 from the jobs scheduler, or by hand; running it twice mails nothing twice."""
import click
from flask.cli import AppGroup

valuechain_cli = AppGroup("valuechain", help="Value chain: sourcing requests and partnerships.")


@valuechain_cli.command("digest")
def digest_command():
    """Close requests past their deadline, then mail each cooperative's staff the open
    requests that newly fit it."""
    from marketplace.batch import Batch
    from marketplace.valuechain.digest import send_digest

    batch = Batch("valuechain digest")
    sent = send_digest(batch=batch)
    click.echo(f"Sent {sent} digest mail(s).")
    batch.finish()
