"""`flask --app wsgi seed-demo`: load the demo data (idempotent), with a progress bar."""
import click
from flask.cli import with_appcontext


@click.command("seed-demo")
@click.option("--if-empty", is_flag=True, help="Only seed when the database has no products.")
@with_appcontext
def seed_demo_command(if_empty):
    """Load Bến Tre demo cooperatives and products with generated photos."""
    from marketplace.demo.seed import database_is_empty, seed_demo  # drawing code loads only here

    if if_empty and not database_is_empty():
        click.echo("Database already has products; demo data not loaded.")
        return

    def progress(steps):
        with click.progressbar(steps, label="Seeding demo data", show_pos=True) as bar:
            yield from bar

    created = seed_demo(progress)
    click.echo(f"Created {created['cooperatives']} cooperatives and {created['products']} products.")
    from marketplace.accounts.demo import DEMO_PASSWORD

    click.echo(f"Demo sign-ins (password: {DEMO_PASSWORD}):")
    for role, email in created["sign_ins"]:
        click.echo(f"  {role.value:<18} {email}")
