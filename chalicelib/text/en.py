"""English text, for clients that send Accept-Language: en. Same keys as fa.py."""

ERRORS = {
    "INTERNAL": "An internal error occurred. Please try again in a few minutes.",
    "MALFORMED_REQUEST": "Malformed request: the body must be a JSON object with the right types.",
    "VALIDATION_FAILED": "Some of the data is not valid. Please correct the marked fields.",
    "CSRF_REJECTED": "The request did not come from the service's own pages and was refused. Reload the page and try again.",
    "UNAUTHENTICATED": "Please log in first.",
    "NOT_FOUND": "Not found.",
    "INVALID_CURSOR": "This page link of the list is not valid. Open the list from its start.",
    "METHOD_NOT_ALLOWED": "This method is not supported for this path.",
    "TOO_MANY_ATTEMPTS": "Too many attempts. Please try again later.",
    "SERVICE_UNAVAILABLE": "The service is temporarily unavailable. Please try again shortly.",
    "PASSWORD_POLICY": "The password does not meet the password rules.",
    "ALREADY_REGISTERED": "An active account already exists for this national code. Use password recovery instead.",
    "INVALID_CODE": "The code is not correct.",
    "CODE_EXPIRED": "The code has expired. Please ask for a new one.",
    "IDENTITY_MISMATCH": "The identity data does not match the civil registry.",
    "REGISTRATION_CLOSED": "This registration was closed after repeated failed attempts. Try again after 24 hours.",
    "STEP_OUT_OF_ORDER": "Please complete the previous registration steps first.",
    "INVALID_CREDENTIALS": "The national code or password is not correct.",
    "ACCOUNT_NOT_ACTIVE": "Your account is not active. Please visit a branch with your national ID card to activate it.",
    "INVALID_CURRENT_PASSWORD": "The current password is not correct.",
    "INVALID_ANSWERS": "The answers to the security questions are not correct.",
    "INVALID_RESET_TOKEN": "The reset token is invalid or has expired. Please start the recovery again.",
    "OBJECTION_ALREADY_OPEN": "An objection of the same kind is already open.",
    "AGREEMENT_REQUIRED": "You must accept the agreement to issue the statement.",
    "MAILBOX_FULL": "Your mailbox is full. Please delete some old letters.",
    "PERMIT_ALREADY_ACTIVE": "This letter already has an active inquiry permit.",
    "NO_ACTIVE_PERMIT": "This letter has no active inquiry permit.",
    "BAD_SIGNATURE": "The request signature is not valid.",
    "REGISTRY_MISMATCH": "The data does not match the civil registry.",
    "NOT_ELIGIBLE": "This person is not eligible for cover under Article 58 of the Social Security Law.",
    "DEPENDENT_EXISTS": "This person is already registered as your dependent.",
    "IDEMPOTENCY_KEY_REUSED": "This idempotency key was already used for a different request.",
    "DOCUMENT_NOT_NEEDED": "No document is needed for this dependent.",
    "OBJECTION_ALREADY_RESOLVED": "This objection has already been examined and closed.",
    "CONFLICT": "Another change to the same data was made at the same time. Please try again.",
    "DOCUMENT_ALREADY_RECEIVED": "This document has already been received and cannot be replaced.",
    "PAYLOAD_TOO_LARGE": "The request is larger than the 64 KiB allowed.",
    "ACCOUNT_FROZEN": "Electronic access to your account is frozen at your request. Visit a Social Security branch with your national ID card to unfreeze it.",
    "MOBILE_NOT_OWNED": "The operator does not list this mobile number under your national code. In that case only a Social Security branch can change your mobile, after seeing your national ID card.",
    "NOT_FROZEN": "Electronic access to this account is not frozen.",
}

