"""متن‌های پنل دستگاه‌ها (پنل مخصوص دستگاه‌های دولتی و مرجع استعلامات رسمی)."""

TEXT = {
    "site.name": "پنل دستگاه‌ها — تامین اجتماعی",
    "office.home_page": "inquiry.html",
    "office.login_title": "ورود به پنل دستگاه‌ها",
    "panel.inquiry_title": "استعلام سند",
    "panel.inquiry_lead": "کد ملی بیمه‌شده را در «شناسه» و کد رمزی را که بیمه‌شده به شما داده است وارد کنید تا سوابق او را ببینید و فایل آن را ذخیره کنید.",
    "panel.identifier": "شناسه",
    "panel.identifier_hint": "کد ملی ۱۰ رقمی بیمه‌شده",
    "panel.access_code": "کد رمز",
    "panel.access_code_hint": "۱۲ رقم، مانند \u2066۱۲۳۴-۵۶۷۸-۹۰۱۲\u2069",
    "panel.inquire": "استعلام",
    "panel.answer_title": "نتیجهٔ استعلام",
    "panel.letter_type": "نوع نامه",
    "panel.issued_at": "تاریخ صدور",
    "panel.inquirable_until": "قابل استعلام تا",
    "panel.download": "دریافت فایل PDF نامه",
    "panel.recent_title": "استعلام‌های اخیر این دستگاه",
    "js.person": "بیمه‌شده",
    "js.recent": "استعلام‌های این دستگاه، تازه‌ترین نخست",
    "js.officer": "کاربر",
}
