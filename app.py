"""The Tamin e-services API: blueprints of routes, the schedules of the periodic jobs, and the intake of employers' lists.

Where a path is served (module = the path's family, hyphens as underscores) and the flow behind it:

    /health, /openapi.json, /security-questions   api/general.py            (no flow)
    /registrations/…                              api/registrations.py      flows/registration.py
    /auth/…                                       api/auth.py               flows/auth.py
    /auth/… with "cookie": true, /me/session      (browser sessions: chalicelib/web.py SessionKind, PERSON)
    /me, /me/password, /me/session                api/me.py                 flows/auth.py
    /me/mobile, /me/email, /me/security-answers,  api/account.py            flows/account.py, flows/auth.py,
      /me/sessions, /me/permits, /me/freeze,                                flows/history.py
      /me/requests, /me/activity
    /password-recovery/…                          api/password_recovery.py  flows/recovery.py
    /me/records                                   api/records.py            flows/records.py
    /me/objections                                api/objections.py         flows/objections.py
    /disclosure-types, /me/disclosures            api/disclosures.py        flows/disclosure.py
    /me/mailbox/… (letters, delete, permit)       api/mailbox.py            flows/disclosure.py, flows/permits.py
    /verify/…                                     api/verify.py             flows/disclosure.py
    /inquiries                                    api/inquiries.py          flows/inquiry.py
    /institutions                                 api/institutions.py       flows/permits.py
    /me/access-log                                api/access_log.py         flows/inquiry.py
    /me/dependents/…                              api/dependents.py         flows/dependents.py
    /staff/… (staff and local stages only)        api/staff.py              flows/staff_*.py, flows/institutions.py
    /institution/… (the institution panel)        api/institution_panel.py  flows/institution_panel.py, flows/inquiry.py
    /dev/… (local stage only)                     api/dev.py                flows/local_stage.py and others
    schedules (below)                             app.py                    flows/jobs.py
    employer lists landing in the intake bucket   app.py (employer_lists)   flows/intake.py

How to write one now:
- A route: in api/<family>.py, `@endpoint(bp, path, method, summary, request=..., response=..., ...)` (JSON schemas
  built with chalicelib/schemas.py; tests/unit/test_openapi.py fails a route without them) over `def name(call)`, whose body imports
  its flow inside the function (cold start: `import app` loads no flow) and calls it with `call.ctx`. A new family
  gets its module, registered in BLUEPRINTS below.
- A flow: `verb(ids..., request, ctx: Context)` in flows/<flow>.py (Context and the Protocol ports it carries are in
  chalicelib/ports.py); it parses the body with `Fields`, touches storage only through the verbs of
  chalicelib/models/ (no PynamoDB in flows), and raises `DomainError(Code.X)`.
- An error code: one member of chalicelib/errors.py `Code` (status, reason) plus its text in chalicelib/text/fa.py and en.py.
- A storage verb: in chalicelib/models/<family>.py, built on models/base.py (`get_or_none`, `updated`, `saved`,
  `transaction`); a lost condition becomes a DomainError raised `from` the storage error, other faults travel up
  to the 503 mapping in chalicelib/web.py.
"""

from chalice import Chalice, Rate

from chalicelib.api import (
    access_log,
    account,
    auth,
    dependents,
    dev,
    disclosures,
    general,
    inquiries,
    institution_panel,
    institutions,
    mailbox,
    me,
    objections,
    password_recovery,
    records,
    registrations,
    staff,
    verify,
)
from chalicelib.web import refuse_other_methods

BLUEPRINTS = (
    general,
    registrations,
    auth,
    me,
    account,
    password_recovery,
    records,
    objections,
    disclosures,
    mailbox,
    verify,
    inquiries,
    institutions,
    access_log,
    dependents,
    staff,
    institution_panel,
    dev,
)
app = Chalice(app_name="tamin-eservices")
app.api.binary_types.append("application/pdf")
for blueprint in BLUEPRINTS:
    app.register_blueprint(blueprint.bp)
refuse_other_methods(app)


@app.schedule(Rate(5, unit=Rate.MINUTES), name="verify_registrations")
def verify_registrations(event):
    from chalicelib import wiring
    from chalicelib.flows import jobs

    jobs.run("verify_registrations", wiring.context())


@app.schedule(Rate(15, unit=Rate.MINUTES), name="expire_permits")
def expire_permits(event):
    from chalicelib import wiring
    from chalicelib.flows import jobs

    jobs.run("expire_permits", wiring.context())


@app.lambda_function(name="employer_lists")
def employer_lists(event, context):
    """S3 ObjectCreated events of the intake bucket (wired in infra/: SAM cannot package `on_s3_event`);
    a file that outlasts the invocation is handed on by sending the same event again."""
    from chalicelib import wiring
    from chalicelib.flows import intake

    for key in intake.uploaded_keys(event):
        intake.process(
            wiring.intake_bucket(), key, wiring.now(), wiring.time_left(context), wiring.reinvoke(context, event)
        )


@app.schedule(Rate(1, unit=Rate.MINUTES), name="deliver_notices")
def deliver_notices(event):
    from chalicelib import wiring
    from chalicelib.flows import jobs

    jobs.run("deliver_notices", wiring.context())


@app.lambda_function(name="deliver_notice")
def deliver_notice(event, context):
    """Invoked asynchronously for each queued notice, so requests never wait on SNS or SES."""
    from chalicelib import wiring

    wiring.notifier().deliver(event["notice_id"])
