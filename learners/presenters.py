"""Turn challenges and answers into what a page or the API shows, and form data into answers."""

import random

from django.utils.translation import gettext_lazy as _

from referentiel.checking import SKIP_VALUE
from referentiel.enums import AnswerResult, ChallengeType

# How the results page names each answer's outcome.
RESULT_PHRASES = {
    AnswerResult.OK: _("bonne réponse"),
    AnswerResult.PARTIALLY: _("réponse en partie juste"),
    AnswerResult.SKIPPED: _("question passée"),
    AnswerResult.TIMED_OUT: _("temps dépassé"),
    AnswerResult.FOCUSED_OUT: _("sortie de la page pendant la question"),
    AnswerResult.KO: _("mauvaise réponse"),
}


def proposals_in_display_order(challenge, seed):
    """(number, text) pairs; shuffled challenges get the same order on every reload."""
    numbered = list(enumerate(challenge.proposals, start=1))
    if challenge.shuffled:
        random.Random(f"{seed}-{challenge.pk}").shuffle(numbered)
    return numbered


def result_phrase(result):
    return RESULT_PHRASES.get(result, RESULT_PHRASES[AnswerResult.KO])


def choice_rows(challenge, seed, typed=None):
    """Proposals to display, with the ones the learner had ticked (after a refused submit)."""
    ticked = set(str(typed).split(",")) if isinstance(typed, str) else set()
    return [{"number": n, "text": text, "checked": str(n) in ticked}
            for n, text in proposals_in_display_order(challenge, seed)]


def field_rows(challenge, typed=None):
    typed = typed if isinstance(typed, dict) else {}
    return [{**field, "value": typed.get(field["key"], "")} for field in challenge.fields]


def _proposal_texts(challenge, numbers):
    return [challenge.proposals[int(n) - 1] for n in numbers
            if str(n).isdigit() and 0 < int(n) <= len(challenge.proposals)]


def answer_as_text(challenge, value):
    """The learner's answer in words, for the results page."""
    if value == SKIP_VALUE or value is None:
        return None
    if ChallengeType(challenge.type).has_proposals:
        return _proposal_texts(challenge, str(value).split(",")) if value else []
    value = value or {}
    # In the order the question shows its fields: PostgreSQL's jsonb does not keep key order.
    return [f"{field['label']} : {value[field['key']]}"
            for field in challenge.fields if field["key"] in value]


def correct_answer_as_text(challenge):
    if ChallengeType(challenge.type).has_proposals:
        return _proposal_texts(challenge, challenge.solution)
    if challenge.type == ChallengeType.QROCM_DEP:  # any of the groups, in any order
        groups = [group[0] for group in challenge.solution if group]
        rows = [f"{field['label']} : {answer}" for field, answer in zip(challenge.fields, groups)]
        others = groups[len(challenge.fields):]
        if others:
            rows.append(_("Dans l'ordre de ton choix ; aussi accepté : %(others)s")
                        % {"others": ", ".join(others)})
        elif len(rows) > 1:
            rows.append(str(_("Dans l'ordre de ton choix")))
        return rows
    return [f"{field['label']} : {challenge.solution[field['key']][0]}"
            for field in challenge.fields if challenge.solution.get(field["key"])]
