"""`flask --app wsgi jobs …`: the worker, the scheduler, the sweep and a status line."""
import click
from flask.cli import AppGroup

from marketplace.jobs import outbox
from marketplace.jobs.queue import connection, queue

jobs_cli = AppGroup("jobs", help="Background jobs: the outbox worker and the periodic jobs.")


def _redis():
    client = connection()
    if client is None:
        raise click.ClickException("Set REDIS_URL (or JOBS_REDIS_URL): without Redis, mail is sent inline "
                                   "and the periodic jobs are the CLI commands.")
    return client


@jobs_cli.command("worker")
@click.option("--burst", is_flag=True, help="Stop once the queue is empty.")
def worker_command(burst):
    """Send the outbox's mails and run queued jobs (retries with backoff)."""
    from marketplace.jobs.worker import make_worker

    _redis()
    make_worker().work(burst=burst, with_scheduler=True)  # with_scheduler: retries due are re-queued


@jobs_cli.command("scheduler")
def scheduler_command():
    """Enqueue the periodic jobs on their schedule (one tick once, however many run)."""
    from marketplace.jobs.schedule import make_scheduler

    make_scheduler(_redis()).start()


@jobs_cli.command("sweep")
def sweep_command():
    """Hand over outbox rows that never reached the queue or that a dead worker left claimed
    (without Redis: send unsent rows now), and forget rows sent long ago. The scheduler runs it
    every minute."""
    ids = outbox.sweep()
    removed = outbox.purge_sent()
    click.echo(f"Handed over {len(ids)} outbox row(s); forgot {removed} sent more than "
               f"{outbox.KEEP_SENT_DAYS} days ago.")


@jobs_cli.command("status")
def status_command():
    """Outbox rows by status, queue depth and failed jobs (exit status 1 if any row failed)."""
    counts = outbox.counts()
    click.echo("Outbox: " + (", ".join(f"{status} {n}" for status, n in sorted(counts.items())) or "empty"))
    q = queue()
    if q is None:
        click.echo("Queue: none (no REDIS_URL): mail is sent inline.")
    else:
        click.echo(f"Queue {q.name}: {q.count} waiting, {q.failed_job_registry.count} failed, "
                   f"{q.scheduled_job_registry.count} waiting to retry.")
    if counts.get("failed"):
        raise SystemExit(1)

