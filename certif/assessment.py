"""The certification course as a kind of test of the one test core (domain §1.4–§1.6).

The next question is chosen by the `CatEngine` of the course's calibration version, replayed from
the stored seed, the questions served and the answers given (`CatEngine.resume`): any process
gives the same question, and an audit can replay the whole test. The engine applies one question
per tube, every competence first, the competence spacing and its exposure control; the course adds
the accessibility adjustment (only accessible questions) and removes what an invigilator took away
(a validated live alert: that question and every question of its skill, and any answer to it).
Every served question is stored with the values it was chosen with. The test stops at the
version's number of questions, or at the course's deadline (enforced by the core: an answer after
it is refused and the test ends).
"""

from __future__ import annotations

import logging

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from adaptive.cat import AssessmentEnded, NoChallengeLeft
from certif.models import CertificationCourse, CertificationVersion, ServedChallenge
from learners.assessments.core import assessment_end
from learners.assessments.strategies import AssessmentStrategy, Progress
from learners.errors import NotServableError
from learners.models import Assessment
from learners.prepared import PreparedQuery, model_columns
from referentiel.engines import certification_engine
from referentiel.enums import AnswerResult
from referentiel.models import CalibrationVersion, Challenge

logger = logging.getLogger(__name__)


# What a course's requests read (the serving, the answering, the page): the rest of the course,
# of its version and of the calibration version is deferred (loaded on first access, as the ORM
# does), and the query is compiled once per process (`PreparedQuery`): on every answer and
# question, building the SQL of the three models' sixty columns cost more than running it.
_COURSE_FIELDS = {"id", "session_id", "candidate_id", "user_id", "assessment_id", "version_id",
                  "seed", "extra_time_percentage", "accessibility_adjustment_needed", "deadline",
                  "ended_at", "entered_at", "last_seen_at"}
_VERSION_FIELDS = {"id", "calibration_version_id", "maximum_assessment_length"}
_CALIBRATION_FIELDS = {"id", "name", "status", "exposure_fitted_at"}
_COURSE_COLUMNS = model_columns(CertificationCourse, _COURSE_FIELDS)
_VERSION_COLUMNS = model_columns(CertificationVersion, _VERSION_FIELDS)
_CALIBRATION_COLUMNS = model_columns(CalibrationVersion, _CALIBRATION_FIELDS)
_COURSE = PreparedQuery(lambda assessment, **_: (
    CertificationCourse.objects.filter(assessment_id=assessment).values_list(
        *_COURSE_COLUMNS, *(f"version__{name}" for name in _VERSION_COLUMNS),
        *(f"version__calibration_version__{name}" for name in _CALIBRATION_COLUMNS))))
_SERVED = PreparedQuery(lambda course, **_: (
    ServedChallenge.objects.filter(course_id=course).order_by("position")
    .values_list("challenge_id", "challenge__skill_id", "is_removed")))


def course_of(assessment) -> CertificationCourse:
    """The course of a certification assessment, with its version (memoised on the object)."""
    course = getattr(assessment, "_certification_course", None)
    if course is None:
        rows = _COURSE.rows(assessment=assessment.pk)
        if not rows:
            raise CertificationCourse.DoesNotExist
        course = _course_from_row(rows[0])
        try:
            assessment._certification_course = course
        except AttributeError:  # a frozen page object: no memo
            pass
    return course


def _course_from_row(row) -> CertificationCourse:
    ends = len(_COURSE_COLUMNS), len(_COURSE_COLUMNS) + len(_VERSION_COLUMNS)
    course = CertificationCourse.from_db("default", _COURSE_COLUMNS, row[:ends[0]])
    version = CertificationVersion.from_db("default", _VERSION_COLUMNS, row[ends[0]:ends[1]])
    version.calibration_version = CalibrationVersion.from_db("default", _CALIBRATION_COLUMNS,
                                                             row[ends[1]:])
    course.version = version
    return course


def _engine(course, assessment):
    return certification_engine(course.version.calibration_version,
                                content_version=getattr(assessment, "content_version", None))


def _served_rows(course, assessment) -> list[tuple[int, int, bool]]:
    """(challenge, skill, removed) of each question served so far: one query per request, read
    by the replay (removed questions) and by the serving (the next position)."""
    rows = getattr(assessment, "_certification_served", None)
    if rows is None:
        rows = _SERVED.rows(course=course.pk)
        try:
            assessment._certification_served = rows
        except AttributeError:  # a frozen page object: no memo
            pass
    return rows


