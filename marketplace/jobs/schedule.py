"""The periodic jobs, run from one scheduler (RQ's CronScheduler) instead of cron lines.

Times are cron expressions in UTC (Vietnam is UTC+7). Each job is the CLI command of the same
name, enqueued to the "marketplace" queue for the worker. Several schedulers may run (two
machines, a restart overlapping the old process): each tick of each job is enqueued once,
by whichever takes the tick's Redis key first (SET NX)."""
from rq.cron import CronScheduler
from rq.utils import now

from marketplace.jobs.queue import NAME, PREFIX
from marketplace.jobs.worker import run_command

SCHEDULE = (
    ("certificates remind", "0 1 * * *"),  # 08:00 in Vietnam: reminders at 90/30/7 days
    ("valuechain digest", "0 0 * * *"),  # 07:00: new sourcing requests to cooperatives
    ("payments release-expired", "*/10 * * * *"),  # unpaid card orders past their time
    ("orders release-unconfirmed", "5 * * * *"),  # hourly: COD parts unconfirmed past COD_CONFIRM_HOURS
    ("accounts purge-sign-ins", "30 20 * * *"),  # 03:30: sign-in records past SIGN_IN_LOG_DAYS
    ("certificates refresh-shown", "2 17 * * *"),  # 00:02: the certificate each product shows today
    ("jobs sweep", "* * * * *"),  # outbox rows that never reached the queue or were left claimed
)
TICK_KEY_SECONDS = 2 * 86400  # longer than the longest period


class Scheduler(CronScheduler):
    def enqueue_jobs(self):
        """Enqueue the jobs whose tick came, each tick once across every scheduler."""
        enqueued = []
        for job in self._cron_jobs:
            if not job.should_run():
                continue
            tick = job.next_enqueue_time
            key = f"{PREFIX}tick:{job.name}:{tick:%Y%m%dT%H%M}"
            if self.connection.set(key, self.name, nx=True, ex=TICK_KEY_SECONDS):
                job.enqueue(self.connection)
                enqueued.append(job)
            job.set_enqueue_time(max(now(), tick))
        return enqueued


def make_scheduler(connection, name=""):
    scheduler = Scheduler(connection, name=name)
    for command, cron in SCHEDULE:
        scheduler.register(run_command, NAME, args=(command,), cron=cron, name=command, job_timeout=3600)
    return scheduler
