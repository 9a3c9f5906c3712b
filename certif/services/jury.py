"""The staff jury's decisions on a course (domain §7.3): cancel or uncancel, reject or unreject
for fraud, rescore, resolve an issue report.

Every decision needs a comment, is recorded as a `JuryAction` (who, when, why) and rescores the
course in the same transaction: the decision and the result it gives are written together or not
at all. The session gets its certification officer (status "en cours de traitement") at the first
decision. A published session is not judged again: unpublish it first.
"""

from django.db import transaction
from django.utils import timezone

from certif.errors import CertifError, ErrorCode
from certif.models import (
    CertificationCourse,
    CertificationIssueReport,
    CertificationSession,
    JuryAction,
    JuryActionType,
)
from certif.services import scoring

# Which flag each decision sets, and to what.
FLAG_DECISIONS = {
    JuryActionType.CANCEL: ("is_cancelled", True),
    JuryActionType.UNCANCEL: ("is_cancelled", False),
    JuryActionType.REJECT_FOR_FRAUD: ("is_rejected_for_fraud", True),
    JuryActionType.UNREJECT: ("is_rejected_for_fraud", False),
}


def _required(comment) -> str:
    comment = (comment or "").strip()
    if not comment:
        raise CertifError.of(ErrorCode.JURY_COMMENT_REQUIRED, "comment")
    return comment


def _locked(course) -> tuple[CertificationSession, CertificationCourse]:
    """The session's row then the course's, locked (the order every writer of results takes)."""
    session = CertificationSession.objects.select_for_update().get(pk=course.session_id)
    if session.published_at is not None:
        raise CertifError.of(ErrorCode.SESSION_ALREADY_PUBLISHED)
    return session, CertificationCourse.objects.select_for_update().get(pk=course.pk)


def _record(session, course, action, author, comment) -> JuryAction:
    if session.assigned_certification_officer_id is None:
        session.assigned_certification_officer = author
        session.save(update_fields=["assigned_certification_officer", "updated_at"])
    return JuryAction.objects.create(session=session, course=course, action=action,
                                     author=author, comment=comment)


@transaction.atomic
def course_decide(*, course, action: JuryActionType, author, comment: str) -> scoring.Scored:
    """Set a jury flag (cancel, uncancel, reject for fraud, unreject) and rescore."""
    comment = _required(comment)
    flag, value = FLAG_DECISIONS[action]
    session, course = _locked(course)
    if getattr(course, flag) == value:
        raise CertifError.of(ErrorCode.JURY_NOTHING_TO_CHANGE)
    setattr(course, flag, value)
    course.save(update_fields=[flag])
    _record(session, course, action, author, comment)
    return scoring.score_course(course, juror=author)


def course_cancel(*, course, author, comment):
    return course_decide(course=course, action=JuryActionType.CANCEL, author=author, comment=comment)


def course_uncancel(*, course, author, comment):
    return course_decide(course=course, action=JuryActionType.UNCANCEL, author=author, comment=comment)


def course_reject_for_fraud(*, course, author, comment):
    return course_decide(course=course, action=JuryActionType.REJECT_FOR_FRAUD, author=author,
                         comment=comment)


def course_unreject(*, course, author, comment):
    return course_decide(course=course, action=JuryActionType.UNREJECT, author=author, comment=comment)


@transaction.atomic
def course_rescore(*, course, author, comment: str) -> scoring.Scored:
    """Score the course again (after a question was removed, a version fixed, an error...)."""
    comment = _required(comment)
    session, course = _locked(course)
    _record(session, course, JuryActionType.RESCORE, author, comment)
    return scoring.score_course(course, juror=author)


@transaction.atomic
def issue_report_resolve(*, report, author, comment: str) -> scoring.Scored:
    """Resolve an issue report by hand, the comment being its resolution, and rescore."""
    comment = _required(comment)
    session, course = _locked(report.course)
    report = CertificationIssueReport.objects.select_for_update().get(pk=report.pk)
    if report.resolved_at is not None:
        raise CertifError.of(ErrorCode.ISSUE_REPORT_ALREADY_RESOLVED)
    report.resolved_at = timezone.now()
    report.resolution = comment
    report.has_been_automatically_resolved = False
    report.save(update_fields=["resolved_at", "resolution", "has_been_automatically_resolved"])
    _record(session, course, JuryActionType.RESOLVE_ISSUE_REPORT, author, comment)
    return scoring.score_course(course, juror=author)
