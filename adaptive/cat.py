"""The certification adaptive test (CAT): which question comes next, and the capacity so far.

`CatEngine` is built once per calibration version and reused across requests: construction
precomputes log P / log(1 - P) on the estimation grid and the items ranked by their selection score
at every point of a selection grid. A question then costs a handful of numpy calls whatever the
bank size:

- update: add the answer's log-likelihood row to the running log density, take the posterior mean
  (and spread), mark the item (and its tube) as used;
- select: read the ranking at the grid point nearest the state, keep the items allowed by the
  content rules and this test's exposure lottery, and pick at random among the best few.

Selection score. `selection="information"` (textbook and reference): Fisher information at the
capacity, on a grid 0.05 apart. `selection="expected"` (production): information averaged over the
posterior, approximated by N(capacity, spread^2), on a grid of means 0.1 apart and of spreads
from 0.12 to 1.2. Early in a test, when the ability is still vague, it values an item by what it
is likely to tell rather than by what it would tell were the estimate exact: the sharp, highly
discriminating items, the scarce ones under exposure control, are then kept for later, when the
estimate is close enough to use them well. In both cases the exposure price of the item, if any, is
subtracted (see `adaptive.exposure`).

A test is a pure function of (seed, answers): the random draws are made by `start`, so rebuilding a
state from the stored answers (`resume`) gives the same next question in any process.

Content rules, in the reference order: one question per tube (or per skill), every competence
first, no competence repeated within the last `competence_spacing` questions (dropped when it
would leave nothing), then the accessibility filter and excluded challenges given to `start`.
"""

import copy
import math
import multiprocessing
import os
import threading
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

import numpy as np

from adaptive import estimation, exposure, irt
from adaptive.bank import ItemBank, encode_labels

# Selection reads the information ranking at the nearest point of this grid; 0.05 apart, the
# ranking is that of the exact capacity for all practical purposes.
SELECTION_THETAS = np.linspace(-6.0, 6.0, 241)
SELECTION_STEP = SELECTION_THETAS[1] - SELECTION_THETAS[0]
# Expected information is smooth in the mean: 0.1 apart is enough. Spreads: geometric, from below
# the posterior sd of a full test (about 0.2) to above the prior's.
EXPECTED_MEANS = np.linspace(-6.0, 6.0, 121)
EXPECTED_MEAN_STEP = EXPECTED_MEANS[1] - EXPECTED_MEANS[0]
EXPECTED_SPREADS = np.geomspace(0.12, 1.2, 11)
EXPECTED_LOG_SPREAD_STEP = math.log(EXPECTED_SPREADS[1] / EXPECTED_SPREADS[0])
# Expected-information selection re-scores this many of the best allowed items of the ranking
# (ranked under a normal approximation of the posterior) with the exact posterior.
EXPECTED_CANDIDATES = 24
# The same as plain floats, for the per-question arithmetic (numpy scalars are slower).
_THETA_START, _THETA_STEP, _THETA_LAST = float(SELECTION_THETAS[0]), float(SELECTION_STEP), len(SELECTION_THETAS) - 1
_MEAN_START, _MEAN_STEP, _MEAN_LAST = float(EXPECTED_MEANS[0]), float(EXPECTED_MEAN_STEP), len(EXPECTED_MEANS) - 1
_SPREAD_START, _LOG_SPREAD_STEP = float(EXPECTED_SPREADS[0]), float(EXPECTED_LOG_SPREAD_STEP)
_SPREAD_LAST = len(EXPECTED_SPREADS) - 1
# How many of the best items the ranking keeps per grid point: the rules almost always find their
# shortlist there; when they do not, select scans the whole bank.
RANKING_DEPTH = 256


class AssessmentEnded(Exception):
    """The test already has its number of questions."""


class NoChallengeLeft(Exception):
    """The rules leave no challenge to serve (bank too small for the test length)."""


class ExposureNotFitted(ValueError):
    """Exposure control is on, no parameters were given, and fitting them (tens of seconds of
    simulated tests) was not allowed: the caller serves tests and must bring stored ones."""


