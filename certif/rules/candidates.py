"""The candidate rules (domain §4.4): identity, birthplace, contact, extra time and billing.

`validate_candidate` takes raw values (text from a form or a file, or any value from an API) and
returns the cleaned candidate or every problem, each naming its field.
"""

import re
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils import timezone

from certif.constants import (
    MAX_EXTRA_TIME_PERCENTAGE,
    MIN_BIRTHDATE,
    NAME_MAX_LENGTH,
    PREPAYMENT_CODE_MAX_LENGTH,
)
from certif.errors import ErrorCode, Problem
from certif.models import BillingMode, Sex
from certif.rules.birthplace import resolve_birthplace
from certif.text import normalize

BIRTHDATE_FORMATS = ("%d/%m/%Y", "%Y-%m-%d")
# The words of the import template ("Gratuite", "Prépayée", "Payante") and the codes.
BILLING_WORDS = {normalize(mode.label): mode for mode in BillingMode} | {
    normalize(mode.value): mode for mode in BillingMode}
PERCENT = re.compile(r"\s*%\s*$")

TEXT_FIELDS = {
    "last_name": (ErrorCode.CANDIDATE_LAST_NAME_REQUIRED, ErrorCode.CANDIDATE_LAST_NAME_MUST_BE_A_STRING),
    "first_name": (ErrorCode.CANDIDATE_FIRST_NAME_REQUIRED, ErrorCode.CANDIDATE_FIRST_NAME_MUST_BE_A_STRING),
}
EMAIL_FIELDS = {
    "email": ErrorCode.CANDIDATE_EMAIL_NOT_VALID,
    "result_recipient_email": ErrorCode.CANDIDATE_RESULT_RECIPIENT_EMAIL_NOT_VALID,
}


@dataclass(frozen=True)
class CandidateData:
    last_name: str
    first_name: str
    sex: str
    birthdate: date
    birth_country: str
    birth_insee_code: str
    birth_postal_code: str
    birth_city: str
    email: str = ""
    result_recipient_email: str = ""
    external_id: str = ""
    extra_time_percentage: int = 0
    billing_mode: str = ""
    prepayment_code: str = ""
    accessibility_adjustment_needed: bool = False

    @property
    def identity_key(self):
        """What makes two enrolments the same person: normalised names and the birthdate."""
        return normalize(self.last_name), normalize(self.first_name), self.birthdate


def _blank(value):
    return value is None or (isinstance(value, str) and not value.strip())


def _names(raw, problems, cleaned):
    for key, (required, not_a_string) in TEXT_FIELDS.items():
        value = raw.get(key)
        if _blank(value):
            problems.append(Problem(required, key))
        elif not isinstance(value, str):
            problems.append(Problem(not_a_string, key))
        elif len(value.strip()) > NAME_MAX_LENGTH:
            problems.append(Problem(ErrorCode.CANDIDATE_TEXT_TOO_LONG, key, {"max": NAME_MAX_LENGTH}))
        else:
            cleaned[key] = " ".join(value.split())


def _sex(raw, problems, cleaned):
    value = raw.get("sex")
    if _blank(value):
        problems.append(Problem(ErrorCode.CANDIDATE_SEX_REQUIRED, "sex"))
    elif str(value).strip().upper() not in Sex.values:
        problems.append(Problem(ErrorCode.CANDIDATE_SEX_NOT_VALID, "sex"))
    else:
        cleaned["sex"] = str(value).strip().upper()


def parse_birthdate(value):
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    for fmt in BIRTHDATE_FORMATS:
        try:
            return datetime.strptime(str(value).strip(), fmt).date()
        except ValueError:
            continue
    return None


def _birthdate(raw, problems, cleaned, today):
    value = raw.get("birthdate")
    if _blank(value):
        problems.append(Problem(ErrorCode.CANDIDATE_BIRTHDATE_REQUIRED, "birthdate"))
        return
    birthdate = parse_birthdate(value)
    if birthdate is None:
        problems.append(Problem(ErrorCode.CANDIDATE_BIRTHDATE_FORMAT_NOT_VALID, "birthdate"))
    elif birthdate <= MIN_BIRTHDATE:
        problems.append(Problem(ErrorCode.CANDIDATE_BIRTHDATE_MUST_BE_GREATER, "birthdate"))
    elif birthdate > today:
        problems.append(Problem(ErrorCode.CANDIDATE_BIRTHDATE_IN_THE_FUTURE, "birthdate"))
    else:
        cleaned["birthdate"] = birthdate


