"""Demo data for `make run`: people in the local registries, a ready account, records, an institution."""

from chalicelib import wiring
from chalicelib.crypto import hash_secret
from chalicelib.flows import institutions, local_stage
from chalicelib.models.accounts import Account
from chalicelib.validators import complete_national_code
from infra import demo_records

DEMO_PASSWORD = "Tamin@Demo2024"
PEOPLE = [
    {
        "national_code": complete_national_code("001234567"),
        "first_name": "علی",
        "last_name": "رضایی",
        "father_name": "حسین",
        "birth_date": "1345/03/15",
        "gender": "male",
        "mobiles": ["09121234567"],
        "first_name_en": "Ali",
        "last_name_en": "Rezaei",
        "marital_status": "married",
        "employed": True,
    },
    {
        "national_code": complete_national_code("001234568"),
        "first_name": "زهرا",
        "last_name": "احمدی",
        "father_name": "محمد",
        "birth_date": "1350/07/01",
        "gender": "female",
        "mobiles": ["09121234568"],
        "first_name_en": "Zahra",
        "last_name_en": "Ahmadi",
    },
    {
        "national_code": complete_national_code("001234569"),
        "first_name": "مریم",
        "last_name": "کریمی",
        "father_name": "رضا",
        "birth_date": "1370/01/20",
        "gender": "female",
        "mobiles": ["09351112233"],
        "first_name_en": "Maryam",
        "last_name_en": "Karimi",
    },
]


def load() -> str:
    ctx = wiring.context()
    lines = ["Demo data:"]
    for person in PEOPLE:
        local_stage.add_person(person, ctx)
        lines.append(
            f"  {person['first_name']} {person['last_name']}: national_code={person['national_code']} mobile={person['mobiles'][0]}"
        )
    ali = PEOPLE[0]
    Account(
        ali["national_code"],
        mobile=ali["mobiles"][0],
        first_name=ali["first_name"],
        last_name=ali["last_name"],
        father_name=ali["father_name"],
        birth_date=ali["birth_date"],
        gender=ali["gender"],
        first_name_en="Ali",
        last_name_en="Rezaei",
        password_hash=hash_secret(DEMO_PASSWORD),
        question_ids=["q1", "q2", "q3"],
        answer_hashes=[hash_secret(a) for a in ("بهرامی", "تبریز", "ایران خودرو")],
        status="active",
        created_at=ctx.now,
    ).save(add_version_condition=False)
    lines.append(f"  Ready account: national_code={ali['national_code']} password={DEMO_PASSWORD}")
    lines += demo_records.load(ctx)
    institution = institutions.add_with_key({"name": "بانک نمونه", "type": "bank"}, ctx)
    lines.append(
        f"  Demo institution {institution['name']}: key_id={institution['key_id']} secret={institution['secret']}"
    )
    lines.append(
        "    (sign inquiries with: python -m tools.inquiry_client --base http://127.0.0.1:8000 --key-id … --secret … IDENTIFIER ACCESS_CODE)"
    )
    lines.append("  The others can register (POST /registrations); codes appear in GET /dev/outbox?to=<mobile>.")
    return "\n".join(lines)
