"""What differs between kinds of test: one strategy object per `Assessment.type`.

The core (`learners.assessments.core`) locks the assessment, re-serves the served-but-unanswered
challenge, accepts only the last served one, applies the timers, checks and stores the answer once
and records focus loss. A strategy says the rest: which challenge comes next (and when the test
is over), what to write after an answer, the test's own deadline, whether a question may be served
now, how far the learner is, where the results are. The app that owns a kind of test registers its
strategy when Django starts (`register` in its `AppConfig.ready`): the competence evaluation here,
the campaign assessment in `orga`, the certification course in `certif`. The core never imports
them.

Strategies are stateless: every process registers the same ones at start-up, and everything a
strategy needs between two requests is in the database (or in a cache keyed by a content or
calibration version), so a request can land on any process.
"""

from __future__ import annotations

import abc
from dataclasses import dataclass
from datetime import datetime

from learners.errors import UnknownAssessmentTypeError
from referentiel import catalogue


@dataclass(frozen=True)
class AnsweredChallenge:
    """One answer of the assessment, as the strategies need it to choose the next challenge."""

    challenge_id: int
    result: str
    was_timed: bool


@dataclass(frozen=True)
class AnswerHistory:
    """The assessment's answers so far, in the order they were given."""

    answers: tuple[AnsweredChallenge, ...]

    @property
    def answered_ids(self) -> frozenset[int]:
        return frozenset(answer.challenge_id for answer in self.answers)

    @property
    def count(self) -> int:
        return len(self.answers)

    @property
    def last(self) -> AnsweredChallenge | None:
        return self.answers[-1] if self.answers else None


@dataclass(frozen=True)
class Progress:
    """Where the learner is: "Question 3" or "Question 3 sur 32"."""

    question_number: int
    total: int | None = None


class AssessmentStrategy(abc.ABC):
    """One kind of test. Subclass, set `type`, and `register()` an instance."""

    type: str
    # The results show each answer with the right one and its explanation (never in certification).
    shows_correction: bool = True
    # A right answer given after leaving the page of a focused challenge fails (certification).
    focus_loss_fails_answer: bool = False
    # The test page: the learner app's, or one extending it through its blocks (challenge_header,
    # challenge_actions, challenge_after_form) to add what the kind needs (an alert button...).
    page_template: str = "learners/challenge.html"

    @abc.abstractmethod
    def next_challenge(self, assessment, history: AnswerHistory):
        """The challenge to serve next, or None when the test is over."""

    def challenge(self, assessment, challenge_id: int):
        """The served challenge, by id (for a reload, or to check an answer)."""
        return catalogue.challenge(challenge_id, getattr(assessment, "content_version", None))

    def check_servable(self, assessment) -> None:
        """Raise a LearnerError (e.g. NotServableError) when no question may be shown now."""
        return None  # by default: nothing

    def deadline(self, assessment) -> datetime | None:
        """The test's own deadline, enforced by the core on serving and answering."""
        return None

    def served(self, assessment, challenge) -> None:
        """Called once per newly served challenge, in the serving transaction."""
        return None  # by default: nothing

    def answered(self, assessment, challenge, answer) -> None:
        """Called once per stored answer, in its transaction: write what the answer says.
        `assessment.answers_before` is the number of answers stored before this one."""
        return None  # by default: nothing

    def completed(self, assessment) -> None:
        """Called once when the test ends, in the transaction that ends it."""
        return None  # by default: nothing

    def title(self, assessment) -> str:
        """What the test is about, above its questions (a competence, a campaign)."""
        return ""

    def progress(self, assessment, history: AnswerHistory) -> Progress:
        return Progress(question_number=history.count + 1)

    @abc.abstractmethod
    def results_url(self, assessment) -> str:
        """Where a learner reads the results of a finished test."""

    @abc.abstractmethod
    def exit_url(self, assessment) -> str:
        """Where "Quitter le test" leads; the learner comes back to the same question later."""


# Filled once per process at start-up by the apps' `ready()`: configuration, never changed after.
_STRATEGIES: dict[str, AssessmentStrategy] = {}


def register(strategy: AssessmentStrategy) -> AssessmentStrategy:
    _STRATEGIES[str(strategy.type)] = strategy
    return strategy


def unregister(assessment_type: str) -> None:
    _STRATEGIES.pop(str(assessment_type), None)


def strategy_for(assessment) -> AssessmentStrategy:
    try:
        return _STRATEGIES[assessment.type]
    except KeyError:
        raise UnknownAssessmentTypeError() from None
