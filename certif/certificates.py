"""The certificate as students, schools and the public see it (domain §8.1, §8.4): a read model over
the courses and the results that scoring writes.

Only the latest result of a course counts, and nothing is shown before publication: a course is
visible once it and its session are published (`is_published`, `published_at`). A certificate exists
for a published, validated course only; every other course is a summary with its status.
"""

from dataclasses import dataclass, field
from datetime import date

from django.db import models
from django.db.models import OuterRef, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from adaptive.framework import COMPETENCE_CODES
from adaptive.scoring import MAX_REACHABLE_LEVEL, max_reachable_score
from certif.constants import (
    VERIFICATION_CODE_ALPHABET,
    VERIFICATION_CODE_DRAWN,
    VERIFICATION_CODE_LENGTH,
    VERIFICATION_CODE_PREFIX,
)
from certif.levels import MESH_LEVEL_LABELS
from certif.models import CertificationCourse, CertificationResult, CompetenceMark, ResultStatus
from referentiel.models import Area

MAX_SCORE = max_reachable_score(MAX_REACHABLE_LEVEL)  # 895


class CertificateStatus(models.TextChoices):
    """What the student reads for each of their courses (domain §8.1, `CertificateSummary`)."""

    WAITING = "waiting", _("En attente des résultats")
    VALIDATED = "validated", _("Validée")
    REJECTED = "rejected", _("Rejetée")
    CANCELLED = "cancelled", _("Annulée")


STATUS_OF_RESULT = {
    ResultStatus.VALIDATED: CertificateStatus.VALIDATED,
    ResultStatus.REJECTED: CertificateStatus.REJECTED,
    ResultStatus.CANCELLED: CertificateStatus.CANCELLED,
}


@dataclass(frozen=True)
class GlobalLevel:
    mesh_index: int
    label: str
    summary: str
    description: str


# The global levels of the certification (the mesh levels 1 to 7; level 0, "Pré-initié", is no
# level: the certificate then shows the score alone). Descriptions are ours. They describe the
# holder, in the third person, because whoever reads them (the student, an employer on the public
# verification page, a school reading the PDF) is not always the one they speak of.
GLOBAL_LEVELS = {
    1: GlobalLevel(1, MESH_LEVEL_LABELS[1], _("Premiers pas accompagnés"), _(
        "Réalise des tâches numériques simples et courantes avec l'aide d'une personne qui guide : "
        "ouvrir un document, faire une recherche en suivant des consignes, envoyer un message.")),
    2: GlobalLevel(2, MESH_LEVEL_LABELS[2], _("Des gestes simples, en autonomie"), _(
        "Réalise en autonomie des tâches numériques simples et habituelles, et sait demander de "
        "l'aide quand une situation sort de l'ordinaire.")),
    3: GlobalLevel(3, MESH_LEVEL_LABELS[3], _("Autonome au quotidien"), _(
        "Résout en autonomie des problèmes numériques bien définis : choisit les outils adaptés, "
        "organise ses fichiers et protège ses données dans les usages courants.")),
    4: GlobalLevel(4, MESH_LEVEL_LABELS[4], _("Autonome et méthodique"), _(
        "Mène en autonomie des tâches numériques variées, adapte sa méthode à la situation et "
        "vérifie la fiabilité des informations trouvées comme des contenus produits.")),
    5: GlobalLevel(5, MESH_LEVEL_LABELS[5], _("Capable d'aider les autres"), _(
        "Résout des problèmes numériques variés, y compris inhabituels, et sait guider d'autres "
        "personnes dans leurs usages.")),
    6: GlobalLevel(6, MESH_LEVEL_LABELS[6], _("À l'aise dans les situations complexes"), _(
        "Traite des situations numériques complexes en combinant plusieurs outils et démarches, "
        "et évalue les effets de ses choix.")),
    7: GlobalLevel(7, MESH_LEVEL_LABELS[7], _("Une maîtrise étendue"), _(
        "Maîtrise un large ensemble d'usages numériques avancés, trouve des solutions nouvelles "
        "à des problèmes complexes et accompagne les autres dans leur progression.")),
}
PRE_BEGINNER_LABEL = MESH_LEVEL_LABELS[0]


