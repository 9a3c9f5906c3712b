"""Organisations, their members and invitations, their imported learners and the imports.

An ``OrganizationLearner`` is a student as the school's administration knows them (SIECLE for
secondary schools, the student CSV for universities); a learner's ``User`` account is linked to
it by reconciliation or by a teacher generating the account. Later parts read these rows:
campaigns link participations to them, certification centres enrol them by class and take their
birthplace from them (the INSEE codes SIECLE gives are kept for that).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from learners.accounts.terms import PortalTermsAcceptance


class Organization(models.Model):
    class Type(models.TextChoices):
        SCO = "SCO", _("établissement scolaire (SCO)")
        SUP = "SUP", _("enseignement supérieur (SUP)")
        PRO = "PRO", _("organisation professionnelle (PRO)")

    name = models.CharField(_("nom"), max_length=255)
    type = models.CharField(_("type"), max_length=3, choices=Type.choices)
    external_id = models.CharField(
        _("UAI ou identifiant externe"), max_length=32, blank=True,
        help_text=_("L'UAI (code de l'établissement) pour un établissement scolaire."))
    is_managing_students = models.BooleanField(
        _("gère ses élèves"), default=False,
        help_text=_("Les élèves sont importés (SIECLE ou fichier d'étudiants) et les campagnes "
                    "leur sont réservées."))
    archived_at = models.DateTimeField(_("archivée le"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            models.UniqueConstraint(fields=["external_id"], condition=~Q(external_id=""),
                                    name="organization_external_id_unique"),
        ]

    def __str__(self):
        return f"{self.name} ({self.external_id})" if self.external_id else self.name

    @property
    def is_archived(self):
        return self.archived_at is not None

    @property
    def is_higher_education(self):
        return self.type == self.Type.SUP

    @property
    def imports_siecle(self):
        return self.type == self.Type.SCO and self.is_managing_students

    @property
    def imports_students_csv(self):
        return self.type == self.Type.SUP and self.is_managing_students


class Membership(models.Model):
    class Role(models.TextChoices):
        ADMIN = "ADMIN", _("administrateur")
        MEMBER = "MEMBER", _("membre")

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE,
                                     related_name="memberships")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="orga_memberships")
    role = models.CharField(_("rôle"), max_length=6, choices=Role.choices, default=Role.MEMBER)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["organization__name"]
        verbose_name = _("membre")
        verbose_name_plural = _("membres")
        constraints = [
            models.UniqueConstraint(fields=["organization", "user"], name="one_membership_per_user"),
        ]

    def __str__(self):
        return f"{self.user} — {self.organization} ({self.get_role_display()})"

    @property
    def is_admin(self):
        return self.role == self.Role.ADMIN


class Invitation(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("en attente")
        ACCEPTED = "accepted", _("acceptée")
        CANCELLED = "cancelled", _("annulée")

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE,
                                     related_name="invitations")
    email = models.EmailField(_("adresse e-mail"))
    # Empty: decided at acceptance (administrator for the first member, member otherwise).
    role = models.CharField(_("rôle"), max_length=6, choices=Membership.Role.choices, blank=True)
    code = models.CharField(max_length=10, editable=False)
    status = models.CharField(_("état"), max_length=10, choices=Status.choices,
                              default=Status.PENDING)
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+")
    accepted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                    null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self):
        return f"{self.email} → {self.organization}"


class TermsAcceptance(PortalTermsAcceptance):
    """Orga's own terms of use, accepted once by each user who works in Orga."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                related_name="orga_terms")

    class Meta:
        verbose_name = _("acceptation des conditions d'Orga")
        verbose_name_plural = _("acceptations des conditions d'Orga")


