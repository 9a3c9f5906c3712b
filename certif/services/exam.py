"""The candidate's side of the exam day (domain §5.1, §5.2): joining a session, reading the
instructions, entering the test (start or resume) with the access code, staying in touch, and
raising a live alert.

Every state change locks its row: joining locks the matched candidate, entering locks the session
(so two clicks, two tabs or two computers give one course) then the candidate. Each entry uses up
the invigilator's authorisation; arriving again at the access code closes the current entry, so a
crash or a closed tab resumes only after a new authorisation, on the same question.
"""

from __future__ import annotations

import secrets
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from certif import ratelimits, selectors
from certif.codes import draw_verification_code
from certif.constants import (
    ACCESS_CODE_ATTEMPTS,
    ENTRY_REPEAT_SECONDS,
    VERIFICATION_CODE_MAX_TRIES,
)
from certif.errors import CertifError, ErrorCode
from certif.models import (
    CertificationCandidate,
    CertificationCourse,
    CertificationSession,
    LiveAlert,
    LiveAlertStatus,
)
from certif.services.versions import version_at
from learners.accounts.ratelimits import wait_in_words
from learners.models import Answer, Assessment
from learners.prepared import PreparedQuery, model_columns
from orga.names import standardize

ACCESS_CODE_ACTION = "access_code"
SEED_BITS = 62


def _open_session(session_number) -> CertificationSession:
    try:
        number = int(str(session_number).strip())
    except (TypeError, ValueError):
        raise CertifError.of(ErrorCode.JOIN_SESSION_NOT_FOUND, "session_number") from None
    session = CertificationSession.objects.filter(pk=number).first() if 0 < number < 2**63 else None
    if session is None:
        raise CertifError.of(ErrorCode.JOIN_SESSION_NOT_FOUND, "session_number")
    if session.is_finalized:
        raise CertifError.of(ErrorCode.SESSION_NOT_ACCESSIBLE, "session_number")
    return session


@transaction.atomic
def candidate_join(*, user, session_number, first_name, last_name, birthdate) -> CertificationCandidate:
    """Link the user to the enrolled candidate with these names and birthdate (domain §5.1).

    Names are compared standardised (case, accents, spaces, punctuation). Joining again with the
    same account is accepted and changes nothing.
    """
    session = _open_session(session_number)
    wanted = (standardize(first_name), standardize(last_name))
    matches = [candidate for candidate in
               CertificationCandidate.objects.select_for_update().filter(session=session, birthdate=birthdate)
               if (standardize(candidate.first_name), standardize(candidate.last_name)) == wanted]
    if not matches:
        raise CertifError.of(ErrorCode.CANDIDATE_BY_PERSONAL_INFO_NOT_FOUND)
    if len(matches) > 1:
        raise CertifError.of(ErrorCode.CANDIDATE_BY_PERSONAL_INFO_TOO_MANY_MATCHES)
    candidate = matches[0]
    if candidate.user_id is not None:
        if candidate.user_id != user.pk:
            raise CertifError.of(ErrorCode.UNEXPECTED_USER_ACCOUNT)
        return candidate
    if CertificationCandidate.objects.filter(session=session, user=user).exists():
        raise CertifError.of(ErrorCode.USER_ALREADY_LINKED_TO_CANDIDATE_IN_SESSION)
    learner = candidate.organization_learner
    if learner is not None and learner.user_id != user.pk:
        raise CertifError.of(ErrorCode.MATCHING_STUDENT_NOT_RECONCILED)
    candidate.user = user
    candidate.reconciled_at = timezone.now()
    try:
        with transaction.atomic():
            candidate.save(update_fields=["user", "reconciled_at"])
    except IntegrityError:  # the same account joined as another candidate at the same moment
        raise CertifError.of(ErrorCode.USER_ALREADY_LINKED_TO_CANDIDATE_IN_SESSION) from None
    return candidate


