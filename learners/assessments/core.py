"""The test core: serving and answering, the same for every kind of test.

Every state change locks the assessment row, so a double click, a second tab or two concurrent
requests cannot race: the second one sees the first one's work. The served challenge is stored
before it is shown, a reload shows it again, and only the last served challenge can be answered.
Time limits are enforced here, never in the browser: a question's own timer (an answer after it is
stored, and fails), and the test's deadline when its strategy has one (an answer after it is
refused and the test ends). What differs by kind of test is asked of its strategy
(`learners.assessments.strategies`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.db.models import Func, OuterRef, Subquery
from django.utils import timezone

from learners import errors
from learners.assessments import answers as submitted_answers
from learners.assessments.strategies import (
    AnsweredChallenge,
    AnswerHistory,
    AssessmentStrategy,
    Progress,
    strategy_for,
)
from learners.models import Answer, Assessment
from learners.prepared import PreparedInsert, PreparedQuery, PreparedUpdate, model_columns
from referentiel import catalogue
from referentiel.checking import SKIP_VALUE, check_answer
from referentiel.enums import AnswerResult

# Seconds of network and rendering slack granted after a timed challenge's deadline.
TIMER_GRACE_SECONDS = 3


@dataclass(frozen=True)
class Notice:
    """Something the learner should know about a stored answer (same words on page and API)."""

    code: str
    message: str


_ASSESSMENT_COLUMNS = model_columns(Assessment)
_VERSION_COLUMNS = tuple(catalogue.version_annotations())
# An assessment's row as the prepared reads give it: its columns, then the content version in force.
ASSESSMENT_ROW_COLUMNS = (*_ASSESSMENT_COLUMNS, *_VERSION_COLUMNS)


def assessment_from_row(row) -> Assessment:
    """The Assessment of a row that starts with ASSESSMENT_ROW_COLUMNS, with `content_version`
    (the key of `catalogue.snapshot`); what follows them in the row is left to the caller."""
    count = len(_ASSESSMENT_COLUMNS)
    assessment = Assessment.from_db("default", _ASSESSMENT_COLUMNS, row[:count])
    assessment.content_version = catalogue.version_key(*row[count:count + len(_VERSION_COLUMNS)])
    return assessment


def _lock_query(with_answer):
    def build(assessment, user, challenge, **_):
        extra = {}
        if with_answer:
            extra["existing_answer_id"] = Subquery(Answer.objects.filter(
                assessment_id=OuterRef("pk"), challenge_id=challenge).values("pk")[:1])
            # A kind of test that ends after a number of answers counts them here, under the lock,
            # rather than in a query of its own on every answer.
            extra["answers_before"] = Subquery(Answer.objects.filter(assessment_id=OuterRef("pk"))
                                               .order_by().annotate(count=Func("pk", function="COUNT"))
                                               .values("count"))
        return (Assessment.objects.select_for_update(of=("self",))
                .annotate(**catalogue.version_annotations(), **extra)
                .filter(pk=assessment, user_id=user)
                .values_list(*ASSESSMENT_ROW_COLUMNS, *extra))
    return PreparedQuery(build)


_LOCK = _lock_query(with_answer=False)
_LOCK_FOR_ANSWER = _lock_query(with_answer=True)
_HISTORY = PreparedQuery(lambda assessment, **_: (
    Answer.objects.filter(assessment_id=assessment).order_by("created_at", "pk")
    .values_list("challenge_id", "result", "challenge__timer")))


# The writes of every answer and every question served, written once per process.
_ANSWER_INSERT = PreparedInsert(Answer)
_SERVED = PreparedUpdate(Assessment, ["last_challenge", "last_question_state", "last_question_at",
                                      "updated_at"])
_TIMER_STARTED = PreparedUpdate(Assessment, ["last_question_at", "updated_at"])


def _locked(assessment, *, answer_to=None) -> Assessment:
    """The row of `assessment` (anything with `pk` and `user_id`: an Assessment, or a page's
    `access.LearnerAssessment`), locked and checked against its owner, with the current content
    version and, given `answer_to`, the id of its answer to that challenge if any and the number
    of answers it already has (`existing_answer_id`, `answers_before`): one query.
    Raises Assessment.DoesNotExist when it is not that learner's."""
    query = _LOCK if answer_to is None else _LOCK_FOR_ANSWER
    rows = query.rows(assessment=assessment.pk, user=assessment.user_id, challenge=answer_to)
    if not rows:
        raise Assessment.DoesNotExist
    locked = assessment_from_row(rows[0])
    count = len(ASSESSMENT_ROW_COLUMNS)
    locked.existing_answer_id, locked.answers_before = (
        rows[0][count:count + 2] if answer_to is not None else (None, None))
    return locked


