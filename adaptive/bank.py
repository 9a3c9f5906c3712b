"""An item bank held as parallel numpy arrays, a synthetic bank generator, and CSV input/output.

Categorical columns (competence, tube, skill) are stored as integer codes 0..k-1 with their labels
kept aside, so that the engine filters with plain integer indexing. Code -1 means "none" (a bank
without tubes, a challenge without a skill).
"""

import csv
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import numpy as np

CSV_COLUMNS = ("id", "discrimination", "difficulty", "competence", "tube", "skill", "accessible")


@dataclass(frozen=True, eq=False)
class ItemBank:
    ids: np.ndarray  # str labels of the challenges
    discrimination: np.ndarray  # float64, a
    difficulty: np.ndarray  # float64, b
    competence: np.ndarray  # int codes into competence_labels
    tube: np.ndarray  # int codes into tube_labels, -1 when none
    skill: np.ndarray  # int codes into skill_labels, -1 when none
    accessible: np.ndarray  # bool: usable by candidates who need accessibility adjustments
    competence_labels: tuple[str, ...]
    tube_labels: tuple[str, ...] = ()
    skill_labels: tuple[str, ...] = ()

    def __len__(self) -> int:
        return len(self.discrimination)

    @property
    def has_tubes(self) -> bool:
        return bool(self.tube_labels)

    @classmethod
    def from_columns(
        cls, discrimination, difficulty, competence, tube=None, skill=None, accessible=None, ids=None
    ) -> "ItemBank":
        """Build a bank from raw columns; labels may be any hashable values (empty = none)."""
        discrimination = np.asarray(discrimination, dtype=np.float64)
        difficulty = np.asarray(difficulty, dtype=np.float64)
        size = len(discrimination)
        if len(difficulty) != size or len(competence) != size:
            raise ValueError("discrimination, difficulty and competence must have the same length")
        if size and discrimination.min() <= 0:
            raise ValueError("discrimination must be positive")
        competence_codes, competence_labels = encode_labels(competence)
        if (competence_codes < 0).any():
            raise ValueError("every item needs a competence")
        tube_codes, tube_labels = encode_labels(tube, size)
        skill_codes, skill_labels = encode_labels(skill, size)
        accessible = np.ones(size, bool) if accessible is None else np.asarray(accessible, bool)
        ids = np.arange(size).astype(str) if ids is None else np.asarray(ids, dtype=str)
        return cls(
            ids, discrimination, difficulty, competence_codes, tube_codes, skill_codes, accessible,
            competence_labels, tube_labels, skill_labels,
        )


def encode_labels(values, size: int | None = None) -> tuple[np.ndarray, tuple[str, ...]]:
    """Integer codes (in order of first appearance) and labels; None and "" become -1."""
    if values is None:
        return np.full(size or 0, -1, dtype=np.int32), ()
    codes, labels = np.empty(len(values), dtype=np.int32), {}
    for position, value in enumerate(values):
        label = "" if value is None else str(value)
        codes[position] = -1 if label == "" else labels.setdefault(label, len(labels))
    return codes, tuple(labels)


def synthetic_bank(
    n_items: int = 1000,
    n_competences: int = 16,
    items_per_tube: int | None = None,
    seed: int = 0,
    inaccessible_share: float = 0.0,
) -> ItemBank:
    """A random 2PL bank: a ~ lognormal(0, 0.3) clipped to [0.3, 2.5], b ~ N(0, 1.2) clipped to
    [-4, 4], competences dealt round-robin, optional tubes of `items_per_tube` items inside a
    competence (one skill per item), and a share of items flagged not accessible."""
    rng = np.random.default_rng(seed)
    discrimination = np.clip(rng.lognormal(0.0, 0.3, n_items), 0.3, 2.5)
    difficulty = np.clip(rng.normal(0.0, 1.2, n_items), -4.0, 4.0)
    competence_code = rng.permutation(np.arange(n_items) % n_competences)
    competence = [f"c{code + 1}" for code in competence_code]
    tube = skill = None
    if items_per_tube:
        rank_in_competence = _rank_within_groups(competence_code)
        tube = [f"{c}.t{r // items_per_tube + 1}" for c, r in zip(competence, rank_in_competence)]
        skill = [f"{t}.s{r % items_per_tube + 1}" for t, r in zip(tube, rank_in_competence)]
    accessible = rng.random(n_items) >= inaccessible_share
    ids = [f"item{position + 1}" for position in range(n_items)]
    return ItemBank.from_columns(
        discrimination, difficulty, competence, tube, skill, accessible, ids
    )


def _rank_within_groups(codes: np.ndarray) -> np.ndarray:
    """Position of each element among the elements that share its code (0, 1, 2, ...)."""
    order = np.argsort(codes, kind="stable")
    sorted_codes = codes[order]
    starts = np.flatnonzero(np.r_[True, sorted_codes[1:] != sorted_codes[:-1]])
    group_start = starts[np.searchsorted(starts, np.arange(len(codes)), side="right") - 1]
    ranks = np.empty(len(codes), dtype=np.int64)
    ranks[order] = np.arange(len(codes)) - group_start
    return ranks


def write_csv(bank: ItemBank, target) -> None:
    """Write the bank as CSV (a path or an open text file)."""
    with _opened(target, "w") as stream:
        writer = csv.writer(stream)
        writer.writerow(CSV_COLUMNS)
        for row in range(len(bank)):
            writer.writerow((
                bank.ids[row],
                repr(float(bank.discrimination[row])),
                repr(float(bank.difficulty[row])),
                bank.competence_labels[bank.competence[row]],
                _label(bank.tube_labels, bank.tube[row]),
                _label(bank.skill_labels, bank.skill[row]),
                int(bank.accessible[row]),
            ))


def read_csv(source) -> ItemBank:
    """Read a bank written by write_csv; tube, skill, accessible and id columns are optional."""
    with _opened(source, "r") as stream:
        rows = list(csv.DictReader(stream))
    columns = {name: [row.get(name) for row in rows] for name in CSV_COLUMNS}
    present = set(rows[0]) if rows else set()
    accessible = None
    if "accessible" in present:
        accessible = [value.strip().lower() in ("1", "true", "yes") for value in columns["accessible"]]
    return ItemBank.from_columns(
        [float(value) for value in columns["discrimination"]],
        [float(value) for value in columns["difficulty"]],
        columns["competence"],
        tube=columns["tube"] if "tube" in present else None,
        skill=columns["skill"] if "skill" in present else None,
        accessible=accessible,
        ids=columns["id"] if "id" in present else None,
    )


def _label(labels: tuple[str, ...], code: int) -> str:
    return labels[code] if code >= 0 else ""


@contextmanager
def _opened(target, mode: str):
    """Open a path, or pass an already open stream through without closing it."""
    if hasattr(target, "read") or hasattr(target, "write"):
        yield target
        return
    with Path(target).open(mode, newline="", encoding="utf-8") as stream:
        yield stream
