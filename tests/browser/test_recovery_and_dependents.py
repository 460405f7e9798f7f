"""Password recovery by SMS, email and the security questions; a dependent added, confirmed by the registry's name,
and a certificate uploaded straight to its presigned bucket URL with a progress bar."""

import jdatetime
import pytest

from tests.browser import people
from tests.browser.conftest import axe, http, sms_code
from tests.conftest import ANSWERS

NEW_PASSWORD = "Golestan#Bahar71"


@pytest.mark.parametrize("method", ["sms", "email", "questions"])
def test_recovery_by_each_method_then_login_with_the_new_password(visit, stack, method):
    person = people.register(stack, email="recover@example.com" if method == "email" else None)
    page = visit.open("/recover/")
    page.fill("#f-national_code", person["national_code"])
    page.click("#form button[type=submit]")
    page.wait_for_url("**/recover/method.html")
    page.check(f"#f-method-{method}" if method != "sms" else "#f-method")
    page.click("#form button[type=submit]")
    page.wait_for_url("**/recover/verify.html")
    if method == "questions":
        labels = [page.locator(f"label[for='f-answer_{n}']").inner_text() for n in (1, 2, 3)]
        assert all(label.endswith("؟") for label in labels)
        _, questions = http(stack, "GET", "/security-questions")
        by_text = {q["text"]: q["id"] for q in questions}
        answers = {a["question_id"]: a["answer"] for a in ANSWERS}
        page.fill("#f-answer_1", "نادرست")
        page.fill("#f-answer_2", "نادرست")
        page.fill("#f-answer_3", "نادرست")
        page.click("#form button[type=submit]")
        page.locator("#error-summary").wait_for(state="visible")
        assert "پاسخ پرسش‌های امنیتی نادرست است" in page.locator("#error-summary").inner_text()
        for n, label in enumerate(labels, start=1):
            page.fill(f"#f-answer_{n}", answers[by_text[label]])
    else:
        to = person["email"] if method == "email" else person["mobile"]
        assert "***" in page.locator("[data-show=sent_to]").inner_text()
        page.fill("#f-code", sms_code(stack, to))
    page.click("#form button[type=submit]")
    page.locator("#reset").wait_for(state="visible")
    assert page.evaluate("document.activeElement.id") == "reset-title"
    assert page.evaluate("JSON.stringify(Object.assign({}, sessionStorage))").find("reset") == -1
    page.fill("#f-new_password", NEW_PASSWORD)
    page.fill("#f-new_password_repeat", NEW_PASSWORD + "x")
    page.click("#reset button[type=submit]")
    page.locator("#e-new_password_repeat").wait_for(state="visible")
    page.fill("#f-new_password_repeat", NEW_PASSWORD)
    page.click("#reset button[type=submit]")
    page.wait_for_url("**/recover/done.html")
    page = visit.open("/login.html")
    page.fill("#f-national_code", person["national_code"])
    page.fill("#f-password", NEW_PASSWORD)
    page.click("#form button[type=submit]")
    page.wait_for_url("**/dashboard.html")


def test_a_dependent_is_added_confirmed_and_its_certificate_uploaded_to_the_bucket(visit, stack):
    mother = people.register(stack)
    today = jdatetime.date.today()
    son = people.new_person(
        stack,
        first_name="رضا",
        last_name="کاظمی",
        gender="male",
        birth_date=f"{today.year - 19}/01/01",
        mother_national_code=mother["national_code"],
    )
    people.log_in(visit, mother)
    page = visit.open("/dependents/add.html")
    page.fill("#f-national_code", son["national_code"])
    year, month, day = son["birth_date"].split("/")
    page.fill("#f-birth_date", day)
    page.fill("#f-birth_date-month", month)
    page.fill("#f-birth_date-year", str(int(year) + 1))
    page.check("#f-relation-child")
    page.check("#f-student")
    page.click("#form button[type=submit]")
    page.locator("#error-summary").wait_for(state="visible")
    assert "ثبت احوال" in page.locator("#error-summary").inner_text()
    page.fill("#f-birth_date-year", year)
    page.click("#form button[type=submit]")
    page.wait_for_url("**/dependents/added.html?id=*")
    page.locator("[data-show=name]", has_text="رضا کاظمی").wait_for()
    assert "در انتظار مدرک" in page.locator("[data-show=status_text]").inner_text()
    page.click("#needs a")
    page.wait_for_url("**/dependents/upload.html?id=*")
    page.locator("#f-kind option").first.wait_for(state="attached")
    page.set_input_files(
        "#f-file",
        files=[{"name": "certificate.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4\n" + b"0" * 200_000}],
    )
    with page.expect_request(lambda r: r.method == "POST" and r.url.startswith(stack["emulator"])) as upload:
        page.click("#form button[type=submit]")
    assert "tamin-local-uploads" in upload.value.url
    page.locator("#done").wait_for(state="visible")
    assert page.get_attribute("#progress", "value") == "100"
    assert visit.outside and all(
        url.startswith(stack["emulator"]) for url in visit.outside
    )  # only the upload left the origin
    page = visit.open("/dependents/")
    page.locator("#list td", has_text="در حال بررسی").or_(page.locator("#list td", has_text="ارسال")).first.wait_for()
    assert not axe(page)
    page.click("#list a[href*='dependents/delete.html']")
    page.wait_for_url("**/dependents/delete.html?id=*")
    page.locator("[data-show=name]", has_text="رضا").wait_for()
    page.click("#form button[type=submit]")
    page.wait_for_url("**/dependents/index.html")
    page.locator("#list", has_text="موردی نیست").wait_for()
