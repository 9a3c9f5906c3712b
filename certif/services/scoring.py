"""Scoring of a certification course (domain §1.7): from its stored answers to a result.

The capacity is always recomputed from all the course's answers, in order, with the (a, b) the
questions were served with (stored on `ServedChallenge`), never read from a process's memory.
Answers to a question removed after a validated live alert do not count. The estimator is the
version's: the prior re-centred on the previous capacity at every answer, from the version's
starting capacity, moves capped by its variation (`adaptive.estimation.reference_history`).

A test the candidate left between the minimum and the full length is degraded: the questions the
engine would have served next (`referentiel.engines`, the best one always taken) are simulated as
failures and the capacity re-estimated over all answers, starting from the capacity before
degradation. A technical abort never degrades.

Every run writes a new `CertificationResult` (the history stays readable) unless the latest one
already says exactly the same: a second run on the same inputs writes nothing, so a re-delivered
task or a double click changes nothing. A course's row is locked while it is scored.
"""

import logging
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from adaptive import estimation
from adaptive.cat import AssessmentEnded, NoChallengeLeft
from adaptive.scoring import (
    MAX_REACHABLE_LEVEL,
    CompetenceLevelInterval,
    Interval,
    ScoringConfig,
    certification_status,
    confidence_band,
    downgrade_capacity,
    score_certification,
    should_downgrade_capacity,
)
from certif.constants import CONFIDENCE_Z
from certif.errors import CertifError, ErrorCode
from certif.jury_comments import AutoJuryComment
from certif.models import (
    CertificationCourse,
    CertificationResult,
    CertificationSession,
    CompetenceMark,
    ResultStatus,
)
from learners.models import Answer
from referentiel import engines
from referentiel.models import Challenge

logger = logging.getLogger(__name__)

CANCELLED_BY_JURY = "cancelled_by_jury"  # adaptive.scoring's status, a cancelled result here
# The results' fields compared to tell whether a new run says something new (with the marks).
# Not the juror: a rescore that changes nothing is recorded as a jury action, not as a result.
COMPARED_FIELDS = (
    "version_id", "status", "pix_score", "capacity", "standard_error", "score_low", "score_high",
    "reached_mesh_index", "answers_count", "capacity_history", "auto_jury_comment",
    "comment_for_candidate", "comment_for_organization",
)


def scoring_config(version) -> ScoringConfig:
    """The version's intervals and thresholds as `adaptive.scoring` reads them."""
    global_intervals = tuple(
        Interval(float(row["min"]), float(row["max"]))
        for row in sorted(version.global_scoring, key=lambda row: row["mesh_level"]))
    competence_intervals = {
        code: tuple(CompetenceLevelInterval(int(row["level"]),
                                            Interval(float(row["min"]), float(row["max"])))
                    for row in rows)
        for code, rows in sorted(version.competences_scoring.items())}
    return ScoringConfig(global_intervals=global_intervals,
                         competence_intervals=competence_intervals,
                         max_reachable_level=MAX_REACHABLE_LEVEL,
                         minimum_answers=version.minimum_answers_to_validate,
                         maximum_length=version.maximum_assessment_length)


@dataclass
class CountedAnswers:
    """The answers that count, in order, with the served values of their questions."""

    answer_ids: list = field(default_factory=list)
    challenge_ids: list = field(default_factory=list)
    discrimination: list = field(default_factory=list)
    difficulty: list = field(default_factory=list)
    correct: list = field(default_factory=list)
    removed_challenge_ids: list = field(default_factory=list)

    def __len__(self):
        return len(self.answer_ids)


def counted_answers(course) -> CountedAnswers:
    served = {row.challenge_id: row for row in course.served_challenges.all()}
    counted = CountedAnswers(removed_challenge_ids=[pk for pk, row in served.items() if row.is_removed])
    answers = (Answer.objects.filter(assessment_id=course.assessment_id)
               .order_by("created_at", "pk").values_list("pk", "challenge_id", "result"))
    for answer_id, challenge_id, result in answers:
        row = served.get(challenge_id)
        if row is None:
            logger.warning("course %s: answer %s to a question never served", course.pk, answer_id)
            continue
        if row.is_removed:
            continue
        counted.answer_ids.append(answer_id)
        counted.challenge_ids.append(challenge_id)
        counted.discrimination.append(row.discrimination)
        counted.difficulty.append(row.difficulty)
        counted.correct.append(result == Answer.Result.OK)
    return counted


def _history(counted, initial_capacity, variation_percent):
    return estimation.reference_history(counted.discrimination, counted.difficulty, counted.correct,
                                        initial_capacity=initial_capacity,
                                        variation_percent=variation_percent)


