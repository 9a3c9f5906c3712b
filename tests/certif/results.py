"""Scored and published courses for the certificate tests, their results written directly from a
capacity with the domain's seed scoring (as scoring would write them)."""

from django.utils import timezone

from adaptive.scoring import competence_levels, confidence_band, mesh_index, pix_score
from certif.models import CertificationResult, CompetenceMark, ResultStatus
from tests.certif.factories import CourseFactory, SessionFactory


def write_result(course, *, capacity=1.0, standard_error=0.3, status=ResultStatus.VALIDATED):
    """A result row with its 16 competence marks for a validated one (the latest counts)."""
    validated = status == ResultStatus.VALIDATED
    score = pix_score(capacity) if status != ResultStatus.CANCELLED else None
    low, high = confidence_band(capacity, standard_error) if validated else (None, None)
    result = CertificationResult.objects.create(
        course=course, version=course.version, status=status,
        pix_score=score if status != ResultStatus.REJECTED else 0,
        capacity=capacity, standard_error=standard_error, score_low=low, score_high=high,
        reached_mesh_index=mesh_index(capacity, _seed_intervals()) if validated else None,
        answers_count=32)
    if validated:
        CompetenceMark.objects.bulk_create(
            CompetenceMark(result=result, competence_code=code, level=level)
            for code, level in competence_levels(capacity).items())
    return result


def _seed_intervals():
    from adaptive.scoring import SEED_GLOBAL_INTERVALS

    return SEED_GLOBAL_INTERVALS


def publish(session):
    session.published_at = timezone.now()
    session.save(update_fields=["published_at"])
    session.courses.update(is_published=True)


def published_course(*, capacity=1.0, status=ResultStatus.VALIDATED, session=None, **fields):
    """A course scored and published in its own session (or the given one)."""
    session = session or SessionFactory(date=timezone.localdate())
    course = CourseFactory(candidate__session=session, **fields)
    write_result(course, capacity=capacity, status=status)
    publish(session)
    course.refresh_from_db()
    return course
