"""Answer checking: pure functions, no Django.

A challenge's solution and the learner's answer go in, a result comes out: ``ok``, ``ko`` or
``partially`` (QROCM-ind with some fields right is reported as ``ko`` with per-field details; the
``partially`` status is kept for callers that score QROCM-dep by grade).

The stored form of an answer is the same for every type and every client: QCU ``"2"``, QCM
``"1,3"`` (numbers of the ticked proposals, in the content's order), QROC and QROCM
``{field key: text}``, and ``SKIP_VALUE`` for "Je passe". `correct_answers` gives the stored forms
the key accepts, for the loader's self-check, the demo world and the tests.
The tolerance rules follow the reference platform: ``t1`` (case, accents, spaces), ``t2``
(punctuation) and ``t3`` (edit distance ≤ 25 % of the answer's length).
"""

from __future__ import annotations

import logging
import re
import unicodedata
from dataclasses import dataclass, field

from referentiel.enums import AnswerResult, ChallengeType

OK = AnswerResult.OK
KO = AnswerResult.KO
PARTIALLY = AnswerResult.PARTIALLY
SKIPPED = AnswerResult.SKIPPED
TIMED_OUT = AnswerResult.TIMED_OUT
FOCUSED_OUT = AnswerResult.FOCUSED_OUT
SKIP_VALUE = "#ABAND#"  # the stored answer of "Je passe"

ALL_TOLERANCES = ("t1", "t2", "t3")
TYPO_RATE_MAX = 0.25

_COMBINING = re.compile(r"[\u0300-\u036f]")
_WHITESPACE = re.compile(r"\s+")
_NOT_ALNUM_SPACE = re.compile(r"[^a-zA-Z0-9 ]")
_NUMBER = re.compile(r"^[+-]?\d+(?:[.,]\d+)?$")

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class CheckResult:
    status: str
    details: dict = field(default_factory=dict)

    @property
    def is_ok(self) -> bool:
        return self.status == OK


def pre_treat(text: str) -> str:
    """Always applied: NFC normalisation and non-breaking spaces turned into spaces."""
    text = unicodedata.normalize("NFC", str(text))
    return text.replace("\u00a0", " ").replace("\u202f", " ")


def t1(text: str) -> str:
    """Ignore case, accents and every space."""
    text = unicodedata.normalize("NFD", text.strip().lower())
    text = _COMBINING.sub("", text)
    return _WHITESPACE.sub("", text)


def t2(text: str) -> str:
    """Ignore punctuation (anything but ASCII letters, digits and spaces)."""
    return _WHITESPACE.sub(" ", _NOT_ALNUM_SPACE.sub("", text))


def treat(text: str, tolerances) -> str:
    text = pre_treat(text)
    if "t1" in tolerances:
        text = t1(text)
    if "t2" in tolerances:
        text = t2(text)
    return text


def levenshtein(a: str, b: str) -> int:
    if a == b:
        return 0
    if len(a) < len(b):
        a, b = b, a
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, start=1):
        current = [i]
        for j, char_b in enumerate(b, start=1):
            current.append(
                min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char_a != char_b))
            )
        previous = current
    return previous[-1]


def matches_variants(answer: str, variants, tolerances=ALL_TOLERANCES) -> bool:
    """True when the answer equals one accepted variant once the tolerances are applied."""
    treated_answer = treat(answer, tolerances)
    treated_variants = [treat(variant, tolerances) for variant in variants]
    if "t3" not in tolerances:
        return treated_answer in treated_variants
    if not treated_answer:
        return "" in treated_variants
    best = min(levenshtein(treated_answer, variant) for variant in treated_variants)
    return best / len(treated_answer) <= TYPO_RATE_MAX


def _as_number(text: str):
    cleaned = pre_treat(text).strip().replace(" ", "")
    if not _NUMBER.match(cleaned):
        return None
    return float(cleaned.replace(",", "."))


def _indexes(value) -> list[str]:
    if isinstance(value, (list, tuple)):
        parts = [str(item) for item in value]
    else:
        parts = str(value).split(",")
    return sorted(part.strip() for part in parts if part.strip())


def check_qcu(answer, solution) -> CheckResult:
    expected = _indexes(solution)
    return CheckResult(OK if _indexes(answer) == expected and len(expected) == 1 else KO)


def check_qcm(answer, solution) -> CheckResult:
    return CheckResult(OK if _indexes(answer) == _indexes(solution) else KO)


def check_field(answer: str, variants, tolerances, *, is_select=False, is_number=False) -> bool:
    if answer is None:
        return False
    answer = str(answer)
    if is_number:
        number = _as_number(answer)
        numbers = [_as_number(str(variant)) for variant in variants]
        if number is not None and all(value is not None for value in numbers):
            return any(abs(number - value) < 1e-9 for value in numbers)
    if is_select:
        return pre_treat(answer).strip() in [pre_treat(str(v)).strip() for v in variants]
    return matches_variants(answer, [str(v) for v in variants], tolerances)