def _degraded(course, counted, capacity, standard_error, config):
    """The capacity and error after simulating the missing questions as failures (§1.7 step 3)."""
    version = course.version
    built = engines.certification_engine(version.calibration_version)
    engine = built.engine
    positions = {challenge_id: built.index_of(challenge_id) for challenge_id in built.challenge_ids}
    removed_skills = Challenge.objects.filter(pk__in=counted.removed_challenge_ids).values("skill_id")
    excluded = [positions[pk] for pk in Challenge.objects.filter(skill_id__in=removed_skills)
                .values_list("pk", flat=True) if pk in positions]
    values = dict(zip(counted.challenge_ids, zip(counted.discrimination, counted.difficulty)))
    outcomes = dict(zip(counted.challenge_ids, counted.correct))

    def outcomes_of(items):
        return [outcomes.get(pk, False) for pk in items]  # a simulated question is failed

    def next_item(items, _capacity):
        # The engine's own state after these answers drives its rules and ranking; the best
        # question is always taken (every draw at 0).
        known = [(positions[pk], ok) for pk, ok in zip(items, outcomes_of(items)) if pk in positions]
        state = engine.resume(course.seed, [i for i, _ok in known], [ok for _i, ok in known],
                              accessible_only=course.accessibility_adjustment_needed,
                              excluded=excluded)
        state.pick_uniforms[:] = 0.0
        try:
            index = engine.select(state)
        except (AssessmentEnded, NoChallengeLeft):
            return None
        challenge_id = built.challenge_ids[index]
        values[challenge_id] = (float(engine.discrimination[index]), float(engine.difficulty[index]))
        return challenge_id

    last = {"error": standard_error}

    def estimate(items, item_outcomes, initial_capacity):
        history = estimation.reference_history(
            [values[pk][0] for pk in items], [values[pk][1] for pk in items], item_outcomes,
            initial_capacity=initial_capacity, variation_percent=version.variation_percent)
        last["error"] = history[-1].standard_error
        return history[-1].capacity

    degraded = downgrade_capacity(
        capacity, counted.challenge_ids, counted.correct, abort_reason=course.abort_reason or None,
        next_item=next_item, estimate=estimate, minimum_answers=config.minimum_answers,
        maximum_length=config.maximum_length)
    return degraded, last["error"]


@dataclass(frozen=True)
class ComputedResult:
    fields: dict
    marks: dict  # competence code -> level


def compute_result(course) -> ComputedResult:
    """What scoring says of this course now, without writing anything."""
    version = course.version
    config = scoring_config(version)
    counted = counted_answers(course)
    history = _history(counted, version.default_candidate_capacity, version.variation_percent)
    if history:
        capacity, standard_error = history[-1]
    else:
        capacity = float(version.default_candidate_capacity)
        standard_error = estimation.REFERENCE_ERROR_WITHOUT_ANSWERS
    abort_reason = course.abort_reason or None
    jury_decided = course.is_cancelled or course.is_rejected_for_fraud
    if not jury_decided and should_downgrade_capacity(
            len(counted), abort_reason, config.minimum_answers, config.maximum_length):
        capacity, standard_error = _degraded(course, counted, capacity, standard_error, config)
    score = score_certification(capacity, config)
    outcome = certification_status(
        answer_count=len(counted), abort_reason=abort_reason, pix_score=score.pix_score,
        mesh_index=score.mesh_index, cancelled_by_jury=course.is_cancelled,
        rejected_for_fraud=course.is_rejected_for_fraud, minimum_answers=config.minimum_answers)
    status = ResultStatus.CANCELLED if outcome.status == CANCELLED_BY_JURY else ResultStatus(outcome.status)
    fields = {
        "version_id": version.pk, "status": status, "capacity": capacity,
        "standard_error": standard_error, "answers_count": len(counted),
        "capacity_history": [
            {"answer_id": answer_id, "capacity": step.capacity, "error_rate": step.standard_error}
            for answer_id, step in zip(counted.answer_ids, history)],
        "auto_jury_comment": outcome.jury_comment or "",
        "pix_score": None, "score_low": None, "score_high": None, "reached_mesh_index": None,
    }
    marks = {}
    if outcome.keeps_score:
        low, high = confidence_band(capacity, standard_error, config.global_intervals,
                                    z=CONFIDENCE_Z, max_reachable_level=config.max_reachable_level)
        fields.update(pix_score=score.pix_score, score_low=low, score_high=high,
                      reached_mesh_index=score.mesh_index)
        marks = dict(score.competence_levels)
    return ComputedResult(fields, marks)