MESSAGES = {
    "registration_code": "Social Security Organization\nYour registration code: {code}\nValid until {time} Tehran time (5 minutes). Do not share it.",
    "registration_active": "Social Security Organization\nYour registration {tracking_code} is complete and your account is active.",
    "registration_branch_visit": "Social Security Organization\nYour registration {tracking_code} is recorded, but this mobile number is not registered to you. Visit a branch with your ID card to activate the account.",
    "registration_rejected": "Social Security Organization\nYour registration {tracking_code} was not approved.",
    "password_changed": "Social Security Organization\nYour account password was changed. If you did not do this, contact a branch at once.",
    "recovery_code": "Social Security Organization\nYour password recovery code: {code}\nValid until {time} Tehran time (5 minutes). Do not share it.",
    "recovery_email_subject": "Password recovery code - Social Security Organization",
    "password_changed_email_subject": "Your password was changed - Social Security Organization",
    "objection_received": "Social Security Organization\nYour objection to your insurance record was registered: {tracking_code}.",
    "permit_issued": "Social Security Organization\nAn inquiry permit for letter {tracking_number} was issued until {day} {time} Tehran time.",
    "permit_expired": "Social Security Organization\nThe inquiry permit for letter {tracking_number} has expired.",
    "inquiry_done": "Social Security Organization\nYour insurance record (letter {tracking_number}) was inquired by {institution}.",
    "registration_replaced": "Social Security Organization\nYour inactive account was replaced by a new registration {tracking_code} with a mobile number registered to you. If this was not you, contact a branch.",
    "mobile_change_code": "Social Security Organization\nCode to confirm your new mobile: {code}\nValid until {time} Tehran time (5 minutes). Do not share it.",
    "mobile_changed": "Social Security Organization\nYour account's mobile number was changed to {mobile}. If you did not do this, contact a branch at once.",
    "email_change_subject": "Confirm your new email - Social Security Organization",
    "email_change_code": "Social Security Organization\nCode to confirm your new email: {code}\nValid until {time} Tehran time (5 minutes). Do not share it.",
    "email_changed": "Social Security Organization\nYour account's email was changed to {email}. If you did not do this, contact a branch at once.",
    "email_removed": "Social Security Organization\nYour account's email was removed. If you did not do this, contact a branch at once.",
    "security_answers_changed": "Social Security Organization\nYour account's security questions and answers were changed. If you did not do this, contact a branch at once.",
    "account_frozen": "Social Security Organization\nElectronic access to your account is frozen: every session ended and every inquiry permit was cancelled. Visit a branch with your ID card to unfreeze it.",
    "permits_revoked": "Social Security Organization\nAll your active inquiry permits ({count}) were cancelled.",
    "inquiry_capped": "Social Security Organization\nAfter repeated failed inquiries on your record, inquiries are paused for one hour.",
}

SECURITY_QUESTIONS = {
    "q1": "What was the name of your first primary-school teacher?",
    "q2": "In which city did your parents meet?",
    "q3": "What was the name of your first pet?",
    "q4": "What is the name of your best childhood friend?",
    "q5": "What was the name of the street you lived on as a child?",
    "q6": "What was the model of your first car?",
    "q7": "What is your maternal grandmother's first name?",
    "q8": "In which village or town was your paternal grandfather born?",
}