def _removed_challenge_ids(course, assessment) -> set[int]:
    """The removed questions and every question of their skills (domain §1.4, live alerts)."""
    removed = [(challenge_id, skill_id) for challenge_id, skill_id, is_removed
               in _served_rows(course, assessment) if is_removed]
    if not removed:
        return set()
    skills = {skill_id for _challenge, skill_id in removed}
    return ({challenge_id for challenge_id, _skill in removed}
            | set(Challenge.objects.filter(skill_id__in=skills).values_list("pk", flat=True)))


def replay(course, assessment, history):
    """(engine, state): the course's test as it now stands, rebuilt from its seed and answers."""
    built = _engine(course, assessment)
    removed = _removed_challenge_ids(course, assessment)
    items, answers = [], []
    for answered in history.answers:
        if answered.challenge_id in removed:
            continue  # a validated alert: the answer does not count
        try:
            items.append(built.index_of(answered.challenge_id))
        except KeyError:  # left the bank after it was answered: it cannot weigh on the choice
            logger.warning("course %s: answered challenge %s is not in the bank",
                           course.pk, answered.challenge_id)
            continue
        answers.append(answered.result == AnswerResult.OK)
    excluded = [built.index_of(challenge_id) for challenge_id in removed
                if challenge_id in built.challenge_ids]
    state = built.engine.resume(course.seed, items, answers,
                                accessible_only=course.accessibility_adjustment_needed,
                                excluded=excluded)
    return built, state


class CertificationStrategy(AssessmentStrategy):
    type = Assessment.Type.CERTIFICATION
    shows_correction = False
    focus_loss_fails_answer = True
    page_template = "certif/exam/challenge.html"

    def next_challenge(self, assessment, history):
        course = course_of(assessment)
        if history.count >= course.version.maximum_assessment_length:
            return None
        built, state = replay(course, assessment, history)
        if built.engine.is_finished(state):
            return None
        try:
            index = built.engine.select(state)
        except (AssessmentEnded, NoChallengeLeft):
            return None
        assessment._certification_pick = (built, index)
        return self.challenge(assessment, built.challenge_ids[index])

    def check_servable(self, assessment):
        course = course_of(assessment)
        if course.entered_at is None:
            raise NotServableError(_(
                "Ton accès au test est suspendu : demande au surveillant de t'autoriser à reprendre, "
                "puis saisis de nouveau le code d'accès de la session."))

    def deadline(self, assessment):
        return course_of(assessment).deadline

    def served(self, assessment, challenge):
        course = course_of(assessment)
        built, index = getattr(assessment, "_certification_pick", (None, None))
        if built is None or built.challenge_ids[index] != challenge.pk:
            built = _engine(course, assessment)
            index = built.index_of(challenge.pk)
        rows = _served_rows(course, assessment)
        ServedChallenge.objects.create(
            course=course, challenge_id=challenge.pk, position=len(rows) + 1,
            discrimination=float(built.engine.discrimination[index]),
            difficulty=float(built.engine.difficulty[index]))
        rows.append((challenge.pk, challenge.skill_id, False))

    def answered(self, assessment, challenge, answer):
        course = course_of(assessment)
        CertificationCourse.objects.filter(pk=course.pk).update(last_seen_at=timezone.now())
        # The answers before this one were counted by the core's locking read.
        if assessment.answers_before + 1 >= course.version.maximum_assessment_length:
            # The last answer ends the test at once: the invigilator sees it finished even if
            # the candidate closes the page before the end screen.
            assessment_end(assessment=assessment)

    def completed(self, assessment):
        CertificationCourse.objects.filter(assessment_id=assessment.pk, ended_at__isnull=True).update(
            ended_at=timezone.now())

    def title(self, assessment):
        return _("Certification Pix")

    def progress(self, assessment, history):
        return Progress(question_number=history.count + 1,
                        total=course_of(assessment).version.maximum_assessment_length)

    def results_url(self, assessment):
        return reverse("certification:end", kwargs={"course_id": course_of(assessment).pk})

    def exit_url(self, assessment):
        course = course_of(assessment)
        if not assessment.is_started:
            return self.results_url(assessment)
        return reverse("certification:enter", kwargs={"candidate_id": course.candidate_id})
