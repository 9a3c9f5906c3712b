"""The demo's published session: the school's class with accounts took the certification a month
ago, and every candidate has a certificate to open, download and verify.

The exam itself is not replayed: each course gets the result scoring would have written, from a
plausible capacity through the version's scoring (`adaptive.scoring`). The session is written as
the record of an exam that took place (its date in the past, finalised, published), under an
archived version with the domain's seed intervals, so that the demo's active version stays the
one the exam day uses. A second run changes nothing.
"""

import random
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from adaptive.framework import COMPETENCE_CODES
from adaptive.scoring import (
    SEED_COMPETENCE_LEVEL_INTERVALS,
    SEED_GLOBAL_INTERVALS,
    confidence_band,
    score_certification,
)
from certif.codes import draw_verification_code
from certif.constants import VERIFICATION_CODE_MAX_TRIES
from certif.models import (
    CertificationCourse,
    CertificationResult,
    CertificationSession,
    CertificationVersion,
    CompetenceMark,
    ResultStatus,
    VersionStatus,
)
from certif.selectors import linked_school
from certif.services.candidates import students_enrol
from certif.services.sessions import session_create
from learners.models import Assessment
from orga import selectors as orga_selectors
from referentiel.models import CalibrationVersion

DIVISION = "6A"  # the demo school's class whose students have accounts (orga/demo.py)
DAYS_AGO = 30
PUBLISHED_DAYS_AGO = 20
SEED = 2026
MARKER = "Session de démonstration publiée"
CAPACITY_MEAN, CAPACITY_SPREAD = 0.9, 1.1
STANDARD_ERROR = 0.32


def _version() -> CertificationVersion:
    calibration = (CalibrationVersion.objects.filter(status=CalibrationVersion.Status.ACTIVE).first()
                   or CalibrationVersion.objects.order_by("pk").first()
                   or CalibrationVersion.objects.create(name="Calibration de démonstration"))
    version, _ = CertificationVersion.objects.get_or_create(
        comment=MARKER, defaults={
            "status": VersionStatus.ARCHIVED, "calibration_version": calibration,
            "global_scoring": [{"mesh_level": i, "min": interval.min, "max": interval.max}
                               for i, interval in enumerate(SEED_GLOBAL_INTERVALS)],
            "competences_scoring": {code: [{"level": i.level, "min": i.bounds.min, "max": i.bounds.max}
                                           for i in SEED_COMPETENCE_LEVEL_INTERVALS]
                                    for code in COMPETENCE_CODES}})
    return version


def _free_code() -> str:
    for _ in range(VERIFICATION_CODE_MAX_TRIES):
        code = draw_verification_code()
        if not CertificationCourse.objects.filter(verification_code=code).exists():
            return code
    raise RuntimeError("no free verification code")


def _score(course, capacity):
    score = score_certification(capacity)
    low, high = confidence_band(capacity, STANDARD_ERROR)
    validated = score.pix_score > 0 and score.mesh_index is not None
    result = CertificationResult.objects.create(
        course=course, version=course.version,
        status=ResultStatus.VALIDATED if validated else ResultStatus.REJECTED,
        pix_score=score.pix_score, capacity=capacity, standard_error=STANDARD_ERROR,
        score_low=low if validated else None, score_high=high if validated else None,
        reached_mesh_index=score.mesh_index if validated else None,
        answers_count=course.version.maximum_assessment_length)
    if validated:
        CompetenceMark.objects.bulk_create(
            CompetenceMark(result=result, competence_code=code, level=level)
            for code, level in score.competence_levels.items())


@transaction.atomic
def seed_published_session(center, admin) -> CertificationSession | None:
    """The school centre's published session, made once; None when the school has no such class."""
    existing = CertificationSession.objects.filter(center=center, description=MARKER).first()
    if existing is not None:
        return existing
    school = linked_school(center)
    learners = [learner for learner in orga_selectors.learners_of_division(school, DIVISION)
                if learner.user_id] if school else []
    if not learners:
        return None
    day = timezone.localdate() + timedelta(days=365)
    session = session_create(center=center, user=admin, raw={
        "address": "Collège Jean Moulin", "room": "Salle informatique B12", "time": "10:00",
        "examiner": "Mme Roche", "description": MARKER, "date": day.isoformat()})
    students_enrol(session=session, learner_ids=[learner.pk for learner in learners])
    now = timezone.now()
    taken_at = now - timedelta(days=DAYS_AGO)
    version = _version()
    draw = random.Random(SEED)
    users = {learner.pk: learner.user for learner in learners}
    for candidate in session.candidates.select_related("organization_learner"):
        user = users[candidate.organization_learner_id]
        candidate.user, candidate.reconciled_at = user, taken_at
        candidate.save(update_fields=["user", "reconciled_at"])
        assessment = Assessment.objects.create(user=user, type=Assessment.Type.CERTIFICATION,
                                               state=Assessment.State.COMPLETED)
        course = CertificationCourse.objects.create(
            session=session, candidate=candidate, user=user, assessment=assessment, version=version,
            seed=draw.randrange(2**31), verification_code=_free_code(),
            first_name=candidate.first_name, last_name=candidate.last_name,
            birthdate=candidate.birthdate, birthplace=candidate.birthplace, sex=candidate.sex,
            deadline=taken_at + timedelta(minutes=version.assessment_duration_minutes),
            ended_at=taken_at + timedelta(minutes=50), has_seen_end_test_screen=True,
            is_published=True)
        capacity = max(-3.0, min(5.0, draw.gauss(CAPACITY_MEAN, CAPACITY_SPREAD)))
        _score(course, round(capacity, 3))
    session.date = timezone.localdate(taken_at)
    session.started_at = taken_at
    session.finalized_at = taken_at + timedelta(hours=2)
    session.published_at = now - timedelta(days=PUBLISHED_DAYS_AGO)
    session.save(update_fields=["date", "started_at", "finalized_at", "published_at"])
    return session


def demo_rows(session) -> list[tuple]:
    if session is None:
        return []
    course = (session.courses.filter(results__status=ResultStatus.VALIDATED)
              .select_related("user").order_by("last_name", "first_name", "pk").first())
    if course is None:
        return []
    return [("code", course.verification_code,
             f"code de vérification du certificat de {course.first_name} {course.last_name} "
             f"({course.user.username}) : /verification/")]
