"""Publication of a session's results (domain §8.2): refused while any course has no result or an
error one, with the list of those courses; then the courses are published and the results become
visible to the students, the centre and the school. Batch publication publishes what it can and
says what it could not; unpublication hides them again (for a late jury decision)."""

from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from certif import result_selectors
from certif.errors import CertifError, ErrorCode
from certif.models import CertificationCourse, CertificationSession, JuryAction, JuryActionType


def _course_label(course) -> str:
    return _("%(first)s %(last)s (passage n° %(number)s)") % {
        "first": course.first_name, "last": course.last_name.upper(), "number": course.pk}


@transaction.atomic
def session_publish(*, session, author) -> CertificationSession:
    session = CertificationSession.objects.select_for_update().get(pk=session.pk)
    if session.published_at is not None:
        raise CertifError.of(ErrorCode.SESSION_ALREADY_PUBLISHED)
    if session.finalized_at is None:
        raise CertifError.of(ErrorCode.SESSION_NOT_FINALIZED)
    faulty = list(result_selectors.unpublishable_courses([session.pk]))
    if faulty:
        raise CertifError.of(ErrorCode.CERTIFICATION_COURSE_NOT_PUBLISHABLE,
                             courses=", ".join(_course_label(course) for course in faulty))
    session.published_at = timezone.now()
    session.save(update_fields=["published_at", "updated_at"])
    CertificationCourse.objects.filter(session=session).update(is_published=True)
    JuryAction.objects.create(session=session, action=JuryActionType.PUBLISH, author=author)
    return session


@dataclass
class BatchPublication:
    published: list = field(default_factory=list)
    refused: dict = field(default_factory=dict)  # session -> French message


def sessions_publish(*, sessions, author) -> BatchPublication:
    """Publish each session in its own transaction; a refused one does not stop the others."""
    batch = BatchPublication()
    for session in sorted(sessions, key=lambda session: session.pk):
        try:
            batch.published.append(session_publish(session=session, author=author))
        except CertifError as refused:
            batch.refused[session] = refused.message
    return batch


@transaction.atomic
def session_unpublish(*, session, author) -> CertificationSession:
    session = CertificationSession.objects.select_for_update().get(pk=session.pk)
    if session.published_at is None:
        raise CertifError.of(ErrorCode.SESSION_NOT_PUBLISHED)
    session.published_at = None
    session.save(update_fields=["published_at", "updated_at"])
    CertificationCourse.objects.filter(session=session).update(is_published=False)
    JuryAction.objects.create(session=session, action=JuryActionType.UNPUBLISH, author=author)
    return session
