"""Skill positioning: the adaptive test of competence evaluations and campaign assessments.

Skills are grouped in tubes (a progression of levels 1..8 on one subject). An answer on a skill says
something about its whole tube: succeeding validates the easier skills too, failing invalidates the
harder ones. The next question goes to the skill whose answer is expected to settle the most skills
of its tube, among those not too far above the learner's predicted level; the test ends when no
skill is left to ask. Scores come from the pix values of the validated skills (8 pix per level).

Everything here is a pure function of plain values: the learner app fetches skills and knowledge
elements, calls these functions and stores what they return.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from adaptive.framework import MAX_PIX_PER_SKILL, PIX_PER_LEVEL, PROFILE_MAX_REACHABLE_LEVEL

EASY_TUBE_MAX_LEVEL = 3  # tubes whose hardest skill is at most this level are asked first
DEFAULT_FIRST_LEVEL = 2  # the first question is at this level when there is one
MAX_LEVELS_ABOVE_PREDICTION = 2  # skills further above the predicted level are too hard
PREDICTED_LEVEL_CANDIDATES = 0.5 * np.arange(1, 16)  # 0.5, 1.0, ..., 7.5
UNKNOWN_SKILL_LEVEL = 2
# Two virtual answers anchor the predicted level: level 0 always solved, level 7 always failed.
VIRTUAL_OBSERVATIONS = ((0.0, True), (7.0, False))

# Knowledge element statuses and sources; the learner app's model stores these very values.
VALIDATED, INVALIDATED = "validated", "invalidated"
DIRECT, INFERRED = "direct", "inferred"

SkillId = Hashable


@dataclass(frozen=True)
class Skill:
    """A target skill that has at least one challenge.

    playable: it still has a challenge not yet answered in this assessment (in the locale);
    timed: its first remaining challenge is timed.
    """

    id: SkillId
    tube: str
    level: int
    pix_value: float = 0.0
    playable: bool = True
    timed: bool = False


@dataclass(frozen=True)
class KnowledgeElement:
    """What the learner's answers say about one skill."""

    skill_id: SkillId
    status: str  # 'validated' | 'invalidated'
    source: str  # 'direct' | 'inferred'
    earned_pix: float = 0.0  # the skill's pix value when validated, otherwise 0


# --- choosing the next skill ----------------------------------------------------------------


def success_probability(level, difficulty):
    """The chance that a learner of `level` succeeds on a skill of `difficulty` (a 1PL curve)."""
    return 1.0 / (1.0 + np.exp(-(np.subtract(level, difficulty))))


def predicted_level(observations: Iterable[tuple[float, bool]]) -> float:
    """The learner's level from direct answers, given as (skill level, validated) pairs.

    Each candidate level 0.5..7.5 is scored by how well it explains the number of successes
    (-|observed - expected|); the lowest candidate with the best score wins.
    """
    pairs = [*observations, *VIRTUAL_OBSERVATIONS]
    difficulties = np.array([level for level, _ in pairs], dtype=np.float64)
    outcomes = np.array([validated for _, validated in pairs], dtype=np.float64)
    expected = success_probability(PREDICTED_LEVEL_CANDIDATES[:, None], difficulties[None, :])
    fit = -np.abs((outcomes[None, :] - expected).sum(axis=1))
    return float(PREDICTED_LEVEL_CANDIDATES[np.argmax(fit)])  # argmax keeps the first best


