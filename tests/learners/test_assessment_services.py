"""The positioning test through the services, without HTTP: serving, answering, resilience."""

from datetime import timedelta

import pytest
from django.utils import timezone

from learners import selectors, services
from learners.assessments.answers import correct_value
from learners.demo import take_competence_test
from learners.models import Answer, Assessment, KnowledgeElement
from referentiel.models import Challenge

pytestmark = pytest.mark.django_db


def test_the_served_challenge_is_stored_before_it_is_shown(assessment):
    challenge = services.assessment_next_challenge(assessment=assessment)
    assessment.refresh_from_db()
    assert assessment.last_challenge == challenge
    assert assessment.last_question_at is not None


def test_a_reload_or_a_second_tab_shows_the_same_challenge(assessment):
    first = services.assessment_next_challenge(assessment=assessment)
    again = services.assessment_next_challenge(assessment=Assessment.objects.get(pk=assessment.pk))
    assert again == first


def test_a_double_submit_stores_one_answer(assessment):
    challenge = services.assessment_next_challenge(assessment=assessment)
    first = services.answer_submit(assessment=assessment, challenge_id=challenge.pk, value=correct_value(challenge))
    second = services.answer_submit(assessment=assessment, challenge_id=challenge.pk, value=correct_value(challenge))
    assert first.pk == second.pk
    assert Answer.objects.filter(assessment=assessment).count() == 1


def test_an_answer_to_a_challenge_that_is_not_the_last_served_is_refused(assessment, competence):
    served = services.assessment_next_challenge(assessment=assessment)
    other = competence.skills.exclude(challenges=served).first().challenges.first()
    with pytest.raises(services.ChallengeNotAskedError) as refused:
        services.answer_submit(assessment=assessment, challenge_id=other.pk, value="1")
    assert "n'est plus la question en cours" in refused.value.message
    assert not Answer.objects.exists()


def test_an_empty_answer_is_refused_and_the_challenge_stays_open(assessment):
    challenge = services.assessment_next_challenge(assessment=assessment)
    with pytest.raises(services.EmptyAnswerError):
        services.answer_submit(assessment=assessment, challenge_id=challenge.pk, value="")
    assert services.assessment_next_challenge(assessment=assessment) == challenge


def test_skipping_records_a_skipped_answer_and_fails_the_skill(assessment):
    challenge = services.assessment_next_challenge(assessment=assessment)
    answer = services.answer_submit(assessment=assessment, challenge_id=challenge.pk, value=services.SKIP_VALUE)
    assert answer.result == Answer.Result.SKIPPED
    assert KnowledgeElement.objects.get(skill=challenge.skill).status == KnowledgeElement.Status.INVALIDATED


def serve(assessment, challenge, at=None):
    """As if the engine had just served this challenge (it picks among equals at random)."""
    Assessment.objects.filter(pk=assessment.pk).update(
        last_challenge=challenge, last_question_at=at or timezone.now(),
        last_question_state=Assessment.QuestionState.ASKED)
    assessment.refresh_from_db()


def test_a_timed_challenge_answered_in_time_counts(assessment, competence, answer_right):
    challenge = Challenge.objects.get(slug="t-source-1-a")
    serve(assessment, challenge)
    assert answer_right(assessment, challenge).result == Answer.Result.OK


def test_a_timed_challenge_answered_after_its_deadline_counts_as_timed_out(assessment, answer_right):
    challenge = Challenge.objects.get(slug="t-source-1-a")
    serve(assessment, challenge, at=timezone.now() - timedelta(
        seconds=challenge.timer + services.TIMER_GRACE_SECONDS + 5))
    answer = answer_right(assessment, challenge)
    assert answer.result == Answer.Result.TIMED_OUT
    assert answer.timed_out


def test_a_focus_loss_is_recorded_on_the_answer(assessment, answer_right):
    challenge = Challenge.objects.get(slug="t-source-3-a")
    serve(assessment, challenge)
    assert services.focus_out_record(assessment=assessment, challenge_id=challenge.pk)
    assert answer_right(assessment, challenge).is_focused_out


def test_answering_every_challenge_right_ends_the_test_at_the_top_level(student, competence):
    assessment = take_competence_test(student, competence, level=8)
    assessment.refresh_from_db()
    assert assessment.state == Assessment.State.COMPLETED
    card = selectors.scorecard(student, competence)
    assert card.level == 3  # the fixture's skills go up to level 3
    assert card.pix == round(sum(s.pix_value for s in competence.skills.all()))


def test_succeeding_a_skill_validates_the_easier_ones_of_its_tube(student, competence):
    take_competence_test(student, competence, level=2)
    elements = selectors.current_knowledge_elements(student, competence_ids=[competence.pk])
    statuses = {(e.skill.tube.name, e.skill.level): e.status for e in elements.values()}
    assert all(status == "validated" for (tube, level), status in statuses.items() if level <= 2)
    assert all(status == "invalidated" for (tube, level), status in statuses.items() if level == 3)
    assert selectors.scorecard(student, competence).level == 2


def test_a_completed_test_refuses_further_answers(student, competence):
    assessment = take_competence_test(student, competence, level=1)
    any_challenge = competence.skills.first().challenges.first()
    with pytest.raises(services.LearnerError):
        services.answer_submit(assessment=assessment, challenge_id=any_challenge.pk + 1000, value="1")


def test_improving_is_refused_before_the_waiting_period(student, competence):
    take_competence_test(student, competence, level=1)
    with pytest.raises(services.WaitBeforeError):
        services.competence_evaluation_start(user=student, competence=competence)


def test_improving_after_the_waiting_period_starts_a_new_test(student, competence):
    first = take_competence_test(student, competence, level=1)
    Assessment.objects.filter(pk=first.pk).update(
        created_at=timezone.now() - timedelta(days=5), completed_at=timezone.now() - timedelta(days=5))
    KnowledgeElement.objects.filter(user=student).update(created_at=timezone.now() - timedelta(days=5))
    second = services.competence_evaluation_start(user=student, competence=competence)
    assert second.pk != first.pk and second.is_improving


def test_starting_twice_resumes_the_same_test(student, competence):
    first = services.competence_evaluation_start(user=student, competence=competence)
    assert services.competence_evaluation_start(user=student, competence=competence).pk == first.pk


def test_a_reset_wipes_the_competence_after_the_waiting_period(student, competence):
    take_competence_test(student, competence, level=2)
    KnowledgeElement.objects.filter(user=student).update(created_at=timezone.now() - timedelta(days=8))
    Assessment.objects.filter(user=student).update(completed_at=timezone.now() - timedelta(days=8))
    services.competence_reset(user=student, competence=competence)
    card = selectors.scorecard(student, competence)
    assert (card.level, card.pix, card.status) == (0, 0, "not_started")


def test_the_waiting_periods_count_from_the_latest_change_of_the_competence_a_reset_included(
        student, competence, settings):
    take_competence_test(student, competence, level=2)
    KnowledgeElement.objects.filter(user=student).update(created_at=timezone.now() - timedelta(days=8))
    Assessment.objects.filter(user=student).update(completed_at=timezone.now() - timedelta(days=8))
    assert selectors.scorecard(student, competence).days_before_reset == 0
    services.competence_reset(user=student, competence=competence)
    card = selectors.scorecard(student, competence)
    assert card.days_before_reset == settings.DAYS_BEFORE_RESET
    on_profile = next(c for c in selectors.profile(student).cards if c.competence.pk == competence.pk)
    assert on_profile.days_before_reset == settings.DAYS_BEFORE_RESET
