"""The intake writes list entries and records as DynamoDB items it builds itself (no model instance per row):
they must be exactly what the `ListEntry` and `Record` models would write, or reads would not find them."""

from chalicelib.contributions import EmployerList, ListRow
from chalicelib.models import batches
from chalicelib.models.records import ListEntry, Record, list_key, record_key, write_lists


def test_list_items_are_what_the_models_serialise(monkeypatch):
    sent, deleted = [], []
    monkeypatch.setattr(batches, "send", sent.extend)
    monkeypatch.setattr(batches, "write", lambda deletes: deleted.extend(deletes))
    rows = (ListRow("0012345679", 30, 95_000_000, "کارگر ساده"), ListRow("0023456781", 12, 40_000_000, ""))
    write_lists([EmployerList("7001", "کارگاه نخ", "شرکت نخ", "1402/03", rows)], {"7001#1402/03": ["0034567892"]})

    key, month_workshop = list_key("7001", "1402/03"), record_key("1402/03", "7001")
    common = {"workshop_code": "7001", "workshop_name": "کارگاه نخ", "employer_name": "شرکت نخ"}
    expected = [(ListEntry.Meta.table_name, ListEntry(key, row.national_code).serialize()) for row in rows] + [
        (
            Record.Meta.table_name,
            Record(
                row.national_code,
                month_workshop,
                days=row.days,
                wage=row.wage,
                job_title=row.job_title or None,
                **common,
            ).serialize(),
        )
        for row in rows
    ]
    assert [(table, request["PutRequest"]["Item"]) for table, request in sent] == expected
    assert [(type(item), item.national_code) for item in deleted] == [
        (Record, "0034567892"),
        (ListEntry, "0034567892"),
    ]
    assert deleted[0].month_workshop == month_workshop and deleted[1].list_key == key