@transaction.atomic
def instructions_confirm(*, candidate: CertificationCandidate, confirmed: bool) -> None:
    if not confirmed:
        raise CertifError.of(ErrorCode.INSTRUCTIONS_NOT_CONFIRMED, "confirmed")
    CertificationCandidate.objects.filter(pk=candidate.pk).update(has_seen_instructions=True)
    candidate.has_seen_instructions = True


def candidate_enter(*, candidate: CertificationCandidate, access_code: str,
                    session_key: str = "") -> CertificationCourse:
    """Start the test, or resume it, with the session's access code (domain §5.2).

    Needs the invigilator's authorisation, which this entry uses up. A refused resume still closes
    the current entry (its transaction commits before the refusal is raised): the test then waits
    for the invigilator. The browser session that entered a few seconds ago may send its entry
    again (a double click); later, even the same browser needs a new authorisation (a closed tab).
    """
    with transaction.atomic():
        course, refusal = _enter(candidate, access_code, session_key)
    if refusal is not None:
        raise refusal
    return course


# The reads of an entry, compiled once per process: 200 entries come in the same second at the
# start of an exam, and building these queries' SQL cost more than running them.
_SESSION_COLUMNS = model_columns(CertificationSession)
_CANDIDATE_COLUMNS = model_columns(CertificationCandidate)
_LOCKED_SESSION = PreparedQuery(lambda pk, **_: (
    CertificationSession.objects.select_for_update().filter(pk=pk).values_list(*_SESSION_COLUMNS)))
_LOCKED_CANDIDATE = PreparedQuery(lambda pk, **_: (
    CertificationCandidate.objects.select_for_update().filter(pk=pk).values_list(*_CANDIDATE_COLUMNS)))


def _locked(query, model, columns, pk):
    rows = query.rows(pk=pk)
    if not rows:
        raise model.DoesNotExist
    return model.from_db("default", columns, rows[0])


def _enter(candidate, access_code, session_key):
    session = _locked(_LOCKED_SESSION, CertificationSession, _SESSION_COLUMNS, candidate.session_id)
    if session.is_finalized:
        return None, CertifError.of(ErrorCode.SESSION_NOT_ACCESSIBLE)
    try:
        ratelimits.check(ACCESS_CODE_ACTION, session.pk, limit=ACCESS_CODE_ATTEMPTS)
    except ratelimits.RateLimited as limited:
        return None, CertifError.of(ErrorCode.ACCESS_CODE_TOO_MANY_ATTEMPTS, "access_code",
                                    wait=wait_in_words(limited.wait_seconds))
    if (access_code or "").strip().upper() != session.access_code.upper():
        ratelimits.count_failure(ACCESS_CODE_ACTION, session.pk)
        return None, CertifError.of(ErrorCode.ACCESS_CODE_NOT_VALID, "access_code")
    candidate = _locked(_LOCKED_CANDIDATE, CertificationCandidate, _CANDIDATE_COLUMNS, candidate.pk)
    if not candidate.has_seen_instructions:
        return None, CertifError.of(ErrorCode.INSTRUCTIONS_NOT_SEEN)
    course = selectors.candidate_course(candidate)
    now = timezone.now()
    if course is not None:
        return _resume(candidate, course, session_key, now)
    if not candidate.authorized_to_start:
        return None, CertifError.of(ErrorCode.CANDIDATE_NOT_AUTHORIZED_TO_JOIN_SESSION)
    version = version_at(candidate.reconciled_at or now)
    if version is None:
        return None, CertifError.of(ErrorCode.CERTIFICATION_NOT_AVAILABLE)
    course = _course_create(candidate, session, version, session_key, now)
    candidate.authorized_to_start = False
    candidate.save(update_fields=["authorized_to_start"])
    if session.started_at is None:
        session.started_at = now
        session.save(update_fields=["started_at", "updated_at"])
    return course, None


