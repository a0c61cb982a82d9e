"""`flask --app wsgi search reindex` and `flask --app wsgi search status`."""
import click
from flask.cli import AppGroup

from marketplace.search import service

search_cli = AppGroup("search", help="The search index.")


@search_cli.command("reindex")
def reindex_command():
    """Rebuild the search index from the database, with a progress bar."""

    def progress(items, length):
        with click.progressbar(items, length=length, label="Indexing", show_pos=True) as bar:
            yield from bar

    service.reindex(progress)
    _report()


@search_cli.command("status")
def status_command():
    """Compare the index's counts with the database's (exit status 1 when they differ)."""
    if not _report():
        raise SystemExit(1)


def _report():
    in_step = True
    for kind, (indexed, expected) in service.status().items():
        mark = "ok" if indexed == expected else "OUT OF STEP"
        in_step &= indexed == expected
        click.echo(f"{kind + 's':<13} index {indexed:>7}   database {expected:>7}   {mark}")
    if not in_step:
        click.echo("Run `flask --app wsgi search reindex` to rebuild the index.")
    return in_step
