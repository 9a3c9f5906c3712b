"""Scoring a certification course (domain §1.7): capacity from the stored answers, degradation of
a test left by the candidate, the score over 895, the levels, the status, and idempotence."""

import pytest
from django.utils import timezone

from adaptive.scoring import score_certification
from certif import tasks
from certif.jury_comments import AutoJuryComment
from certif.models import AbortReason, CertificationResult, ResultStatus, ServedChallenge
from certif.services import scoring
from learners.models import Answer
from referentiel.loader.load import load_referentiel
from referentiel.loader.parse import parse_content
from referentiel.models import Challenge
from tests.certif.factories import CourseFactory, SessionFactory, VersionFactory
from tests.certif.scoring import (
    finalized_session,
    finished_course,
    pattern,
    plain_capacity,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("capacity", "score"), [
    (-2, 52), (-1.4, 64), (0, 187), (0.6, 256), (2, 469), (3.1, 640), (4.5, 784), (8, 895),
    (12, 895), (-5, 0),
])
def test_the_version_intervals_give_the_domain_worked_scores(capacity, score):
    config = scoring.scoring_config(VersionFactory.build())
    assert score_certification(capacity, config).pix_score == score


def test_the_version_competence_intervals_give_one_level_per_competence_from_the_capacity():
    levels = score_certification(0.7, scoring.scoring_config(VersionFactory.build())).competence_levels
    assert len(levels) == 16 and set(levels.values()) == {3}


def test_the_capacity_is_recomputed_from_the_served_values_as_in_the_domain_worked_check(db):
    course = CourseFactory(candidate__session=finalized_session())
    load_referentiel(parse_content())
    challenges = list(Challenge.objects.all()[:3])
    for position, (challenge, b, result) in enumerate(
            zip(challenges, (0, 0, 1), (Answer.Result.OK, Answer.Result.OK, Answer.Result.KO)), 1):
        ServedChallenge.objects.create(course=course, challenge=challenge, position=position,
                                       discrimination=1.5, difficulty=b)
        Answer.objects.create(assessment=course.assessment, challenge=challenge, result=result)
    result = scoring.score_course(course).result
    assert [round(step["capacity"], 3) for step in result.capacity_history] == [-1.5, -0.75, -0.375]
    assert result.capacity == pytest.approx(-0.375)


def test_a_full_test_is_validated_with_its_score_band_and_sixteen_competence_levels(calibration):
    course = finished_course(calibration, pattern(32, right_every=3))
    result = scoring.score_course(course).result
    assert result.status == ResultStatus.VALIDATED and result.answers_count == 32
    assert 0 < result.pix_score <= 895
    assert result.score_low <= result.pix_score <= result.score_high
    assert result.score_low < result.score_high
    assert result.reached_mesh_index is not None and result.standard_error > 0
    assert len(result.capacity_history) == 32
    assert result.competence_marks.count() == 16


def test_a_test_all_wrong_is_rejected_for_a_zero_score(calibration):
    result = scoring.score_course(finished_course(calibration, [False] * 32)).result
    assert result.status == ResultStatus.REJECTED
    assert result.auto_jury_comment == AutoJuryComment.REJECTED_DUE_TO_ZERO_PIX_SCORE
    assert result.pix_score == 0


@pytest.mark.parametrize("answered", [20, 25, 31])
def test_a_test_left_by_the_candidate_is_degraded_by_the_questions_it_missed(calibration, answered):
    outcomes = pattern(answered, right_every=4)
    left = finished_course(calibration, outcomes, abort_reason=AbortReason.CANDIDATE)
    broken = finished_course(calibration, outcomes, abort_reason=AbortReason.TECHNICAL)
    degraded = scoring.score_course(left).result
    kept = scoring.score_course(broken).result
    assert kept.capacity == pytest.approx(plain_capacity(broken))
    # Each course draws its own questions, so the degradation is measured on the same course.
    assert degraded.capacity < plain_capacity(left)
    assert degraded.answers_count == answered and degraded.status == ResultStatus.VALIDATED


def test_the_fewer_the_answers_the_heavier_the_degradation(calibration):
    full = pattern(31, right_every=4)
    capacities = []
    for answered in (20, 25, 31):
        course = finished_course(calibration, full[:answered], abort_reason=AbortReason.CANDIDATE)
        capacities.append(plain_capacity(course) - scoring.score_course(course).result.capacity)
    assert capacities[0] > capacities[1] > capacities[2] > 0


def test_fewer_answers_than_the_minimum_are_rejected_without_a_score(calibration):
    course = finished_course(calibration, [True] * 19, abort_reason=AbortReason.CANDIDATE)
    result = scoring.score_course(course).result
    assert result.status == ResultStatus.REJECTED
    assert result.auto_jury_comment == AutoJuryComment.REJECTED_DUE_TO_LACK_OF_ANSWERS
    assert result.pix_score is None and result.score_low is None
    assert result.competence_marks.count() == 0