def _history(assessment) -> AnswerHistory:
    rows = _HISTORY.rows(assessment=assessment.pk)
    return AnswerHistory(tuple(AnsweredChallenge(challenge_id, result, timer is not None)
                               for challenge_id, result, timer in rows))


def _copy_state(target, source):
    if not isinstance(target, Assessment):  # a page's LearnerAssessment: nothing to refresh
        return
    for name in ("state", "completed_at", "last_challenge_id", "last_question_state",
                 "last_question_at", "updated_at"):
        setattr(target, name, getattr(source, name))


# --- serving ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Serving:
    """What a page shows: the assessment as it now stands, the challenge (None: the test is
    over), how far the learner is, and the strategy that knows the rest (titles, results)."""

    assessment: Assessment
    challenge: object
    progress: Progress | None
    strategy: AssessmentStrategy


def assessment_next_challenge(*, assessment: Assessment):
    """The challenge to show now, stored before it is shown; None when the test is over.

    A challenge served but not answered yet is served again (reload, second tab, crash). The
    given assessment is updated in place (served challenge, time it was served, state).
    """
    serving = assessment_serve(assessment=assessment)
    _copy_state(assessment, serving.assessment)
    return serving.challenge


@transaction.atomic
def assessment_serve(*, assessment) -> Serving:
    locked = _locked(assessment)
    strategy = strategy_for(locked)
    challenge, history = _serve(locked, strategy)
    progress = strategy.progress(locked, history) if challenge is not None else None
    return Serving(locked, challenge, progress, strategy)


def _serve(assessment, strategy):
    if not assessment.is_started:
        return None, None
    if _past_deadline(assessment, strategy, timezone.now()):
        _end(assessment, strategy)
        return None, None
    strategy.check_servable(assessment)
    history = _history(assessment)
    if assessment.last_challenge_id and assessment.last_challenge_id not in history.answered_ids:
        return strategy.challenge(assessment, assessment.last_challenge_id), history
    challenge = strategy.next_challenge(assessment, history)
    if challenge is None:
        _end(assessment, strategy)
        return None, history
    assessment.last_challenge_id = challenge.pk
    assessment.last_question_state = Assessment.QuestionState.ASKED
    # A timed question is first announced: its time starts when the learner asks to see it
    # (`timed_question_start`), not when it is served.
    assessment.last_question_at = None if challenge.timer else timezone.now()
    _SERVED.save(assessment)
    strategy.served(assessment, challenge)
    return challenge, history


def _past_deadline(assessment, strategy, now) -> bool:
    deadline = strategy.deadline(assessment)
    return deadline is not None and now > deadline


def _end(assessment, strategy, state=Assessment.State.COMPLETED):
    assessment.state = state
    assessment.completed_at = timezone.now()
    assessment.save(update_fields=["state", "completed_at", "updated_at"])
    strategy.completed(assessment)


@transaction.atomic
def assessment_end(*, assessment: Assessment, state=Assessment.State.COMPLETED) -> bool:
    """End a started test from outside (an invigilator, a finalisation, a reset): False if it had
    already ended. The kind of test is told, as when the test ends by itself."""
    locked = _locked(assessment)
    if not locked.is_started:
        return False
    _end(locked, strategy_for(locked), state)
    _copy_state(assessment, locked)
    return True


@transaction.atomic
def current_challenge_withdraw(*, assessment: Assessment, challenge_id: int) -> bool:
    """Take back the served, unanswered challenge (an invigilator validated an alert on it): the
    next serving picks another one. False when it is no longer the current question."""
    updated = (Assessment.objects.filter(pk=assessment.pk, state=Assessment.State.STARTED,
                                         last_challenge_id=challenge_id)
               .exclude(answers__challenge_id=challenge_id)
               .update(last_challenge=None, last_question_state="", updated_at=timezone.now()))
    return bool(updated)


# --- answering --------------------------------------------------------------------------------

def answer_submit(*, assessment: Assessment, challenge_id: int, value, focused_out=False) -> Answer:
    """Check and store `value` (in its stored form) as the answer to the last served challenge.

    A second submit of the same answer (double click, resent request) returns the stored answer.
    For the programs that answer for a learner (the demo, the benchmarks): a timed question still
    announced is answered as if it had been shown at that moment.
    """
    return _submit(assessment, challenge_id, lambda challenge: value, focused_out,
                   announced_may_be_answered=True)[0]


def submission_record(*, assessment: Assessment, submitted) -> tuple[Answer, Notice | None]:
    """The page's and the API's entry: a `SubmittedAnswer`, read against the served challenge."""
    if submitted.challenge_id is None:
        raise errors.UnknownChallengeIdError()
    return _submit(assessment, submitted.challenge_id,
                   lambda challenge: submitted_answers.stored_value(challenge, submitted),
                   submitted.focused_out, announced_may_be_answered=False)


