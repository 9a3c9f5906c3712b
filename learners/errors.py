"""Refusals of the learner app: each has a stable code and a French message for the learner.

Pages show the message, the API returns both (`{"detail": message, "code": code}`), so one rule
reads the same everywhere. The other apps derive their own refusals from `LearnerError`.
"""

from django.utils.translation import gettext_lazy as _


class LearnerError(Exception):
    """A refused action, with a message for the learner (in French by default)."""

    code = "learner_error"
    default_message = _("Cette action n'est pas possible.")
    # The API answers a refusal with 409 (the state forbids it) unless the input itself is wrong.
    is_bad_input = False

    def __init__(self, message=None):
        self.message = str(message if message is not None else self.default_message)
        super().__init__(self.message)


# --- the test core: the same rules for every kind of test, on the page and in the API --------

class AssessmentNotStartedError(LearnerError):
    code = "assessment_not_started"
    default_message = _("Ce test est terminé : ta réponse n'a pas été enregistrée.")


class ChallengeNotAskedError(LearnerError):
    code = "challenge_not_asked"
    default_message = _(
        "Cette question n'est plus la question en cours (elle a peut-être été remplacée dans un "
        "autre onglet). Voici la question à laquelle répondre.")


class EmptyAnswerError(LearnerError):
    code = "empty_answer"
    is_bad_input = True
    default_message = _("Tu n'as pas répondu : réponds à la question ou clique sur « Je passe ».")


class MalformedAnswerError(LearnerError):
    """The answer does not fit the question (a proposal that does not exist, a missing field):
    a forged or broken request, told apart from an empty answer."""

    code = "answer_malformed"
    is_bad_input = True
    default_message = _("Ta réponse n'a pas pu être lue : elle ne correspond pas à la question. "
                        "Réponds à nouveau.")


class UnknownChallengeIdError(MalformedAnswerError):
    """The answer names no question that can exist (no id, a negative or too large one, text):
    a forged or broken request, refused before any lookup."""

    code = "invalid_id"
    default_message = _("Ta réponse n'a pas pu être lue : elle ne dit pas à quelle question elle "
                        "répond. Voici la question en cours : réponds à nouveau.")


class TimedQuestionNotStartedError(LearnerError):
    """An answer to a timed question that is still announced (its time has not started)."""

    code = "timer_not_started"
    default_message = _("Cette question est chronométrée : elle s'affiche, et son temps commence, "
                        "quand tu cliques sur « Afficher la question ».")


class TimeUpError(LearnerError):
    """The test's own deadline has passed (a certification's 1 h 45): the answer is refused and
    the test ends."""

    code = "time_up"
    default_message = _("Le temps de ce test est écoulé : ta réponse n'a pas été enregistrée et "
                        "le test est terminé.")


class NotServableError(LearnerError):
    """The kind of test says a question cannot be served now (for example, waiting for the
    invigilator's authorisation)."""

    code = "not_servable"
    default_message = _("Ce test ne peut pas continuer pour le moment.")


class UnknownAssessmentTypeError(LearnerError):
    code = "unknown_assessment_type"
    default_message = _("Ce type de test n'est pas disponible sur cette plateforme.")


# --- competence evaluations ------------------------------------------------------------------

class WaitBeforeError(LearnerError):
    code = "wait_before"


class MaxLevelReachedError(LearnerError):
    code = "max_level_reached"
    default_message = _("Tu as atteint le niveau maximum de cette compétence.")


# The notice of an answer given after its question's own timer: stored, and counted as failed.
TIMED_OUT_NOTICE_CODE = "timed_out"
TIMED_OUT_NOTICE = _("Le temps imparti à cette question était écoulé : ta réponse est enregistrée "
                     "mais ne compte pas comme réussie.")
