"""Reading the certification test's page and building an answer to it, as a candidate's browser
would: shared by the load test's locustfile and the profile of one cycle."""

import random
import re

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
CHALLENGE = re.compile(r'name="challenge" value="(\d+)"')
CHOICE = re.compile(r'type="(?:radio|checkbox)" [^>]*name="answer" value="(\d+)"')
SELECT = re.compile(r'<select [^>]*name="(field_[^"]+)">(.*?)</select>', re.S)
OPTION = re.compile(r'<option value="([^"]+)"')
TEXT = re.compile(r'<input class="fr-input" type="text" [^>]*name="(field_[^"]+)"')


def form_of(html):
    """(challenge id, CSRF token, proposals, [(field, options or None)]) of the page's answer form."""
    start = html.find('id="formulaire-reponse"')
    form = html[start:html.find("</form>", start)] if start >= 0 else ""
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


def timer_pairs(html):
    """The "Afficher la question" form of a timed question, as (name, value) pairs, or None."""
    start = html.find('name="start_timer"')
    if start < 0:
        return None
    form = html[html.rfind("<form", 0, start):start]
    challenge, token = CHALLENGE.search(form), CSRF.search(form)
    if not challenge or not token:
        return None
    return [("csrfmiddlewaretoken", token.group(1)), ("challenge", challenge.group(1)), ("start_timer", "1")]
