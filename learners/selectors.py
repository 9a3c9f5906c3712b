"""Reads for the learner's pages and the API: scorecards, knowledge, results, tutorials."""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import timedelta
from enum import StrEnum
from typing import NamedTuple

from django.conf import settings
from django.db.models import F, Window
from django.db.models.functions import RowNumber
from django.utils import timezone

from adaptive.framework import PIX_PER_LEVEL
from adaptive.positioning import competence_score
from learners.models import (
    Answer,
    Assessment,
    CompetenceEvaluation,
    KnowledgeElement,
    SavedTutorial,
)
from learners.prepared import PreparedQuery, model_columns
from referentiel import catalogue
from referentiel.models import Area, Competence, Tutorial
from referentiel.services import ObservedAnswer

CERTIFIABLE_COMPETENCES = 5  # competences at level 1 or more needed to take the certification


def _latest_elements(users, *, competence_ids=None, skill_ids=None):
    """The newest knowledge element of each (user, skill), in one query; `users` is a user, a
    user id, or a list of ids. Reset ones are kept: they hide the older elements."""
    queryset = KnowledgeElement.objects.all()
    if isinstance(users, list | tuple | set | frozenset):
        queryset = queryset.filter(user_id__in=list(users))
    else:
        queryset = queryset.filter(user_id=getattr(users, "pk", users))
    if competence_ids is not None:
        queryset = queryset.filter(competence_id__in=competence_ids)
    if skill_ids is not None:
        queryset = queryset.filter(skill_id__in=skill_ids)
    return queryset.annotate(newest=Window(
        RowNumber(), partition_by=[F("user_id"), F("skill_id")],
        order_by=[F("created_at").desc(), F("pk").desc()],
    )).filter(newest=1).order_by()


def current_knowledge_elements(user, *, competence_ids=None, skill_ids=None):
    """The newest knowledge element of each skill, without those that were reset."""
    elements = _latest_elements(user, competence_ids=competence_ids, skill_ids=skill_ids)
    return {e.skill_id: e for e in elements if e.status != KnowledgeElement.Status.RESET}


class KnowledgeRow(NamedTuple):
    skill_id: int
    status: str
    source: str
    earned_pix: float
    created_at: object


_KNOWLEDGE_ROWS = PreparedQuery(lambda user, skill, **_: _latest_elements(user, skill_ids=[skill]).values_list(
    "skill_id", "status", "source", "earned_pix", "created_at"))


def current_knowledge_rows(user_id, *, skill_ids) -> list[KnowledgeRow]:
    """`current_knowledge_elements` as plain rows, for the hot path of choosing a question (no
    model instances, the query compiled once per process)."""
    rows = _KNOWLEDGE_ROWS.rows(user=user_id, skills=skill_ids)
    return [KnowledgeRow(*row) for row in rows if row[1] != KnowledgeElement.Status.RESET]


def current_knowledge_elements_of_users(user_ids, *, competence_ids=None, skill_ids=None):
    """`current_knowledge_elements` of many learners at once (a class, a campaign), in one
    query: {user id: {skill id: element}}; a learner with no knowledge is absent."""
    by_user = defaultdict(dict)
    for e in _latest_elements(list(user_ids), competence_ids=competence_ids, skill_ids=skill_ids):
        if e.status != KnowledgeElement.Status.RESET:
            by_user[e.user_id][e.skill_id] = e
    return dict(by_user)


@dataclass(frozen=True)
class CompetenceLevel:
    pix: int
    level: int


def competence_levels_of_users(user_ids) -> dict[int, dict[str, CompetenceLevel]]:
    """Each learner's pix and level in every competence they have knowledge of, in two queries
    whatever the number of learners: {user id: {competence code: CompetenceLevel}}."""
    codes = dict(Competence.objects.values_list("pk", "code"))
    earned = defaultdict(lambda: defaultdict(float))
    for user_id, skills in current_knowledge_elements_of_users(user_ids).items():
        for element in skills.values():
            earned[user_id][codes[element.competence_id]] += element.earned_pix
    levels = {}
    for user_id, by_competence in earned.items():
        levels[user_id] = {}
        for code, total in by_competence.items():
            score = competence_score(total, settings.MAX_REACHABLE_LEVEL)
            levels[user_id][code] = CompetenceLevel(pix=score.pix, level=score.level)
    return levels


def _days_left(since, days):
    if since is None:
        return None
    elapsed = (timezone.now() - since) / timedelta(days=1)
    return max(0, math.ceil(days - elapsed))


class ScorecardStatus(StrEnum):
    NOT_STARTED = "not_started"
    STARTED = "started"
    COMPLETED = "completed"


