"""What a learner submitted, read once for the page and the API, and its stored form.

The page posts a form (`answer` once or several times, `field_<key>`, `skip`), the API a JSON body
(`answer` as a number, a list or an object, `skip`); both become a `SubmittedAnswer`, and one
function turns it into the value stored and checked for the served challenge (see
`referentiel.checking` for the stored forms). An answer that does not fit the question (a proposal
that does not exist, a field the question does not have, an object where numbers are expected) is
refused as malformed; a well-formed answer with nothing in it is left to the test core, which
decides between "empty" and "timed out".
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from learners.errors import MalformedAnswerError
from learners.ids import parse_id
from referentiel.checking import SKIP_VALUE, correct_answers
from referentiel.enums import ChallengeType

MAX_FIELD_LENGTH = 500  # characters kept of a typed answer
FIELD_PREFIX = "field_"
WRONG_TEXT = "je ne sais pas"


@dataclass(frozen=True)
class SubmittedAnswer:
    challenge_id: int | None
    skip: bool = False
    choices: tuple[str, ...] = ()  # numbers of the ticked proposals, as sent
    fields: Mapping[str, str] | None = None  # typed answers by field key
    focused_out: bool = False
    malformed: bool = field(default=False)  # a shape no question takes (nested objects...)


def from_form(data) -> SubmittedAnswer:
    """A submitted challenge form (a QueryDict)."""
    fields = {key[len(FIELD_PREFIX):]: value for key, value in data.items()
              if key.startswith(FIELD_PREFIX)}
    return SubmittedAnswer(
        challenge_id=_integer(data.get("challenge")),
        skip=bool(data.get("skip")),
        choices=tuple(str(value) for value in data.getlist("answer") if str(value).strip()),
        fields=fields or None,
        focused_out=data.get("focused_out") == "1",
    )


def from_api(*, challenge, answer=None, skip=False, focused_out=False) -> SubmittedAnswer:
    """The API's validated body: `answer` is a proposal number, a list of them, or an object
    {field key: text}."""
    choices, fields, malformed = (), None, False
    if isinstance(answer, Mapping):
        fields = {str(key): value for key, value in answer.items()}
        malformed = not all(isinstance(v, str | int | float) and not isinstance(v, bool)
                            for v in fields.values())
        fields = {key: str(value) for key, value in fields.items()} if not malformed else None
    elif isinstance(answer, list):
        malformed = not all(isinstance(v, str | int) and not isinstance(v, bool) for v in answer)
        choices = () if malformed else tuple(str(v) for v in answer if str(v).strip())
    elif isinstance(answer, bool):
        malformed = True
    elif isinstance(answer, str | int):
        choices = tuple(part.strip() for part in str(answer).split(",") if part.strip())
    elif answer is not None:
        malformed = True
    return SubmittedAnswer(challenge_id=_integer(challenge), skip=bool(skip), choices=choices,
                           fields=fields, focused_out=bool(focused_out), malformed=malformed)


def stored_value(challenge, submitted: SubmittedAnswer):
    """The value to check and store for `challenge`; raises MalformedAnswerError."""
    if submitted.skip:
        return SKIP_VALUE
    if submitted.malformed:
        raise MalformedAnswerError()
    if ChallengeType(challenge.type).has_proposals:
        return _choices_value(challenge, submitted)
    return _fields_value(challenge, submitted)


def _choices_value(challenge, submitted):
    if submitted.fields:
        raise MalformedAnswerError()
    numbers = {str(n) for n in range(1, len(challenge.proposals) + 1)}
    ticked = {choice.strip() for choice in submitted.choices}
    if not ticked <= numbers or (challenge.type == ChallengeType.QCU and len(ticked) > 1):
        raise MalformedAnswerError()
    return ",".join(sorted(ticked, key=int))


def _fields_value(challenge, submitted):
    if submitted.choices:
        raise MalformedAnswerError()
    typed = submitted.fields or {}
    by_key = {f["key"]: f for f in challenge.fields}
    if not set(typed) <= set(by_key):
        raise MalformedAnswerError()
    value = {}
    for key, spec in by_key.items():
        # No NUL character: PostgreSQL's jsonb cannot store it.
        text = str(typed.get(key, "")).replace("\x00", "").strip()[:MAX_FIELD_LENGTH]
        if text and spec.get("options") and text not in spec["options"]:
            raise MalformedAnswerError()
        value[key] = text
    return value


def is_empty(value) -> bool:
    if value is None:
        return True
    if isinstance(value, Mapping):
        return not any(str(v).strip() for v in value.values())
    return not str(value).strip()


def _integer(raw):
    return parse_id(raw)


# --- answers of a simulated learner (the demo world, the benchmarks, the tests) ----------------

def correct_value(challenge):
    """An answer the checker accepts, in its stored form."""
    return correct_answers(challenge.solution_spec(), [f["key"] for f in challenge.fields])[0]


def wrong_value(challenge):
    """An answer the checker refuses, in its stored form: a wrong proposal, or a wrong text (a
    wrong option in a drop-down list)."""
    if ChallengeType(challenge.type).has_proposals:
        wrong = [n for n in range(1, len(challenge.proposals) + 1) if n not in challenge.solution]
        return str(wrong[0])
    accepted = _accepted_variants(challenge)
    value = {}
    for spec in challenge.fields:
        options = spec.get("options") or []
        value[spec["key"]] = next((o for o in options if o not in accepted[spec["key"]]), WRONG_TEXT)
    return value


def _accepted_variants(challenge):
    keys = [f["key"] for f in challenge.fields]
    if challenge.type == ChallengeType.QROCM_DEP:
        every = {v for group in challenge.solution for v in group}
        return dict.fromkeys(keys, every)
    return {key: set(challenge.solution.get(key, [])) for key in keys}
