"""What scoring and the jury write (domain §1.7, §7.3, §8): one result per scoring run, the latest
counting, and every jury action with who and when.

A result is never edited: a rescore or a jury decision writes a new one, so the history of a
course's results stays readable for an audit.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from certif.models.courses import CertificationCourse
from certif.models.versions import CertificationVersion


class ResultStatus(models.TextChoices):
    VALIDATED = "validated", _("validée")
    REJECTED = "rejected", _("rejetée")
    CANCELLED = "cancelled", _("annulée")
    ERROR = "error", _("erreur")


class CertificationResult(models.Model):
    course = models.ForeignKey(CertificationCourse, on_delete=models.CASCADE,
                               related_name="results")
    version = models.ForeignKey(CertificationVersion, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(_("statut"), max_length=10, choices=ResultStatus.choices)
    pix_score = models.PositiveSmallIntegerField(_("score"), null=True, blank=True)
    capacity = models.FloatField(_("capacité"), null=True, blank=True)
    standard_error = models.FloatField(_("erreur type"), null=True, blank=True)
    score_low = models.PositiveSmallIntegerField(_("bas de l'intervalle de confiance"),
                                                 null=True, blank=True)
    score_high = models.PositiveSmallIntegerField(_("haut de l'intervalle de confiance"),
                                                  null=True, blank=True)
    reached_mesh_index = models.PositiveSmallIntegerField(_("niveau global"), null=True,
                                                          blank=True)
    answers_count = models.PositiveSmallIntegerField(_("réponses"), default=0)
    # The capacity after each answer (domain §1.7 step 8), for the audit.
    capacity_history = models.JSONField(default=list, blank=True)
    auto_jury_comment = models.CharField(_("commentaire automatique"), max_length=80, blank=True)
    comment_for_candidate = models.TextField(_("commentaire pour le candidat"), blank=True)
    comment_for_organization = models.TextField(_("commentaire pour l'organisation"), blank=True)
    juror = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                              blank=True, related_name="+", verbose_name=_("membre du jury"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["course", "-created_at", "-pk"]
        get_latest_by = ["created_at", "pk"]
        verbose_name = _("résultat de certification")
        verbose_name_plural = _("résultats de certification")
        indexes = [models.Index(fields=["course", "-created_at"])]

    def __str__(self):
        return f"{self.course_id}: {self.get_status_display()}"


class CompetenceMark(models.Model):
    result = models.ForeignKey(CertificationResult, on_delete=models.CASCADE,
                               related_name="competence_marks")
    competence_code = models.CharField(_("compétence"), max_length=5)
    level = models.PositiveSmallIntegerField(_("niveau"))

    class Meta:
        ordering = ["result", "competence_code"]
        verbose_name = _("niveau de compétence")
        verbose_name_plural = _("niveaux de compétence")
        constraints = [
            models.UniqueConstraint(fields=["result", "competence_code"],
                                    name="one_mark_per_result_and_competence"),
        ]

    def __str__(self):
        return f"{self.competence_code}: {self.level}"


class JuryActionType(models.TextChoices):
    CANCEL = "cancel", _("annulation")
    UNCANCEL = "uncancel", _("désannulation")
    REJECT_FOR_FRAUD = "reject_for_fraud", _("rejet pour fraude")
    UNREJECT = "unreject", _("levée du rejet")
    RESCORE = "rescore", _("nouveau calcul")
    RESOLVE_ISSUE_REPORT = "resolve_issue_report", _("résolution d'un signalement")
    COMMENT = "comment", _("commentaire")
    PUBLISH = "publish", _("publication")
    UNPUBLISH = "unpublish", _("dépublication")


class JuryAction(models.Model):
    session = models.ForeignKey("certif.CertificationSession", on_delete=models.CASCADE,
                                related_name="jury_actions")
    course = models.ForeignKey(CertificationCourse, on_delete=models.CASCADE, null=True,
                               blank=True, related_name="jury_actions")
    action = models.CharField(_("action"), max_length=30, choices=JuryActionType.choices)
    comment = models.TextField(_("commentaire"), blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                               related_name="+", verbose_name=_("auteur"))
    created_at = models.DateTimeField(_("le"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("action du jury")
        verbose_name_plural = _("actions du jury")

    def __str__(self):
        return self.get_action_display()
