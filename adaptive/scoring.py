"""Scoring of an adaptive certification test: from a capacity to a pix score and levels.

The capacity (ability on the logit scale) is turned into a score through the capacity intervals of
the certification version, one interval per mesh level, and the mesh weights below. Every competence
gets its level from the same global capacity through its own intervals. A test abandoned by the
candidate between the minimum number of answers and the full length is "degraded": the missing
questions are simulated as failures before scoring. Pure functions, no state.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from adaptive.framework import COMPETENCE_CODES, COMPETENCE_COUNT, PIX_PER_LEVEL

MAX_REACHABLE_LEVEL = 7  # the certification's ceiling (895 = 7 x 16 x 8 - 1)
MINIMUM_ANSWERS = 20
MAXIMUM_LENGTH = 32

# Mesh levels of the CORE framework: the score band of level i is
# [sum of earlier weights, that + weight) and its score is floor(weight * (coefficient + progress)).
MESH_LEVEL_KEYS = (
    "LEVEL_PRE_BEGINNER",
    "LEVEL_BEGINNER_1",
    "LEVEL_BEGINNER_2",
    "LEVEL_INDEPENDENT_3",
    "LEVEL_INDEPENDENT_4",
    "LEVEL_ADVANCED_5",
    "LEVEL_ADVANCED_6",
    "LEVEL_EXPERT_7",
    "LEVEL_EXPERT_8",
)
MESH_WEIGHTS = (64, 64, 128, 128, 128, 128, 128, 128, 128)
MESH_COEFFICIENTS = (0, 1, 1, 2, 3, 4, 5, 6, 7)

__all__ = ["COMPETENCE_CODES", "COMPETENCE_COUNT", "PIX_PER_LEVEL", "MAX_REACHABLE_LEVEL"]


@dataclass(frozen=True)
class Interval:
    """A half-open capacity interval [min, max)."""

    min: float
    max: float

    def __post_init__(self):
        if not self.max > self.min:
            raise ValueError(f"an interval needs max > min, got [{self.min}, {self.max})")

    def contains(self, capacity: float) -> bool:
        return self.min <= capacity < self.max


@dataclass(frozen=True)
class CompetenceLevelInterval:
    """The competence level given to every capacity inside `bounds`."""

    level: int
    bounds: Interval


# Seed values (development fixtures of the reference platform, not calibrated production values):
# the capacity interval of each CORE mesh level 0..7.
SEED_GLOBAL_INTERVALS = (
    Interval(-4.67, -1.4),
    Interval(-1.4, -0.519),
    Interval(-0.519, 0.6),
    Interval(0.6, 1.5),
    Interval(1.5, 2.25),
    Interval(2.25, 3.1),
    Interval(3.1, 4.0),
    Interval(4.0, 8.0),
)

# Seed values, the same for every competence: < -2 -> 0, [-2, -1) -> 1, ..., >= 4 -> 7.
# The outer bounds are stretched to infinity when levels are looked up.
SEED_COMPETENCE_LEVEL_INTERVALS = (
    CompetenceLevelInterval(0, Interval(-8.0, -2.0)),
    CompetenceLevelInterval(1, Interval(-2.0, -1.0)),
    CompetenceLevelInterval(2, Interval(-1.0, 0.5)),
    CompetenceLevelInterval(3, Interval(0.5, 1.0)),
    CompetenceLevelInterval(4, Interval(1.0, 2.0)),
    CompetenceLevelInterval(5, Interval(2.0, 3.0)),
    CompetenceLevelInterval(6, Interval(3.0, 4.0)),
    CompetenceLevelInterval(7, Interval(4.0, 8.0)),
)


def seed_competence_intervals() -> dict[str, tuple[CompetenceLevelInterval, ...]]:
    """The seed competence intervals for each of the 16 CORE competences."""
    return {code: SEED_COMPETENCE_LEVEL_INTERVALS for code in COMPETENCE_CODES}


@dataclass(frozen=True)
class ScoringConfig:
    """The scoring part of a certification version. Defaults are the seed values."""

    global_intervals: tuple[Interval, ...] = SEED_GLOBAL_INTERVALS
    competence_intervals: Mapping[str, Sequence[CompetenceLevelInterval]] = field(
        default_factory=seed_competence_intervals
    )
    max_reachable_level: int = MAX_REACHABLE_LEVEL
    minimum_answers: int = MINIMUM_ANSWERS
    maximum_length: int = MAXIMUM_LENGTH


# --- pix score and global level -------------------------------------------------------------


def max_reachable_score(max_reachable_level: int = MAX_REACHABLE_LEVEL) -> int:
    """895 for level 7: the top of the band of the highest reachable level."""
    return max_reachable_level * COMPETENCE_COUNT * PIX_PER_LEVEL - 1


def mesh_index(capacity: float, intervals: Sequence[Interval]) -> int | None:
    """The mesh level (index of the interval) reached by this capacity; None below the first.

    A capacity past every interval (or in a gap between them) gets the last index.
    """
    if capacity < intervals[0].min:
        return None
    for index, interval in enumerate(intervals):
        if interval.contains(capacity):
            return index
    return len(intervals) - 1


def pix_score(
    capacity: float,
    intervals: Sequence[Interval] = SEED_GLOBAL_INTERVALS,
    max_reachable_level: int = MAX_REACHABLE_LEVEL,
) -> int:
    """The certification pix score (0..895 with the seed settings) of a capacity."""
    if len(intervals) > len(MESH_WEIGHTS):
        raise ValueError(f"at most {len(MESH_WEIGHTS)} mesh intervals, got {len(intervals)}")
    ceiling = max_reachable_score(max_reachable_level)
    if capacity >= intervals[-1].max:
        return ceiling
    index = mesh_index(capacity, intervals)
    if index is None:
        return 0
    interval = intervals[index]
    progress = 1.0 - (interval.max - capacity) / (interval.max - interval.min)
    score = math.floor(MESH_WEIGHTS[index] * (MESH_COEFFICIENTS[index] + progress))
    return min(score, ceiling)


def mesh_level_from_score(score: int, max_reachable_level: int = MAX_REACHABLE_LEVEL) -> int:
    """The mesh level whose score band holds this score, capped at the reachable level."""
    band_end = 0
    for level, weight in enumerate(MESH_WEIGHTS):
        band_end += weight
        if score < band_end:
            return min(level, max_reachable_level)
    return max_reachable_level


def confidence_band(
    capacity: float,
    standard_error: float,
    intervals: Sequence[Interval] = SEED_GLOBAL_INTERVALS,
    z: float = 1.96,
    max_reachable_level: int = MAX_REACHABLE_LEVEL,
) -> tuple[int, int]:
    """The scores at capacity -/+ z standard errors: a 95 % band by default.

    The score is monotone in capacity, so the band of scores is the image of the capacity band.
    """
    margin = z * standard_error
    return (
        pix_score(capacity - margin, intervals, max_reachable_level),
        pix_score(capacity + margin, intervals, max_reachable_level),
    )


# --- competence levels ----------------------------------------------------------------------


def competence_level(capacity: float, intervals: Sequence[CompetenceLevelInterval]) -> int:
    """The level of one competence; the lowest and highest bounds reach to infinity."""
    ordered = sorted(intervals, key=lambda interval: interval.bounds.min)
    if capacity < ordered[0].bounds.min:
        return ordered[0].level
    if capacity >= ordered[-1].bounds.max:
        return ordered[-1].level
    for interval in ordered:
        if interval.bounds.contains(capacity):
            return interval.level
    raise ValueError(f"capacity {capacity} falls in a gap between competence intervals")


def competence_levels(
    capacity: float,
    competence_intervals: Mapping[str, Sequence[CompetenceLevelInterval]] | None = None,
) -> dict[str, int]:
    """The level of every competence, all read from the same global capacity."""
    if competence_intervals is None:
        competence_intervals = seed_competence_intervals()
    return {
        competence: competence_level(capacity, intervals)
        for competence, intervals in competence_intervals.items()
    }


@dataclass(frozen=True)
class CertificationScore:
    capacity: float
    pix_score: int
    mesh_index: int | None
    competence_levels: dict[str, int]


def score_certification(capacity: float, config: ScoringConfig | None = None) -> CertificationScore:
    """Pix score, global level and competence levels of a (possibly degraded) capacity."""
    config = config or ScoringConfig()
    return CertificationScore(
        capacity=capacity,
        pix_score=pix_score(capacity, config.global_intervals, config.max_reachable_level),
        mesh_index=mesh_index(capacity, config.global_intervals),
        competence_levels=competence_levels(capacity, config.competence_intervals),
    )


# --- degradation of an abandoned test -------------------------------------------------------

# next_item(items, capacity) -> the index of the next item chosen by the normal selection rules
# with the best candidate always taken (no randomisation), given the items already answered and
# the current capacity; None when no item is left.
NextItem = Callable[[Sequence[int], float], "int | None"]
# estimate(items, outcomes, initial_capacity) -> the capacity estimated from all these answers,
# starting from initial_capacity (where the first prior is centred).
Estimate = Callable[[Sequence[int], Sequence[bool], float], float]


def should_downgrade_capacity(
    answer_count: int,
    abort_reason: str | None,
    minimum_answers: int = MINIMUM_ANSWERS,
    maximum_length: int = MAXIMUM_LENGTH,
) -> bool:
    """A test left by the candidate with enough answers but unfinished is degraded.

    A technical abort never degrades; fewer answers than the minimum are not scored at all.
    """
    return minimum_answers <= answer_count < maximum_length and abort_reason == "candidate"


def downgrade_capacity(
    capacity: float,
    items: Sequence[int],
    outcomes: Sequence[bool],
    *,
    abort_reason: str | None,
    next_item: NextItem,
    estimate: Estimate,
    minimum_answers: int = MINIMUM_ANSWERS,
    maximum_length: int = MAXIMUM_LENGTH,
) -> float:
    """The capacity after simulating the missing questions as skipped (failed) answers.

    Each missing question is the one the engine would serve next at the current capacity, answered
    wrong; the capacity is re-estimated from all real and simulated answers, starting from the
    capacity before degradation. Returns `capacity` unchanged when the rule does not apply.
    """
    if not should_downgrade_capacity(len(items), abort_reason, minimum_answers, maximum_length):
        return capacity
    items, outcomes = list(items), list(outcomes)
    current = capacity
    for _ in range(maximum_length - len(items)):
        item = next_item(items, current)
        if item is None:
            break
        items.append(item)
        outcomes.append(False)
        current = estimate(items, outcomes, capacity)
    return current


# --- status of the certification ------------------------------------------------------------


@dataclass(frozen=True)
class CertificationStatus:
    status: str  # 'cancelled_by_jury' | 'rejected' | 'cancelled' | 'validated'
    jury_comment: str | None
    keeps_score: bool  # False: no score is stored with this status


def certification_status(
    *,
    answer_count: int,
    abort_reason: str | None,
    pix_score: int,
    mesh_index: int | None,
    cancelled_by_jury: bool = False,
    rejected_for_fraud: bool = False,
    edu_framework: bool = False,
    minimum_answers: int = MINIMUM_ANSWERS,
) -> CertificationStatus:
    """The status of a scored course: the first matching rule wins, in this order."""
    if cancelled_by_jury:
        return CertificationStatus("cancelled_by_jury", "CANCELLED_BY_JURY", False)
    if rejected_for_fraud:
        return CertificationStatus("rejected", "FRAUD", False)
    if answer_count < minimum_answers:
        if abort_reason == "technical":
            return CertificationStatus(
                "cancelled", "CANCELLED_DUE_TO_LACK_OF_ANSWERS_FOR_TECHNICAL_REASON", False
            )
        return CertificationStatus("rejected", "REJECTED_DUE_TO_LACK_OF_ANSWERS", False)
    if edu_framework and mesh_index is None:
        return CertificationStatus("rejected", "REJECTED_EDU_NOT_ELIGIBLE", False)
    if pix_score == 0:
        return CertificationStatus("rejected", "REJECTED_DUE_TO_ZERO_PIX_SCORE", True)
    if mesh_index is None:
        return CertificationStatus("rejected", None, True)
    return CertificationStatus("validated", None, True)
