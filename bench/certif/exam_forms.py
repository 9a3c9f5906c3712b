"""Reading the certification test's page and building an answer to it, as a candidate's browser
would: shared by the load test's locustfile and the profile of one cycle."""

import random
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # locust runs this file by its path

from bench.pages import (  # noqa: E402
    CHALLENGE,
    CSRF,
    FORM_HEADERS,
    OPTION,
    SELECT,
    answer_form,
    question_shown,
    timer_pairs,
)

__all__ = ["CSRF", "FORM_HEADERS", "answer_pairs", "form_of", "question_shown", "timer_pairs"]

CHOICE = re.compile(r'type="(?:radio|checkbox)" [^>]*name="answer" value="(\d+)"')
TEXT = re.compile(r'<input class="fr-input" type="text" [^>]*name="(field_[^"]+)"')


def form_of(html):
    """(challenge id, CSRF token, proposals, [(field, options or None)]) of the page's answer form."""
    form = answer_form(html)
    challenge, token = CHALLENGE.search(form), CSRF.search(form)
    if not challenge or not token:
        return None
    fields = [(name, OPTION.findall(body)) for name, body in SELECT.findall(form)]
    fields += [(name, None) for name in TEXT.findall(form)]
    return challenge.group(1), token.group(1), CHOICE.findall(form), fields


def answer_pairs(challenge_id, token, choices, fields, skip=False):
    """The form's fields as (name, value) pairs: a proposal at random, an option of each list, a text."""
    data = [("csrfmiddlewaretoken", token), ("challenge", challenge_id), ("focused_out", "0")]
    if skip:
        return data + [("skip", "1")]
    if choices:
        return data + [("validate", "1"), ("answer", random.choice(choices))]
    return data + [("validate", "1")] + [
        (name, random.choice(options) if options else random.choice(("42", "oui", "Paris")))
        for name, options in fields]

