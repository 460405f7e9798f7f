"""Text of the institution panel (for government bodies and official inquiry offices)."""

TEXT = {
    "site.name": "Institution panel — Social Security",
    "office.home_page": "inquiry.html",
    "office.login_title": "Institution panel sign-in",
    "panel.inquiry_title": "Document inquiry",
    "panel.inquiry_lead": "Enter the insured person's national code as the identifier and the access code they gave you to see their records and save the letter.",
    "panel.identifier": "Identifier",
    "panel.identifier_hint": "The insured person's 10-digit national code",
    "panel.access_code": "Access code",
    "panel.access_code_hint": "12 digits, such as 1234-5678-9012",
    "panel.inquire": "Inquire",
    "panel.answer_title": "Inquiry result",
    "panel.letter_type": "Letter type",
    "panel.issued_at": "Issued",
    "panel.inquirable_until": "Can be checked until",
    "panel.download": "Download the letter (PDF)",
    "panel.recent_title": "This institution's recent inquiries",
    "js.person": "Insured",
    "js.recent": "This institution's inquiries, newest first",
    "js.officer": "Officer",
}