@dataclass
class Scorecard:
    competence: Competence
    pix: int = 0
    level: int = 0
    pix_ahead: int = 0
    percentage_ahead: float = 0.0
    remaining_pix_to_next_level: int = PIX_PER_LEVEL
    status: ScorecardStatus = ScorecardStatus.NOT_STARTED
    assessment: Assessment | None = None
    days_before_improving: int | None = None
    days_before_reset: int | None = None
    max_level: int = field(default_factory=lambda: settings.MAX_REACHABLE_LEVEL)
    pix_per_level: int = PIX_PER_LEVEL

    @property
    def percentage_of_max(self):
        return round(100 * self.pix / (self.max_level * PIX_PER_LEVEL)) if self.max_level else 0

    @property
    def is_max_level(self):
        return self.level >= self.max_level

    @property
    def is_not_started(self):
        return self.status == ScorecardStatus.NOT_STARTED

    @property
    def is_completed(self):
        return self.status == ScorecardStatus.COMPLETED

    @property
    def is_improvable(self):
        return self.is_completed and not self.is_max_level and self.days_before_improving == 0

    @property
    def is_resettable(self):
        return not self.is_not_started and self.days_before_reset == 0

    @property
    def has_started_assessment(self):
        return self.assessment is not None and self.assessment.is_started


_ELEMENT_COLUMNS = model_columns(KnowledgeElement)
_EVALUATION_COLUMNS = model_columns(CompetenceEvaluation)
_ASSESSMENT_COLUMNS = model_columns(Assessment)
# One competence's card (the results page of every test): its two reads compiled once per process.
_COMPETENCE_ELEMENTS = PreparedQuery(lambda user, competence, **_: _latest_elements(
    user, competence_ids=[competence]).values_list(*_ELEMENT_COLUMNS))
_COMPETENCE_EVALUATION = PreparedQuery(lambda user, competence, **_: (
    CompetenceEvaluation.objects.filter(user_id=user, competence_id=competence)
    .values_list(*_EVALUATION_COLUMNS, *(f"assessment__{name}" for name in _ASSESSMENT_COLUMNS))))


def _knowledge_and_evaluations(user, competence):
    """The newest knowledge element of each skill (resets included) and the competence
    evaluations with their assessments: of every competence, or of the given one."""
    if competence is None:
        elements = list(_latest_elements(user))
        return elements, list(CompetenceEvaluation.objects.filter(user=user).select_related("assessment"))
    elements = [KnowledgeElement.from_db("default", _ELEMENT_COLUMNS, row) for row in
                _COMPETENCE_ELEMENTS.rows(user=getattr(user, "pk", user), competence=competence.pk)]
    evaluation = competence_evaluation(user, competence)
    return elements, [] if evaluation is None else [evaluation]


def competence_evaluation(user, competence) -> CompetenceEvaluation | None:
    """The learner's evaluation of one competence, with its assessment, or None (one query)."""
    rows = _COMPETENCE_EVALUATION.rows(user=getattr(user, "pk", user), competence=competence.pk)
    if not rows:
        return None
    count = len(_EVALUATION_COLUMNS)
    evaluation = CompetenceEvaluation.from_db("default", _EVALUATION_COLUMNS, rows[0][:count])
    evaluation.assessment = Assessment.from_db("default", _ASSESSMENT_COLUMNS, rows[0][count:])
    return evaluation


def scorecards(user, competence=None) -> list[Scorecard]:
    """One card per competence, in the order of the framework (three queries, whatever the size);
    only the given competence's card when one is given (two queries)."""
    competences = ([competence] if competence is not None
                   else list(Competence.objects.select_related("area").order_by("code")))
    latest, evaluations = _knowledge_and_evaluations(user, competence)
    elements, last_move = {}, {}
    for element in latest:
        # The waiting periods count from the last change of the competence's knowledge, resets
        # included: the newest element of each skill, reset or not, holds the latest of them.
        last = last_move.get(element.competence_id)
        if last is None or element.created_at > last:
            last_move[element.competence_id] = element.created_at
        if element.status != KnowledgeElement.Status.RESET:
            elements[element.skill_id] = element
    evaluations = {e.competence_id: e for e in evaluations}
    earned = {}  # competences with current knowledge, even when it earned no pix
    for element in elements.values():
        earned[element.competence_id] = earned.get(element.competence_id, 0.0) + element.earned_pix
    cards = []
    for competence in competences:
        score = competence_score(earned.get(competence.pk, 0.0), settings.MAX_REACHABLE_LEVEL)
        evaluation = evaluations.get(competence.pk)
        card = Scorecard(
            competence=competence, pix=score.pix, level=score.level, pix_ahead=score.pix_ahead,
            percentage_ahead=score.percentage_ahead,
            remaining_pix_to_next_level=score.remaining_pix_to_next_level,
        )
        if evaluation and evaluation.status == CompetenceEvaluation.Status.STARTED:
            card.assessment = evaluation.assessment
            card.status = (ScorecardStatus.STARTED if evaluation.assessment.is_started
                           else ScorecardStatus.COMPLETED)
        elif competence.pk in earned:
            card.status = ScorecardStatus.STARTED
        card.days_before_improving = _days_left(last_move.get(competence.pk),
                                                settings.DAYS_BEFORE_IMPROVING)
        card.days_before_reset = _days_left(last_move.get(competence.pk), settings.DAYS_BEFORE_RESET)
        cards.append(card)
    return cards


