"""The automatic jury's comments (domain §1.7 step 7, §8.5): a stable key stored on the result,
and its French text for the candidate and for the organisation (the centre, the school)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class AutoJuryComment(models.TextChoices):
    CANCELLED_BY_JURY = "CANCELLED_BY_JURY", _("annulée par le jury")
    FRAUD = "FRAUD", _("fraude")
    CANCELLED_DUE_TO_LACK_OF_ANSWERS_FOR_TECHNICAL_REASON = (
        "CANCELLED_DUE_TO_LACK_OF_ANSWERS_FOR_TECHNICAL_REASON",
        _("annulée : trop peu de réponses, pour une raison technique"))
    REJECTED_DUE_TO_LACK_OF_ANSWERS = "REJECTED_DUE_TO_LACK_OF_ANSWERS", _(
        "rejetée : trop peu de réponses")
    REJECTED_DUE_TO_ZERO_PIX_SCORE = "REJECTED_DUE_TO_ZERO_PIX_SCORE", _(
        "rejetée : score nul")
    SCORING_ERROR = "SCORING_ERROR", _("erreur de calcul")  # ours


FOR_CANDIDATE = {
    AutoJuryComment.CANCELLED_BY_JURY: _(
        "Le jury a annulé votre certification. Votre centre de certification peut vous en "
        "expliquer la raison."),
    AutoJuryComment.FRAUD: _(
        "Le jury a rejeté votre certification pour fraude."),
    AutoJuryComment.CANCELLED_DUE_TO_LACK_OF_ANSWERS_FOR_TECHNICAL_REASON: _(
        "Un problème technique ne vous a pas permis de répondre à assez de questions : votre "
        "certification est annulée. Vous pourrez la repasser."),
    AutoJuryComment.REJECTED_DUE_TO_LACK_OF_ANSWERS: _(
        "Vous n'avez pas répondu à assez de questions pour que votre niveau soit mesuré : votre "
        "certification est rejetée."),
    AutoJuryComment.REJECTED_DUE_TO_ZERO_PIX_SCORE: _(
        "Votre score est nul : votre certification est rejetée."),
}

FOR_ORGANIZATION = {
    AutoJuryComment.CANCELLED_BY_JURY: _("Certification annulée par le jury."),
    AutoJuryComment.FRAUD: _("Certification rejetée pour fraude."),
    AutoJuryComment.CANCELLED_DUE_TO_LACK_OF_ANSWERS_FOR_TECHNICAL_REASON: _(
        "Le candidat n'a pas pu répondre à assez de questions à cause d'un problème technique : "
        "certification annulée."),
    AutoJuryComment.REJECTED_DUE_TO_LACK_OF_ANSWERS: _(
        "Le candidat n'a pas répondu à assez de questions : certification rejetée."),
    AutoJuryComment.REJECTED_DUE_TO_ZERO_PIX_SCORE: _("Score nul : certification rejetée."),
    AutoJuryComment.SCORING_ERROR: _(
        "Le calcul du résultat a échoué ; l'équipe Pix le reprend avant la publication."),
}


def comment_for_candidate(key: str) -> str:
    return str(FOR_CANDIDATE.get(key, ""))


def comment_for_organization(key: str) -> str:
    return str(FOR_ORGANIZATION.get(key, ""))
