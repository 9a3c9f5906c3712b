"""A bulk import of sessions and candidates: validated first, confirmed second.

The uploaded lines are kept (not the file) between the two steps, and validated again at
confirmation, since another session or candidate may have been created in between.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from certif.models.centers import CertificationCenter


class SessionImport(models.Model):
    class Status(models.TextChoices):
        VALIDATED = "validated", _("validé, à confirmer")
        CONFIRMED = "confirmed", _("confirmé")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    center = models.ForeignKey(CertificationCenter, on_delete=models.CASCADE,
                               related_name="session_imports")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                   related_name="+")
    file_name = models.CharField(_("fichier"), max_length=255)
    status = models.CharField(_("état"), max_length=10, choices=Status.choices,
                              default=Status.VALIDATED)
    lines = models.JSONField(default=list)  # [{"line": n, "values": {column key: text}}]
    report = models.JSONField(default=list)  # problems of the last validation
    session_count = models.PositiveIntegerField(default=0)
    candidate_count = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    created_session_ids = models.JSONField(default=list)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("import de sessions")
        verbose_name_plural = _("imports de sessions")

    def __str__(self):
        return self.file_name

    @property
    def has_errors(self) -> bool:
        return any(problem["blocking"] for problem in self.report)
