"""The Tamin e-services API: blueprints of routes, and the schedules of the periodic jobs."""
from chalice import Chalice, Rate

from chalicelib import wiring
from chalicelib.api import accounts, dependents, disclosure, general, inquiry, local, records, recovery
from chalicelib.lazy import lazy
from chalicelib.web import refuse_other_methods

jobs = lazy("chalicelib.flows.jobs")
app = Chalice(app_name="tamin-eservices")
app.api.binary_types.append("application/pdf")
for blueprint in (general, accounts, recovery, records, disclosure, inquiry, dependents, local):
    app.register_blueprint(blueprint.bp)
refuse_other_methods(app)


@app.schedule(Rate(5, unit=Rate.MINUTES), name="verify_registrations")
def verify_registrations(event):
    jobs.run("verify_registrations", wiring.context())


@app.schedule(Rate(15, unit=Rate.MINUTES), name="expire_permits")
def expire_permits(event):
    jobs.run("expire_permits", wiring.context())


@app.schedule(Rate(1, unit=Rate.MINUTES), name="deliver_notices")
def deliver_notices(event):
    jobs.run("deliver_notices", wiring.context())


@app.lambda_function(name="deliver_notice")
def deliver_notice(event, context):
    """Invoked asynchronously for each queued notice, so requests never wait on SNS or SES."""
    wiring.notifier().deliver(event["notice_id"])
