"""Turn challenges and answers into what a page or the API shows, and form data into answers."""

import random

from learners.services import SKIP_VALUE


def proposals_in_display_order(challenge, seed):
    """(number, text) pairs; shuffled challenges get the same order on every reload."""
    numbered = list(enumerate(challenge.proposals, start=1))
    if challenge.shuffled:
        random.Random(f"{seed}-{challenge.pk}").shuffle(numbered)
    return numbered


def choice_rows(challenge, seed, typed=None):
    """Proposals to display, with the ones the learner had ticked (after a refused submit)."""
    ticked = set(str(typed).split(",")) if isinstance(typed, str) else set()
    return [{"number": n, "text": text, "checked": str(n) in ticked}
            for n, text in proposals_in_display_order(challenge, seed)]


def field_rows(challenge, typed=None):
    typed = typed if isinstance(typed, dict) else {}
    return [{**field, "value": typed.get(field["key"], "")} for field in challenge.fields]


def answer_from_data(challenge, data):
    """The answer value from a submitted form or JSON body (a QueryDict or a dict)."""
    if data.get("skip"):
        return SKIP_VALUE
    valid_numbers = {str(n) for n in range(1, len(challenge.proposals) + 1)}
    if challenge.type == "QCU":
        choice = str(data.get("answer") or "")
        return choice if choice in valid_numbers else ""
    if challenge.type == "QCM":
        choices = data.getlist("answer") if hasattr(data, "getlist") else data.get("answer") or []
        if isinstance(choices, str):
            choices = choices.split(",")
        numbers = sorted({str(c).strip() for c in choices} & valid_numbers, key=int)
        return ",".join(numbers)
    values = data.get("fields") if isinstance(data.get("fields"), dict) else None
    return {
        field["key"]: str((values or {}).get(field["key"], "") if values is not None
                          else data.get(f"field_{field['key']}", "")).strip()[:500]
        for field in challenge.fields
    }


def _proposal_texts(challenge, numbers):
    return [challenge.proposals[int(n) - 1] for n in numbers
            if str(n).isdigit() and 0 < int(n) <= len(challenge.proposals)]


def answer_as_text(challenge, value):
    """The learner's answer in words, for the results page."""
    if value == SKIP_VALUE or value is None:
        return None
    if challenge.type in ("QCU", "QCM"):
        return _proposal_texts(challenge, str(value).split(",")) if value else []
    labels = {f["key"]: f["label"] for f in challenge.fields}
    return [f"{labels.get(key, key)} : {text}" for key, text in (value or {}).items()]


def correct_answer_as_text(challenge):
    if challenge.type in ("QCU", "QCM"):
        return _proposal_texts(challenge, challenge.solution)
    if challenge.type == "QROCM-dep":  # any of these, in any order
        return [group[0] for group in challenge.solution]
    labels = {f["key"]: f["label"] for f in challenge.fields}
    return [f"{labels[key]} : {variants[0]}" for key, variants in challenge.solution.items()]
