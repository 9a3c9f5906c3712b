"""Certification centres, their members and the acceptance of Pix Certif's terms of use.

An SCO centre's UAI (its external id) is the key to the Orga organisation of the same school
(`certif.selectors.linked_school`), whose imported students the centre enrols by class.
"""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from learners.accounts.terms import PortalTermsAcceptance

UAI_PATTERN = re.compile(r"^[0-9]{7}[A-Z]$")


class CertificationCenter(models.Model):
    class Type(models.TextChoices):
        SCO = "SCO", _("Établissement scolaire")
        SUP = "SUP", _("Enseignement supérieur")
        PRO = "PRO", _("Organisation professionnelle")

    name = models.CharField(_("nom"), max_length=255)
    type = models.CharField(_("type"), max_length=3, choices=Type.choices)
    external_id = models.CharField(
        _("UAI ou identifiant externe"), max_length=64, blank=True,
        help_text=_("L'UAI de l'établissement (7 chiffres et une lettre) pour un centre scolaire."))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("centre de certification")
        verbose_name_plural = _("centres de certification")
        constraints = [
            models.UniqueConstraint(fields=["external_id"], condition=~Q(external_id=""),
                                    name="one_center_per_external_id"),
        ]

    def __str__(self):
        return self.name

    @property
    def is_sco(self) -> bool:
        return self.type == self.Type.SCO

    @property
    def has_billing_mode(self) -> bool:
        """Only centres outside schools bill their candidates (domain: `hasBillingMode`)."""
        return not self.is_sco

    @property
    def uai(self) -> str:
        return self.external_id if self.is_sco else ""

    def clean(self):
        self.external_id = (self.external_id or "").strip().upper()
        if self.is_sco and not UAI_PATTERN.match(self.external_id):
            raise ValidationError({"external_id": _(
                "Un centre scolaire a une UAI de 7 chiffres suivis d'une lettre, par exemple 0751234A.")})


class CertificationCenterMembership(models.Model):
    class Role(models.TextChoices):
        ADMIN = "ADMIN", _("Administrateur")
        MEMBER = "MEMBER", _("Membre")

    center = models.ForeignKey(CertificationCenter, on_delete=models.CASCADE,
                               related_name="memberships", verbose_name=_("centre"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="certification_center_memberships",
                             verbose_name=_("utilisateur"))
    role = models.CharField(_("rôle"), max_length=6, choices=Role.choices, default=Role.MEMBER)
    is_referer = models.BooleanField(
        _("référent"), default=False,
        help_text=_("Le référent du centre reçoit les résultats et les informations de certification."))
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                   blank=True, related_name="+")
    disabled_at = models.DateTimeField(_("désactivé le"), null=True, blank=True)

    class Meta:
        ordering = ["center__name", "user__last_name", "user__first_name"]
        verbose_name = _("membre d'un centre")
        verbose_name_plural = _("membres des centres")
        constraints = [
            models.UniqueConstraint(fields=["center", "user"], condition=Q(disabled_at__isnull=True),
                                    name="one_active_membership_per_center_and_user"),
            models.UniqueConstraint(fields=["center"],
                                    condition=Q(is_referer=True, disabled_at__isnull=True),
                                    name="one_referer_per_center"),
        ]

    def __str__(self):
        return f"{self.user} — {self.center} ({self.get_role_display()})"

    @property
    def is_admin(self) -> bool:
        return self.role == self.Role.ADMIN


class CertifTermsAcceptance(PortalTermsAcceptance):
    """Pix Certif has its own terms of use, accepted once by each member of a centre."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                related_name="certif_terms_acceptance")

    class Meta:
        verbose_name = _("acceptation des conditions de Pix Certif")
        verbose_name_plural = _("acceptations des conditions de Pix Certif")
