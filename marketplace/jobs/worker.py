"""The jobs the RQ worker runs: send one outbox row, run one periodic command.

Each job gets its own app and request context (SITE_URL as the base, so url_for works in
mails and notices) and so its own database session."""
from contextlib import contextmanager

import click
from flask import current_app
from rq import SimpleWorker

from marketplace.jobs import outbox
from marketplace.jobs.queue import queue

@contextmanager
def job_context():
    app = current_app._get_current_object()
    with app.test_request_context(base_url=app.config["SITE_URL"]):
        yield


def run_delivery(outbox_id):
    """Send one outbox row; raises on failure, so that RQ retries it with backoff."""
    with job_context():
        return outbox.deliver(outbox_id, raise_errors=True)


def run_command(name):
    """Run the CLI command `name` ("certificates remind"), the same code as by hand; a non-zero
    exit (a row that failed) fails the job, so it shows in RQ's failed registry."""
    with job_context():
        command = current_app.cli
        for word in name.split():
            command = command.get_command(click.Context(command), word)
        try:
            command.main(args=[], prog_name=f"flask {name}", standalone_mode=False)
        except SystemExit as exit_:
            if exit_.code:
                raise RuntimeError(f"{name}: exit status {exit_.code} (see the log)") from None
    return name


def make_worker(app=None):
    """A worker of the "marketplace" queue. SimpleWorker: jobs run in this process, in the CLI's
    app, sharing its connection pool (a forked horse per mail would cost more than the mail)."""
    q = queue(app)
    return SimpleWorker([q], connection=q.connection)