def _submit(assessment, challenge_id, read_value, focused_out, *, announced_may_be_answered):
    try:
        with transaction.atomic():
            answer, refusal = _record(assessment, challenge_id, read_value, focused_out,
                                      announced_may_be_answered)
    except IntegrityError:
        # Two submits raced past the lock (only possible without row locks): the first won.
        existing = Answer.objects.filter(assessment_id=assessment.pk, challenge_id=challenge_id).first()
        if existing is None:
            raise
        return existing, None
    if refusal is not None:  # raised once its transaction (which may end the test) committed
        raise refusal
    return answer, _notice(answer)


def _record(assessment, challenge_id, read_value, focused_out, announced_may_be_answered):
    assessment = _locked(assessment, answer_to=challenge_id)
    if assessment.existing_answer_id:  # a double submit: the first one stands
        return Answer.objects.get(pk=assessment.existing_answer_id), None
    if not assessment.is_started:
        return None, errors.AssessmentNotStartedError()
    strategy = strategy_for(assessment)
    now = timezone.now()
    if _past_deadline(assessment, strategy, now):
        _end(assessment, strategy)
        return None, errors.TimeUpError()
    if assessment.last_challenge_id != challenge_id:
        return None, errors.ChallengeNotAskedError()
    challenge = strategy.challenge(assessment, challenge_id)
    value = read_value(challenge)
    started_at = assessment.last_question_at
    if started_at is None:  # a timed question still announced: a learner may only skip it
        if value != SKIP_VALUE and not announced_may_be_answered:
            return None, errors.TimedQuestionNotStartedError()
        started_at = now
    timed_out = bool(challenge.timer) and now > started_at + timedelta(
        seconds=challenge.timer + TIMER_GRACE_SECONDS)
    if value != SKIP_VALUE and submitted_answers.is_empty(value) and not timed_out:
        return None, errors.EmptyAnswerError()
    is_focused_out = bool(focused_out) or assessment.last_question_state == Assessment.QuestionState.FOCUSED_OUT
    result, details = _result(challenge, value, timed_out=timed_out,
                              fails_on_focus_loss=is_focused_out and challenge.focused
                              and strategy.focus_loss_fails_answer)
    answer = Answer(
        assessment=assessment, challenge=challenge, value=value, result=result,
        result_details=details, timed_out=timed_out, is_focused_out=is_focused_out,
        time_spent=max(0, math.ceil((now - started_at).total_seconds())),
    )
    _ANSWER_INSERT.insert([answer])
    strategy.answered(assessment, challenge, answer)
    return answer, None


def _result(challenge, value, *, timed_out, fails_on_focus_loss):
    checked = check_answer(challenge.solution_spec(), value)
    if checked.is_ok and timed_out:
        return AnswerResult.TIMED_OUT, checked.details
    if checked.is_ok and fails_on_focus_loss:
        return AnswerResult.FOCUSED_OUT, checked.details
    return checked.status, checked.details


def _notice(answer):
    if answer.timed_out:
        return Notice(errors.TIMED_OUT_NOTICE_CODE, str(errors.TIMED_OUT_NOTICE))
    return None


@transaction.atomic
def timed_question_start(*, assessment, challenge_id: int) -> bool:
    """Start the time of the announced timed question `challenge_id` (the learner clicked
    « Commencer »); False if it is not the question asked, or its time had already started.
    `assessment` names the learner's test (its `pk` and `user_id`). The test's row is locked and
    read by the core's prepared query, then the time written by a prepared update."""
    try:
        locked = _locked(assessment, answer_to=challenge_id)
    except Assessment.DoesNotExist:
        return False
    if (locked.state != Assessment.State.STARTED or locked.last_challenge_id != challenge_id
            or locked.last_question_at is not None or locked.existing_answer_id is not None
            or not strategy_for(locked).challenge(locked, challenge_id).timer):
        return False
    locked.last_question_at = timezone.now()
    _TIMER_STARTED.save(locked)
    return True


def question_is_announced(assessment, challenge) -> bool:
    """A timed question whose time has not started: the page shows its announcement only."""
    return bool(challenge is not None and challenge.timer) and assessment.last_question_at is None


def seconds_left(assessment, challenge) -> int | None:
    """The time left on a timed question that has started (the page's and the API's display)."""
    if not challenge.timer or assessment.last_question_at is None:
        return None
    elapsed = (timezone.now() - assessment.last_question_at).total_seconds()
    return max(0, round(challenge.timer - elapsed))


@transaction.atomic
def focus_out_record(*, assessment: Assessment, challenge_id: int) -> bool:
    """Note that the learner left the page during a focused challenge; False if too late."""
    updated = Assessment.objects.filter(
        pk=assessment.pk, state=Assessment.State.STARTED, last_challenge_id=challenge_id,
        last_challenge__focused=True,
    ).exclude(answers__challenge_id=challenge_id).update(
        last_question_state=Assessment.QuestionState.FOCUSED_OUT)
    return bool(updated)
