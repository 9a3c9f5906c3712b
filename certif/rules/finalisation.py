"""The finalisation rules (domain §7.1, §7.2): what a centre gives when it finalises a session,
the domain's checks in order, and the issue reports' categories and subcategories.

Plain functions over plain values: the service reads the session under its row lock and hands
them what it found; the page, the tests and any other client get the same problems. Each problem
names the field it is about, as `<key>-<name>`, the key being the one the caller gave (a form's
prefix on the page), so that the page can show it beside that field.
"""

from dataclasses import dataclass

from certif.constants import (
    EXAMINER_COMMENT_MAX_LENGTH,
    ISSUE_REPORT_DESCRIPTION_MAX_LENGTH,
    ISSUE_REPORT_QUESTION_NUMBER_MAX,
    ISSUE_REPORT_QUESTION_NUMBER_MIN,
    SESSION_DESCRIPTION_MAX_LENGTH,
)
from certif.errors import ErrorCode, Problem
from certif.models import AbortReason, IssueReportCategory, IssueReportSubcategory

Category, Subcategory = IssueReportCategory, IssueReportSubcategory

# Domain §7.2: recognised in old data, refused for a new report.
DEPRECATED_CATEGORIES = frozenset({Category.TECHNICAL_PROBLEM, Category.OTHER,
                                   Category.LATE_OR_LEAVING, Category.CONNECTION_OR_END_SCREEN})
DEPRECATED_SUBCATEGORIES = frozenset({Subcategory.LINK_NOT_WORKING, Subcategory.OTHER,
                                      Subcategory.LEFT_EXAM_ROOM})
# The subcategories each category takes, in the domain's order (deprecated ones included, so
# that they are recognised and refused as such); a category absent here takes none.
SUBCATEGORIES = {
    Category.CANDIDATE_INFORMATIONS_CHANGES: (Subcategory.NAME_OR_BIRTHDATE,
                                              Subcategory.EXTRA_TIME_PERCENTAGE),
    Category.IN_CHALLENGE: (
        Subcategory.IMAGE_NOT_DISPLAYING, Subcategory.LINK_NOT_WORKING,
        Subcategory.EMBED_NOT_WORKING, Subcategory.FILE_NOT_OPENING,
        Subcategory.WEBSITE_UNAVAILABLE, Subcategory.WEBSITE_BLOCKED, Subcategory.OTHER,
        Subcategory.EXTRA_TIME_EXCEEDED, Subcategory.SOFTWARE_NOT_WORKING,
        Subcategory.UNINTENTIONAL_FOCUS_OUT, Subcategory.SKIP_ON_OOPS,
        Subcategory.ACCESSIBILITY_ISSUE),
}
DESCRIPTION_REQUIRED = frozenset({
    Category.NON_BLOCKING_CANDIDATE_ISSUE, Category.NON_BLOCKING_TECHNICAL_ISSUE,
    Category.SIGNATURE_ISSUE, Category.CANDIDATE_INFORMATIONS_CHANGES, Category.TECHNICAL_PROBLEM})
SUBCATEGORY_REQUIRED = frozenset({Category.CANDIDATE_INFORMATIONS_CHANGES, Category.IN_CHALLENGE})
# Only an in-challenge report keeps its question number.
QUESTION_NUMBER_CATEGORIES = frozenset({Category.IN_CHALLENGE})


def current_categories() -> list[IssueReportCategory]:
    """The categories a new report may take, in the model's order."""
    return [category for category in Category if category not in DEPRECATED_CATEGORIES]


def current_subcategories(category) -> list[IssueReportSubcategory]:
    """The subcategories a new report of this category may take (none: the category takes none)."""
    return [sub for sub in SUBCATEGORIES.get(category, ()) if sub not in DEPRECATED_SUBCATEGORIES]


# --- what the centre gives ---------------------------------------------------------------------

@dataclass(frozen=True)
class IssueReportInput:
    """One issue report as typed: text from a form (or any value from another client)."""

    category: str = ""
    subcategory: str = ""
    description: str = ""
    question_number: object = None
    key: str = ""  # where its problems are shown: `<key>-category`, ...