def next_skill_candidates(
    skills: Sequence[Skill],
    knowledge_elements: Iterable[KnowledgeElement],
    *,
    last_answer_timed: bool = False,
    is_first_question: bool = False,
) -> list[SkillId]:
    """The ids of the skills that may be asked next, in the order of `skills`; empty: test over.

    skills: the target skills (with at least one challenge); knowledge_elements: the learner's
    current knowledge elements on them (all assessments, after the improving filter).
    """
    knowledge_elements = list(knowledge_elements)
    tested = {element.skill_id for element in knowledge_elements}
    hardest_in_tube = _hardest_level_by_tube(skills)
    candidates = [skill for skill in skills if skill.playable and skill.id not in tested]
    candidates = _easy_tubes_first(candidates, hardest_in_tube)
    if is_first_question:
        candidates = _unless_empty(candidates, [s for s in candidates if not s.timed])
        return [skill.id for skill in _default_level_first(candidates)]
    if last_answer_timed:  # do not chain two timed questions
        candidates = _unless_empty(candidates, [s for s in candidates if not s.timed])
    level = predicted_level(_direct_observations(skills, knowledge_elements))
    candidates = [s for s in candidates if s.level - level <= MAX_LEVELS_ABOVE_PREDICTION]
    return [skill.id for skill in _best_rewarded(candidates, skills, tested, level)]


def _hardest_level_by_tube(skills: Iterable[Skill]) -> dict[str, int]:
    hardest: dict[str, int] = {}
    for skill in skills:
        hardest[skill.tube] = max(hardest.get(skill.tube, skill.level), skill.level)
    return hardest


def _unless_empty(fallback: list[Skill], filtered: list[Skill]) -> list[Skill]:
    return filtered or fallback


def _easy_tubes_first(candidates: list[Skill], hardest_in_tube: dict[str, int]) -> list[Skill]:
    easy = [s for s in candidates if hardest_in_tube[s.tube] <= EASY_TUBE_MAX_LEVEL]
    return _unless_empty(candidates, easy)


def _default_level_first(candidates: list[Skill]) -> list[Skill]:
    """Level-2 skills if any, otherwise the easiest level available."""
    if not candidates:
        return []
    levels = {skill.level for skill in candidates}
    chosen = DEFAULT_FIRST_LEVEL if DEFAULT_FIRST_LEVEL in levels else min(levels)
    return [skill for skill in candidates if skill.level == chosen]


def _direct_observations(skills, knowledge_elements) -> list[tuple[float, bool]]:
    level_of = {skill.id: skill.level for skill in skills}
    return [
        (level_of.get(element.skill_id, UNKNOWN_SKILL_LEVEL), element.status == VALIDATED)
        for element in knowledge_elements
        if element.source == DIRECT
    ]


def _best_rewarded(candidates, skills, tested, level) -> list[Skill]:
    """The candidates whose answer is expected to settle the most skills of their tube.

    Success settles the untested skills at or below the skill, failure those at or above it:
    reward = p * easier + (1 - p) * harder. Every candidate with the best reward is kept.
    """
    if not candidates:
        return []
    untested_levels = defaultdict(list)
    for skill in skills:
        if skill.id not in tested:
            untested_levels[skill.tube].append(skill.level)
    rewards = []
    for skill in candidates:
        tube_levels = untested_levels[skill.tube]
        easier = sum(1 for other in tube_levels if other <= skill.level)
        harder = sum(1 for other in tube_levels if other >= skill.level)
        p = float(success_probability(level, skill.level))
        rewards.append(p * easier + (1.0 - p) * harder)
    best = max(rewards)
    return [skill for skill, reward in zip(candidates, rewards, strict=True) if reward == best]


# --- deterministic pick ---------------------------------------------------------------------

_UINT32 = 0xFFFFFFFF


def hash_int(value: int) -> int:
    """Bob Jenkins' 32-bit integer mix (the `hash-int` package), on and to unsigned 32 bits."""
    a = value & _UINT32
    a = (a - (a << 6)) & _UINT32
    a ^= a >> 17
    a = (a - (a << 9)) & _UINT32
    a ^= (a << 4) & _UINT32
    a = (a - (a << 3)) & _UINT32
    a ^= (a << 10) & _UINT32
    a ^= a >> 15
    return a


