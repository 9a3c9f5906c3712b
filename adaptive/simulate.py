"""Simulate certification tests and measure accuracy, exposure, coverage and speed.

    python -m adaptive.simulate --items 1000 --examinees 2000 --seeds 1 2 3
    python -m adaptive.simulate --bank bank.csv --setting reference --json

A bank is generated (2PL, 16 competences, see `adaptive.bank.synthetic_bank`) or read from CSV;
examinees have abilities drawn from N(0, 1) or read from a CSV column `ability`. Each simulated
examinee answers right with the 2PL probability at their true ability. The time per question is
select + update, measured around those two calls only, with perf_counter_ns.
"""

import argparse
import csv
import json
import sys
import time
from dataclasses import asdict, dataclass

import numpy as np

from adaptive import exposure
from adaptive.bank import ItemBank, read_csv, synthetic_bank, write_csv
from adaptive.cat import CatConfig, CatEngine

SETTINGS = {
    "production": CatConfig,
    # Production rules, exposure parameters fitted right at the cap, and exposure counts kept
    # in a shared store (the database) that closes the items at the cap: see run_tests.
    "production-counts": lambda length: CatConfig(length=length, exposure_fit_margin=0.0),
    "textbook": CatConfig.textbook,
    "reference": CatConfig.reference,
}
COUNTED_SETTINGS = {"production-counts"}
COUNTS_REFRESH = 50  # tests between two readings of the counts, as several tests run at once
COUNTS_SLACK = 0.005  # close a little below the cap: between two readings, items keep being served
ABILITY_BANDS = (-np.inf, -2.0, -1.0, 0.0, 1.0, 2.0, np.inf)


@dataclass
class Outcome:
    """What one simulation run measured."""

    setting: str
    seed: int
    items: int
    examinees: int
    length: int
    rmse: float
    bias: float
    rmse_by_band: dict[str, float]
    exposure_mean: float
    exposure_max: float
    never_used_share: float
    overlap: float
    competences_per_test: float  # mean number of distinct competences in a test
    all_competences_share: float  # share of tests that visit every competence
    max_per_tube: int  # most questions one test drew from a single tube (0: bank without tubes)
    step_mean_us: float
    step_p99_us: float
    build_seconds: float


@dataclass
class Run:
    """The raw record of a simulation: items served, estimates, and time per question."""

    abilities: np.ndarray
    estimates: np.ndarray
    tests: list[list[int]]
    step_ns: np.ndarray


def run_tests(
    engine: CatEngine, abilities: np.ndarray, seed: int, counted: bool = False
) -> Run:
    """One test per examinee; the test of examinee i is seeded with (seed, i).

    counted: exposure counts are kept across tests, and the items at the cap are closed to the
    next tests; the closed set is read every COUNTS_REFRESH tests, so it lags as it would with
    many tests running at once.
    """
    draws = response_draws(seed, len(abilities), engine.config.length)
    a, b = engine.discrimination, engine.difficulty
    estimates, tests, timings = np.empty(len(abilities)), [], []
    counts, closed = np.zeros(engine.size, np.int64), ()
    clock = time.perf_counter_ns
    for examinee, ability in enumerate(abilities):
        if counted and examinee % COUNTS_REFRESH == 0:
            cap = engine.config.max_exposure - COUNTS_SLACK
            closed = exposure.closed_items(counts, examinee, cap)
        state = engine.start([seed, examinee], closed=closed)
        for draw in draws[examinee]:
            started = clock()
            index = engine.select(state)
            selected = clock()
            correct = draw * (1.0 + np.exp(a[index] * (b[index] - ability))) < 1.0
            answered = clock()
            engine.update(state, index, correct)
            timings.append(selected - started + clock() - answered)
        estimates[examinee] = engine.estimate(state)
        tests.append(state.items)
        counts[state.items] += 1
    return Run(np.asarray(abilities), estimates, tests, np.asarray(timings))


def response_draws(seed: int, examinees: int, length: int) -> np.ndarray:
    """Uniforms behind the answers: examinee e answers question k right when draw[e, k] < P."""
    return np.random.default_rng([seed, 0]).random((examinees, length))


def draw_abilities(seed: int, examinees: int) -> np.ndarray:
    return np.random.default_rng([seed, 1]).normal(0.0, 1.0, examinees)


def summarise(run: Run, bank: ItemBank, setting: str, seed: int, build_seconds: float) -> Outcome:
    error = run.estimates - run.abilities
    rates = exposure.exposure_rates(run.tests, len(bank))
    competences = [len(set(bank.competence[test].tolist())) for test in run.tests]
    return Outcome(
        setting=setting,
        seed=seed,
        items=len(bank),
        examinees=len(run.abilities),
        length=max(len(test) for test in run.tests),
        rmse=_rmse(error),
        bias=float(error.mean()),
        rmse_by_band=_rmse_by_band(run.abilities, error),
        exposure_mean=float(rates.mean()),
        exposure_max=float(rates.max()),
        never_used_share=float((rates == 0).mean()),
        overlap=exposure.overlap_rate(run.tests, len(bank)),
        competences_per_test=float(np.mean(competences)),
        all_competences_share=float(np.mean(np.asarray(competences) == len(bank.competence_labels))),
        max_per_tube=_max_per_tube(run.tests, bank),
        step_mean_us=float(run.step_ns.mean() / 1000),
        step_p99_us=float(np.percentile(run.step_ns, 99) / 1000),
        build_seconds=build_seconds,
    )


