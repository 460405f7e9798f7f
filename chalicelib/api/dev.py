"""/dev/…: local-stage stand-ins for the outside world and for staff; 404 in every deployed stage."""

from chalice import Blueprint

from chalicelib.api.staff import CREATED_MEMBER, NEW_MEMBER
from chalicelib.schemas import (
    BOOLEAN,
    INTEGER,
    NO_BODY,
    STRING,
    answer,
    array,
    body,
    items,
    nullable,
    one_of,
    stamped,
)
from chalicelib.web import endpoint

bp = Blueprint(__name__)


@endpoint(
    bp,
    "/dev/people",
    "POST",
    "Local stage: add a person to the civil and mobile registries",
    status=201,
    local_only=True,
    request=body(
        {
            "national_code": STRING,
            "first_name": STRING,
            "last_name": STRING,
            "father_name": STRING,
            "birth_date": STRING,
            "gender": one_of("male", "female"),
            "mobiles": array(STRING),
            "marital_status": STRING,
            "spouse_national_code": STRING,
            "children_national_codes": array(STRING),
            "father_national_code": STRING,
            "mother_national_code": STRING,
            "employed": BOOLEAN,
            "pension": BOOLEAN,
            "alive": BOOLEAN,
            "first_name_en": STRING,
            "last_name_en": STRING,
        },
        required=("national_code", "first_name", "last_name", "father_name", "birth_date", "gender"),
    ),
    response=answer({"national_code": STRING}),
)
def dev_add_person(call):
    from chalicelib.flows import local_stage

    return local_stage.add_person(call.body, call.ctx)


@endpoint(
    bp,
    "/dev/outbox",
    "GET",
    "Local stage: every SMS and email sent to an address",
    local_only=True,
    request=NO_BODY,
    response=items(
        answer(
            {
                "channel": one_of("sms", "email"),
                "to": STRING,
                "subject": nullable(STRING),
                "body": STRING,
                **stamped("at"),
            }
        )
    ),
    query=("to",),
)
def dev_outbox(call):
    from chalicelib.flows import local_stage

    return local_stage.outbox(call.query, call.ctx)


@endpoint(
    bp,
    "/dev/accounts/{national_code}/activate",
    "POST",
    "Local stage: a branch activates an account, or with `tracking_code` the registration the person brings",
    status=204,
    local_only=True,
    request=body({"tracking_code": STRING}, required=()),
    response=NO_BODY,
)
def dev_activate_account(call):
    from chalicelib.flows import local_stage

    local_stage.activate_account(call.params["national_code"], call.body, call.ctx)


@endpoint(
    bp,
    "/dev/jobs/{name}",
    "POST",
    "Local stage: run a scheduled job as if the clock read `now`",
    local_only=True,
    request=body({"now": STRING}, required=()),
    response=answer({"name": STRING, "processed": INTEGER}),
)
def dev_run_job(call):
    from chalicelib import wiring
    from chalicelib.flows import jobs

    return jobs.run(call.params["name"], wiring.context_at(call.body.get("now"), call.language))


@endpoint(
    bp,
    "/dev/institutions",
    "POST",
    "Local stage: add an institution and issue its signing key",
    status=201,
    local_only=True,
    request=body({"name": STRING, "type": STRING}, required=("name",)),
    response=answer({"institution_id": STRING, "name": STRING, "type": STRING, "key_id": STRING, "secret": STRING}),
)
def dev_add_institution(call):
    from chalicelib.flows import institutions

    return institutions.add_with_key(call.body, call.ctx)


@endpoint(
    bp,
    "/dev/contributions",
    "POST",
    "Local stage: load a person's months at a workshop, as employer lists would",
    status=201,
    local_only=True,
    request=body(
        {
            "national_code": STRING,
            "workshop_code": STRING,
            "workshop_name": STRING,
            "employer_name": STRING,
            "months": array(
                body(
                    {"month": STRING, "days": INTEGER, "wage": nullable(INTEGER), "job_title": STRING},
                    required=("month", "days"),
                )
            ),
        }
    ),
    response=answer({"national_code": STRING, "workshop_code": STRING, "months": INTEGER}),
)
def dev_load_contributions(call):
    from chalicelib.flows import records

    return records.load_contributions(call.body)


@endpoint(
    bp,
    "/dev/objections/{tracking_code}/resolve",
    "POST",
    "Local stage: an operator closes an objection",
    status=204,
    local_only=True,
    request=body({"outcome": one_of("accepted", "rejected")}),
    response=NO_BODY,
)
def dev_resolve_objection(call):
    from chalicelib.flows import objections

    objections.resolve(call.params["tracking_code"], call.body, call.ctx)


@endpoint(
    bp,
    "/dev/staff",
    "POST",
    "Local stage: create a staff member and its enrolment id, as the first-admin tool does",
    status=201,
    local_only=True,
    request=NEW_MEMBER,
    response=CREATED_MEMBER,
)
def dev_add_staff(call):
    from chalicelib.flows import staff_members

    return staff_members.bootstrap(call.body, call.ctx)
