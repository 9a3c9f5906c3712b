"""Writes of the learner app: start a test, serve the next challenge, answer, reset, save a tutorial.

Every state change locks the assessment row (or the user's row when it creates one), so a double
click, a second tab or two concurrent requests cannot race: the second one sees the first one's
work. The served challenge is stored before it is shown, and only the last served challenge can
be answered.
"""

from __future__ import annotations

import math
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from adaptive import positioning
from learners import selectors
from learners.models import (
    Answer,
    Assessment,
    CompetenceEvaluation,
    KnowledgeElement,
    SavedTutorial,
    User,
)
from referentiel.checking import SKIPPED, check_answer

SKIP_VALUE = "#ABAND#"
# Seconds of network and rendering slack granted after a timed challenge's deadline.
TIMER_GRACE_SECONDS = 3


class LearnerError(Exception):
    """A refused action, with a message for the learner (in French by default)."""

    code = "learner_error"

    def __init__(self, message):
        super().__init__(message)
        self.message = message


class AssessmentNotStartedError(LearnerError):
    code = "assessment_not_started"


class ChallengeNotAskedError(LearnerError):
    code = "challenge_not_asked"


class EmptyAnswerError(LearnerError):
    code = "empty_answer"


class WaitBeforeError(LearnerError):
    code = "wait_before"


class MaxLevelReachedError(LearnerError):
    code = "max_level_reached"


# --- starting -------------------------------------------------------------------------------


@transaction.atomic
def competence_evaluation_start(*, user: User, competence) -> Assessment:
    """Start, resume, retry or improve the positioning test of one competence."""
    User.objects.select_for_update().filter(pk=user.pk).first()  # one start at a time per user
    evaluation = (CompetenceEvaluation.objects.select_related("assessment")
                  .filter(user=user, competence=competence).first())
    if evaluation and evaluation.status == CompetenceEvaluation.Status.STARTED:
        if evaluation.assessment.is_started:
            return evaluation.assessment
        card = selectors.scorecard(user, competence)
        if card.is_max_level:
            raise MaxLevelReachedError(_("Tu as atteint le niveau maximum de cette compétence."))
        if card.days_before_improving:
            raise WaitBeforeError(_(
                "Tu pourras retenter cette compétence dans %(days)s jour(s) : "
                "ce délai te laisse le temps de progresser."
            ) % {"days": card.days_before_improving})
        assessment = _new_competence_assessment(user, competence, is_improving=True)
    else:
        assessment = _new_competence_assessment(user, competence, is_improving=False)
    CompetenceEvaluation.objects.update_or_create(
        user=user, competence=competence,
        defaults={"assessment": assessment, "status": CompetenceEvaluation.Status.STARTED},
    )
    return assessment


def _new_competence_assessment(user, competence, *, is_improving):
    return Assessment.objects.create(
        user=user, competence=competence, is_improving=is_improving,
        type=Assessment.Type.COMPETENCE_EVALUATION,
    )


# --- serving challenges ---------------------------------------------------------------------


@transaction.atomic
def assessment_next_challenge(*, assessment: Assessment):
    """The challenge to show now, stored before it is shown; None when the test is over.

    A challenge served but not answered yet is served again (reload, second tab, crash). The
    given assessment is updated in place (served challenge, time it was served, state).
    """
    locked = (Assessment.objects.select_for_update(of=("self",)).select_related("last_challenge", "competence")
              .get(pk=assessment.pk))
    challenge = _serve(locked)
    for name in ("state", "completed_at", "last_challenge", "last_question_state", "last_question_at"):
        setattr(assessment, name, getattr(locked, name))
    return challenge


def _serve(assessment):
    if not assessment.is_started:
        return None
    answers = list(assessment.answers.order_by("created_at", "pk").values_list("challenge_id", "challenge__timer"))
    answered = {challenge_id for challenge_id, _timer in answers}
    if assessment.last_challenge_id and assessment.last_challenge_id not in answered:
        return assessment.last_challenge
    challenge = _choose_next_challenge(assessment, answered, last_answer=answers[-1] if answers else None)
    if challenge is None:
        _complete(assessment)
        return None
    assessment.last_challenge = challenge
    assessment.last_question_state = Assessment.QuestionState.ASKED
    assessment.last_question_at = timezone.now()
    assessment.save(update_fields=["last_challenge", "last_question_state", "last_question_at",
                                   "updated_at"])
    return challenge


