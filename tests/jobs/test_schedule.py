"""One scheduler for the periodic jobs: each tick enqueued once however many schedulers run,
and each job is the CLI command of the same name, run by the worker."""
from datetime import timedelta

from rq import Queue
from rq.job import Job
from rq.utils import now

from marketplace.jobs.queue import NAME
from marketplace.jobs.schedule import SCHEDULE, make_scheduler


def due(scheduler, tick):
    """Bring every job's next tick to `tick` (as if the scheduler had waited for it)."""
    for job in scheduler.get_jobs():
        job.next_enqueue_time = tick
    return scheduler


def test_two_schedulers_enqueue_each_tick_once(app, redis_jobs):
    tick = now().replace(second=0, microsecond=0) - timedelta(minutes=1)
    first, second = make_scheduler(redis_jobs, "first"), make_scheduler(redis_jobs, "second")
    assert len(due(first, tick).enqueue_jobs()) == len(SCHEDULE)
    assert due(second, tick).enqueue_jobs() == []  # the same tick: taken by the first
    queue = Queue(NAME, connection=redis_jobs)
    commands = sorted(Job.fetch(job_id, connection=redis_jobs).args[0] for job_id in queue.job_ids)
    assert commands == sorted(command for command, _ in SCHEDULE)
    assert first.enqueue_jobs() == [] and second.enqueue_jobs() == []  # nothing due until the next tick
    later = tick + timedelta(minutes=1)
    assert len(due(second, later).enqueue_jobs()) == len(SCHEDULE)  # the next tick, once
    assert due(first, later).enqueue_jobs() == []
    assert queue.count == 2 * len(SCHEDULE)


def test_the_worker_runs_every_scheduled_command(app, redis_jobs, work):
    scheduler = make_scheduler(redis_jobs, "only")
    due(scheduler, now() - timedelta(minutes=1)).enqueue_jobs()
    queue = Queue(NAME, connection=redis_jobs)
    job_ids = queue.job_ids
    work()
    assert queue.failed_job_registry.count == 0
    assert sorted(Job.fetch(i, connection=redis_jobs).return_value() for i in job_ids) == sorted(c for c, _ in SCHEDULE)
