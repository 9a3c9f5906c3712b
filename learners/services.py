"""Writes of the learner app: start or reset a competence evaluation, save a tutorial.

Serving and answering, the same for every kind of test, are the test core's
(`learners.assessments.core`), and the accounts' are in `learners.accounts.services`: both are
re-exported here for the pages, the API and the demo. A state
change locks the user's row when it creates a test, so a double click cannot start two.
"""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from learners import selectors
from learners.accounts.services import (  # noqa: F401  (the account services, for the pages)
    account_set_active,
    language_set,
    password_changed,
    password_reset_to_temporary,
    terms_accept,
)
from learners.assessments.core import (  # noqa: F401  (the core's entry points, for the pages)
    TIMER_GRACE_SECONDS,
    answer_submit,
    assessment_end,
    assessment_next_challenge,
    assessment_serve,
    current_challenge_withdraw,
    focus_out_record,
    question_is_announced,
    seconds_left,
    submission_record,
    timed_question_start,
)
from learners.errors import (  # noqa: F401  (refusals the pages and the API catch)
    AssessmentNotStartedError,
    ChallengeNotAskedError,
    EmptyAnswerError,
    LearnerError,
    MalformedAnswerError,
    MaxLevelReachedError,
    TimedQuestionNotStartedError,
    TimeUpError,
    WaitBeforeError,
)
from learners.models import (
    Assessment,
    CompetenceEvaluation,
    KnowledgeElement,
    SavedTutorial,
    User,
)
from learners.prepared import PreparedInsert, PreparedQuery, PreparedUpdate
from referentiel.checking import SKIP_VALUE  # noqa: F401

# --- starting -------------------------------------------------------------------------------


@transaction.atomic
def competence_evaluation_start(*, user: User, competence) -> Assessment:
    """Start, resume, retry or improve the positioning test of one competence."""
    # One start at a time per user (only the lock is needed, not the row).
    _USER_LOCK.rows(user=user.pk)
    evaluation = selectors.competence_evaluation(user, competence)
    if evaluation and evaluation.status == CompetenceEvaluation.Status.STARTED:
        if evaluation.assessment.is_started:
            return evaluation.assessment
        card = selectors.scorecard(user, competence)
        if card.is_max_level:
            raise MaxLevelReachedError()
        if card.days_before_improving:
            raise WaitBeforeError(_(
                "Tu pourras retenter cette compétence dans %(days)s jour(s) : "
                "ce délai te laisse le temps de progresser."
            ) % {"days": card.days_before_improving})
        assessment = _new_competence_assessment(user, competence, is_improving=True)
    else:
        assessment = _new_competence_assessment(user, competence, is_improving=False)
    # The evaluation was read under the user's lock: update it, or create the first one.
    if evaluation is None:
        _EVALUATION_INSERT.insert([CompetenceEvaluation(
            user=user, competence=competence, assessment=assessment,
            status=CompetenceEvaluation.Status.STARTED)])
    else:
        evaluation.assessment, evaluation.status = assessment, CompetenceEvaluation.Status.STARTED
        _EVALUATION_RESTART.save(evaluation)
    return assessment


def _new_competence_assessment(user, competence, *, is_improving):
    assessment = Assessment(user=user, competence=competence, is_improving=is_improving,
                            type=Assessment.Type.COMPETENCE_EVALUATION)
    _ASSESSMENT_INSERT.insert([assessment])
    return assessment


# The statements of every start, written once per process (`learners.prepared`).
_USER_LOCK = PreparedQuery(lambda user, **_: (
    User.objects.select_for_update().filter(pk=user).values_list("pk")))
_ASSESSMENT_INSERT = PreparedInsert(Assessment)
_EVALUATION_INSERT = PreparedInsert(CompetenceEvaluation)
_EVALUATION_RESTART = PreparedUpdate(CompetenceEvaluation, ["assessment", "status", "updated_at"])


# --- reset and tutorials --------------------------------------------------------------------


@transaction.atomic
def competence_reset(*, user: User, competence) -> None:
    """Wipe the learner's knowledge of one competence, after the waiting period."""
    User.objects.select_for_update().filter(pk=user.pk).first()
    card = selectors.scorecard(user, competence)
    if card.is_not_started:
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
        assessment_end(assessment=evaluation.assessment, state=Assessment.State.ABORTED)
        evaluation.status = CompetenceEvaluation.Status.RESET
        evaluation.save(update_fields=["status", "updated_at"])


def tutorial_save(*, user: User, tutorial) -> SavedTutorial:
    saved, _created = SavedTutorial.objects.get_or_create(user=user, tutorial=tutorial)
    return saved


def tutorial_unsave(*, user: User, tutorial) -> None:
    SavedTutorial.objects.filter(user=user, tutorial=tutorial).delete()