def global_level(mesh_index) -> GlobalLevel | None:
    """The level of a reached mesh index; None for Pré-initié (0) or no index."""
    return GLOBAL_LEVELS.get(mesh_index) if mesh_index else None


@dataclass(frozen=True)
class CompetenceLevel:
    code: str
    name: str
    level: int


@dataclass(frozen=True)
class AreaLevels:
    code: str
    title: str
    color: str
    competences: list[CompetenceLevel]


@dataclass(frozen=True)
class CertificateSummary:
    """A course as "Mes certifications" lists it."""

    course_id: int
    certification_date: date
    center_name: str
    status: CertificateStatus
    verification_code: str

    @property
    def has_certificate(self) -> bool:
        return self.status == CertificateStatus.VALIDATED


@dataclass(frozen=True)
class Certificate:
    course_id: int
    first_name: str
    last_name: str
    birthdate: date
    birthplace: str
    center_name: str
    certification_date: date
    delivered_at: date
    pix_score: int
    score_low: int | None
    score_high: int | None
    mesh_index: int | None
    level: GlobalLevel | None
    verification_code: str
    areas: list[AreaLevels] = field(default_factory=list)
    max_score: int = MAX_SCORE

    @property
    def full_name(self) -> str:
        """« Lou DURAND »: the last name in capitals, as the certificate prints it."""
        return f"{self.first_name} {self.last_name.upper()}"

    @property
    def has_band(self) -> bool:
        return self.score_low is not None and self.score_high is not None

    @property
    def has_competences(self) -> bool:
        """Domain §8.4: the competence tree only with a global level and a non-zero score."""
        return self.level is not None and self.pix_score > 0


# --- queries ---------------------------------------------------------------------------------

def _latest_result_id():
    return Subquery(CertificationResult.objects.filter(course=OuterRef("pk"))
                    .order_by("-created_at", "-pk").values("pk")[:1])


def published_courses():
    """Courses whose results anyone outside the jury may see: the course and its session published."""
    return CertificationCourse.objects.filter(is_published=True, session__published_at__isnull=False)


def _with_results(courses):
    """Each course with `latest_result` (or None), the competence marks of validated ones loaded."""
    courses = list(courses.select_related("session__center").annotate(latest_result_id=_latest_result_id()))
    ids = [course.latest_result_id for course in courses if course.latest_result_id]
    results = CertificationResult.objects.in_bulk(ids)
    marks = {}
    validated = [pk for pk, result in results.items() if result.status == ResultStatus.VALIDATED]
    for mark in CompetenceMark.objects.filter(result_id__in=validated):
        marks.setdefault(mark.result_id, {})[mark.competence_code] = mark.level
    for course in courses:
        course.latest_result = results.get(course.latest_result_id)
        course.competence_levels = marks.get(course.latest_result_id, {})
    return courses


def status_of(course) -> CertificateStatus:
    if not (course.is_published and course.session.published_at):
        return CertificateStatus.WAITING
    result = getattr(course, "latest_result", None)
    if result is None:
        return CertificateStatus.WAITING
    return STATUS_OF_RESULT.get(result.status, CertificateStatus.WAITING)


def user_certifications(user) -> list[CertificateSummary]:
    """Every course of the student, newest first, unpublished ones waiting for their results."""
    courses = _with_results(CertificationCourse.objects.filter(user=user)
                            .order_by("-session__date", "-session__time", "-pk"))
    return [CertificateSummary(course.pk, course.session.date, course.session.center.name,
                               status_of(course), course.verification_code) for course in courses]


def _areas():
    areas = []
    for area in Area.objects.prefetch_related("competences").order_by("code"):
        areas.append((area, {c.code: c for c in area.competences.all()}))
    return areas


