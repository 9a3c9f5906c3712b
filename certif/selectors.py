"""Reads of certification for pages, documents and the import."""

from dataclasses import dataclass

from django.db.models import Count
from django.utils import timezone

from certif.models import (
    CertificationCandidate,
    CertificationCenterMembership,
    CertificationCourse,
    CertificationSession,
    CertifTermsAcceptance,
    LiveAlert,
    LiveAlertStatus,
)
from certif.rules.candidate_status import (
    STATUSES_IN_PROGRESS,
    CandidateState,
    CandidateStatus,
    candidate_status,
)
from certif.text import normalize
from learners.models import Assessment
from learners.prepared import PreparedQuery, model_columns
from orga import selectors as orga_selectors


def active_memberships(user):
    return (CertificationCenterMembership.objects.filter(user=user, disabled_at__isnull=True)
            .select_related("center").order_by("center__name"))


def has_accepted_certif_terms(user) -> bool:
    return CertifTermsAcceptance.has_accepted(user)


def center_sessions(center):
    return (CertificationSession.objects.filter(center=center).with_status()
            .annotate(candidate_count=Count("candidates")).order_by("-date", "-time", "-pk"))


def center_members(center):
    return (CertificationCenterMembership.objects.filter(center=center, disabled_at__isnull=True)
            .select_related("user").order_by("-role", "user__last_name", "user__first_name"))


def session_candidates(session):
    return CertificationCandidate.objects.filter(session=session).order_by("last_name", "first_name", "pk")


def finalised_courses(session):
    """The session's tests as its finalisation left them, with their issue reports."""
    return (CertificationCourse.objects.filter(session=session).select_related("assessment")
            .prefetch_related("issue_reports").order_by("last_name", "first_name", "pk"))


def enrolled_identity_keys(session) -> set:
    """The (normalised last name, normalised first name, birthdate) of the session's candidates."""
    rows = CertificationCandidate.objects.filter(session=session).values_list(
        "last_name", "first_name", "birthdate")
    return {(normalize(last), normalize(first), birthdate) for last, first, birthdate in rows}


def candidates_by_session(sessions) -> dict:
    """The candidates of several sessions in one query, by session id, in the sheet's order."""
    grouped = {}
    for candidate in CertificationCandidate.objects.filter(session__in=sessions).order_by(
            "session_id", "last_name", "first_name", "pk"):
        grouped.setdefault(candidate.session_id, []).append(candidate)
    return grouped


def linked_school(center):
    """The Orga school of an SCO centre (same UAI), when it manages its students; else None.

    Only then does the centre enrol from the imported students (domain §3.1:
    `isMatchingOrganizationScoAndManagingStudents`)."""
    if not center.is_sco or not center.uai:
        return None
    school = orga_selectors.organization_for_uai(center.uai)
    return school if school is not None and school.is_managing_students else None


def school_divisions(school) -> list[str]:
    return orga_selectors.divisions(school)


def division_students(school, division, session):
    """The active students of a class, each with `enrolled_candidate_id` when already in `session`."""
    learners = list(orga_selectors.learners_of_division(school, division))
    enrolled = dict(CertificationCandidate.objects.filter(
        session=session, organization_learner__in=learners).values_list("organization_learner_id", "pk"))
    for learner in learners:
        learner.enrolled_candidate_id = enrolled.get(learner.pk)
    return learners


def enrolled_learner_ids(session) -> set:
    return set(CertificationCandidate.objects.filter(
        session=session, organization_learner__isnull=False).values_list("organization_learner_id", flat=True))


# --- the exam day: the invigilator's live list ------------------------------------------------

_STATUS_BADGES = {
    CandidateStatus.WAITING: "fr-badge--new",
    CandidateStatus.AUTHORIZED: "fr-badge--info",
    CandidateStatus.IN_TEST: "fr-badge--success",
    CandidateStatus.CONNECTION_LOST: "fr-badge--warning",
    CandidateStatus.ALERT: "fr-badge--error",
}