@dataclass(frozen=True)
class CatConfig:
    """Settings of a certification test. `CatConfig()` are the production settings."""

    length: int = 32
    estimator: str = "eap"  # "eap": fixed normal prior; "reference": the reference variant
    prior_mean: float = 0.0
    prior_sd: float = 1.0
    initial_capacity: float = -3.0  # reference estimator only
    variation_percent: float | None = 0.5  # reference estimator only; None or 0: no cap
    one_question_per_tube: bool = True  # else one question per skill, where skills are given
    all_competences_first: bool = True
    competence_spacing: int = 2
    selection: str = "expected"  # "expected": posterior-averaged information; "information": at the capacity
    shortlist_size: int = 6
    pick_probability: float = 0.35  # the best is taken with p, else the next with p, ...
    # p at the last question, linear in between (None: p throughout). Early, the estimate is
    # vague and the best item barely better than the next: drawing widely there spreads the
    # bank's use at little cost. Late, the estimate is close and the best item worth taking.
    last_pick_probability: float | None = 0.8
    # The first question, the same state for every examinee, is drawn uniformly among this many of
    # the best (0 or 1: like the others). With exposure control: a geometric pick would give the
    # best first question to half of all examinees, whatever its price.
    opening_shortlist: int = 10
    max_exposure: float | None = 0.25  # None: no exposure control
    # Exposure parameters of the calibration version (ExposureParameters, its to_json() dict, or a
    # bare list of eligibilities); None: fitted at construction, by simulation.
    exposure_parameters: object = field(default=None, compare=False, repr=False)
    exposure_fit_examinees: int = 1000
    price_fit_iterations: int = 30  # 0: Sympson-Hetter eligibility alone
    exposure_fit_iterations: int = 20
    # Prices aim below the cap; the eligibility lottery, fitted last, sets the cap. It aims lower
    # still: over 2,000 tests an exposure of 0.215 reads 0.215 +- 0.009, and the largest of the
    # hundred or so items at the target must still read at most max_exposure.
    price_fit_margin: float = 0.03
    exposure_fit_margin: float = 0.035
    # Then one-sided trimming passes on twice as many tests: the items the noise left over the
    # target lose eligibility, the others keep theirs.
    exposure_polish_passes: int = 1
    exposure_fit_seed: int = 20240601
    # Processes for the fit's simulated tests; None: the machine's cores (up to 4) where forking
    # is safe, else 1 (see _fit_processes). The result does not depend on it.
    fit_processes: int | None = field(default=None, compare=False)

    def __post_init__(self):
        if self.estimator not in ("eap", "reference"):
            raise ValueError(f"unknown estimator {self.estimator!r}")
        if self.selection not in ("expected", "information"):
            raise ValueError(f"unknown selection {self.selection!r}")
        if self.selection == "expected" and self.estimator == "reference":
            raise ValueError("the reference estimator selects by information at its capacity")
        if self.length < 1 or self.shortlist_size < 1 or not 0 < self.pick_probability <= 1:
            raise ValueError("length and shortlist_size must be >= 1, pick_probability in (0, 1]")
        if self.last_pick_probability is not None and not 0 < self.last_pick_probability <= 1:
            raise ValueError("last_pick_probability must be in (0, 1]")
        if self.max_exposure is not None and not 0 < self.max_exposure <= 1:
            raise ValueError("max_exposure must be in (0, 1]")

    @classmethod
    def textbook(cls, length: int = 32) -> "CatConfig":
        """Every constraint off: maximum information at the EAP estimate, nothing else."""
        return cls(
            length=length, selection="information", one_question_per_tube=False,
            all_competences_first=False, competence_spacing=0, shortlist_size=1,
            pick_probability=1.0, last_pick_probability=None, opening_shortlist=0, max_exposure=None,
        )

    @classmethod
    def reference(cls, length: int = 32) -> "CatConfig":
        """The reference platform: moving prior, capped moves, top 5 picked at 51 %, no exposure control."""
        return cls(
            length=length, estimator="reference", selection="information", shortlist_size=5,
            pick_probability=0.51, last_pick_probability=None, opening_shortlist=0, max_exposure=None,
        )


