"""Periodic jobs (from the jobs scheduler, or by hand) that go through many rows (expiry
reminders, digests, unpaid orders): each row in its own transaction, so that one bad row — a
name that breaks a mail, a row another process changed — is rolled back, logged and counted,
and never stops the others.

    batch = Batch("certificates remind")
    for certificate in expiring:
        with batch.row(f"certificate {certificate.id}"):
            ...  # committed at the end of the block, rolled back if it raises
    batch.finish()  # in the command: reports the failed rows, exit status 1 if any
"""
import logging
from contextlib import contextmanager

import click

from marketplace import unitofwork

log = logging.getLogger(__name__)


class Batch:
    def __init__(self, job):
        self.job = job
        self.failed = []  # labels of the rows that raised

    @contextmanager
    def row(self, label):
        """Run the block for one row and commit it (then its after-commit steps); when it
        raises, roll it back, log it and go on with the next row."""
        try:
            yield
            unitofwork.commit()
        except Exception:  # noqa: BLE001 - any failure of one row; logged with its traceback
            unitofwork.rollback()
            log.exception("%s: %s failed", self.job, label)
            self.failed.append(label)

    def finish(self):
        """For the command, once every row was tried: name the failed rows and exit with
        status 1 if there are any (the job worker records the job as failed)."""
        if self.failed:
            click.echo(f"Failed: {len(self.failed)} ({', '.join(self.failed)}); see the log.", err=True)
            raise SystemExit(1)
