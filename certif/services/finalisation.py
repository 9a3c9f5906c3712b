"""The centre finalises a session (domain §7.1–§7.3): for each candidate who started, the end
screen seen or not, the abort reason of an unfinished test, the examiner's comment and the issue
reports; then the global comment and the two flags.

One transaction. The session's row is locked first (two finalisations at once: the second waits,
then finds the session finalised and is refused), then the tests' assessments (an answer being
stored finishes before the tests are read as finished or not). The domain's checks come in
order (`certif.rules.finalisation`). Then the session is locked for good: no enrolment, no start,
no invigilator access (each of those refuses a finalised session). The v3 automatic jury moves
the tests still started to "ended due to finalisation", and the session's scoring is enqueued once
the transaction has committed.
"""

import logging

from django.db import transaction
from django.utils import timezone

from certif import tasks
from certif.errors import CertifError
from certif.models import (
    CertificationCandidate,
    CertificationCourse,
    CertificationIssueReport,
    CertificationSession,
    LiveAlert,
    LiveAlertStatus,
)
from certif.rules.finalisation import (
    CourseReport,
    CourseState,
    finalisation_refusal,
    validate_finalisation,
)
from learners import services as learner_services
from learners.models import Assessment

logger = logging.getLogger(__name__)

V3 = 3


def started_courses(session):
    """The session's started tests (a course exists once a test has begun), in the page's order."""
    return (CertificationCourse.objects.filter(session=session).select_related("assessment", "candidate")
            .order_by("last_name", "first_name", "pk"))


def course_state(course) -> CourseState:
    return CourseState(course.pk, f"{course.first_name} {course.last_name}",
                       course.assessment.state == Assessment.State.COMPLETED)


def finalisation_refused(session):
    """The refusal a page shows instead of the form (already finalised, nothing started), or None."""
    problem = finalisation_refusal(is_finalized=session.is_finalized,
                                   started_count=CertificationCourse.objects.filter(session=session).count())
    return None if problem is None else CertifError(problem)


def finalisation_problems(session, *, reports: list[CourseReport], global_comment: str = "") -> list:
    """The problems the finalisation would refuse now, without finalising: a page shows them all
    at once, with a missing confirmation. The finalisation checks them again under its locks."""
    states = [course_state(course) for course in started_courses(session)]
    _data, problems = validate_finalisation(states=states, reports=reports, global_comment=global_comment)
    return problems


@transaction.atomic
def finalise_session(session, *, reports: list[CourseReport], global_comment: str = "",
                     has_incident: bool = False, has_joining_issue: bool = False,
                     by=None) -> CertificationSession:
    """Finalise the session, or raise `CertifError` with every problem (the domain's ordered
    checks first). `by`: the centre member who finalises (stored and logged)."""
    locked = CertificationSession.objects.select_for_update().get(pk=session.pk)
    courses = list(started_courses(locked))
    refusal = finalisation_refusal(is_finalized=locked.is_finalized, started_count=len(courses))
    if refusal is not None:
        raise CertifError(refusal)
    assessments = {a.pk: a for a in Assessment.objects.select_for_update().filter(
        pk__in=[course.assessment_id for course in courses]).order_by("pk")}
    for course in courses:
        course.assessment = assessments[course.assessment_id]
    data, problems = validate_finalisation(states=[course_state(c) for c in courses], reports=reports,
                                           global_comment=global_comment)
    if problems:
        raise CertifError(*problems)

    by_id = {course.pk: course for course in courses}
    issue_reports = []
    for item in data.courses:
        course = by_id[item.course_id]
        course.has_seen_end_test_screen = item.has_seen_end_test_screen
        course.abort_reason = item.abort_reason
        course.examiner_comment = item.examiner_comment
        course.save(update_fields=["has_seen_end_test_screen", "abort_reason", "examiner_comment"])
        issue_reports += [CertificationIssueReport(
            course=course, category=report.category, subcategory=report.subcategory,
            description=report.description, question_number=report.question_number)
            for report in item.issue_reports]
    CertificationIssueReport.objects.bulk_create(issue_reports)

    now = timezone.now()
    locked.finalized_at = now
    locked.finalized_by = by
    locked.examiner_global_comment = data.global_comment
    locked.has_incident = bool(has_incident)
    locked.has_joining_issue = bool(has_joining_issue)
    locked.save(update_fields=["finalized_at", "finalized_by", "examiner_global_comment", "has_incident",
                               "has_joining_issue", "updated_at"])
    CertificationCandidate.objects.filter(session=locked, authorized_to_start=True).update(
        authorized_to_start=False)
    if locked.version == V3:
        _automatic_jury(courses)
    session_id = locked.pk
    transaction.on_commit(lambda: tasks.score_session.delay(session_id))
    logger.info("session %s finalised by user %s: %s tests, %s issue reports", session_id,
                getattr(by, "pk", None), len(courses), len(issue_reports))
    for name in ("finalized_at", "finalized_by", "examiner_global_comment", "has_incident", "has_joining_issue"):
        setattr(session, name, getattr(locked, name))
    return locked


def _automatic_jury(courses):
    """Domain §7.3, v3: the tests still started end "due to finalisation" (their `ended_at` set by
    the test core, their entry closed, an alert left open dismissed); issue reports are not
    neutralised automatically. Scoring (enqueued on commit) then scores every test."""
    now = timezone.now()
    for course in courses:
        if not course.assessment.is_started:
            continue
        learner_services.assessment_end(assessment=course.assessment,
                                        state=Assessment.State.ENDED_DUE_TO_FINALIZATION)
        CertificationCourse.objects.filter(pk=course.pk).update(entered_at=None, entry_session_key="")
        LiveAlert.objects.filter(course=course, status=LiveAlertStatus.ONGOING).update(
            status=LiveAlertStatus.DISMISSED, handled_at=now)