@dataclass(slots=True, eq=False)
class CatState:
    """One candidate's test so far. Cheap to rebuild from the answers with `CatEngine.resume`."""

    seed: object
    items: list[int]
    answers: list[bool]
    competences: list[int]  # competence code of each served item
    log_density: np.ndarray  # log-likelihood of the answers on the grid (+ log prior for EAP)
    capacity: float
    spread: float  # posterior standard deviation (expected-information selection only)
    weights: np.ndarray | None  # the posterior on the grid (expected-information selection only)
    prior_centre: float  # reference estimator: where the last answer's prior was centred
    available: np.ndarray  # per item: in the pool, not served, tube (or skill) not served
    open: np.ndarray | None  # available and passed this test's lottery: the first choice
    unseen: np.ndarray  # per competence: has pool items and none served yet
    pick_uniforms: np.ndarray  # one draw per question, made at start

    @property
    def step(self) -> int:
        return len(self.items)


class CatEngine:
    def __init__(
        self,
        discrimination,
        difficulty,
        competence,
        tube=None,
        config: CatConfig | None = None,
        *,
        skill=None,
        accessible=None,
        allow_fit: bool = True,
    ):
        """`allow_fit=False` (the web processes) refuses to fit exposure parameters by simulation:
        it raises ExposureNotFitted when the config has exposure control but no parameters."""
        self.config = config or CatConfig()
        if not allow_fit and self.config.max_exposure is not None and self.config.exposure_parameters is None:
            raise ExposureNotFitted("exposure control without stored parameters")
        self.discrimination = np.asarray(discrimination, dtype=np.float64)
        self.difficulty = np.asarray(difficulty, dtype=np.float64)
        self.size = len(self.discrimination)
        if len(self.difficulty) != self.size or len(competence) != self.size:
            raise ValueError("discrimination, difficulty and competence must have the same length")
        self.competence, labels = _codes(competence, self.size)
        self.n_competences = len(labels)
        self.accessible = np.ones(self.size, bool) if accessible is None else np.asarray(accessible, bool)
        self._competences_present = np.bincount(self.competence, minlength=self.n_competences) > 0
        self._group_members = _exclusive_groups(self._exclusive_codes(tube, skill))
        self._log_right, self._log_wrong = irt.log_probability_tables(
            self.discrimination, self.difficulty, estimation.GRID
        )
        # Information of each item (rows) at each point of the estimation grid: expected
        # information is a row times the posterior weights.
        self._grid_information = (
            np.ascontiguousarray(irt.information(estimation.GRID[:, None], self.discrimination, self.difficulty).T)
            if self._expected else None
        )
        # Expected information on the selection grid: kept only while fitting the exposure prices,
        # which ranks the items anew at every iteration.
        self._expected_tables = None
        self.exposure = None
        fitting = self.config.max_exposure is not None and self.config.exposure_parameters is None
        if fitting and self._expected:
            self._expected_tables = self._expected_information_tables()
        self.exposure = self._exposure_parameters()
        self._rank(None if self.exposure is None else self.exposure.prices)
        self._expected_tables = None

    @property
    def exposure_parameters(self) -> "exposure.ExposureParameters | None":
        """What to store with the calibration version (`.to_json()`), None without control."""
        return self.exposure

    @classmethod
    def from_bank(cls, bank: ItemBank, config: CatConfig | None = None, *, allow_fit: bool = True) -> "CatEngine":
        return cls(
            bank.discrimination, bank.difficulty, bank.competence,
            bank.tube if bank.has_tubes else None, config,
            skill=bank.skill if bank.skill_labels else None, accessible=bank.accessible,
            allow_fit=allow_fit,
        )

    # --- the interface -------------------------------------------------------------------------

    def start(
        self,
        seed,
        *,
        accessible_only: bool = False,
        excluded: Iterable[int] = (),
        closed: Iterable[int] = (),
    ) -> CatState:
        """A new test. Every random draw of the test is made here, from the seed.

        excluded: never served (validated live alerts, withdrawn challenges). closed: served only
        when the rules leave nothing else, like items that lost this test's exposure lottery
        (items at their exposure cap, where exposure counts are kept; see exposure.closed_items).
        """
        rng = np.random.default_rng(seed)
        pool = self.accessible.copy() if accessible_only else np.ones(self.size, bool)
        excluded_items = _indices(excluded)
        pool[excluded_items] = False
        eligible = None
        if self.exposure is not None:
            eligible = exposure.draw_eligibility(self.exposure.eligibility, rng.random(self.size))
        closed = _indices(closed)
        if len(closed):
            eligible = np.ones(self.size, bool) if eligible is None else eligible
            eligible[closed] = False
        if accessible_only or len(excluded_items):
            unseen = np.bincount(self.competence[pool], minlength=self.n_competences) > 0
        else:
            unseen = self._competences_present.copy()
        start_capacity, log_density = self._prior()
        weights = estimation.posterior_with_moments(log_density)[0] if self._expected else None
        return CatState(
            seed, [], [], [], log_density, start_capacity, self._start_spread, weights,
            start_capacity, pool, None if eligible is None else pool & eligible, unseen,
            rng.random(self.config.length),
        )

    def select(self, state: CatState) -> int:
        """Index of the next item. Reads the state and never changes it."""
        step = len(state.items)
        if step >= self.config.length:
            raise AssessmentEnded
        column = self._column(state)
        masks = (state.available,) if state.open is None else (state.open, state.available)
        for competences in self._allowed_competences(state):
            for mask in masks:
                shortlist = self._shortlist(state, column, competences, mask)
                if len(shortlist):
                    position = self._pick(len(shortlist), float(state.pick_uniforms[step]), step)
                    return int(shortlist[position])
        raise NoChallengeLeft

    def update(self, state: CatState, index: int, correct: bool) -> None:
        """Record the answer to item `index` and re-estimate the capacity."""
        if state.step >= self.config.length:
            raise AssessmentEnded
        if index in state.items:
            raise ValueError(f"item {index} was already served in this test")
        state.log_density += self._log_right[index] if correct else self._log_wrong[index]
        if self.config.estimator == "reference":
            state.prior_centre = state.capacity
            state.capacity = estimation.reference_step(
                state.log_density, state.capacity, self.config.variation_percent
            )
        elif self._expected:
            state.weights, state.capacity, state.spread = estimation.posterior_with_moments(state.log_density)
        else:
            state.capacity = estimation.posterior_mean(state.log_density)
        served = index if self._group_members is None else self._group_members[index]
        state.available[served] = False
        if state.open is not None:
            state.open[served] = False
        competence = int(self.competence[index])
        state.unseen[competence] = False
        state.competences.append(competence)
        state.items.append(int(index))
        state.answers.append(bool(correct))

    def estimate(self, state: CatState) -> float:
        return state.capacity

    # --- more of the same, for the web side and the simulator ----------------------------------

    def standard_error(self, state: CatState) -> float:
        """Posterior standard deviation (EAP) or the reference error rate."""
        if self.config.estimator != "reference":
            return estimation.posterior_mean_and_sd(state.log_density).standard_error
        if not state.items:
            return estimation.REFERENCE_ERROR_WITHOUT_ANSWERS
        return estimation.reference_error(state.log_density, state.prior_centre, state.capacity)

    def resume(self, seed, items: Sequence[int], answers: Sequence[bool], **start_options) -> CatState:
        """The state after these answers: what `start` then `update` for each answer give."""
        state = self.start(seed, **start_options)
        for index, correct in zip(items, answers, strict=True):
            self.update(state, index, correct)
        return state

    def is_finished(self, state: CatState) -> bool:
        return state.step >= self.config.length

    # --- selection -----------------------------------------------------------------------------

    def _column(self, state: CatState) -> int:
        """Row of the ranking for this state: nearest mean (and spread) of the selection grid."""
        if not self._expected:
            column = round((state.capacity - _THETA_START) / _THETA_STEP)
            return min(max(column, 0), _THETA_LAST)
        mean = round((state.capacity - _MEAN_START) / _MEAN_STEP)
        spread = round(math.log(max(state.spread, 1e-9) / _SPREAD_START) / _LOG_SPREAD_STEP)
        return min(max(spread, 0), _SPREAD_LAST) * len(EXPECTED_MEANS) + min(max(mean, 0), _MEAN_LAST)

    def _allowed_competences(self, state: CatState) -> Iterator[np.ndarray | None]:
        """Competence masks to try in turn, strictest first; None allows every competence."""
        if self.config.all_competences_first and state.unseen.any():
            yield state.unseen  # nothing of an unseen competence was served: its items are there
        spacing = self.config.competence_spacing
        if spacing and state.competences:
            allowed = np.ones(self.n_competences, bool)
            allowed[state.competences[-spacing:]] = False
            yield allowed
        yield None

    def _shortlist(self, state, column, competences, mask) -> np.ndarray:
        """The best `shortlist_size` items at this column among those of `mask` (open, or just
        available) and of the allowed competences, best first."""
        top = self._ranking[column]
        allowed = mask[top]
        if competences is not None:
            allowed &= competences[self._ranking_competence[column]]
        size = self._shortlist_size(state.step)
        found = allowed.nonzero()[0][: EXPECTED_CANDIDATES if self._expected else size]
        if len(found) < size and len(top) < self.size:
            return self._shortlist_from_whole_bank(state, column, competences, mask)
        if not self._expected:
            return top[found]
        return self._best(top[found], state)

    def _shortlist_from_whole_bank(self, state, column, competences, mask) -> np.ndarray:
        allowed = mask if competences is None else mask & competences[self.competence]
        candidates = np.flatnonzero(allowed)
        if self._expected:
            return self._best(candidates, state)
        score = irt.information(
            SELECTION_THETAS[column], self.discrimination[candidates], self.difficulty[candidates]
        )
        if self.exposure is not None:
            score -= self.exposure.prices[candidates]
        return candidates[np.argsort(-score, kind="stable")[: self._shortlist_size(state.step)]]

    def _best(self, candidates: np.ndarray, state: CatState) -> np.ndarray:
        """The candidates of highest information averaged over the posterior (less price)."""
        score = self._grid_information[candidates] @ state.weights
        if self.exposure is not None:
            score -= self.exposure.prices[candidates]
        return candidates[np.argsort(-score, kind="stable")[: self._shortlist_size(state.step)]]

    def _shortlist_size(self, step: int) -> int:
        config = self.config
        return max(config.shortlist_size, config.opening_shortlist) if step == 0 else config.shortlist_size

    def _pick(self, count: int, uniform: float, step: int) -> int:
        """Position in the shortlist. The first question: uniform over the opening shortlist.
        Then the first with probability p, else the next with p, ...; the last takes what is left
        (one uniform, through the inverse of the geometric law)."""
        if step == 0 and self.config.opening_shortlist > 1:
            return min(int(uniform * count), count - 1)
        p = self.config.pick_probability
        last = self.config.last_pick_probability
        if last is not None and self.config.length > 1:
            p += (last - p) * step / (self.config.length - 1)
        if count == 1 or p >= 1.0:
            return 0
        return min(int(math.log1p(-uniform) / math.log1p(-p)), count - 1)

    # --- construction --------------------------------------------------------------------------

    def _prior(self) -> tuple[float, np.ndarray]:
        """Starting capacity and the log density before any answer."""
        if self.config.estimator == "reference":
            return float(self.config.initial_capacity), np.zeros_like(estimation.GRID)
        log_prior = estimation.normal_log_prior(self.config.prior_mean, self.config.prior_sd**2)
        return estimation.posterior_mean(log_prior), log_prior

    def _exclusive_codes(self, tube, skill) -> np.ndarray | None:
        """Items sharing a code exclude one another: tubes, else skills (reference rules 1 and 2)."""
        chosen = tube if self.config.one_question_per_tube and tube is not None else skill
        return None if chosen is None else _codes(chosen, self.size)[0]

    @property
    def _expected(self) -> bool:
        return self.config.selection == "expected"

    @property
    def _start_spread(self) -> float:
        if self.config.estimator == "reference":
            return math.sqrt(estimation.REFERENCE_PRIOR_VARIANCE)
        return float(self.config.prior_sd)

    def _rank(self, prices: np.ndarray | None) -> None:
        """Rank the items by selection score less price at every row of the selection grid."""
        if prices is not None and not prices.any():
            prices = None
        if not self._expected:
            self._ranking = irt.information_ranking(
                self.discrimination, self.difficulty, SELECTION_THETAS, RANKING_DEPTH, prices
            )
        else:
            offset = np.float32(0) if prices is None else prices.astype(np.float32)
            tables = self._expected_tables or self._expected_information_tables(lazily=True)
            self._ranking = np.concatenate(
                [irt.ranking_rows(table - offset, RANKING_DEPTH) for table in tables]
            )
        self._ranking_competence = self.competence[self._ranking]

    def _expected_information_tables(self, lazily: bool = False):
        """Expected information of every item at every mean, one table per spread (float32)."""
        tables = (
            irt.expected_information(
                self.discrimination, self.difficulty, EXPECTED_MEANS, spread
            ).astype(np.float32)
            for spread in EXPECTED_SPREADS
        )
        return tables if lazily else list(tables)

    def _exposure_parameters(self) -> "exposure.ExposureParameters | None":
        config = self.config
        if config.max_exposure is None:
            return None
        if config.exposure_parameters is not None:
            return exposure.ExposureParameters.coerce(config.exposure_parameters, self.size)
        prices = np.zeros(self.size)
        if config.price_fit_iterations:
            prices = exposure.fit_prices(
                lambda trial, iteration: self._exposure_under(
                    exposure.ExposureParameters(np.ones(self.size), trial), iteration
                ),
                self.size, config.max_exposure - config.price_fit_margin,
                config.price_fit_iterations,
            )
        eligibility = exposure.fit_parameters(
            lambda trial, iteration: self._exposure_under(
                exposure.ExposureParameters(trial, prices), config.price_fit_iterations + iteration
            ),
            self.size, config.max_exposure - config.exposure_fit_margin,
            config.exposure_fit_iterations,
        )
        iteration = config.price_fit_iterations + config.exposure_fit_iterations
        for polish in range(config.exposure_polish_passes):
            rates = self._exposure_under(
                exposure.ExposureParameters(eligibility, prices), iteration + polish,
                examinees=2 * config.exposure_fit_examinees,
            )
            eligibility = exposure.trim_parameters(
                eligibility, rates, config.max_exposure - config.exposure_fit_margin
            )
        return exposure.ExposureParameters(eligibility, prices)

    def _exposure_under(
        self, parameters: "exposure.ExposureParameters", iteration: int, examinees: int | None = None
    ) -> np.ndarray:
        """Exposure rates of simulated tests run with these exposure parameters."""
        engine = copy.copy(self)
        engine.exposure = parameters
        engine._rank(parameters.prices)
        config = self.config
        rng = np.random.default_rng([config.exposure_fit_seed, iteration])
        examinees = examinees or self._fit_examinees(iteration)
        abilities = rng.normal(config.prior_mean, config.prior_sd, examinees)
        draws = rng.random((examinees, config.length))
        tests = _simulated_tests(engine, abilities, draws, [config.exposure_fit_seed, iteration])
        return exposure.exposure_rates(tests, self.size)

    def _fit_examinees(self, iteration: int) -> int:
        """Simulated tests for this fitting iteration. Prices only need the sign of each excess
        (their steps shrink and the last ones are averaged), which half the tests give. The
        eligibility fit sets the cap: it gets them all."""
        config = self.config
        if iteration < config.price_fit_iterations:
            return max(config.exposure_fit_examinees // 2, 1)
        return config.exposure_fit_examinees


def administer(
    engine: CatEngine, ability: float, seed, rng: np.random.Generator | None = None, draws=None
) -> CatState:
    """Run a whole test for a simulated examinee of this true ability; its final state.
    Question k is answered right when draws[k] < P (draws: from rng when not given)."""
    state = engine.start(seed)
    if draws is None:
        draws = rng.random(engine.config.length)
    for draw in draws:
        index = engine.select(state)
        exponent = engine.discrimination[index] * (engine.difficulty[index] - ability)
        engine.update(state, index, draw * (1.0 + math.exp(exponent)) < 1.0)
    return state


def _simulated_tests(engine: CatEngine, abilities, draws, seed_prefix: list) -> list[list[int]]:
    """The items of each simulated test; examinee n's test is seeded with seed_prefix + [n].

    Split over the machine's cores when it has several and this process may safely fork (a
    single-threaded, non-daemonic process: the simulator, a management command): the exposure fit
    runs thousands of tests. Each test is a function of its seed and draws only, so the split
    changes nothing in the result.
    """
    chunks = _fit_processes(engine.config, len(abilities))
    if chunks <= 1:
        return _tests_of_chunk(engine, abilities, draws, seed_prefix, 0)
    bounds = np.linspace(0, len(abilities), chunks + 1).astype(int)
    jobs = [(abilities[lo:hi], draws[lo:hi], seed_prefix, int(lo)) for lo, hi in zip(bounds, bounds[1:])]
    global _FORKED_ENGINE
    _FORKED_ENGINE = engine  # the children inherit it by fork: nothing big is pickled
    try:
        with multiprocessing.get_context("fork").Pool(chunks) as pool:
            return [test for chunk in pool.map(_tests_of_forked_chunk, jobs) for test in chunk]
    finally:
        _FORKED_ENGINE = None


_FORKED_ENGINE = None
FIT_PROCESSES_VARIABLE = "ADAPTIVE_FIT_PROCESSES"


def _tests_of_forked_chunk(job) -> list[list[int]]:
    return _tests_of_chunk(_FORKED_ENGINE, *job)


def _tests_of_chunk(engine, abilities, draws, seed_prefix, first: int) -> list[list[int]]:
    return [
        administer(engine, float(ability), [*seed_prefix, first + number], draws=draws[number]).items
        for number, ability in enumerate(abilities)
    ]


def _fit_processes(config: CatConfig, examinees: int) -> int:
    if config.fit_processes is not None:
        return max(1, config.fit_processes)
    # Some libraries close the connections they inherit in a forked child (kombu does, on a
    # Redis socket that can block for ever): a process holding them sets this to 1.
    forced = os.environ.get(FIT_PROCESSES_VARIABLE, "")
    if forced.isdigit():
        return max(1, int(forced))
    # Fork copies the calling thread alone: a lock another thread holds (a threaded web server,
    # a worker's pool) stays locked in the children. Only a single-threaded process forks.
    if examinees < 200 or multiprocessing.current_process().daemon or threading.active_count() > 1:
        return 1
    if "fork" not in multiprocessing.get_all_start_methods():
        return 1
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return min(cores, 4)


def _indices(items) -> np.ndarray:
    """Item indices from a list of indices or a boolean mask over the bank."""
    array = np.asarray(items if isinstance(items, np.ndarray) else list(items))
    return np.flatnonzero(array) if array.dtype == bool else array.astype(np.intp)


def _codes(values, size: int) -> tuple[np.ndarray, tuple]:
    """Integer codes for a column given as integer codes already or as labels."""
    values = np.asarray(values)
    if np.issubdtype(values.dtype, np.integer) and (values.size == 0 or values.min() >= -1):
        return values.astype(np.intp), tuple(range(int(values.max(initial=-1)) + 1))
    codes, labels = encode_labels(list(values), size)
    return codes.astype(np.intp), labels


def _exclusive_groups(codes: np.ndarray | None) -> list[np.ndarray] | None:
    """For each item, the indices of the items of its group (itself alone when it has none)."""
    if codes is None:
        return None
    order = np.argsort(codes, kind="stable")
    boundaries = np.flatnonzero(np.diff(codes[order])) + 1
    members = {int(codes[group[0]]): group for group in np.split(order, boundaries)}
    return [members[code] if code >= 0 else np.array([item]) for item, code in enumerate(codes)]
