"""Certification sessions: where and when a group of candidates takes the test.

The status is derived, never stored (domain §4.2): published, then taken by a jury member, then
finalised, else created. A session "has started" once a candidate's test has begun: the day of the
exam sets `started_at` under the session's row lock when it creates the first certification course.
"""

from datetime import datetime

from django.conf import settings
from django.db import models
from django.db.models import Case, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from certif.constants import (
    SESSION_DESCRIPTION_MAX_LENGTH,
    SESSION_TEXT_MAX_LENGTH,
    SESSION_VERSION,
)
from certif.models.centers import CertificationCenter


class SessionStatus(models.TextChoices):
    CREATED = "created", _("Créée")
    FINALIZED = "finalized", _("Finalisée")
    IN_PROCESS = "in_process", _("En cours de traitement")
    PROCESSED = "processed", _("Résultats publiés")


# The colour of each status's badge (DSFR); the others (finalised, in process) share "new".
STATUS_BADGES = {SessionStatus.CREATED: "fr-badge--info", SessionStatus.PROCESSED: "fr-badge--success"}


class SessionQuerySet(models.QuerySet):
    def with_status(self):
        return self.annotate(derived_status=Case(
            When(published_at__isnull=False, then=Value(SessionStatus.PROCESSED)),
            When(assigned_certification_officer__isnull=False, then=Value(SessionStatus.IN_PROCESS)),
            When(finalized_at__isnull=False, then=Value(SessionStatus.FINALIZED)),
            default=Value(SessionStatus.CREATED),
            output_field=models.CharField(),
        ))

    def at(self, day, time):
        return self.filter(date=day, time=time)


class CertificationSession(models.Model):
    center = models.ForeignKey(CertificationCenter, on_delete=models.PROTECT,
                               related_name="sessions", verbose_name=_("centre"))
    address = models.CharField(_("nom du site"), max_length=SESSION_TEXT_MAX_LENGTH)
    room = models.CharField(_("nom de la salle"), max_length=SESSION_TEXT_MAX_LENGTH)
    date = models.DateField(_("date"))
    time = models.TimeField(_("heure de début"))
    examiner = models.CharField(_("surveillant(s)"), max_length=SESSION_TEXT_MAX_LENGTH)
    description = models.TextField(_("observations"), max_length=SESSION_DESCRIPTION_MAX_LENGTH,
                                   blank=True)
    access_code = models.CharField(_("code d'accès"), max_length=6)
    invigilator_password = models.CharField(_("mot de passe surveillant"), max_length=6)
    version = models.PositiveSmallIntegerField(_("version"), default=SESSION_VERSION)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                   blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # The exam day and what follows it.
    started_at = models.DateTimeField(_("premier test commencé le"), null=True, blank=True)
    finalized_at = models.DateTimeField(_("finalisée le"), null=True, blank=True)
    finalized_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                     blank=True, related_name="+", verbose_name=_("finalisée par"))
    assigned_certification_officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", verbose_name=_("membre du jury"))
    published_at = models.DateTimeField(_("résultats publiés le"), null=True, blank=True)
    # Written at finalisation (domain §7.1).
    examiner_global_comment = models.TextField(_("commentaire global"), blank=True,
                                               max_length=SESSION_DESCRIPTION_MAX_LENGTH)
    has_incident = models.BooleanField(_("un incident a eu lieu"), default=False)
    has_joining_issue = models.BooleanField(_("un candidat n'a pas pu rejoindre"), default=False)

    objects = SessionQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-time", "-pk"]
        verbose_name = _("session de certification")
        verbose_name_plural = _("sessions de certification")
        indexes = [models.Index(fields=["center", "date", "time"])]
        constraints = [
            models.CheckConstraint(condition=Q(version__in=[2, 3]), name="session_version_2_or_3"),
        ]

    def __str__(self):
        return _("Session %(number)s") % {"number": self.pk}

    @property
    def number(self) -> int:
        """The session number a candidate types is the session's id (domain §4.1)."""
        return self.pk

    @property
    def status(self) -> SessionStatus:
        if self.published_at:
            return SessionStatus.PROCESSED
        if self.assigned_certification_officer_id:
            return SessionStatus.IN_PROCESS
        if self.finalized_at:
            return SessionStatus.FINALIZED
        return SessionStatus.CREATED

    @property
    def status_badge(self) -> str:
        return STATUS_BADGES.get(self.status, "fr-badge--new")

    @property
    def has_started(self) -> bool:
        return self.started_at is not None

    @property
    def is_finalized(self) -> bool:
        return self.finalized_at is not None

    @property
    def starts_at(self) -> datetime:
        return timezone.make_aware(datetime.combine(self.date, self.time))