def test_fewer_answers_than_the_minimum_for_a_technical_reason_cancel_the_certification(calibration):
    course = finished_course(calibration, [True] * 12, abort_reason=AbortReason.TECHNICAL)
    result = scoring.score_course(course).result
    assert result.status == ResultStatus.CANCELLED and result.pix_score is None
    assert result.auto_jury_comment == AutoJuryComment.CANCELLED_DUE_TO_LACK_OF_ANSWERS_FOR_TECHNICAL_REASON


def test_the_jury_decisions_win_over_the_answers(calibration):
    cancelled = finished_course(calibration, [True] * 32, is_cancelled=True)
    fraud = finished_course(calibration, [True] * 32, is_rejected_for_fraud=True)
    assert scoring.score_course(cancelled).result.status == ResultStatus.CANCELLED
    assert scoring.score_course(cancelled).result.auto_jury_comment == AutoJuryComment.CANCELLED_BY_JURY
    rejected = scoring.score_course(fraud).result
    assert (rejected.status, rejected.auto_jury_comment, rejected.pix_score) == (
        ResultStatus.REJECTED, AutoJuryComment.FRAUD, None)


def test_a_rescore_after_a_question_is_removed_leaves_its_answer_out(calibration):
    course = finished_course(calibration, pattern(32, right_every=3))
    before = scoring.score_course(course).result
    first = course.served_challenges.get(position=1)  # answered right
    ServedChallenge.objects.filter(pk=first.pk).update(is_removed=True)
    rescored = scoring.score_course(course)
    assert rescored.created
    assert rescored.result.answers_count == 31
    assert rescored.result.capacity != before.capacity
    assert rescored.result.capacity == pytest.approx(plain_capacity(course))
    assert course.results.count() == 2
    assert course.results.latest() == rescored.result


def test_scoring_twice_the_same_answers_writes_one_result(calibration):
    course = finished_course(calibration, pattern(25), abort_reason=AbortReason.CANDIDATE)
    first = scoring.score_course(course)
    second = scoring.score_course(course)
    assert first.created and not second.created
    assert second.result == first.result
    assert CertificationResult.objects.filter(course=course).count() == 1


def test_a_new_jury_decision_writes_a_new_result_and_keeps_the_old_one(calibration):
    course = finished_course(calibration, pattern(32))
    validated = scoring.score_course(course).result
    course.is_cancelled = True
    course.save(update_fields=["is_cancelled"])
    cancelled = scoring.score_course(course).result
    assert cancelled != validated and cancelled.status == ResultStatus.CANCELLED
    assert list(course.results.values_list("status", flat=True)) == [
        ResultStatus.CANCELLED, ResultStatus.VALIDATED]


def test_a_published_session_is_not_scored_again(calibration):
    course = finished_course(calibration, pattern(32))
    scoring.score_course(course)
    course.session.published_at = timezone.now()
    course.session.save(update_fields=["published_at"])
    with pytest.raises(scoring.CertifError) as refused:
        scoring.score_course(course)
    assert "déjà publiés" in refused.value.message


def test_an_unfinished_test_of_a_session_not_finalised_waits(calibration):
    course = finished_course(calibration, pattern(20), session=SessionFactory())
    with pytest.raises(scoring.CertifError) as refused:
        scoring.score_course(course)
    assert refused.value.message == (
        "Ce test n'est pas terminé et sa session n'est pas finalisée : il ne peut pas encore être "
        "noté.")
    assert not course.results.exists()


def test_a_session_is_scored_whole_and_a_broken_course_gets_an_error_result(calibration):
    session = finalized_session()
    good = finished_course(calibration, pattern(32), session=session)
    broken_version = VersionFactory(calibration_version=calibration, global_scoring=[])
    broken = finished_course(calibration, pattern(32), session=session, version=broken_version)
    short = finished_course(calibration, pattern(24), session=session,
                            abort_reason=AbortReason.CANDIDATE)
    report = tasks.score_session.apply(args=[session.pk]).get()
    assert sorted(report["written"]) == sorted([good.pk, short.pk])
    assert report["errors"] == [broken.pk]
    assert broken.results.latest().status == ResultStatus.ERROR
    assert good.results.latest().status == ResultStatus.VALIDATED


def test_the_task_run_again_after_a_lost_worker_writes_nothing_new(calibration):
    session = finalized_session()
    courses = [finished_course(calibration, pattern(n), session=session,
                               abort_reason=AbortReason.CANDIDATE) for n in (22, 32)]
    tasks.score_session(session.pk)
    again = tasks.score_session(session.pk)
    assert again["written"] == [] and sorted(again["unchanged"]) == sorted(c.pk for c in courses)
    assert CertificationResult.objects.filter(course__session=session).count() == 2


def test_the_task_of_a_session_that_no_longer_exists_does_nothing(db):
    assert tasks.score_session(987654) is None