@dataclass(frozen=True)
class CourseReport:
    """What the centre says of one candidate's test (domain §7.1 `CertificationReport`)."""

    course_id: int
    has_seen_end_test_screen: bool = False
    abort_reason: str = ""
    examiner_comment: str = ""
    issue_reports: tuple = ()
    key: str = ""  # where its problems are shown; `course-<id>` when not given

    @property
    def prefix(self) -> str:
        return self.key or course_key(self.course_id)


def course_key(course_id) -> str:
    return f"course-{course_id}"


def _field(key, name) -> str:
    return f"{key}-{name}" if key else name


@dataclass(frozen=True)
class CourseState:
    """What the checks need to know of a started test."""

    course_id: int
    candidate: str  # the name the messages use
    is_completed: bool


@dataclass(frozen=True)
class IssueReportData:
    category: str
    subcategory: str
    description: str
    question_number: int | None


@dataclass(frozen=True)
class CourseFinalisation:
    course_id: int
    has_seen_end_test_screen: bool
    abort_reason: str
    examiner_comment: str
    issue_reports: tuple


@dataclass(frozen=True)
class FinalisationData:
    courses: tuple  # CourseFinalisation, one per started test
    global_comment: str


# --- the checks --------------------------------------------------------------------------------

def finalisation_refusal(*, is_finalized: bool, started_count: int) -> Problem | None:
    """Checks 1 and 2 of domain §7.1: there is nothing the centre can correct on the page."""
    if is_finalized:
        return Problem(ErrorCode.SESSION_ALREADY_FINALIZED)
    if started_count == 0:
        return Problem(ErrorCode.SESSION_WITHOUT_STARTED_CERTIFICATION)
    return None


def _text(value) -> str:
    return "" if value is None else str(value).strip()


def _abort_reason(report, state, problems) -> str:
    value = _text(report.abort_reason)
    if value and value not in AbortReason.values:
        problems.append(Problem(ErrorCode.ABORT_REASON_NOT_VALID,
                                _field(report.prefix, "abort_reason"), {"candidate": state.candidate}))
        return ""
    return value


def abort_reason_problems(states, reasons: dict) -> list[Problem]:
    """Checks 3 to 5 of domain §7.1, in order; the problems of the first that fails.

    `reasons`: {course id: the abort reason given ("" for none)}; `states` the started tests.
    """
    unfinished = [s for s in states if not s.is_completed]
    given = [s for s in states if reasons.get(s.course_id)]
    missing = [s for s in unfinished if not reasons.get(s.course_id)]

    def field(state):
        return _field(course_key(state.course_id), "abort_reason")

    if len(given) < len(unfinished):
        return [Problem(ErrorCode.SESSION_WITH_MISSING_ABORT_REASON, field(missing[0]),
                        {"candidates": ", ".join(s.candidate for s in missing)})]
    if len(given) > len(unfinished):
        return [Problem(ErrorCode.SESSION_WITH_ABORT_REASON_ON_COMPLETED_CERTIFICATION_COURSE,
                        field(s), {"candidate": s.candidate})
                for s in states if s.is_completed and reasons.get(s.course_id)]
    return [Problem(ErrorCode.CERTIFICATION_REPORT_ABORT_REASON_REQUIRED, field(s),
                    {"candidate": s.candidate}) for s in missing]


def validate_examiner_comment(value, *, candidate: str, field: str = "examiner_comment"):
    """(the comment, problems): at most 500 characters, blank stored as empty."""
    comment = _text(value)
    if len(comment) > EXAMINER_COMMENT_MAX_LENGTH:
        return "", [Problem(ErrorCode.EXAMINER_COMMENT_TOO_LONG, field,
                            {"candidate": candidate, "max": EXAMINER_COMMENT_MAX_LENGTH})]
    return comment, []


def _question_number(value):
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    text = _text(value)
    return int(text) if text.isdigit() and len(text) <= 6 else None


