"""Scheduled jobs. Each takes the context (its clock included) and answers how many items it processed."""

from chalicelib.flows import permits, registration
from chalicelib.ports import Context

JOBS = {
    "verify_registrations": registration.verify_pending,
    "expire_permits": permits.expire_due,
    "deliver_notices": lambda ctx: ctx.notifier.deliver_due(ctx.now),
}


def run(name: str, ctx: Context) -> dict:
    from chalicelib.errors import NotFound

    job = JOBS.get(name)
    if job is None:
        raise NotFound()
    return {"name": name, "processed": job(ctx)}