@dataclass(frozen=True)
class InvigilatedCandidate:
    """A row of the invigilator's list: the candidate, their one status and what goes with it."""

    candidate: CertificationCandidate
    status: CandidateStatus
    course: CertificationCourse | None
    question_number: int | None
    question_total: int | None
    seconds_left: int | None
    alert: LiveAlert | None

    @property
    def badge_class(self) -> str:
        return _STATUS_BADGES.get(self.status, "")

    @property
    def minutes_left(self) -> int | None:
        return None if self.seconds_left is None else -(-self.seconds_left // 60)

    @property
    def can_be_authorized(self) -> bool:
        return self.status in (CandidateStatus.WAITING, CandidateStatus.CONNECTION_LOST)

    @property
    def can_be_ended(self) -> bool:
        return self.status in STATUSES_IN_PROGRESS or (
            self.course is not None and self.course.assessment.is_started)


def invigilated_candidates(session, *, now=None) -> list[InvigilatedCandidate]:
    """Every candidate of the session with its status; three queries whatever their number."""
    now = now or timezone.now()
    candidates = list(session.candidates.order_by("last_name", "first_name", "pk"))
    courses = {course.candidate_id: course for course in
               CertificationCourse.objects.filter(session=session)
               .select_related("assessment", "version")
               .annotate(answer_count=Count("assessment__answers", distinct=True))}
    alerts = {alert.course_id: alert for alert in
              LiveAlert.objects.filter(course__session=session, status=LiveAlertStatus.ONGOING)}
    rows = []
    for candidate in candidates:
        course = courses.get(candidate.pk)
        alert = alerts.get(course.pk) if course else None
        state = CandidateState(
            joined=candidate.user_id is not None, authorized=candidate.authorized_to_start,
            has_course=course is not None,
            test_started=bool(course and course.assessment.is_started),
            ended_by_invigilator=bool(
                course and course.assessment.state == Assessment.State.ENDED_BY_INVIGILATOR),
            entered=bool(course and course.entered_at), last_seen_at=course and course.last_seen_at,
            has_ongoing_alert=alert is not None)
        status = candidate_status(state, now)
        in_test = course is not None and course.assessment.is_started
        rows.append(InvigilatedCandidate(
            candidate=candidate, status=status, course=course,
            question_number=min(course.answer_count + 1, course.version.maximum_assessment_length)
            if in_test else None,
            question_total=course.version.maximum_assessment_length if course else None,
            seconds_left=max(0, int((course.deadline - now).total_seconds())) if in_test else None,
            alert=alert))
    return rows


_ALERT_COLUMNS = model_columns(LiveAlert)
# Read on every question of a certification test: compiled once per process.
_LATEST_ALERT = PreparedQuery(lambda course, **_: (
    LiveAlert.objects.filter(course_id=course).order_by("-created_at", "-pk")
    .values_list(*_ALERT_COLUMNS)[:1]))


def latest_live_alert(course) -> LiveAlert | None:
    rows = _LATEST_ALERT.rows(course=course.pk)
    return LiveAlert.from_db("default", _ALERT_COLUMNS, rows[0]) if rows else None


# Read by the access-code page and by each entry (200 in the same second at the start of an exam).
_COURSE_COLUMNS = model_columns(CertificationCourse)
_ASSESSMENT_STATE_COLUMNS = model_columns(Assessment, {"id", "state"})
_CANDIDATE_COURSE = PreparedQuery(lambda candidate, **_: (
    CertificationCourse.objects.filter(candidate_id=candidate)
    .values_list(*_COURSE_COLUMNS, "assessment__state")))


def candidate_course(candidate) -> CertificationCourse | None:
    """The candidate's course, if any, with its assessment's state (the rest of it deferred)."""
    rows = _CANDIDATE_COURSE.rows(candidate=candidate.pk)
    if not rows:
        return None
    course = CertificationCourse.from_db("default", _COURSE_COLUMNS, rows[0][:-1])
    course.assessment = Assessment.from_db("default", _ASSESSMENT_STATE_COLUMNS,
                                           (course.assessment_id, rows[0][-1]))
    return course