@dataclass
class Profile:
    areas: list
    total_pix: int
    certifiable_count: int

    @property
    def is_certifiable(self):
        return self.certifiable_count >= CERTIFIABLE_COMPETENCES

    @property
    def missing_for_certification(self):
        return max(0, CERTIFIABLE_COMPETENCES - self.certifiable_count)

    @property
    def cards(self):
        return [card for _, cards in self.areas for card in cards]


def profile(user) -> Profile:
    cards = scorecards(user)
    areas = []
    for area in Area.objects.order_by("code"):
        areas.append((area, [c for c in cards if c.competence.area_id == area.pk]))
    return Profile(
        areas=areas,
        total_pix=sum(card.pix for card in cards),
        certifiable_count=sum(1 for card in cards if card.level >= 1),
    )


def scorecard(user, competence) -> Scorecard:
    return scorecards(user, competence)[0]


_ANSWER_COLUMNS = model_columns(Answer)
_ANSWERS = PreparedQuery(lambda assessment, **_: (
    Answer.objects.filter(assessment_id=assessment).order_by("created_at", "pk")
    .values_list(*_ANSWER_COLUMNS)))
_FAILED_SKILL_IDS = PreparedQuery(lambda assessment, **_: KnowledgeElement.objects.filter(
    assessment_id=assessment, source=KnowledgeElement.Source.DIRECT,
    status=KnowledgeElement.Status.INVALIDATED).values_list("skill_id"))
_SAVED_TUTORIAL_IDS = PreparedQuery(lambda user, **_: SavedTutorial.objects.filter(
    user_id=user).values_list("tutorial_id"))


def assessment_answers(assessment, content=None) -> list[Answer]:
    """The answers in order, each with its challenge taken from the process's content snapshot:
    the same rows for every learner, so neither a join nor new challenge instances per request."""
    answers = [Answer.from_db("default", _ANSWER_COLUMNS, row)
               for row in _ANSWERS.rows(assessment=assessment.pk)]
    content = content or catalogue.snapshot()
    for answer in answers:
        answer.challenge = content.challenge(answer.challenge_id)
    return answers


@dataclass
class AssessmentResults:
    assessment: Assessment
    answers: list
    scorecard: Scorecard | None
    tutorials: list
    saved_tutorial_ids: set


def assessment_results(assessment) -> AssessmentResults:
    """What a learner sees at the end: each answer, the level reached, tutorials to improve."""
    content = catalogue.snapshot(getattr(assessment, "content_version", None))
    answers = assessment_answers(assessment, content)
    failed_skill_ids = {skill_id for skill_id, in _FAILED_SKILL_IDS.rows(assessment=assessment.pk)}
    tutorials = content.tutorials(failed_skill_ids)
    card = scorecard(assessment.user, assessment.competence) if assessment.competence_id else None
    saved = {tutorial_id for tutorial_id, in _SAVED_TUTORIAL_IDS.rows(user=assessment.user_id)}
    return AssessmentResults(assessment, answers, card, tutorials, saved)


# The kinds of test whose answers calibrate the bank: previews (staff trying a challenge) never do.
CALIBRATING_TYPES = (Assessment.Type.COMPETENCE_EVALUATION, Assessment.Type.CAMPAIGN,
                     Assessment.Type.CERTIFICATION)
# Results that say nothing of the learner's ability (a challenge the platform could not check).
_UNUSED_RESULTS = ("unimplemented",)


def calibration_answers():
    """Every answer of a calibrating kind of test, as the calibration reads it: the ability is
    taken as constant within one assessment, and anything but "ok" (a skip included) is a
    failure, as on the reference platform."""
    rows = (Answer.objects.filter(assessment__type__in=CALIBRATING_TYPES)
            .exclude(result__in=_UNUSED_RESULTS)
            .values_list("assessment_id", "challenge_id", "result").order_by().iterator(chunk_size=10_000))
    for assessment_id, challenge_id, result in rows:
        yield ObservedAnswer(person=assessment_id, challenge_id=challenge_id,
                             correct=result == Answer.Result.OK)


def saved_tutorials(user):
    return (SavedTutorial.objects.filter(user=user)
            .select_related("tutorial__tube__competence").order_by("-created_at"))


def recommended_tutorials(user, limit=12):
    """Tutorials of the skills the learner failed most recently, not yet saved."""
    failed = [e for e in current_knowledge_elements(user).values()
              if e.status == KnowledgeElement.Status.INVALIDATED and e.source == KnowledgeElement.Source.DIRECT]
    saved = SavedTutorial.objects.filter(user=user).values_list("tutorial_id", flat=True)
    return list(
        Tutorial.objects.filter(skills__in=[e.skill_id for e in failed], is_active=True)
        .exclude(pk__in=saved).distinct().select_related("tube__competence")[:limit]
    )


def target_skills(competence, locale=catalogue.DEFAULT_LOCALE):
    """Active skills of the competence with their validated challenges in the locale."""
    return catalogue.snapshot().competence_skills(competence.pk, locale)
