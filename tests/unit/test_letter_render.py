"""What a reader of the record-disclosure PDF sees, checked through pypdf's text extraction.

pypdf puts Persian text in logical order but reverses runs of Persian digits,
so digit facts in the Persian letter are matched in either direction.
"""

from __future__ import annotations

import dataclasses
import io
import re
import subprocess
import sys
from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path

import pypdf
import pytest

from chalicelib.letters import render
from chalicelib.letters.model import LetterData, LetterMonth, LetterWorkshop
from chalicelib.letters.render import render_letter

TRACKING = "1405083012345678"
CODE = "K7QM-2XPA-9D3F"
URL = f"http://127.0.0.1:8000/verify/{CODE}"
NATIONAL_CODE = "0012345679"
TO_ASCII = str.maketrans("۰۱۲۳۴۵۶۷۸۹", "0123456789", "٬,")
TO_PERSIAN = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
NAMES = {
    "fa": ("محمدرضا", "اسماعیلی", "غلامحسین", "کارخانه نساجی البرز", "حسین رضایی"),
    "en": ("Mohammadreza", "Esmaeili", "Gholamhossein", "Alborz Textile Factory", "Hossein Rezaei"),
}


def _wage(index: int) -> int:
    return 60_000 + index * 450_000


def _letter(language: str, wages: str = "combined", years: int = 40) -> LetterData:
    """`wages`: "combined" (wages from 1386 on), "none", or "all"."""
    first, last, father, workshop, employer = NAMES[language]
    months = []
    for index in range(years * 12):
        year = 1365 + index // 12
        wage = None
        if wages == "all" or (wages == "combined" and year >= 1386):
            wage = _wage(index)
        months.append(LetterMonth(f"{year}/{index % 12 + 1:02d}", 31 - index % 3, wage))
    half = len(months) // 2
    workshops = (
        LetterWorkshop("1012345678", workshop, employer, tuple(months[:half])),
        LetterWorkshop("2087654321", workshop, employer, tuple(months[half:])),
    )
    includes_wages = wages != "none"
    return LetterData(
        language=language,
        tracking_number=TRACKING,
        verification_code=CODE,
        verify_url=URL,
        issued_at=datetime(2026, 11, 22, 9, 30, tzinfo=timezone.utc),
        issued_at_jalali="1405/09/01",
        first_name=first,
        last_name=last,
        father_name=father,
        national_code=NATIONAL_CODE,
        type_id="combined" if includes_wages else "full",
        type_title="Full record" if language == "en" else "سوابق کامل",
        includes_wages=includes_wages,
        total_days=sum(m.days for m in months),
        service_years=39,
        service_months=4,
        service_days=20,
        average_monthly_wage=_wage(479) if includes_wages else None,
        first_month=months[0].month,
        last_month=months[-1].month,
        workshops=workshops,
    )


@lru_cache(maxsize=None)
def _pages(language: str, wages: str = "combined", years: int = 40) -> tuple[str, ...]:
    pdf = render_letter(_letter(language, wages, years))
    assert pdf.startswith(b"%PDF-")
    return tuple(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages)


def _has_digits(text: str, value: str) -> bool:
    normalised = text.translate(TO_ASCII)
    return value in normalised or value[::-1] in normalised


def _has_amount(text: str, amount: int) -> bool:
    return re.search(rf"(?<![\d,]){amount:,}(?![\d,])", text) is not None


def test_forty_year_history_spans_several_pages() -> None:
    assert len(_pages("fa")) > 1
    assert len(_pages("en")) > 1


def test_short_history_fits_one_page() -> None:
    assert len(_pages("en", years=2)) == 1


def test_english_letter_states_the_facts() -> None:
    first = _pages("en")[0]
    letter = _letter("en")
    assert "Social Security Organization" in first
    assert "Certificate of insurance record" in first
    assert "Mohammadreza Esmaeili" in first
    assert "Gholamhossein" in first
    assert NATIONAL_CODE in first
    assert "2026-11-22 (Jalali 1405/09/01)" in first
    assert f"{letter.total_days:,} days" in first
    assert "39 years 4 months 20 days" in first
    assert f"{letter.average_monthly_wage:,} rials" in first
    assert "needs no stamp or signature" in first
    assert TRACKING in first and CODE in first and URL in first


def test_english_footer_numbers_every_page() -> None:
    pages = _pages("en")
    for number, text in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in text
        assert TRACKING in text


def test_persian_letter_uses_persian_digits() -> None:
    text = "\n".join(_pages("fa"))
    persian_code = NATIONAL_CODE.translate(TO_PERSIAN)
    assert persian_code in text or persian_code[::-1] in text
    assert not re.search(r"[0-9]", text.replace(URL, "").replace(CODE, ""))


def test_persian_letter_states_the_facts() -> None:
    first = _pages("fa")[0]
    letter = _letter("fa")
    assert "سازمان تامین اجتماعی" in first
    assert "محمدرضا" in first and "غلامحسین" in first
    assert "نیازی به مهر و امضا ندارد" in first
    assert "کد ملی" in first
    assert _has_digits(first, NATIONAL_CODE)
    assert _has_digits(first, TRACKING)
    assert _has_digits(first, str(letter.total_days))
    assert _has_digits(first, "1405/09/01")
    assert CODE in first and URL in first


