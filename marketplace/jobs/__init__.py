"""Work that leaves the request: the transactional outbox, the RQ worker that empties it, and
the one scheduler of the periodic jobs.

A change writes its mails (and the tasks that write its notices) as outbox rows in its own
transaction (`outbox.write_mail`, `outbox.defer`); after the commit each row goes to the Redis
queue "marketplace" (JOBS_REDIS_URL, REDIS_URL by default) and the worker
(`flask --app wsgi jobs worker`) sends it once. Without Redis it is sent inline after the
commit, as before. Domains register their tasks here; this package imports no domain.
"""
from marketplace.jobs.outbox import defer, task

__all__ = ["defer", "init_app", "task"]  # what domains use


def init_app(app):
    from marketplace.jobs import outbox

    app.extensions["mail.hand_over"] = outbox.write_mail  # marketplace.mail.send_mail goes through the outbox
    outbox.init_app(app)
