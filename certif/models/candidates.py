"""Candidates enrolled in a session, with the identity the exam day matches against.

The birthplace is stored as the referential resolved it (domain §4.4): the INSEE code of the
commune or, abroad, of the country; the referential's name of the commune; the country's name.
Extra time is a whole percentage (33 for a third more time). The user link and `reconciled_at`
are set when the candidate joins the session with their account, which also fixes the
certification version. A candidate enrolled from a school's imported students keeps the link to
that `OrganizationLearner` (the exam day checks the joining account against it) and their class
as it was at enrolment (the attendance sheet prints it).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from certif.constants import NAME_MAX_LENGTH, PREPAYMENT_CODE_MAX_LENGTH
from certif.models.sessions import CertificationSession


class Sex(models.TextChoices):
    M = "M", _("Homme")
    F = "F", _("Femme")


class BillingMode(models.TextChoices):
    FREE = "FREE", _("Gratuite")
    PAID = "PAID", _("Payante")
    PREPAID = "PREPAID", _("Prépayée")


class CertificationCandidate(models.Model):
    session = models.ForeignKey(CertificationSession, on_delete=models.CASCADE,
                                related_name="candidates", verbose_name=_("session"))
    last_name = models.CharField(_("nom de naissance"), max_length=NAME_MAX_LENGTH)
    first_name = models.CharField(_("prénom"), max_length=NAME_MAX_LENGTH)
    sex = models.CharField(_("sexe"), max_length=1, choices=Sex.choices)
    birthdate = models.DateField(_("date de naissance"))
    birth_country = models.CharField(_("pays de naissance"), max_length=NAME_MAX_LENGTH)
    birth_insee_code = models.CharField(_("code INSEE de naissance"), max_length=5)
    birth_postal_code = models.CharField(_("code postal de naissance"), max_length=5, blank=True)
    birth_city = models.CharField(_("commune de naissance"), max_length=NAME_MAX_LENGTH)
    email = models.EmailField(_("e-mail de convocation"), max_length=NAME_MAX_LENGTH, blank=True)
    result_recipient_email = models.EmailField(_("e-mail du destinataire des résultats"),
                                               max_length=NAME_MAX_LENGTH, blank=True)
    external_id = models.CharField(_("identifiant externe"), max_length=NAME_MAX_LENGTH, blank=True)
    division = models.CharField(_("classe"), max_length=NAME_MAX_LENGTH, blank=True)
    organization_learner = models.ForeignKey(
        "orga.OrganizationLearner", on_delete=models.SET_NULL, null=True, blank=True,
        related_name="certification_candidacies", verbose_name=_("élève de l'établissement"))
    extra_time_percentage = models.PositiveSmallIntegerField(_("temps majoré (%)"), default=0)
    accessibility_adjustment_needed = models.BooleanField(
        _("besoin d'un aménagement d'accessibilité"), default=False,
        help_text=_("Le test ne propose alors que des questions accessibles."))
    billing_mode = models.CharField(_("tarification part Pix"), max_length=7,
                                    choices=BillingMode.choices, blank=True)
    prepayment_code = models.CharField(_("code de prépaiement"),
                                       max_length=PREPAYMENT_CODE_MAX_LENGTH, blank=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                             blank=True, related_name="certification_candidacies",
                             verbose_name=_("compte"))
    reconciled_at = models.DateTimeField(_("a rejoint la session le"), null=True, blank=True)
    # The day of the exam (domain §5): instructions read, and the invigilator's go, which every
    # entry with the access code uses up, so that a resume needs a new authorisation.
    has_seen_instructions = models.BooleanField(_("a lu les instructions"), default=False)
    authorized_to_start = models.BooleanField(_("autorisé à commencer"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["last_name", "first_name", "pk"]
        verbose_name = _("candidat")
        verbose_name_plural = _("candidats")
        constraints = [
            models.UniqueConstraint(fields=["session", "user"], condition=Q(user__isnull=False),
                                    name="one_candidate_per_user_and_session"),
            models.UniqueConstraint(fields=["session", "organization_learner"],
                                    condition=Q(organization_learner__isnull=False),
                                    name="one_candidate_per_learner_and_session"),
            models.CheckConstraint(condition=Q(extra_time_percentage__lt=1000),
                                   name="candidate_extra_time_below_1000_percent"),
        ]

    def __str__(self):
        return f"{self.first_name} {self.last_name}"

    @property
    def is_linked(self) -> bool:
        return self.user_id is not None

    @property
    def birthplace(self) -> str:
        if self.birth_postal_code or self.birth_insee_code[:2] != "99":
            return self.birth_city
        return f"{self.birth_city} ({self.birth_country})"
