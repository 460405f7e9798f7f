"""Benchmark: record-disclosure letter vs. the same layout drawn with text shaping off.

DESIGN.md budget: a 40-year letter renders, output() included, in at most 1.5x the
floor: the same layout and the same cells through fpdf2's cell() with shaping off.
Run from the repository root: python -m bench.pdf_letter
"""

from __future__ import annotations

import gc
import io
import statistics
import subprocess
import sys
import time
from datetime import datetime, timezone

from chalicelib.letters.model import LetterData, LetterMonth, LetterWorkshop

BUDGET = 1.5
RUNS = 9

WORKSHOPS = {
    "fa": (
        ("1012345678", "کارخانه نساجی البرز", "حسین رضایی"),
        ("2087654321", "شرکت ساختمانی آرمان‌سازه", "مهدی کریمی"),
        ("3011223344", "فروشگاه زنجیره‌ای شهروند", "شرکت تعاونی شهروند"),
        ("4055667788", "شرکت فناوری اطلاعات پارس", "علی محمدی"),
        ("5099887766", "بیمارستان خصوصی مهر", "فاطمه حسینی"),
    ),
    "en": (
        ("1012345678", "Alborz Textile Factory", "Hossein Rezaei"),
        ("2087654321", "Arman Sazeh Construction Co.", "Mahdi Karimi"),
        ("3011223344", "Shahrvand Chain Stores", "Shahrvand Cooperative"),
        ("4055667788", "Pars Information Technology Co.", "Ali Mohammadi"),
        ("5099887766", "Mehr Private Hospital", "Fatemeh Hosseini"),
    ),
}
TYPE_TITLES = {
    ("fa", True): "سوابق کامل با دستمزد از ۱۳۸۶",
    ("fa", False): "سوابق کامل",
    ("en", True): "Full record with wages since 1386",
    ("en", False): "Full record",
}
# (first month index, last month index) from 1365/01 = 0; overlaps at job changes.
SPANS = ((0, 89), (87, 203), (204, 308), (306, 407), (408, 479))


def _month_name(index: int) -> str:
    return f"{1365 + index // 12}/{index % 12 + 1:02d}"


def _month_days(index: int) -> int:
    month = index % 12 + 1
    full = 31 if month <= 6 else 30 if month <= 11 else 29
    return full - (index * 7 % 11 == 0) * (index % 9 + 1)


def _wage(index: int, workshop: int) -> int:
    """Monthly wage in rials, growing ~22% a year from 1365, capped like the real insurable maximum."""
    base = 55_000 * 1.22 ** (index / 12) * (1 + 0.15 * workshop)
    return min(int(base) // 1000 * 1000 + index * 37 % 1000, 730_000_000)


def sample_letter(language: str = "fa", includes_wages: bool = True) -> LetterData:
    """Deterministic 40-year history: 480 months (1365/01..1404/12) in 486 records over five
    workshops, overlapping at job changes; wages from 1386 on, as in the "combined" letter."""
    workshops = []
    for number, ((code, name, employer), (first, last)) in enumerate(zip(WORKSHOPS[language], SPANS)):
        months = tuple(
            LetterMonth(
                _month_name(i),
                _month_days(i),
                _wage(i, number) if includes_wages and i >= 21 * 12 else None,
            )
            for i in range(first, last + 1)
        )
        workshops.append(LetterWorkshop(code, name, employer, months))
    fa = language == "fa"
    return LetterData(
        language=language,
        tracking_number="1405083012345678",
        verification_code="K7QM-2XPA-9D3F",
        verify_url="http://127.0.0.1:8000/verify/K7QM-2XPA-9D3F",
        issued_at=datetime(2026, 11, 22, 9, 30, tzinfo=timezone.utc),
        issued_at_jalali="1405/09/01",
        first_name="محمدرضا" if fa else "Mohammadreza",
        last_name="اسماعیلی‌نژاد" if fa else "Esmaeilinejad",
        father_name="غلامحسین" if fa else "Gholamhossein",
        national_code="0012345679",
        type_id="combined" if includes_wages else "full",
        type_title=TYPE_TITLES[language, includes_wages],
        includes_wages=includes_wages,
        total_days=sum(m.days for w in workshops for m in w.months),
        service_years=39,
        service_months=7,
        service_days=12,
        average_monthly_wage=612_345_000 if includes_wages else None,
        first_month="1365/01",
        last_month="1404/12",
        workshops=tuple(workshops),
    )


def _measure(data: LetterData) -> dict[str, float]:
    """Medians for the letter and its floor, interleaved so drift hits both alike.

    CPU time of this process is the figure judged: on a shared machine wall-clock
    also counts time other processes take, which swamps a ratio near 1. Wall-clock
    medians are reported beside it.
    """
    from chalicelib.letters.render import _render

    _render(data, shaping=False)
    _render(data, shaping=True)
    cpu: dict[bool, list[float]] = {False: [], True: []}
    wall: dict[bool, list[float]] = {False: [], True: []}
    for _ in range(RUNS):
        for shaping in (False, True):
            gc.collect()
            wall_start, cpu_start = time.perf_counter(), time.process_time()
            _render(data, shaping=shaping)
            cpu[shaping].append((time.process_time() - cpu_start) * 1000)
            wall[shaping].append((time.perf_counter() - wall_start) * 1000)
    median = statistics.median
    return {
        "median_ms": median(cpu[True]),
        "floor_ms": median(cpu[False]),
        "wall_ms": median(wall[True]),
        "wall_floor_ms": median(wall[False]),
    }


def _import_ms() -> float:
    code = "import time; t = time.perf_counter(); import fpdf; print((time.perf_counter() - t) * 1000)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return float(out.stdout)


def main() -> None:
    from pypdf import PdfReader

    from chalicelib.letters.render import render_letter

    print(f"import_fpdf         ms={_import_ms():.1f}  (fresh interpreter, wall-clock)")
    for name, data in (
        ("pdf_letter_fa", sample_letter("fa")),
        ("pdf_letter_en", sample_letter("en")),
        ("pdf_letter_fa_days", sample_letter("fa", includes_wages=False)),
    ):
        times = _measure(data)
        pdf = render_letter(data)
        ratio = times["median_ms"] / times["floor_ms"]
        wall_ratio = times["wall_ms"] / times["wall_floor_ms"]
        pages = len(PdfReader(io.BytesIO(pdf)).pages)
        verdict = "OK" if ratio <= BUDGET else "OVER"
        print(
            f"{name:<20}median_ms={times['median_ms']:.1f}  floor_ms={times['floor_ms']:.1f}  "
            f"ratio={ratio:.2f}  budget={BUDGET:.2f}  pages={pages}  bytes={len(pdf)}  {verdict}  "
            f"(wall: {times['wall_ms']:.1f} / {times['wall_floor_ms']:.1f} = {wall_ratio:.2f})"
        )


if __name__ == "__main__":
    main()