def _resume(candidate, course, session_key, now):
    if not course.assessment.is_started:
        return course, None  # the test is over: the end screen
    if (course.entered_at is not None and session_key and course.entry_session_key == session_key
            and not candidate.authorized_to_start
            and now - course.entered_at <= timedelta(seconds=ENTRY_REPEAT_SECONDS)):
        return course, None  # this browser's own entry, just made, sent again (double click)
    if not candidate.authorized_to_start:
        course.entered_at = None
        course.entry_session_key = ""
        course.save(update_fields=["entered_at", "entry_session_key"])
        return None, CertifError.of(ErrorCode.CANDIDATE_NOT_AUTHORIZED_TO_RESUME_CERTIFICATION_TEST)
    course.entered_at = now
    course.last_seen_at = now
    course.entry_session_key = session_key or ""
    course.accessibility_adjustment_needed = candidate.accessibility_adjustment_needed
    course.save(update_fields=["entered_at", "last_seen_at", "entry_session_key",
                               "accessibility_adjustment_needed"])
    candidate.authorized_to_start = False
    candidate.save(update_fields=["authorized_to_start"])
    return course, None


def course_deadline(start, version, extra_time_percentage):
    """Start + the version's duration, lengthened by the candidate's extra time (a percentage)."""
    minutes = version.assessment_duration_minutes * (100 + extra_time_percentage) / 100
    return start + timedelta(minutes=minutes)


def _course_create(candidate, session, version, session_key, now):
    assessment = Assessment.objects.create(user_id=candidate.user_id, type=Assessment.Type.CERTIFICATION)
    fields = dict(
        session=session, candidate=candidate, user_id=candidate.user_id, assessment=assessment,
        version=version, seed=secrets.randbits(SEED_BITS), first_name=candidate.first_name,
        last_name=candidate.last_name, birthdate=candidate.birthdate, birthplace=candidate.birthplace,
        sex=candidate.sex, external_id=candidate.external_id,
        extra_time_percentage=candidate.extra_time_percentage,
        accessibility_adjustment_needed=candidate.accessibility_adjustment_needed,
        deadline=course_deadline(now, version, candidate.extra_time_percentage),
        entered_at=now, last_seen_at=now, entry_session_key=session_key or "",
    )
    for _try in range(VERIFICATION_CODE_MAX_TRIES):
        try:
            with transaction.atomic():
                return CertificationCourse.objects.create(verification_code=draw_verification_code(),
                                                          **fields)
        except IntegrityError:
            if CertificationCourse.objects.filter(candidate=candidate).exists():
                raise
            continue  # a code another course has (the unique index refuses it): draw another
    raise CertifError.of(ErrorCode.VERIFICATION_CODE_GENERATION_TOO_MANY_TRIALS)


def presence_record(*, course: CertificationCourse) -> None:
    """The candidate's page is open (a request every few seconds)."""
    if course.entered_at is not None:
        CertificationCourse.objects.filter(pk=course.pk, entered_at__isnull=False).update(
            last_seen_at=timezone.now())


@transaction.atomic
def live_alert_raise(*, course: CertificationCourse) -> LiveAlert:
    """"Signaler un problème" on the current question; one open alert at a time."""
    assessment = Assessment.objects.select_for_update().get(pk=course.assessment_id)
    challenge_id = assessment.last_challenge_id
    if (not assessment.is_started or course.entered_at is None or challenge_id is None
            or Answer.objects.filter(assessment=assessment, challenge_id=challenge_id).exists()):
        raise CertifError.of(ErrorCode.LIVE_ALERT_NO_CURRENT_QUESTION)
    if LiveAlert.objects.filter(course=course, status=LiveAlertStatus.ONGOING).exists():
        raise CertifError.of(ErrorCode.LIVE_ALERT_ALREADY_ONGOING)
    number = Answer.objects.filter(assessment=assessment).count() + 1
    return LiveAlert.objects.create(course=course, challenge_id=challenge_id, question_number=number)