def pick(seed: int, count: int, salt: int = 0) -> int:
    """A deterministic index in [0, count) for an assessment.

    The seed is the assessment id: the skill is picked with salt 0 and the challenge of that skill
    with salt 1, so a reload of the same state always serves the same question.
    """
    if count <= 0:
        raise ValueError("nothing to pick from")
    return hash_int(seed + salt) % count


# --- knowledge elements ---------------------------------------------------------------------


def knowledge_elements_for_answer(
    skills: Sequence[Skill],
    already_assessed_skill_ids: Iterable[SkillId],
    skill_id: SkillId,
    correct: bool,
) -> list[KnowledgeElement]:
    """The knowledge elements created by one answer: the direct one, then those inferred in its tube.

    Only target skills not yet assessed in this assessment get one. Success validates the easier
    skills of the tube, failure invalidates the harder ones.
    """
    assessed = set(already_assessed_skill_ids)
    answered = next((skill for skill in skills if skill.id == skill_id), None)
    if answered is None or answered.id in assessed:
        return []
    status = VALIDATED if correct else INVALIDATED
    elements = [_knowledge_element(answered, status, DIRECT)]
    for skill in skills:
        if skill.tube != answered.tube or skill.id in assessed or skill.id == answered.id:
            continue
        implied = skill.level < answered.level if correct else skill.level > answered.level
        if implied:
            elements.append(_knowledge_element(skill, status, INFERRED))
    return elements


def _knowledge_element(skill: Skill, status: str, source: str) -> KnowledgeElement:
    earned = skill.pix_value if status == VALIDATED else 0.0
    return KnowledgeElement(skill_id=skill.id, status=status, source=source, earned_pix=earned)


# --- pix and levels -------------------------------------------------------------------------


@dataclass(frozen=True)
class CompetenceScore:
    pix: int
    level: int
    pix_ahead: int
    remaining_pix_to_next_level: int
    percentage_ahead: float


# Sums of pix values such as 3 x 8/3 can land a hair below a whole level in floating point;
# this tolerance keeps a learner who validated a whole level from missing it by rounding.
_ROUNDING_TOLERANCE = 1e-9


def competence_score(
    earned_pix_total: float,
    max_level: int = PROFILE_MAX_REACHABLE_LEVEL,
    *,
    allow_excess_pix: bool = False,
    allow_excess_level: bool = False,
) -> CompetenceScore:
    """Pix and level of one competence from the sum of earned pix of its knowledge elements.

    The level is read on the unfloored total; both are capped at the reachable level.
    """
    total = earned_pix_total + _ROUNDING_TOLERANCE
    pix = math.floor(total)
    level = math.floor(total / PIX_PER_LEVEL)
    if not allow_excess_pix:
        pix = min(pix, max_level * PIX_PER_LEVEL)
    if not allow_excess_level:
        level = min(level, max_level)
    pix_ahead = pix % PIX_PER_LEVEL
    return CompetenceScore(
        pix=pix,
        level=level,
        pix_ahead=pix_ahead,
        remaining_pix_to_next_level=PIX_PER_LEVEL - pix_ahead,
        percentage_ahead=pix_ahead / PIX_PER_LEVEL * 100,
    )


def pix_value(skills_at_level: int) -> float:
    """Pix of one skill when `skills_at_level` skills share its competence and level."""
    if skills_at_level <= 0:
        return 0.0
    return min(MAX_PIX_PER_SKILL, PIX_PER_LEVEL / skills_at_level)


def pix_values(skills: Iterable[tuple[SkillId, str, int]]) -> dict[SkillId, float]:
    """Pix value of each skill, given as (skill id, competence, level).

    Pass only the skills that count: active, of the core framework, with a validated challenge.
    Every other skill is worth 0. Each level of a competence is thus worth 8 pix (4 if it has a
    single skill).
    """
    skills = list(skills)
    counts = Counter((competence, level) for _, competence, level in skills)
    return {
        skill_id: pix_value(counts[(competence, level)]) for skill_id, competence, level in skills
    }