def _area_levels(levels, areas) -> list[AreaLevels]:
    result = []
    known = set()
    for area, competences in areas:
        items = [CompetenceLevel(code, competence.name, max(levels.get(code, 0), 0))
                 for code, competence in sorted(competences.items(), key=lambda kv: kv[0])
                 if code in COMPETENCE_CODES]
        known.update(item.code for item in items)
        if items:
            result.append(AreaLevels(area.code, area.title, area.color, items))
    # A referentiel not loaded (or partial): the missing competences by their code alone.
    missing = [code for code in COMPETENCE_CODES if code not in known]
    for area_code in dict.fromkeys(code.split(".")[0] for code in missing):
        result.append(AreaLevels(area_code, "", "", [
            CompetenceLevel(code, code, max(levels.get(code, 0), 0))
            for code in missing if code.split(".")[0] == area_code]))
    return sorted(result, key=lambda area: area.code)


def _certificate(course, areas) -> Certificate:
    result = course.latest_result
    mesh = result.reached_mesh_index
    return Certificate(
        course_id=course.pk, first_name=course.first_name, last_name=course.last_name,
        birthdate=course.birthdate, birthplace=course.birthplace,
        center_name=course.session.center.name, certification_date=course.session.date,
        delivered_at=timezone.localdate(course.session.published_at),
        pix_score=result.pix_score or 0, score_low=result.score_low, score_high=result.score_high,
        mesh_index=mesh, level=global_level(mesh), verification_code=course.verification_code,
        areas=_area_levels(course.competence_levels, areas))


def certificates_of(courses) -> list[Certificate]:
    """The certificates among these courses: published and validated ones, in the given order."""
    courses = [course for course in _with_results(courses.filter(
        pk__in=published_courses().values("pk"))) if status_of(course) == CertificateStatus.VALIDATED]
    areas = _areas() if courses else []
    return [_certificate(course, areas) for course in courses]


def user_certificate(user, course_id) -> Certificate | None:
    """The student's own certificate of this course, or None (absent, another's, not validated)."""
    found = certificates_of(CertificationCourse.objects.filter(pk=course_id, user=user))
    return found[0] if found else None


# --- verification codes ----------------------------------------------------------------------

def normalize_code(value) -> str | None:
    """A well-formed code in capitals (« p-abc… » typed in lower case, spaces around), else None."""
    code = (value or "").strip().upper()
    if len(code) != VERIFICATION_CODE_LENGTH or not code.startswith(VERIFICATION_CODE_PREFIX):
        return None
    drawn = code[len(VERIFICATION_CODE_PREFIX):]
    if len(set(drawn)) != VERIFICATION_CODE_DRAWN or any(c not in VERIFICATION_CODE_ALPHABET for c in drawn):
        return None
    return code


def certificate_by_code(value) -> Certificate | None:
    """The certificate of a code, or None alike for a malformed, unknown or unpublished code."""
    code = normalize_code(value)
    if code is None:
        return None
    found = certificates_of(CertificationCourse.objects.filter(verification_code=code))
    return found[0] if found else None


# --- the SCO school's view (Orga) ------------------------------------------------------------

def school_courses(school):
    """The published courses of the school's students (enrolled from its imported students)."""
    return published_courses().filter(candidate__organization_learner__organization=school)


def school_divisions(school) -> list[dict]:
    """The classes that have published results: [{"division", "count"}], in order."""
    return list(school_courses(school).exclude(candidate__organization_learner__division="")
                .values(division=models.F("candidate__organization_learner__division"))
                .annotate(count=models.Count("pk")).order_by("division"))


def division_courses(school, division):
    return (school_courses(school).filter(candidate__organization_learner__division=division)
            .order_by("last_name", "first_name", "pk"))


def school_sessions(school):
    """The published sessions where the school's students took the test, newest first."""
    from certif.models import CertificationSession

    return (CertificationSession.objects.filter(pk__in=school_courses(school).values("session_id"))
            .select_related("center").order_by("-date", "-time", "-pk"))


def with_results(courses):
    """The courses with their latest result and competence levels (for the results CSV)."""
    return _with_results(courses)