def latest_result(course) -> CertificationResult | None:
    return (CertificationResult.objects.filter(course=course).order_by("-created_at", "-pk")
            .prefetch_related("competence_marks").first())


def _same(result, fields, marks) -> bool:
    if result is None:
        return False
    stored = {mark.competence_code: mark.level for mark in result.competence_marks.all()}
    return stored == marks and all(getattr(result, name) == fields[name] for name in COMPARED_FIELDS)


def _write(course, fields, marks, latest) -> tuple[CertificationResult, bool]:
    carried = {"comment_for_candidate": latest.comment_for_candidate if latest else "",
               "comment_for_organization": latest.comment_for_organization if latest else "",
               "juror_id": latest.juror_id if latest else None}
    fields = {**carried, **fields}
    if _same(latest, fields, marks):
        return latest, False
    result = CertificationResult.objects.create(course=course, **fields)
    CompetenceMark.objects.bulk_create(
        CompetenceMark(result=result, competence_code=code, level=max(level, 0))
        for code, level in sorted(marks.items()))
    return result, True


@dataclass(frozen=True)
class Scored:
    result: CertificationResult
    created: bool  # False: the latest result already said the same


def _locked_course(course_id):
    """The session's row then the course's, locked: the order every writer of results takes, so
    that a publication and a rescore of the same session cannot interleave."""
    session_id = CertificationCourse.objects.filter(pk=course_id).values_list("session_id", flat=True).get()
    session = CertificationSession.objects.select_for_update().get(pk=session_id)
    course = (CertificationCourse.objects.select_for_update(of=("self",))
              .select_related("version__calibration_version", "assessment").get(pk=course_id))
    course.session = session
    return course


def _check_scorable(course):
    session = course.session
    if session.published_at is not None:
        raise CertifError.of(ErrorCode.SESSION_ALREADY_PUBLISHED)
    if session.finalized_at is None:
        answered = Answer.objects.filter(assessment_id=course.assessment_id).count()
        if answered != course.version.maximum_assessment_length:
            raise CertifError.of(ErrorCode.CERTIFICATION_NOT_FINISHED)


@transaction.atomic
def score_course(course, *, juror=None) -> Scored:
    """Score the course and write its result (none when it would say the same as the latest).

    Refused (CertifError) when the session is published, or when it is not finalised and the test
    has not reached its length. `juror`: the staff member whose decision caused this run.
    """
    course = _locked_course(course.pk)
    _check_scorable(course)
    computed = compute_result(course)
    fields = dict(computed.fields)
    if juror is not None:
        fields["juror_id"] = juror.pk
    return Scored(*_write(course, fields, computed.marks, latest_result(course)))


@transaction.atomic
def course_mark_error(course, *, error: Exception) -> Scored:
    """An `error` result: the course cannot be published until a rescore succeeds."""
    course = _locked_course(course.pk)
    fields = {"version_id": course.version_id, "status": ResultStatus.ERROR, "capacity": None,
              "standard_error": None, "answers_count": 0, "capacity_history": [],
              "auto_jury_comment": AutoJuryComment.SCORING_ERROR, "pix_score": None,
              "score_low": None, "score_high": None, "reached_mesh_index": None}
    logger.error("course %s: scoring failed: %r", course.pk, error)
    return Scored(*_write(course, fields, {}, latest_result(course)))


@dataclass
class SessionScoring:
    written: list = field(default_factory=list)  # course ids with a new result
    unchanged: list = field(default_factory=list)
    errors: list = field(default_factory=list)
    refused: list = field(default_factory=list)

    def as_dict(self):
        return {"written": self.written, "unchanged": self.unchanged, "errors": self.errors,
                "refused": self.refused}


def score_session(session: CertificationSession) -> SessionScoring:
    """Score every course of the session, each in its own transaction: a course that fails gets
    an `error` result and the others go on."""
    report = SessionScoring()
    if CertificationSession.objects.filter(pk=session.pk, published_at__isnull=False).exists():
        return report
    for course in CertificationCourse.objects.filter(session=session).order_by("pk").only("pk"):
        try:
            scored = score_course(course)
        except CertifError:
            report.refused.append(course.pk)
            continue
        except Exception as error:  # noqa: BLE001 - one course's failure must not stop the others
            logger.exception("course %s: scoring failed", course.pk)
            course_mark_error(course, error=error)
            report.errors.append(course.pk)
            continue
        (report.written if scored.created else report.unchanged).append(course.pk)
    logger.info("session %s scored at %s: %s", session.pk, timezone.now().isoformat(), report.as_dict())
    return report