def _choose_next_challenge(assessment, answered, last_answer):
    skills = selectors.target_skills(assessment.competence)
    remaining = {
        skill.pk: [c for c in skill.playable_challenges if c.pk not in answered]
        for skill in skills if skill.playable_challenges
    }
    position_skills = [
        positioning.Skill(id=skill.pk, tube=skill.tube.name, level=skill.level,
                          pix_value=skill.pix_value, playable=bool(remaining[skill.pk]),
                          timed=bool(remaining[skill.pk]) and remaining[skill.pk][0].is_timed)
        for skill in skills if skill.pk in remaining
    ]
    candidates = positioning.next_skill_candidates(
        position_skills,
        _knowledge_for_positioning(assessment, remaining.keys()),
        last_answer_timed=last_answer is not None and last_answer[1] is not None,
        is_first_question=last_answer is None,
    )
    if not candidates:
        return None
    skill_id = candidates[positioning.pick(assessment.pk, len(candidates))]
    challenges = remaining[skill_id]
    return challenges[positioning.pick(assessment.pk, len(challenges), salt=1)]


def _knowledge_for_positioning(assessment, skill_ids):
    """The learner's current knowledge on the target skills, for choosing the next skill.

    When improving, old failures (older than the waiting period) are forgotten so that they
    can be asked again; successes are always kept.
    """
    elements = selectors.current_knowledge_elements(assessment.user_id, skill_ids=list(skill_ids))
    cutoff = assessment.created_at - timedelta(days=settings.DAYS_BEFORE_IMPROVING)
    return [
        positioning.KnowledgeElement(skill_id=e.skill_id, status=e.status, source=e.source,
                                     earned_pix=e.earned_pix)
        for e in elements.values()
        if not (assessment.is_improving and e.status == KnowledgeElement.Status.INVALIDATED
                and e.created_at < cutoff)
    ]


def _complete(assessment):
    assessment.state = Assessment.State.COMPLETED
    assessment.completed_at = timezone.now()
    assessment.save(update_fields=["state", "completed_at", "updated_at"])


# --- answering ------------------------------------------------------------------------------


def _is_empty(value):
    if value is None:
        return True
    if isinstance(value, dict):
        return not any(str(v).strip() for v in value.values())
    return not str(value).strip()


def answer_submit(*, assessment: Assessment, challenge_id: int, value, focused_out=False) -> Answer:
    """Check and store the answer to the last served challenge, and what it says of the skills.

    A second submit of the same answer (double click, resent request) returns the stored answer.
    """
    try:
        with transaction.atomic():
            return _answer_submit(assessment, challenge_id, value, focused_out)
    except IntegrityError:
        # Two submits raced past the lock (only possible without row locks): the first won.
        existing = Answer.objects.filter(assessment_id=assessment.pk, challenge_id=challenge_id).first()
        if existing is None:
            raise
        return existing


def _answer_submit(assessment, challenge_id, value, focused_out):
    assessment = (Assessment.objects.select_for_update(of=("self",))
                  .select_related("last_challenge", "competence").get(pk=assessment.pk))
    existing = Answer.objects.filter(assessment=assessment, challenge_id=challenge_id).first()
    if existing:
        return existing
    if not assessment.is_started:
        raise AssessmentNotStartedError(_("Ce test est terminé : ta réponse n'a pas été enregistrée."))
    if assessment.last_challenge_id != challenge_id:
        raise ChallengeNotAskedError(_(
            "Cette question n'est plus la question en cours (elle a peut-être été remplacée dans un "
            "autre onglet). Voici la question à laquelle répondre."))
    challenge = assessment.last_challenge
    now = timezone.now()
    timed_out = bool(challenge.timer) and now > assessment.last_question_at + timedelta(
        seconds=challenge.timer + TIMER_GRACE_SECONDS)
    if value == SKIP_VALUE:
        result, details = SKIPPED, {}
    elif _is_empty(value) and not timed_out:
        raise EmptyAnswerError(_("Tu n'as pas répondu : réponds à la question ou clique sur « Je passe »."))
    else:
        checked = check_answer(challenge.solution_spec(), value)
        result, details = checked.status, checked.details
        if checked.is_ok and timed_out:
            result = Answer.Result.TIMED_OUT
    answer = Answer.objects.create(
        assessment=assessment, challenge=challenge, value=value, result=result,
        result_details=details, timed_out=timed_out,
        is_focused_out=bool(focused_out) or assessment.last_question_state == Assessment.QuestionState.FOCUSED_OUT,
        time_spent=max(0, math.ceil((now - assessment.last_question_at).total_seconds())),
    )
    _write_knowledge(assessment, challenge, answer)
    return answer