ELIGIBILITY_REASONS = {
    "DECEASED": "According to the civil registry, this person is deceased.",
    "SPOUSE_SAME_GENDER": "Under Article 58 of the Social Security Law, only the wife of an insured man or the husband of an insured woman can be covered as a spouse.",
    "GENDER_MISMATCH": "The gender registered for this person does not match the chosen relation (father or mother).",
    "HUSBAND_NOT_SUPPORTED": "The husband of an insured woman is covered only if she supports him (Article 58(2) of the Social Security Law).",
    "HUSBAND_UNDER_AGE": "The husband of an insured woman is covered only from his 60th birthday, or at any age if the Article 91 medical commission finds him disabled (Article 58(2) of the Social Security Law).",
    "CHILD_OVER_AGE": "Children are covered until their 18th birthday; sons until their 20th birthday while studying, daughters while unmarried and not employed, and disabled children at any age (Article 58(3) of the Social Security Law).",
    "DAUGHTER_MARRIED": "A daughter aged 18 or over is covered only while unmarried, unless she is disabled (Article 58(3) of the Social Security Law).",
    "DAUGHTER_EMPLOYED": "A daughter aged 18 or over is covered only while not employed, unless she is disabled (Article 58(3) of the Social Security Law).",
    "PARENT_UNDER_AGE": "A father is covered from his 60th birthday and a mother from her 55th, or either at any age if the Article 91 medical commission finds them disabled (Article 58(4) of the Social Security Law).",
    "PARENT_NOT_SUPPORTED": "Parents are covered only if the insured person supports them (Article 58(4) of the Social Security Law).",
    "PARENT_HAS_PENSION": "A parent who receives a pension from the Social Security Organization cannot be covered as a dependent (Article 58(4) of the Social Security Law).",
}


DISCLOSURE_TYPES = {
    "full": "Full insurance record (insured days per workshop)",
    "wages_since_1386": "Insurance record with wages from 1386 (2007)",
    "combined": "Full insurance record with wages from 1386 (2007)",
}
DISCLOSURE_AGREEMENT = (
    "I ask for my insurance record of the chosen type to be issued as an electronic letter in my personal mailbox, and I accept that "
    "any institution holding an access code I issue can inquire this record until the code expires. Handing out the code is my responsibility."
)
MAILBOX_SYSTEM = "Record disclosure to institutions"
LETTER_SUBJECT = "Insurance record statement: {title}"
VERIFY_PAGE = {
    "title": "Insurance record letter verification",
    "valid": "This letter was issued by the Social Security Organization and is valid.",
    "tracking_number": "Tracking number",
    "type": "Statement type",
    "issued_at": "Issued on",
    "national_code": "National code",
    "sha256": "File fingerprint (SHA-256)",
}

# The letter's fixed wording (chalicelib/letters/render.py).
LETTER_LABELS = {
    "org": "Social Security Organization",
    "title": "Certificate of insurance record",
    "issued": "Issued:",
    "issued_value": "{gregorian} (Jalali {jalali})",
    "tracking": "Tracking number:",
    "verification": "Verification code:",
    "person": "Insured person",
    "name": "Name:",
    "father": "Father's name:",
    "national_code": "National code:",
    "type": "Letter type:",
    "summary": "Summary",
    "total_days": "Total insured days:",
    "total_days_value": "{days} days",
    "service": "Length of service:",
    "service_value": "{years} years {months} months {days} days",
    "first_month": "First month:",
    "last_month": "Last month:",
    "average_wage": "Average monthly wage, last 2 years:",
    "wage_value": "{wage} rials",
    "no_stamp": "This certificate was issued electronically and needs no stamp or signature.",
    "verify_hint": "To verify it, scan the QR code or open this address:",
    "records": "Records by workshop and year (Jalali calendar)",
    "records_note_wages": ("For each year, the Days row gives days worked and the Wage row the monthly wage in rials."),
    "records_note_days": "Figures are days worked per month.",
    "no_records": "No insurance records.",
    "workshop": "Workshop:",
    "continued": "(cont.)",
    "workshop_code": "Workshop code:",
    "employer": "Employer:",
    "year": "Year",
    "kind": "",
    "days_row": "Days",
    "wage_row": "Wage",
    "total": "Total",
    "page": "Page {page} of {pages}",
    "months": (
        "Farvardin",
        "Ordibehesht",
        "Khordad",
        "Tir",
        "Mordad",
        "Shahrivar",
        "Mehr",
        "Aban",
        "Azar",
        "Dey",
        "Bahman",
        "Esfand",
    ),
}

