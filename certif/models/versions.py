"""Certification versions (domain §1.1, §1.9): the algorithm's settings and the scoring intervals.

A course uses the version in force when its candidate joined the session (`reconciled_at`); the
version then never changes for that course, so a later edit cannot change a result. Only a draft
can be edited; activating one archives the previous active version.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from certif.constants import DEFAULT_SESSION_DURATION_MINUTES


class VersionStatus(models.TextChoices):
    DRAFT = "draft", _("brouillon")
    ACTIVE = "active", _("active")
    ARCHIVED = "archived", _("archivée")


class VersionScope(models.TextChoices):
    CORE = "CORE", _("Pix (socle)")


class CertificationVersion(models.Model):
    scope = models.CharField(_("périmètre"), max_length=20, choices=VersionScope.choices,
                             default=VersionScope.CORE)
    status = models.CharField(_("statut"), max_length=10, choices=VersionStatus.choices,
                              default=VersionStatus.DRAFT)
    start_date = models.DateTimeField(_("en vigueur à partir du"), null=True, blank=True)
    expiration_date = models.DateTimeField(_("en vigueur jusqu'au"), null=True, blank=True)
    calibration_version = models.ForeignKey(
        "referentiel.CalibrationVersion", on_delete=models.PROTECT, related_name="+",
        verbose_name=_("version de calibration"),
        help_text=_("Les paramètres des questions et le contrôle d'exposition utilisés par le test."))
    assessment_duration_minutes = models.PositiveSmallIntegerField(
        _("durée du test (minutes)"), default=DEFAULT_SESSION_DURATION_MINUTES)
    maximum_assessment_length = models.PositiveSmallIntegerField(_("nombre de questions"), default=32)
    minimum_answers_to_validate = models.PositiveSmallIntegerField(
        _("réponses minimales pour valider"), default=20)
    challenges_between_same_competence = models.PositiveSmallIntegerField(
        _("questions entre deux de la même compétence"), default=2)
    limit_to_one_question_per_tube = models.BooleanField(_("une question par sujet au plus"),
                                                         default=True)
    enable_passage_by_all_competences = models.BooleanField(
        _("passer d'abord par toutes les compétences"), default=True)
    variation_percent = models.FloatField(_("variation maximale de la capacité par réponse"),
                                          default=0.5)
    default_candidate_capacity = models.FloatField(_("capacité de départ"), default=-3.0)
    default_probability_to_pick_challenge = models.PositiveSmallIntegerField(
        _("probabilité de prendre la meilleure question (%)"), default=51)
    # [{"mesh_level": 0, "min": -4.67, "max": -1.4}, ...] ordered by mesh level (§1.7 step 4).
    global_scoring = models.JSONField(_("intervalles de capacité du score"), default=list)
    # {"1.1": [{"level": 0, "min": ..., "max": ...}, ...], ...} (§1.7 step 6).
    competences_scoring = models.JSONField(_("intervalles de capacité des compétences"),
                                           default=dict)
    comment = models.TextField(_("commentaire"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-start_date", "-pk"]
        verbose_name = _("version de la certification")
        verbose_name_plural = _("versions de la certification")
        constraints = [
            models.UniqueConstraint(fields=["scope"], condition=Q(status="active"),
                                    name="one_active_certification_version_per_scope"),
            models.CheckConstraint(condition=Q(default_probability_to_pick_challenge__lte=100),
                                   name="version_pick_probability_at_most_100"),
        ]

    def __str__(self):
        return _("Version %(number)s (%(status)s)") % {"number": self.pk,
                                                       "status": self.get_status_display()}

    def clean(self):
        if self.minimum_answers_to_validate > self.maximum_assessment_length:
            raise ValidationError({"minimum_answers_to_validate": _(
                "Le minimum de réponses ne peut dépasser le nombre de questions.")})
        if not 0 <= self.variation_percent <= 1:
            raise ValidationError({"variation_percent": _("La variation est entre 0 et 1.")})
