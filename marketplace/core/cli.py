"""Production start: `flask --app wsgi check-config` and `flask --app wsgi serve`."""
import os
import sys

import click

from marketplace.config import PROJECT_ROOT, production_problems, production_settings

GUNICORN_CONFIG = PROJECT_ROOT / "deploy" / "gunicorn.conf.py"


@click.command("check-config")
def check_config_command():
    """Check this environment's settings as a production start would; exit 1 on any problem."""
    problems = production_problems(production_settings())
    for problem in problems:
        click.echo(f"✗ {problem}", err=True)
    if problems:
        raise SystemExit(1)
    click.echo("Settings fit for production.")


@click.command("serve", context_settings={"ignore_unknown_options": True})
@click.argument("gunicorn_args", nargs=-1, type=click.UNPROCESSED)
def serve_command(gunicorn_args):
    """Serve with gunicorn and deploy/gunicorn.conf.py (extra arguments go to gunicorn)."""
    gunicorn = os.path.join(os.path.dirname(sys.executable), "gunicorn")
    os.chdir(PROJECT_ROOT)
    os.execv(gunicorn, [gunicorn, "-c", str(GUNICORN_CONFIG), *gunicorn_args, "wsgi:app"])