def check_qroc(answer, solution: dict, *, tolerances=ALL_TOLERANCES, select_keys=(),
               is_number=False) -> CheckResult:
    (key, variants), = solution.items()
    value = answer.get(key) if isinstance(answer, dict) else answer
    right = check_field(value, variants, tolerances, is_select=key in select_keys,
                        is_number=is_number)
    return CheckResult(OK if right else KO, {key: right})


def check_qrocm_ind(answer: dict, solution: dict, *, tolerances=ALL_TOLERANCES,
                    select_keys=(), is_number=False) -> CheckResult:
    answer = answer if isinstance(answer, dict) else {}
    details = {
        key: check_field(answer.get(key), variants, tolerances, is_select=key in select_keys,
                         is_number=is_number)
        for key, variants in solution.items()
    }
    return CheckResult(OK if all(details.values()) else KO, details)


def check_qrocm_dep(answer: dict, groups, *, tolerances=ALL_TOLERANCES,
                    is_number=False) -> CheckResult:
    """Each answer must match a different group of variants; the order does not matter."""
    answer = answer if isinstance(answer, dict) else {}
    unused = list(range(len(groups)))
    details = {}
    for key, value in answer.items():
        found = next(
            (index for index in unused
             if value and check_field(value, groups[index], tolerances, is_number=is_number)),
            None,
        )
        details[key] = found is not None
        if found is not None:
            unused.remove(found)
    good = sum(details.values())
    return CheckResult(OK if answer and good == len(answer) else KO, details)


@dataclass(frozen=True)
class SolutionSpec:
    """What the checker needs to know about a challenge."""

    type: str
    solution: object
    tolerances: tuple = ALL_TOLERANCES
    select_keys: tuple = ()
    is_number: bool = False


def _variants_ok(variants) -> bool:
    return isinstance(variants, list | tuple) and all(
        isinstance(v, str | int | float) and not isinstance(v, bool) for v in variants)


def solution_is_well_formed(spec: SolutionSpec) -> bool:
    """Whether the checker can read this solution at all (the loader and the admin check much
    more: this only guards against stored content of the wrong shape)."""
    solution = spec.solution
    if spec.type in (ChallengeType.QCU, ChallengeType.QCM):
        return _variants_ok(solution) or (isinstance(solution, str | int) and not isinstance(solution, bool))
    if spec.type in (ChallengeType.QROC, ChallengeType.QROCM_IND):
        return (isinstance(solution, dict) and bool(solution)
                and (spec.type != ChallengeType.QROC or len(solution) == 1)
                and all(isinstance(k, str) and _variants_ok(v) for k, v in solution.items()))
    if spec.type == ChallengeType.QROCM_DEP:
        return isinstance(solution, list | tuple) and all(_variants_ok(group) for group in solution)
    return False


def check_answer(spec: SolutionSpec, answer) -> CheckResult:
    """The result of an answer; never raises, whatever the stored content or the answer: a
    solution the checker cannot read scores ``ko`` and is logged for the content team."""
    if answer == SKIP_VALUE or answer is None:
        return CheckResult(SKIPPED)
    if not solution_is_well_formed(spec):
        logger.error("Solution illisible pour une épreuve de type %r : %r", spec.type, spec.solution)
        return CheckResult(KO, {"content_error": True})
    try:
        return _check(spec, answer)
    except (TypeError, ValueError, AttributeError, KeyError, IndexError):
        logger.exception("Le correcteur n'a pas pu lire la réponse %r", answer)
        return CheckResult(KO, {"content_error": True})


def _check(spec: SolutionSpec, answer) -> CheckResult:
    tolerances = () if spec.is_number else tuple(
        t for t in (spec.tolerances or ()) if t in ALL_TOLERANCES)
    if spec.type == ChallengeType.QCU:
        return check_qcu(answer, spec.solution)
    if spec.type == ChallengeType.QCM:
        return check_qcm(answer, spec.solution)
    if spec.type == ChallengeType.QROC:
        return check_qroc(answer, spec.solution, tolerances=tolerances,
                          select_keys=spec.select_keys, is_number=spec.is_number)
    if spec.type == ChallengeType.QROCM_IND:
        return check_qrocm_ind(answer, spec.solution, tolerances=tolerances,
                               select_keys=spec.select_keys, is_number=spec.is_number)
    if spec.type == ChallengeType.QROCM_DEP:
        return check_qrocm_dep(answer, spec.solution, tolerances=tolerances,
                               is_number=spec.is_number)
    raise ValueError(f"Unknown challenge type: {spec.type}")  # unreachable: checked above


def correct_answers(spec: SolutionSpec, field_keys=()) -> list:
    """Every answer, in its stored form, that the key says is right (one per accepted variant
    position). `field_keys` are the challenge's field keys, in order, for QROCM-dep."""
    if ChallengeType(spec.type).has_proposals:
        return [",".join(str(n) for n in sorted(spec.solution))]
    if spec.type == ChallengeType.QROCM_DEP:
        return [{key: group[0] for key, group in zip(field_keys, spec.solution)}]
    variants = spec.solution
    depth = min(len(v) for v in variants.values())
    answers = [{key: v[i] for key, v in variants.items()} for i in range(depth)]
    answers.append({key: v[-1] for key, v in variants.items()})
    return answers