def test_persian_footer_numbers_every_page() -> None:
    pages = _pages("fa")
    total = str(len(pages)).translate(TO_PERSIAN)
    for number, text in enumerate(pages, start=1):
        assert f"صفحه {str(number).translate(TO_PERSIAN)} از {total}" in text
        assert _has_digits(text, TRACKING)


def test_every_year_of_the_history_is_listed() -> None:
    english = "\n".join(_pages("en"))
    for year in range(1365, 1405):
        assert str(year) in english
    persian = "\n".join(_pages("fa"))
    assert _has_digits(persian, "1404") and _has_digits(persian, "1365")


def test_wages_are_printed_from_1386_in_a_combined_letter() -> None:
    english = "\n".join(_pages("en"))
    first_wage = _wage((1386 - 1365) * 12)
    assert _has_amount(english, first_wage)
    assert not _has_amount(english, _wage(0))
    note_mentions = 1
    assert english.count("Wage") == note_mentions + (1404 - 1386 + 1)


def test_unknown_wage_in_a_year_with_wages_shows_a_dash() -> None:
    letter = _letter("en", wages="all", years=1)
    months = list(letter.workshops[0].months)
    months[2] = LetterMonth(months[2].month, months[2].days, None)
    workshop = LetterWorkshop("1012345678", "Alborz Textile Factory", "Hossein Rezaei", tuple(months))
    pdf = render_letter(dataclasses.replace(letter, workshops=(workshop,)))
    text = pypdf.PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert re.search(rf"{_wage(1):,}\s*-\s*{_wage(3):,}", text)


@pytest.mark.parametrize("language, wage_word", [("en", "Wage"), ("fa", "دستمزد")])
def test_letter_without_wages_prints_none(language: str, wage_word: str) -> None:
    text = "\n".join(_pages(language, wages="none", years=10))
    assert wage_word not in text
    assert "rials" not in text and "ریال" not in text
    assert not _has_digits(text, str(_wage(100)))


def test_persian_text_is_shaped_into_joined_forms() -> None:
    """Joined (initial/medial/final) forms are narrower than the isolated letters."""
    data = _letter("fa")
    canvas = render._Canvas(render._new_pdf(data), rtl=True, shaping=True)
    font = canvas.pdf.fonts[render.FAMILY]
    word = "بیمه"
    assert canvas._shape(word, "").advance < 0.8 * sum(font.cw[ord(ch)] for ch in word)


def test_mixed_direction_text_is_ordered_right_to_left() -> None:
    canvas = render._Canvas(render._new_pdf(_letter("fa")), rtl=True, shaping=True)
    fragments = [text for text, _ in canvas._visual_fragments("صفحه ۱ از ۳")]
    assert fragments == ["۳", " از ", "۱", "صفحه "]


def test_letters_package_does_not_import_fpdf() -> None:
    code = "import sys, chalicelib.letters, chalicelib.letters.model; print('fpdf' in sys.modules)"
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert out.stdout.strip() == "False"


def test_same_letter_renders_to_the_same_bytes() -> None:
    """The verification page publishes the PDF's digest, so nothing in it may vary per render."""
    letter = _letter("fa", years=2)
    assert render_letter(letter) == render_letter(letter)


def test_english_letter_keeps_persian_workshop_names_in_reading_order():
    """Workshop names stay in Persian on an English letter; a ZWNJ inside a word must not split the name."""
    workshop = LetterWorkshop(
        "2087654321", "شرکت ساختمانی آرمان\u200cسازه", "مهدی کریمی", (LetterMonth("1400/01", 31, None),)
    )
    data = dataclasses.replace(_letter_en_minimal(), workshops=(workshop,))
    text = pypdf.PdfReader(io.BytesIO(render_letter(data))).pages[0].extract_text()
    assert "شرکت ساختمانی آرمان\u200cسازه" in text


def _letter_en_minimal() -> LetterData:
    return LetterData(
        language="en",
        tracking_number="1405090100000001",
        verification_code="ABCD-EFGH-JKLM",
        verify_url="http://127.0.0.1:8000/verify/ABCD-EFGH-JKLM",
        issued_at=datetime(2026, 11, 22, tzinfo=timezone.utc),
        issued_at_jalali="1405/09/01",
        first_name="Ali",
        last_name="Rezaei",
        father_name="Hossein",
        national_code="0012345679",
        type_id="full",
        type_title="Full record",
        includes_wages=False,
        total_days=31,
        service_years=0,
        service_months=1,
        service_days=1,
        average_monthly_wage=None,
        first_month="1400/01",
        last_month="1400/01",
        workshops=(),
    )


def test_a_name_outside_the_letter_alphabet_is_still_printed() -> None:
    """The per-process font subset covers the usual alphabet; a rarer letter makes the letter embed it too."""
    letter = dataclasses.replace(_letter("en", years=2), first_name="Zoë", last_name="Ångström")
    pdf = render_letter(letter)
    first = pypdf.PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert "Zoë Ångström" in first


def test_letters_embed_the_same_font_program() -> None:
    """Two letters for different people share the one subset, so the font stream is identical."""
    fonts = []
    for name in ("Sara", "Kamran"):
        pdf = render_letter(dataclasses.replace(_letter("en", years=2), first_name=name))
        reader = pypdf.PdfReader(io.BytesIO(pdf))
        font = reader.pages[0]["/Resources"]["/Font"]
        fonts.append(
            sorted(
                f.get_object()["/DescendantFonts"][0].get_object()["/FontDescriptor"]["/FontFile2"].get_data()
                for f in font.values()
            )
        )
    assert fonts[0] == fonts[1]
