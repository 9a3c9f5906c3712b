"""Rules of a session's fields (domain §4.1): required fields, date and time formats, not in the past."""

import re
from dataclasses import dataclass
from datetime import date, datetime, time

from django.utils import timezone

from certif.constants import SESSION_DESCRIPTION_MAX_LENGTH, SESSION_TEXT_MAX_LENGTH
from certif.errors import ErrorCode, Problem

TIME_PATTERN = re.compile(r"^(0[0-9]|1[0-9]|2[0-3]):[0-5][0-9]$")
DATE_FORMATS = ("%d/%m/%Y", "%Y-%m-%d")
REQUIRED = {
    "address": ErrorCode.SESSION_ADDRESS_REQUIRED,
    "room": ErrorCode.SESSION_ROOM_REQUIRED,
    "date": ErrorCode.SESSION_DATE_REQUIRED,
    "time": ErrorCode.SESSION_TIME_REQUIRED,
    "examiner": ErrorCode.SESSION_EXAMINER_REQUIRED,
}
FIELDS = ("address", "room", "date", "time", "examiner", "description")


@dataclass(frozen=True)
class SessionData:
    address: str
    room: str
    date: date
    time: time
    examiner: str
    description: str = ""

    @property
    def starts_at(self) -> datetime:
        return timezone.make_aware(datetime.combine(self.date, self.time))


def parse_date(value):
    if isinstance(value, date):
        return value
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    return None


def parse_time(value):
    if isinstance(value, time):
        return value.replace(second=0, microsecond=0)
    if not TIME_PATTERN.match(value):
        return None
    hours, minutes = value.split(":")
    return time(int(hours), int(minutes))


def validate_session(raw: dict, *, now=None) -> tuple[SessionData | None, list[Problem]]:
    """The session's cleaned fields, or None and every problem found."""
    values = {key: raw.get(key) for key in FIELDS}
    values = {key: v.strip() if isinstance(v, str) else v for key, v in values.items()}
    problems = [Problem(code, key) for key, code in REQUIRED.items() if values[key] in (None, "")]
    for key in ("address", "room", "examiner"):
        if values[key] and len(values[key]) > SESSION_TEXT_MAX_LENGTH:
            problems.append(Problem(ErrorCode.SESSION_TEXT_TOO_LONG, key,
                                    {"max": SESSION_TEXT_MAX_LENGTH}))
    if values["description"] and len(values["description"]) > SESSION_DESCRIPTION_MAX_LENGTH:
        problems.append(Problem(ErrorCode.SESSION_TEXT_TOO_LONG, "description",
                                {"max": SESSION_DESCRIPTION_MAX_LENGTH}))
    day = parse_date(values["date"]) if values["date"] else None
    if values["date"] and day is None:
        problems.append(Problem(ErrorCode.SESSION_DATE_NOT_VALID, "date"))
    hour = parse_time(values["time"]) if values["time"] else None
    if values["time"] and hour is None:
        problems.append(Problem(ErrorCode.SESSION_TIME_NOT_VALID, "time"))
    if problems:
        return None, problems
    data = SessionData(address=values["address"], room=values["room"], date=day, time=hour,
                       examiner=values["examiner"], description=values["description"] or "")
    if data.starts_at < (now or timezone.now()):
        return None, [Problem(ErrorCode.SESSION_SCHEDULED_IN_THE_PAST, "date")]
    return data, []
