"""The closed vocabularies of the content and of answers, defined once.

Models, the content loader, the answer checker, the learner app and the tests all use these
(never the bare strings). Django's `TextChoices` are plain `str` enums: they need no settings or
database, so the loader and the checker can use them outside a Django process.
"""

from django.db.models import TextChoices
from django.utils.translation import gettext_lazy as _


class ChallengeType(TextChoices):
    QCU = "QCU", _("choix unique (QCU)")
    QCM = "QCM", _("choix multiple (QCM)")
    QROC = "QROC", _("réponse courte (QROC)")
    QROCM_IND = "QROCM-ind", _("réponses courtes indépendantes (QROCM-ind)")
    QROCM_DEP = "QROCM-dep", _("réponses courtes sans ordre (QROCM-dep)")

    @property
    def has_proposals(self) -> bool:
        """Answered by ticking proposals (QCU, QCM) rather than by typing in fields."""
        return self in (ChallengeType.QCU, ChallengeType.QCM)


class ChallengeStatus(TextChoices):
    VALIDATED = "validé", _("validé")
    ARCHIVED = "archivé", _("archivé")
    OBSOLETE = "périmé", _("périmé")


class Accessibility(TextChoices):
    OK = "OK", _("compatible")
    KO = "KO", _("incompatible")
    RAS = "RAS", _("rien à signaler")


ACCESSIBLE_VALUES = (Accessibility.OK, Accessibility.RAS)


class AnswerFormat(TextChoices):
    TEXT = "texte", _("texte")
    NUMBER = "nombre", _("nombre")


class TutorialFormat(TextChoices):
    PAGE = "page", _("page")
    VIDEO = "vidéo", _("vidéo")
    PDF = "pdf", _("PDF")
    TOOL = "outil", _("outil")
    SOUND = "son", _("son")


class AnswerResult(TextChoices):
    """What the checker says of an answer; anything but OK counts as a failure."""

    OK = "ok", _("réussie")
    KO = "ko", _("échouée")
    SKIPPED = "aband", _("passée")
    TIMED_OUT = "timedout", _("temps dépassé")
    FOCUSED_OUT = "focusedOut", _("sortie de la page")
    PARTIALLY = "partially", _("en partie réussie")


CONTENT_LOCALES = ("fr", "en")