# The back office and the institution panel.
ERRORS.update(
    {
        "FORBIDDEN": "You are not allowed to do this.",
        "USERNAME_TAKEN": "This username is already taken.",
        "NOT_AWAITING_BRANCH": "This account is not waiting for branch activation with this tracking code.",
        "NOT_AWAITING_REVIEW": "This objection is not waiting for review.",
        "NOT_UNDER_REVIEW": "This objection is not under review by you.",
        "NOT_AWAITING_DECISION": "This dependent is not waiting for a branch decision.",
        "INSTITUTION_DISABLED": "This institution has been disabled.",
    }
)

MESSAGES.update(
    {
        "objection_outcome_accepted": "accepted",
        "objection_outcome_rejected": "not accepted",
        "staff_read_person": "Viewed account and requests",
        "staff_read_dependent": "Viewed a dependent request and its documents",
        "staff_shown_activated": "Account activated at a branch",
        "staff_shown_unfrozen": "Electronic access unfrozen",
        "staff_shown_mobile": "Mobile number changed to {mobile}",
        "staff_shown_objection_review": "Review of objection {tracking_code} started",
        "staff_shown_objection_decided": "Decision on objection {tracking_code}: {outcome}",
        "staff_label_branch": "Branch {branch}, {role}",
        "staff_label_office": "Head office, {role}",
        "branch_activated": "Social Security Organization\nYour account (registration {tracking_code}) was activated at a branch.",
        "branch_unfrozen": "Social Security Organization\nElectronic access to your account was unfrozen at a branch.",
        "branch_mobile_old": "Social Security Organization\nYour account's mobile number was changed at a branch to {mobile}. If you did not ask for this, visit a branch at once.",
        "branch_mobile_new": "Social Security Organization\nThis number was recorded at a branch as your account's mobile number.",
        "dependent_approved": "Social Security Organization\nCover for {name} as your dependent was approved.",
        "dependent_rejected": "Social Security Organization\nCover for {name} as your dependent was refused. Reason: {reason}",
        "objection_accepted": "Social Security Organization\nYour objection {tracking_code} was accepted and your record corrected.",
        "objection_rejected": "Social Security Organization\nYour objection {tracking_code} was not accepted. {note}",
    }
)

STAFF_ROLES = {
    "admin": "System administrator",
    "branch_officer": "Branch officer",
    "records_officer": "Records officer",
    "institution_manager": "Institutions officer",
    "auditor": "Auditor",
}

# Why a line of an employer's monthly list (or the whole file) was refused, in the intake's result file.
LIST_PROBLEMS = {
    "BAD_HEADER": "The first line must be the list's header: workshop_code,workshop_name,employer_name,year,month,national_code,days,wage,job_title",
    "MALFORMED_CSV": "The CSV structure is broken from this line on.",
    "NOT_UTF8": "The file must be saved as UTF-8.",
    "EMPTY": "The file has no data lines.",
    "MISSING_FIELD": "A required column is empty or the line has too few columns.",
    "EXTRA_FIELD": "The line has more columns than the list.",
    "INVALID_WORKSHOP_CODE": "The workshop code must be digits only.",
    "INVALID_WORKSHOP_NAME": "The workshop name is too long or has an invalid character.",
    "INVALID_EMPLOYER_NAME": "The employer name is too long or has an invalid character.",
    "INVALID_MONTH": "The year and month are not valid.",
    "INVALID_NATIONAL_CODE": "The national code is not valid.",
    "INVALID_DAYS": "Days worked must be a whole number, not negative.",
    "DAYS_EXCEED_MONTH": "Days worked exceed the days of that month.",
    "INVALID_WAGE": "The wage must be a whole number of rials.",
    "INVALID_JOB_TITLE": "The job title is too long or has an invalid character.",
    "INCONSISTENT_WORKSHOP": "The workshop or employer name differs from earlier lines of this workshop.",
    "DUPLICATE_PERSON": "This national code appears twice in the list of this workshop and month.",
    "FILE_REFUSED": "Nothing from this file was stored; fix the problems listed and send the file again.",
    "DUPLICATE_FILE": "This file was received and stored before; nothing was stored again.",
}
