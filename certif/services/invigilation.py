"""The invigilator's side of the exam day (domain §5.3): opening the session's invigilator page
with its password, authorising a candidate to start or resume, ending a test, and handling live
alerts.

Each action locks its row. Ending a test goes through the test core, which locks the assessment
like an answer does: an answer racing the end is either stored before it or refused after it.
Validating an alert removes the question (and its skill) from the candidate's test and takes it
back if it is still the current one, so the candidate's next page shows another question.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from certif import ratelimits
from certif.constants import INVIGILATOR_PASSWORD_ATTEMPTS
from certif.errors import CertifError, ErrorCode
from certif.models import (
    CertificationCandidate,
    CertificationIssueReport,
    CertificationSession,
    IssueReportCategory,
    LiveAlert,
    LiveAlertStatus,
    ServedChallenge,
)
from certif.rules.finalisation import current_subcategories
from learners import services as learner_services
from learners.accounts.ratelimits import wait_in_words
from learners.models import Assessment

INVIGILATOR_ACTION = "invigilator_password"

# The in-challenge subcategories an invigilator may validate an alert with (domain §7.2, the
# deprecated LINK_NOT_WORKING and OTHER left out).
LIVE_ALERT_SUBCATEGORIES = tuple(current_subcategories(IssueReportCategory.IN_CHALLENGE))
VALIDATED_ALERT_RESOLUTION = _("Signalement validé par le surveillant pendant le test : une autre "
                               "question a été proposée au candidat.")


def invigilator_session_open(*, session_number, password) -> CertificationSession:
    """The session whose number and invigilator password these are, if still open.

    Wrong passwords are counted per session (a room shares one address): past the limit, even
    the right one waits.
    """
    try:
        number = int(str(session_number).strip())
    except (TypeError, ValueError):
        raise CertifError.of(ErrorCode.INVIGILATOR_ACCESS_NOT_VALID) from None
    session = CertificationSession.objects.filter(pk=number).first() if 0 < number < 2**63 else None
    if session is None:
        raise CertifError.of(ErrorCode.INVIGILATOR_ACCESS_NOT_VALID)
    try:
        ratelimits.check(INVIGILATOR_ACTION, session.pk, limit=INVIGILATOR_PASSWORD_ATTEMPTS)
    except ratelimits.RateLimited as limited:
        raise CertifError.of(ErrorCode.INVIGILATOR_TOO_MANY_ATTEMPTS,
                             wait=wait_in_words(limited.wait_seconds)) from None
    if (password or "").strip() != session.invigilator_password:
        ratelimits.count_failure(INVIGILATOR_ACTION, session.pk)
        raise CertifError.of(ErrorCode.INVIGILATOR_ACCESS_NOT_VALID)
    if session.is_finalized:
        raise CertifError.of(ErrorCode.INVIGILATOR_SESSION_FINALIZED)
    return session


@transaction.atomic
def candidate_authorize(*, candidate: CertificationCandidate) -> None:
    """Let the candidate start, or resume, by entering the access code once."""
    locked = CertificationCandidate.objects.select_for_update().select_related("session").get(pk=candidate.pk)
    if locked.session.is_finalized:
        raise CertifError.of(ErrorCode.INVIGILATOR_SESSION_FINALIZED)
    if locked.user_id is None:
        raise CertifError.of(ErrorCode.CANDIDATE_NOT_ARRIVED)
    course = getattr(locked, "course", None)
    if course is not None and not course.assessment.is_started:
        raise CertifError.of(ErrorCode.CERTIFICATION_ALREADY_ENDED)
    locked.authorized_to_start = True
    locked.save(update_fields=["authorized_to_start"])


@transaction.atomic
def candidate_authorization_cancel(*, candidate: CertificationCandidate) -> None:
    CertificationCandidate.objects.filter(pk=candidate.pk).update(authorized_to_start=False)


def certification_end(*, candidate: CertificationCandidate) -> None:
    """End the candidate's test now (domain §5.3: "ended by the invigilator")."""
    course = getattr(candidate, "course", None)
    if course is None:
        raise CertifError.of(ErrorCode.CERTIFICATION_NOT_STARTED)
    with transaction.atomic():
        ended = learner_services.assessment_end(assessment=course.assessment,
                                                state=Assessment.State.ENDED_BY_INVIGILATOR)
        if ended:
            LiveAlert.objects.filter(course=course, status=LiveAlertStatus.ONGOING).update(
                status=LiveAlertStatus.DISMISSED, handled_at=timezone.now())
    if not ended:
        raise CertifError.of(ErrorCode.CERTIFICATION_ALREADY_ENDED)


def _ongoing(alert) -> LiveAlert:
    locked = LiveAlert.objects.select_for_update().select_related("course__assessment").get(pk=alert.pk)
    if locked.status != LiveAlertStatus.ONGOING:
        raise CertifError.of(ErrorCode.LIVE_ALERT_ALREADY_HANDLED)
    return locked


@transaction.atomic
def live_alert_dismiss(*, alert: LiveAlert) -> LiveAlert:
    """The problem is not confirmed: the candidate goes on with the same question."""
    alert = _ongoing(alert)
    alert.status = LiveAlertStatus.DISMISSED
    alert.handled_at = timezone.now()
    alert.save(update_fields=["status", "handled_at"])
    return alert


@transaction.atomic
def live_alert_validate(*, alert: LiveAlert, subcategory: str) -> LiveAlert:
    """The problem is confirmed: an in-challenge issue report, resolved at once; the question and
    its skill leave the test, and the candidate gets another question."""
    if subcategory not in LIVE_ALERT_SUBCATEGORIES:
        raise CertifError.of(ErrorCode.LIVE_ALERT_SUBCATEGORY_NOT_VALID, "subcategory")
    alert = _ongoing(alert)
    now = timezone.now()
    alert.status = LiveAlertStatus.VALIDATED
    alert.subcategory = subcategory
    alert.handled_at = now
    alert.save(update_fields=["status", "subcategory", "handled_at"])
    CertificationIssueReport.objects.create(
        course=alert.course, category=IssueReportCategory.IN_CHALLENGE, subcategory=subcategory,
        question_number=alert.question_number, resolved_at=now,
        resolution=str(VALIDATED_ALERT_RESOLUTION), has_been_automatically_resolved=True)
    ServedChallenge.objects.filter(course=alert.course, challenge_id=alert.challenge_id).update(
        is_removed=True)
    learner_services.current_challenge_withdraw(assessment=alert.course.assessment,
                                                challenge_id=alert.challenge_id)
    return alert
