"""Accuracy, exposure, coverage and speed of the certification CAT, per seed and averaged.

Each seed draws its own synthetic bank (a ~ lognormal(0, 0.3) clipped to [0.3, 2.5],
b ~ N(0, 1.2) clipped to [-4, 4], competences dealt round-robin), its own examinees (ability
N(0, 1)) and its own tests; every setting runs on the same banks and examinees. Exposure parameters
are fitted when each engine is built, on simulated examinees of their own (never the measured
ones); the build time is reported apart from the time per question.

Run from the repository root, on an otherwise idle machine (the time per question is measured):
    python -m bench.adaptive.cat_accuracy                                   # 1,000 items, seeds 1-6
    python -m bench.adaptive.cat_accuracy --items 10000 --settings production textbook
    python -m bench.adaptive.cat_accuracy --items-per-tube 5 --settings production
"""

import argparse
import json

import numpy as np

from adaptive import simulate
from adaptive.bank import synthetic_bank

COLUMNS = (
    "setting", "seed", "RMSE", "bias", "max exposure", "overlap", "never used",
    "all competences", "per tube", "µs/question mean", "p99", "build s",
)


def row(outcome: simulate.Outcome) -> list[str]:
    return [
        outcome.setting, str(outcome.seed), f"{outcome.rmse:.4f}", f"{outcome.bias:+.4f}",
        f"{outcome.exposure_max:.4f}", f"{outcome.overlap:.3f}", f"{outcome.never_used_share:.1%}",
        f"{outcome.all_competences_share:.0%}", str(outcome.max_per_tube or "-"),
        f"{outcome.step_mean_us:.1f}", f"{outcome.step_p99_us:.1f}", f"{outcome.build_seconds:.1f}",
    ]


def mean_row(outcomes: list[simulate.Outcome]) -> list[str]:
    def mean(name):
        return np.mean([getattr(outcome, name) for outcome in outcomes])

    return [
        f"**{outcomes[0].setting}, mean**", f"{len(outcomes)} seeds", f"**{mean('rmse'):.4f}**",
        f"{mean('bias'):+.4f}", f"max {max(o.exposure_max for o in outcomes):.4f}",
        f"{mean('overlap'):.3f}", f"{mean('never_used_share'):.1%}",
        f"{mean('all_competences_share'):.0%}", str(max(o.max_per_tube for o in outcomes) or "-"),
        f"{mean('step_mean_us'):.1f}", f"{mean('step_p99_us'):.1f}", f"{mean('build_seconds'):.1f}",
    ]


def markdown(cells: list[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--items", type=int, default=1000)
    parser.add_argument("--items-per-tube", type=int, default=0)
    parser.add_argument("--examinees", type=int, default=2000)
    parser.add_argument("--seeds", type=int, nargs="+", default=[1, 2, 3, 4, 5, 6])
    parser.add_argument("--settings", nargs="+", default=["textbook", "production", "production-counts", "reference"],
                        choices=sorted(simulate.SETTINGS))
    parser.add_argument("--json-out", help="also append every outcome as a JSON line to this file")
    arguments = parser.parse_args(argv)

    print(f"{arguments.items} items, {arguments.examinees} examinees, 32 questions"
          + (f", tubes of {arguments.items_per_tube} items" if arguments.items_per_tube else ""))
    print(markdown(list(COLUMNS)))
    print(markdown(["---"] * len(COLUMNS)))
    for setting in arguments.settings:
        outcomes = []
        for seed in arguments.seeds:
            bank = synthetic_bank(arguments.items, 16, arguments.items_per_tube or None, seed=seed)
            abilities = simulate.draw_abilities(seed, arguments.examinees)
            outcome = simulate.simulate(bank, abilities, setting, seed)
            outcomes.append(outcome)
            print(markdown(row(outcome)), flush=True)
            if arguments.json_out:
                with open(arguments.json_out, "a", encoding="utf-8") as stream:
                    stream.write(json.dumps({**outcome.__dict__, "items_per_tube": arguments.items_per_tube}) + "\n")
        if len(outcomes) > 1:
            print(markdown(mean_row(outcomes)), flush=True)


if __name__ == "__main__":
    main()