class OrganizationLearner(models.Model):
    """A student (or apprentice) of an organisation, as imported; kept when they leave."""

    class Sex(models.TextChoices):
        MALE = "M", _("masculin")
        FEMALE = "F", _("féminin")

    class Status(models.TextChoices):
        STUDENT = "ST", _("élève")
        APPRENTICE = "AP", _("apprenti")

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE,
                                     related_name="learners")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                             blank=True, related_name="organization_learners")
    last_name = models.CharField(_("nom de famille"), max_length=255)
    preferred_last_name = models.CharField(_("nom d'usage"), max_length=255, blank=True)
    first_name = models.CharField(_("prénom"), max_length=255)
    middle_name = models.CharField(_("deuxième prénom"), max_length=255, blank=True)
    third_name = models.CharField(_("troisième prénom"), max_length=255, blank=True)
    sex = models.CharField(_("sexe"), max_length=1, choices=Sex.choices, blank=True)
    birthdate = models.DateField(_("date de naissance"))
    # Birthplace as SIECLE gives it: certification enrolment reads it (country and INSEE code).
    birth_city = models.CharField(_("commune de naissance"), max_length=255, blank=True)
    birth_city_code = models.CharField(_("code INSEE de la commune de naissance"), max_length=5,
                                       blank=True)
    birth_province_code = models.CharField(_("département de naissance"), max_length=3, blank=True)
    birth_country_code = models.CharField(
        _("code du pays de naissance"), max_length=3, blank=True,
        help_text=_("Trois chiffres de l'INSEE (100 : France) ; « 99 » devant donne le code pays complet."))
    mef_code = models.CharField(_("code MEF"), max_length=255, blank=True)
    status = models.CharField(_("statut"), max_length=2, choices=Status.choices, blank=True)
    national_student_id = models.CharField(_("INE"), max_length=255, blank=True)
    division = models.CharField(_("classe"), max_length=255, blank=True)
    # University students (SUP CSV).
    email = models.EmailField(_("adresse e-mail"), blank=True)
    student_number = models.CharField(_("numéro étudiant"), max_length=255, blank=True)
    department = models.CharField(_("composante"), max_length=255, blank=True)
    educational_team = models.CharField(_("équipe pédagogique"), max_length=255, blank=True)
    group = models.CharField(_("groupe"), max_length=255, blank=True)
    diploma = models.CharField(_("diplôme"), max_length=255, blank=True)
    study_scheme = models.CharField(_("régime"), max_length=255, blank=True)
    is_disabled = models.BooleanField(_("désactivé"), default=False,
                                      help_text=_("Absent du dernier import : parti de l'établissement."))
    # Written by the profile collections of the campaigns (the latest shared one wins).
    is_certifiable = models.BooleanField(_("certifiable"), null=True, blank=True)
    certifiable_at = models.DateTimeField(_("certifiabilité du"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["last_name", "first_name", "pk"]
        verbose_name = _("élève de l'organisation")
        verbose_name_plural = _("élèves de l'organisation")
        constraints = [
            models.UniqueConstraint(fields=["organization", "national_student_id"],
                                    condition=~Q(national_student_id=""),
                                    name="one_learner_per_ine_and_organization"),
            models.UniqueConstraint(fields=["organization", "student_number"],
                                    condition=~Q(student_number=""),
                                    name="one_learner_per_student_number_and_organization"),
            # One account per imported student and one imported student per account and school.
            models.UniqueConstraint(fields=["organization", "user"], condition=Q(user__isnull=False),
                                    name="one_learner_per_user_and_organization"),
        ]
        indexes = [
            models.Index(fields=["organization", "is_disabled", "last_name", "first_name"],
                         name="orga_learner_list"),
            models.Index(fields=["organization", "division"], name="orga_learner_division"),
            models.Index(fields=["organization", "birthdate"], name="orga_learner_birthdate"),
            models.Index(fields=["national_student_id"], name="orga_learner_ine"),
        ]

    def __str__(self):
        return f"{self.last_name} {self.first_name}"

    @property
    def display_last_name(self):
        return self.preferred_last_name or self.last_name

    @property
    def full_country_code(self):
        """The five-digit INSEE country code (99100 for France), as certification expects it."""
        return f"99{self.birth_country_code}" if self.birth_country_code else ""


class LearnerImport(models.Model):
    """One upload of a student list, its validation and its writes, with their outcome."""

    class Format(models.TextChoices):
        SIECLE_XML = "siecle_xml", _("SIECLE (XML ou ZIP)")
        SIECLE_CSV = "siecle_csv", _("SIECLE (CSV)")
        SUP_CSV = "sup_csv", _("étudiants (CSV)")

    class Mode(models.TextChoices):
        REPLACE = "replace", _("remplacer la liste")
        ADD = "add", _("ajouter ou mettre à jour")

    class Status(models.TextChoices):
        UPLOADED = "uploaded", _("en attente")
        VALIDATING = "validating", _("vérification du fichier")
        VALIDATION_ERROR = "validation_error", _("refusé : le fichier contient des erreurs")
        IMPORTING = "importing", _("enregistrement des élèves")
        IMPORTED = "imported", _("importé")
        IMPORT_ERROR = "import_error", _("échec de l'enregistrement")

    FINISHED = (Status.VALIDATION_ERROR, Status.IMPORTED, Status.IMPORT_ERROR)

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE,
                                     related_name="imports")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+")
    filename = models.CharField(_("fichier"), max_length=255)
    size = models.PositiveIntegerField(_("taille (octets)"), default=0)
    format = models.CharField(_("format"), max_length=12, choices=Format.choices)
    mode = models.CharField(_("mode"), max_length=8, choices=Mode.choices, default=Mode.REPLACE)
    # The uploaded bytes, in the database every worker reads; erased once the import is over
    # (a SIECLE export also holds addresses and parents, which we never keep).
    content = models.BinaryField(null=True, editable=False)
    status = models.CharField(_("état"), max_length=16, choices=Status.choices,
                              default=Status.UPLOADED)
    progress = models.PositiveSmallIntegerField(_("progression (%)"), default=0)
    errors = models.JSONField(_("erreurs"), default=list, blank=True)
    created_count = models.PositiveIntegerField(_("créés"), default=0)
    updated_count = models.PositiveIntegerField(_("mis à jour"), default=0)
    disabled_count = models.PositiveIntegerField(_("désactivés"), default=0)
    active_count = models.PositiveIntegerField(_("actifs"), default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("import d'élèves")
        verbose_name_plural = _("imports d'élèves")

    def __str__(self):
        return f"{self.filename} ({self.get_status_display()})"

    @property
    def is_finished(self):
        return self.status in self.FINISHED

    @property
    def is_imported(self):
        return self.status == self.Status.IMPORTED

    @property
    def is_refused(self):
        return self.status in (self.Status.VALIDATION_ERROR, self.Status.IMPORT_ERROR)