def validate_issue_report(report: IssueReportInput, *, candidate: str):
    """(the cleaned report, problems), by the table of domain §7.2."""
    def problem(code, name, **params):
        return Problem(code, _field(report.key, name), {"candidate": candidate, **params})

    category = _text(report.category)
    if not category:
        return None, [problem(ErrorCode.ISSUE_REPORT_CATEGORY_REQUIRED, "category")]
    if category not in Category.values:
        return None, [problem(ErrorCode.ISSUE_REPORT_CATEGORY_NOT_VALID, "category")]
    if category in DEPRECATED_CATEGORIES:
        return None, [problem(ErrorCode.ISSUE_REPORT_CATEGORY_DEPRECATED, "category")]
    problems = []
    subcategory = _text(report.subcategory)
    if subcategory in DEPRECATED_SUBCATEGORIES:
        problems.append(problem(ErrorCode.ISSUE_REPORT_SUBCATEGORY_DEPRECATED, "subcategory"))
    elif category not in SUBCATEGORIES:
        subcategory = ""  # forced empty: this category takes none
    elif not subcategory:
        if category in SUBCATEGORY_REQUIRED:
            problems.append(problem(ErrorCode.ISSUE_REPORT_SUBCATEGORY_REQUIRED, "subcategory"))
    elif subcategory not in SUBCATEGORIES[category]:
        problems.append(problem(ErrorCode.ISSUE_REPORT_SUBCATEGORY_NOT_VALID, "subcategory"))
    description = _text(report.description)
    if not description and category in DESCRIPTION_REQUIRED:
        problems.append(problem(ErrorCode.ISSUE_REPORT_DESCRIPTION_REQUIRED, "description"))
    elif len(description) > ISSUE_REPORT_DESCRIPTION_MAX_LENGTH:
        problems.append(problem(ErrorCode.ISSUE_REPORT_DESCRIPTION_TOO_LONG, "description",
                                max=ISSUE_REPORT_DESCRIPTION_MAX_LENGTH))
    question_number = None
    if category in QUESTION_NUMBER_CATEGORIES:
        question_number = _question_number(report.question_number)
        if _text(report.question_number) == "":
            problems.append(problem(ErrorCode.ISSUE_REPORT_QUESTION_NUMBER_REQUIRED, "question_number"))
        elif (question_number is None
              or not ISSUE_REPORT_QUESTION_NUMBER_MIN <= question_number <= ISSUE_REPORT_QUESTION_NUMBER_MAX):
            problems.append(problem(ErrorCode.ISSUE_REPORT_QUESTION_NUMBER_NOT_VALID, "question_number",
                                    min=ISSUE_REPORT_QUESTION_NUMBER_MIN,
                                    max=ISSUE_REPORT_QUESTION_NUMBER_MAX))
    if problems:
        return None, problems
    return IssueReportData(category, subcategory, description, question_number), []


def validate_finalisation(*, states, reports, global_comment) -> tuple[FinalisationData | None, list[Problem]]:
    """Checks 3 to 5 first (their problems lead), then every field: the comments and each issue
    report. `states`: the session's started tests; `reports`: the centre's `CourseReport`s (a
    started test without one has no reason, no comment, no report)."""
    by_course = {}
    for report in reports:
        if report.course_id in by_course:
            raise ValueError(f"two reports for course {report.course_id}")
        by_course[report.course_id] = report
    known = {state.course_id for state in states}
    if set(by_course) - known:
        raise ValueError(f"reports for courses not started in this session: {set(by_course) - known}")
    field_problems, reasons, courses = [], {}, []
    for state in states:
        report = by_course.get(state.course_id) or CourseReport(state.course_id)
        reasons[state.course_id] = _abort_reason(report, state, field_problems)
        comment, problems = validate_examiner_comment(
            report.examiner_comment, candidate=state.candidate,
            field=_field(report.prefix, "examiner_comment"))
        field_problems.extend(problems)
        cleaned_reports = []
        for issue in report.issue_reports:
            cleaned, problems = validate_issue_report(issue, candidate=state.candidate)
            field_problems.extend(problems)
            if cleaned is not None:
                cleaned_reports.append(cleaned)
        courses.append(CourseFinalisation(
            state.course_id, bool(report.has_seen_end_test_screen), reasons[state.course_id],
            comment, tuple(cleaned_reports)))
    comment = _text(global_comment)
    if len(comment) > SESSION_DESCRIPTION_MAX_LENGTH:
        field_problems.append(Problem(ErrorCode.SESSION_TEXT_TOO_LONG, "examiner_global_comment",
                                      {"max": SESSION_DESCRIPTION_MAX_LENGTH}))
    problems = abort_reason_problems(states, reasons) + field_problems
    if problems:
        return None, problems
    return FinalisationData(tuple(courses), comment), []