def simulate(bank: ItemBank, abilities: np.ndarray, setting: str, seed: int, length: int = 32) -> Outcome:
    """Build the engine for this setting (timed apart), run every test, summarise."""
    started = time.perf_counter()
    engine = CatEngine.from_bank(bank, _config(setting, length))
    build_seconds = time.perf_counter() - started
    run = run_tests(engine, abilities, seed, counted=setting in COUNTED_SETTINGS)
    return summarise(run, bank, setting, seed, build_seconds)


def _config(setting: str, length: int) -> CatConfig:
    return SETTINGS[setting](length=length)


def _rmse(error: np.ndarray) -> float:
    return float(np.sqrt(np.mean(np.square(error)))) if len(error) else float("nan")


def _rmse_by_band(abilities: np.ndarray, error: np.ndarray) -> dict[str, float]:
    bands = {}
    for low, high in zip(ABILITY_BANDS[:-1], ABILITY_BANDS[1:]):
        inside = (abilities >= low) & (abilities < high)
        bands[f"[{low:g}, {high:g})"] = _rmse(error[inside])
    return bands


def _max_per_tube(tests: list[list[int]], bank: ItemBank) -> int:
    if not bank.has_tubes:
        return 0
    return max(int(np.bincount(bank.tube[test][bank.tube[test] >= 0]).max(initial=0)) for test in tests)


# --- command line --------------------------------------------------------------------------------


def parse_arguments(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m adaptive.simulate", description=__doc__.split("\n\n")[0])
    source = parser.add_mutually_exclusive_group()
    source.add_argument("--bank", help="read the item bank from this CSV file")
    source.add_argument("--items", type=int, default=1000, help="size of the generated bank (1000)")
    parser.add_argument("--competences", type=int, default=16, help="competences of the generated bank (16)")
    parser.add_argument("--items-per-tube", type=int, default=0, help="group the generated items in tubes of this size (0: no tubes)")
    parser.add_argument("--write-bank", help="also write the bank of the first seed to this CSV file")
    parser.add_argument("--examinees", type=int, default=2000, help="number of simulated examinees (2000)")
    parser.add_argument("--abilities", help="read the examinees' true abilities from this CSV file (column 'ability')")
    parser.add_argument("--length", type=int, default=32, help="questions per test (32)")
    parser.add_argument("--setting", choices=sorted(SETTINGS), default="production", help="engine settings (production)")
    parser.add_argument("--seeds", type=int, nargs="+", default=[1], help="one run per seed: bank, examinees and tests (1)")
    parser.add_argument("--json", action="store_true", help="print one JSON object per run instead of a report")
    return parser.parse_args(argv)


def load_bank(arguments, seed: int) -> ItemBank:
    if arguments.bank:
        return read_csv(arguments.bank)
    return synthetic_bank(arguments.items, arguments.competences, arguments.items_per_tube or None, seed=seed)


def load_abilities(arguments, seed: int) -> np.ndarray:
    if arguments.abilities:
        with open(arguments.abilities, newline="", encoding="utf-8") as stream:
            return np.array([float(row["ability"]) for row in csv.DictReader(stream)])
    return draw_abilities(seed, arguments.examinees)


def report(outcome: Outcome) -> str:
    bands = "  ".join(f"{band} {value:.3f}" for band, value in outcome.rmse_by_band.items())
    return "\n".join([
        f"{outcome.setting}, seed {outcome.seed}: {outcome.items} items, {outcome.examinees} examinees, {outcome.length} questions",
        f"  RMSE {outcome.rmse:.4f}   bias {outcome.bias:+.4f}",
        f"  RMSE by ability band: {bands}",
        f"  exposure: mean {outcome.exposure_mean:.4f}  max {outcome.exposure_max:.4f}  never used {outcome.never_used_share:.1%}  overlap {outcome.overlap:.4f}",
        f"  competences per test {outcome.competences_per_test:.2f} (all of them in {outcome.all_competences_share:.1%} of tests)"
        + (f"   most questions from one tube: {outcome.max_per_tube}" if outcome.max_per_tube else ""),
        f"  time per question (select + update): mean {outcome.step_mean_us:.1f} µs  p99 {outcome.step_p99_us:.1f} µs   (engine built in {outcome.build_seconds:.1f} s)",
    ])


def main(argv=None) -> int:
    arguments = parse_arguments(argv)
    outcomes = []
    for position, seed in enumerate(arguments.seeds):
        bank = load_bank(arguments, seed)
        if arguments.write_bank and position == 0:
            write_csv(bank, arguments.write_bank)
        outcome = simulate(bank, load_abilities(arguments, seed), arguments.setting, seed, arguments.length)
        outcomes.append(outcome)
        print(json.dumps(asdict(outcome)) if arguments.json else report(outcome), flush=True)
    if len(outcomes) > 1 and not arguments.json:
        print(f"mean over {len(outcomes)} seeds: RMSE {np.mean([o.rmse for o in outcomes]):.4f}, "
              f"max exposure {max(o.exposure_max for o in outcomes):.4f}, "
              f"time per question {np.mean([o.step_mean_us for o in outcomes]):.1f} µs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