def _write_knowledge(assessment, challenge, answer):
    if assessment.competence_id is None:
        return
    skills = [s for s in selectors.target_skills(assessment.competence) if s.playable_challenges]
    assessed = set(assessment.knowledge_elements.values_list("skill_id", flat=True))
    elements = positioning.knowledge_elements_for_answer(
        [positioning.Skill(id=s.pk, tube=s.tube.name, level=s.level, pix_value=s.pix_value)
         for s in skills],
        assessed, challenge.skill_id, answer.is_ok,
    )
    KnowledgeElement.objects.bulk_create([
        KnowledgeElement(user_id=assessment.user_id, assessment=assessment, answer=answer,
                         skill_id=e.skill_id, competence_id=assessment.competence_id,
                         source=e.source, status=e.status, earned_pix=e.earned_pix)
        for e in elements
    ])


@transaction.atomic
def focus_out_record(*, assessment: Assessment, challenge_id: int) -> bool:
    """Note that the learner left the page during a focused challenge; False if too late."""
    updated = Assessment.objects.filter(
        pk=assessment.pk, state=Assessment.State.STARTED, last_challenge_id=challenge_id,
        last_challenge__focused=True,
    ).exclude(answers__challenge_id=challenge_id).update(
        last_question_state=Assessment.QuestionState.FOCUSED_OUT)
    return bool(updated)


# --- reset and tutorials --------------------------------------------------------------------


@transaction.atomic
def competence_reset(*, user: User, competence) -> None:
    """Wipe the learner's knowledge of one competence, after the waiting period."""
    User.objects.select_for_update().filter(pk=user.pk).first()
    card = selectors.scorecard(user, competence)
    if card.status == "not_started":
        return
    if card.days_before_reset:
        raise WaitBeforeError(_(
            "Tu pourras remettre cette compétence à zéro dans %(days)s jour(s)."
        ) % {"days": card.days_before_reset})
    current = selectors.current_knowledge_elements(user, competence_ids=[competence.pk])
    KnowledgeElement.objects.bulk_create([
        KnowledgeElement(user=user, skill_id=e.skill_id, competence_id=e.competence_id,
                         source=e.source, status=KnowledgeElement.Status.RESET, earned_pix=0)
        for e in current.values()
    ])
    evaluation = CompetenceEvaluation.objects.filter(user=user, competence=competence).first()
    if evaluation:
        Assessment.objects.filter(pk=evaluation.assessment_id, state=Assessment.State.STARTED).update(
            state=Assessment.State.ABORTED)
        evaluation.status = CompetenceEvaluation.Status.RESET
        evaluation.save(update_fields=["status", "updated_at"])


def tutorial_save(*, user: User, tutorial) -> SavedTutorial:
    saved, _created = SavedTutorial.objects.get_or_create(user=user, tutorial=tutorial)
    return saved


def tutorial_unsave(*, user: User, tutorial) -> None:
    SavedTutorial.objects.filter(user=user, tutorial=tutorial).delete()


# --- account --------------------------------------------------------------------------------


def terms_accept(*, user: User) -> None:
    user.terms_accepted_at = timezone.now()
    user.save(update_fields=["terms_accepted_at"])


def password_changed(*, user: User) -> None:
    if user.must_change_password:
        user.must_change_password = False
        user.save(update_fields=["must_change_password"])


def language_set(*, user: User, language: str) -> None:
    user.language = language
    user.save(update_fields=["language"])
