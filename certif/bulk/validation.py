"""Check every line of an import against the domain's rules (§4.3) and plan what it would create.

Nothing is written here. Every problem names its line and column; warnings (an empty session, a
candidate repeated in the file) do not block. The whole file is checked in a handful of queries:
the referenced sessions, the centre's sessions on the file's dates, their candidates, the INSEE
rows of the file's birthplaces.
"""

from dataclasses import dataclass, field

from certif.bulk.template import CANDIDATE_KEYS, SESSION_INFO_KEYS, label
from certif.errors import ErrorCode, Problem
from certif.insee.referential import BirthplaceReferential
from certif.models import CertificationSession
from certif.rules.candidates import CandidateData, validate_candidate
from certif.rules.sessions import SessionData, parse_date, validate_session
from certif.selectors import enrolled_identity_keys
from certif.text import normalize

MAX_SESSION_ID = 2**63 - 1


@dataclass
class PlannedSession:
    first_line: int
    existing: CertificationSession | None = None
    data: SessionData | None = None
    candidates: list = field(default_factory=list)  # CandidateData
    identity_keys: set = field(default_factory=set)
    enrolled_keys: set = field(default_factory=set)
    candidate_lines: int = 0


@dataclass
class ImportPlan:
    sessions: list
    problems: list  # (line, Problem)

    @property
    def has_errors(self):
        return any(problem.blocking for _, problem in self.problems)

    @property
    def candidate_count(self):
        return sum(len(s.candidates) for s in self.sessions)

    def report(self):
        """What the page shows later, in the reader's language: codes and parameters, not messages."""
        return [{"line": line, "column": p.field, "code": str(p.code), "params": p.params,
                 "blocking": p.blocking}
                for line, p in sorted(self.problems, key=lambda item: (item[0], not item[1].blocking))]


def report_rows(report) -> list[dict]:
    """The stored report with each problem's column label and message."""
    return [{**entry, "field": label(entry["column"]),
             "message": Problem(ErrorCode(entry["code"]), entry["column"], entry["params"]).message}
            for entry in report]


class _Validator:
    def __init__(self, center, lines, sessions=None):
        self.center, self.lines = center, lines
        self.plan = ImportPlan(sessions=[], problems=[])
        self.by_key, self.current = {}, None
        self.existing = sessions if sessions is not None else self._existing_sessions()
        self.taken_slots = self._taken_slots()
        self.referential = BirthplaceReferential.for_birthplaces(
            [line["values"] for line in lines if self._has_candidate(line["values"])])

    def _existing_sessions(self):
        ids = referenced_session_ids(self.lines)
        return {s.pk: s for s in CertificationSession.objects.filter(center=self.center, pk__in=ids)}

    def _taken_slots(self):
        days = {parse_date(line["values"].get("date", "")) for line in self.lines} - {None}
        rows = CertificationSession.objects.filter(center=self.center, date__in=days)
        return {(day, time) for day, time in rows.values_list("date", "time")}

    @staticmethod
    def _has_candidate(values):
        return any(values.get(key) for key in CANDIDATE_KEYS)

    def problem(self, line, code, column="", blocking=True, **params):
        self.plan.problems.append((line, Problem(code, column, params, blocking)))

    def run(self) -> ImportPlan:
        for line in self.lines:
            number, values = line["line"], line["values"]
            if values.get("existing_session_id") or any(values.get(k) for k in SESSION_INFO_KEYS):
                self.current = self._session_of(number, values)
            if self._has_candidate(values):
                if self.current is None:
                    self.problem(number, ErrorCode.IMPORT_NO_SESSION_FOR_CANDIDATE, "existing_session_id")
                else:
                    self._candidate(number, values, self.current)
        for planned in self.plan.sessions:
            if not planned.candidate_lines:
                self.problem(planned.first_line, ErrorCode.EMPTY_SESSION, blocking=False)
        return self.plan

    def _session_of(self, number, values):
        session_id = values.get("existing_session_id", "")
        key = ("id", session_id) if session_id else (
            "new", tuple(normalize(values.get(k, "")) for k in SESSION_INFO_KEYS))
        if key in self.by_key:
            return self.by_key[key]
        planned = PlannedSession(first_line=number)
        self.by_key[key] = planned
        self.plan.sessions.append(planned)
        if session_id:
            self._existing(number, values, session_id, planned)
        else:
            self._new(number, values, planned)
        return planned

    def _existing(self, number, values, session_id, planned):
        if not session_id.isdigit() or int(session_id) > MAX_SESSION_ID:
            return self.problem(number, ErrorCode.SESSION_ID_NOT_VALID, "existing_session_id")
        session = self.existing.get(int(session_id))
        if session is None:
            return self.problem(number, ErrorCode.SESSION_ID_NOT_EXISTING, "existing_session_id")
        if any(values.get(k) for k in SESSION_INFO_KEYS):
            self.problem(number, ErrorCode.INFORMATION_NOT_ALLOWED_WITH_SESSION_ID, "existing_session_id")
        if session.has_started or session.is_finalized:
            self.problem(number, ErrorCode.CANDIDATE_NOT_ALLOWED_FOR_STARTED_SESSION, "existing_session_id")
        planned.existing = session
        planned.enrolled_keys = enrolled_identity_keys(session)

    def _new(self, number, values, planned):
        data, problems = validate_session(values)
        for problem in problems:
            self.plan.problems.append((number, problem))
        if data is None:
            return
        if (data.date, data.time) in self.taken_slots:
            return self.problem(number, ErrorCode.SESSION_WITH_DATE_AND_TIME_ALREADY_EXISTS, "time")
        self.taken_slots.add((data.date, data.time))
        planned.data = data

    def _candidate(self, number, values, planned):
        planned.candidate_lines += 1
        data, problems = validate_candidate(values, has_billing_mode=self.center.has_billing_mode,
                                            referential=self.referential)
        for problem in problems:
            self.plan.problems.append((number, problem))
        if data is None:
            return
        self._enrol(number, data, planned)

    def _enrol(self, number, data: CandidateData, planned):
        key = data.identity_key
        if key in planned.enrolled_keys:
            return self.problem(number, ErrorCode.DUPLICATE_CANDIDATE_NOT_ALLOWED_IN_SESSION, "last_name")
        if key in planned.identity_keys:
            return self.problem(number, ErrorCode.DUPLICATE_CANDIDATE_IN_SESSION, "last_name",
                                blocking=False)
        planned.identity_keys.add(key)
        planned.candidates.append(data)


def validate_import(center, lines, *, sessions=None) -> ImportPlan:
    """`sessions`: the referenced existing sessions, already read (and locked) by the caller."""
    return _Validator(center, lines, sessions).run()


def referenced_session_ids(lines) -> set:
    return {int(v) for v in (line["values"].get("existing_session_id", "") for line in lines)
            if v.isdigit() and int(v) <= MAX_SESSION_ID}
