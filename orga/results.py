"""The figures of a participation, computed from knowledge elements: the same rules for the
student's results page, the share that stores them, and the exports.

Assessment campaigns: mastery = validated campaign skills / campaign skills, by tube, by
competence and overall; the stage reached; the pix of the validated campaign skills.
Profile collections: pix and level of each competence, certifiable when enough competences
reach the level (the placement profile: pix and levels without the profile's caps).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings

from adaptive.framework import COMPETENCE_COUNT, PIX_PER_LEVEL
from adaptive.positioning import competence_score
from learners.models import KnowledgeElement
from learners.selectors import CERTIFIABLE_COMPETENCES
from orga.constants import CERTIFIABLE_LEVEL

VALIDATED = KnowledgeElement.Status.VALIDATED


@dataclass(frozen=True)
class Element:
    """A knowledge element as results need it (a live one or a snapshot's row)."""

    skill_id: int
    competence_id: int
    status: str
    earned_pix: float


def elements_from_models(elements) -> dict[int, Element]:
    return {e.skill_id: Element(e.skill_id, e.competence_id, e.status, e.earned_pix) for e in elements}


def elements_from_snapshot(rows) -> dict[int, Element]:
    return {row[0]: Element(row[0], row[1], row[2], row[4]) for row in rows}


def snapshot_rows(elements) -> list[list]:
    return [[e.skill_id, e.competence_id, e.status, e.source, e.earned_pix] for e in elements]


@dataclass
class Mastery:
    validated: int = 0
    total: int = 0

    @property
    def rate(self) -> float:
        return self.validated / self.total if self.total else 0.0

    @property
    def percent(self) -> int:
        return round(100 * self.rate)


@dataclass
class StageReached:
    number: int  # acquired stages less the zero stage: 0 .. count - 1
    count: int  # stages of the profile, the zero stage included
    stage: object  # the highest stage acquired (title, message), or None without stages


@dataclass
class AssessmentResults:
    overall: Mastery
    by_tube: dict = field(default_factory=dict)  # tube id -> Mastery
    by_competence: dict = field(default_factory=dict)  # competence id -> Mastery
    pix_score: int = 0
    stage: StageReached | None = None
    assessed: int = 0  # campaign skills with knowledge, for the progression


def stage_thresholds(stages, skills) -> list[tuple[int, object]]:
    """Each stage with its threshold in percent; level stages converted over the campaign's
    skills (skills up to that level, out of all); in order, the zero stage first."""
    total = len(skills)
    thresholds = []
    for stage in stages:
        if stage.level is not None:
            if stage.level == 0 or not total:
                value = 0 if stage.level == 0 else 100
            else:
                value = round(100 * sum(1 for s in skills if s.level <= stage.level) / total)
        else:
            value = stage.threshold
        thresholds.append((value, stage))
    return sorted(thresholds, key=lambda pair: (pair[0], pair[1].pk or 0))


def stage_reached(stages, skills, mastery_percent) -> StageReached | None:
    if not stages:
        return None
    thresholds = stage_thresholds(stages, skills)
    acquired = [stage for value, stage in thresholds if value <= mastery_percent]
    return StageReached(number=max(0, len(acquired) - 1), count=len(thresholds),
                        stage=acquired[-1] if acquired else None)


def assessment_results(skills, elements: dict[int, Element], stages=()) -> AssessmentResults:
    """`skills`: the campaign's skills (with `tube_id`, `competence_id`, `level`)."""
    overall = Mastery()
    by_tube, by_competence = defaultdict(Mastery), defaultdict(Mastery)
    pix_by_competence = defaultdict(float)
    assessed = 0
    for skill in skills:
        element = elements.get(skill.pk)
        ok = element is not None and element.status == VALIDATED
        assessed += element is not None
        for mastery in (overall, by_tube[skill.tube_id], by_competence[skill.competence_id]):
            mastery.total += 1
            mastery.validated += ok
        if ok:
            pix_by_competence[skill.competence_id] += element.earned_pix
    pix = sum(competence_score(total, settings.MAX_REACHABLE_LEVEL).pix
              for total in pix_by_competence.values())
    return AssessmentResults(overall=overall, by_tube=dict(by_tube), by_competence=dict(by_competence),
                             pix_score=pix, stage=stage_reached(list(stages), skills, overall.percent),
                             assessed=assessed)


@dataclass
class CompetenceProfile:
    pix: int
    level: int


@dataclass
class ProfileResults:
    by_competence: dict  # competence id -> CompetenceProfile (capped, as the profile shows)
    pix_score: int
    certifiable_competences: int
    is_certifiable: bool

    @property
    def mastery_rate(self) -> float:
        return self.pix_score / (settings.MAX_REACHABLE_LEVEL * PIX_PER_LEVEL * COMPETENCE_COUNT)


def profile_results(elements: dict[int, Element], competence_ids) -> ProfileResults:
    earned = defaultdict(float)
    for element in elements.values():
        earned[element.competence_id] += element.earned_pix
    by_competence, certifiable = {}, 0
    for competence_id in competence_ids:
        score = competence_score(earned.get(competence_id, 0.0), settings.MAX_REACHABLE_LEVEL)
        by_competence[competence_id] = CompetenceProfile(pix=score.pix, level=score.level)
        # The placement profile counts levels without the profile's cap.
        uncapped = competence_score(earned.get(competence_id, 0.0), settings.MAX_REACHABLE_LEVEL,
                                    allow_excess_pix=True, allow_excess_level=True)
        if uncapped.level >= CERTIFIABLE_LEVEL:
            certifiable += 1
    return ProfileResults(by_competence=by_competence,
                          pix_score=sum(c.pix for c in by_competence.values()),
                          certifiable_competences=certifiable,
                          is_certifiable=certifiable >= CERTIFIABLE_COMPETENCES)