def _contact(raw, problems, cleaned):
    for key, code in EMAIL_FIELDS.items():
        value = raw.get(key)
        if _blank(value):
            cleaned[key] = ""
            continue
        try:
            if not isinstance(value, str) or len(value.strip()) > NAME_MAX_LENGTH:
                raise ValidationError("")
            validate_email(value.strip())
        except ValidationError:
            problems.append(Problem(code, key))
        else:
            cleaned[key] = value.strip().lower()
    value = raw.get("external_id")
    if _blank(value):
        cleaned["external_id"] = ""
    elif not isinstance(value, str):
        problems.append(Problem(ErrorCode.CANDIDATE_EXTERNAL_ID_MUST_BE_A_STRING, "external_id"))
    elif len(value.strip()) > NAME_MAX_LENGTH:
        problems.append(Problem(ErrorCode.CANDIDATE_TEXT_TOO_LONG, "external_id", {"max": NAME_MAX_LENGTH}))
    else:
        cleaned["external_id"] = value.strip()


def parse_extra_time(value):
    """A whole percentage from "33", "33 %" or 33; raises the problem's code otherwise."""
    if _blank(value):
        return 0
    text = PERCENT.sub("", str(value)).strip().replace(",", ".")
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise ValueError(ErrorCode.CANDIDATE_EXTRA_TIME_INTEGER) from None
    if not number.is_finite():
        raise ValueError(ErrorCode.CANDIDATE_EXTRA_TIME_INTEGER)
    # 0.33 is a decimal written where a percentage is expected (domain: "(0, 1) is rejected").
    if 0 < number < 1 or number < 0 or number >= MAX_EXTRA_TIME_PERCENTAGE:
        raise ValueError(ErrorCode.CANDIDATE_EXTRA_TIME_OUT_OF_RANGE)
    if number != number.to_integral_value():
        raise ValueError(ErrorCode.CANDIDATE_EXTRA_TIME_INTEGER)
    return int(number)


def _extra_time(raw, problems, cleaned):
    try:
        cleaned["extra_time_percentage"] = parse_extra_time(raw.get("extra_time_percentage"))
    except ValueError as error:
        problems.append(Problem(error.args[0], "extra_time_percentage"))


def _billing(raw, problems, cleaned, has_billing_mode):
    mode, code = raw.get("billing_mode"), raw.get("prepayment_code")
    if not has_billing_mode:
        if not _blank(mode):
            problems.append(Problem(ErrorCode.CANDIDATE_BILLING_MODE_MUST_BE_EMPTY, "billing_mode"))
        if not _blank(code):
            problems.append(Problem(ErrorCode.CANDIDATE_PREPAYMENT_CODE_MUST_BE_EMPTY, "prepayment_code"))
        cleaned.update(billing_mode="", prepayment_code="")
        return
    if _blank(mode):
        problems.append(Problem(ErrorCode.CANDIDATE_BILLING_MODE_REQUIRED, "billing_mode"))
        return
    if not isinstance(mode, str):
        problems.append(Problem(ErrorCode.CANDIDATE_BILLING_MODE_MUST_BE_A_STRING, "billing_mode"))
        return
    billing_mode = BILLING_WORDS.get(normalize(mode))
    if billing_mode is None:
        problems.append(Problem(ErrorCode.CANDIDATE_BILLING_MODE_NOT_VALID, "billing_mode"))
        return
    cleaned["billing_mode"] = billing_mode.value
    if billing_mode == BillingMode.PREPAID and _blank(code):
        problems.append(Problem(ErrorCode.CANDIDATE_PREPAYMENT_CODE_REQUIRED, "prepayment_code"))
    elif billing_mode != BillingMode.PREPAID and not _blank(code):
        problems.append(Problem(ErrorCode.CANDIDATE_PREPAYMENT_CODE_MUST_BE_EMPTY, "prepayment_code"))
    elif billing_mode == BillingMode.PREPAID and len(str(code).strip()) > PREPAYMENT_CODE_MAX_LENGTH:
        problems.append(Problem(ErrorCode.CANDIDATE_TEXT_TOO_LONG, "prepayment_code",
                                {"max": PREPAYMENT_CODE_MAX_LENGTH}))
    else:
        cleaned["prepayment_code"] = str(code or "").strip()


def validate_candidate(raw: dict, *, has_billing_mode: bool, referential,
                       today=None) -> tuple[CandidateData | None, list[Problem]]:
    problems, cleaned = [], {}
    _names(raw, problems, cleaned)
    _sex(raw, problems, cleaned)
    _birthdate(raw, problems, cleaned, today or timezone.localdate())
    birthplace, birthplace_problems = resolve_birthplace(raw, referential)
    problems.extend(birthplace_problems)
    _contact(raw, problems, cleaned)
    _extra_time(raw, problems, cleaned)
    _billing(raw, problems, cleaned, has_billing_mode)
    if problems:
        return None, problems
    return CandidateData(
        birth_country=birthplace.country, birth_insee_code=birthplace.insee_code,
        birth_postal_code=birthplace.postal_code, birth_city=birthplace.city,
        accessibility_adjustment_needed=bool(raw.get("accessibility_adjustment_needed")),
        **cleaned), []
