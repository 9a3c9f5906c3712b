"""Target profiles, campaigns with a code, and the students' participations with their results.

A target profile chooses tubes of the framework, each capped at a level, and the stages a
student reaches; an assessment campaign freezes its skills when it is created (`CampaignSkill`),
so a later change of content never changes what a campaign measures. A participation points at
its current campaign assessment (the test core runs it); when the student sends their results,
the knowledge they had at that moment is kept (`ParticipationSnapshot`) and the figures that the
dashboards and the exports read are written once (the participation's own fields and its
`ParticipationResult` rows), so that reading a class never recomputes a profile.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from learners.models import Assessment
from orga.models.organizations import Organization, OrganizationLearner
from referentiel.models import Competence, Skill, Tube


class TargetProfile(models.Model):
    class Category(models.TextChoices):
        BACK_TO_SCHOOL = "BACK_TO_SCHOOL", _("rentrée")
        TARGETED = "TARGETED", _("parcours ciblé")
        COMPETENCES = "COMPETENCES", _("compétences du référentiel")
        SUBJECT = "SUBJECT", _("thématique")
        DISCIPLINE = "DISCIPLINE", _("discipline")
        CUSTOM = "CUSTOM", _("sur mesure")
        OTHER = "OTHER", _("autre")

    # Shipped profiles are found again by this identifier when the content is loaded again.
    slug = models.SlugField(_("identifiant"), max_length=100, unique=True, null=True, blank=True)
    name = models.CharField(_("nom"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    category = models.CharField(_("catégorie"), max_length=20, choices=Category.choices,
                                default=Category.OTHER)
    is_public = models.BooleanField(
        _("public"), default=False,
        help_text=_("Proposé à toutes les organisations ; sinon, seulement à celles choisies."))
    organizations = models.ManyToManyField(Organization, blank=True, related_name="target_profiles",
                                           verbose_name=_("partagé avec"))
    outdated = models.BooleanField(_("obsolète"), default=False,
                                   help_text=_("Plus proposé pour de nouvelles campagnes."))
    are_knowledge_elements_resettable = models.BooleanField(
        _("remise à zéro possible"), default=False,
        help_text=_("Un élève peut repasser une campagne de ce profil en repartant de zéro sur ses acquis "
                    "(campagnes à envoi multiple, quatre jours après son envoi)."))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("profil cible")
        verbose_name_plural = _("profils cibles")

    def __str__(self):
        return self.name


class TargetProfileTube(models.Model):
    """A tube of the framework chosen by the profile, up to a level (its "capped tube")."""

    target_profile = models.ForeignKey(TargetProfile, on_delete=models.CASCADE, related_name="tubes")
    tube = models.ForeignKey(Tube, on_delete=models.PROTECT, related_name="+", verbose_name=_("sujet"))
    level = models.PositiveSmallIntegerField(_("niveau maximum"))

    class Meta:
        ordering = ["tube__competence__code", "tube__position"]
        verbose_name = _("sujet du profil")
        verbose_name_plural = _("sujets du profil")
        constraints = [
            models.UniqueConstraint(fields=["target_profile", "tube"], name="one_cap_per_tube_and_profile"),
            models.CheckConstraint(condition=Q(level__gte=1, level__lte=8), name="tube_cap_between_1_and_8"),
        ]

    def __str__(self):
        return f"{self.tube} ≤ {self.level}"


class Stage(models.Model):
    """A step of a profile: reached at a mastery threshold (percent) or at a level of its skills."""

    target_profile = models.ForeignKey(TargetProfile, on_delete=models.CASCADE, related_name="stages")
    threshold = models.PositiveSmallIntegerField(_("seuil (%)"), null=True, blank=True)
    level = models.PositiveSmallIntegerField(_("niveau"), null=True, blank=True)
    title = models.CharField(_("titre pour l'élève"), max_length=255)
    message = models.TextField(_("message pour l'élève"), blank=True)
    prescriber_title = models.CharField(_("titre pour l'enseignant"), max_length=255)
    prescriber_description = models.TextField(_("description pour l'enseignant"), blank=True)

    class Meta:
        ordering = ["target_profile", "threshold", "level", "pk"]
        verbose_name = _("palier")
        verbose_name_plural = _("paliers")
        constraints = [
            models.CheckConstraint(
                condition=(Q(threshold__isnull=False, level__isnull=True)
                           | Q(threshold__isnull=True, level__isnull=False)),
                name="stage_has_a_threshold_or_a_level"),
            models.CheckConstraint(condition=Q(threshold__isnull=True) | Q(threshold__lte=100),
                                   name="stage_threshold_at_most_100"),
        ]

    def __str__(self):
        return self.prescriber_title


class Campaign(models.Model):
    class Type(models.TextChoices):
        ASSESSMENT = "ASSESSMENT", _("évaluation")
        PROFILES_COLLECTION = "PROFILES_COLLECTION", _("collecte de profils")

    class ExternalIdType(models.TextChoices):
        STRING = "STRING", _("texte")
        EMAIL = "EMAIL", _("adresse e-mail")

    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="campaigns")
    type = models.CharField(_("type"), max_length=20, choices=Type.choices)
    code = models.CharField(_("code"), max_length=9, unique=True, editable=False)
    name = models.CharField(_("nom"), max_length=255)
    title = models.CharField(_("titre du parcours"), max_length=255, blank=True)
    target_profile = models.ForeignKey(TargetProfile, on_delete=models.PROTECT, null=True, blank=True,
                                       related_name="campaigns", verbose_name=_("profil cible"))
    landing_text = models.TextField(_("texte de la page d'accueil"), blank=True)
    external_id_label = models.CharField(_("libellé de l'identifiant externe"), max_length=255, blank=True)
    external_id_type = models.CharField(_("type de l'identifiant externe"), max_length=6,
                                        choices=ExternalIdType.choices, blank=True)
    multiple_sendings = models.BooleanField(_("envoi multiple"), default=False)
    creator = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                              verbose_name=_("propriétaire"))
    created_at = models.DateTimeField(auto_now_add=True)
    archived_at = models.DateTimeField(_("archivée le"), null=True, blank=True)
    archived_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                    blank=True, related_name="+")

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("campagne")
        verbose_name_plural = _("campagnes")
        constraints = [
            models.CheckConstraint(
                condition=(Q(type="ASSESSMENT", target_profile__isnull=False)
                           | Q(type="PROFILES_COLLECTION", target_profile__isnull=True)),
                name="assessment_campaign_has_a_target_profile"),
        ]
        indexes = [models.Index(fields=["organization", "archived_at", "created_at"], name="orga_campaign_list")]

    def __str__(self):
        return f"{self.name} ({self.code})"

    @property
    def is_archived(self):
        return self.archived_at is not None

    @property
    def is_assessment(self):
        return self.type == self.Type.ASSESSMENT

    @property
    def is_profiles_collection(self):
        return self.type == self.Type.PROFILES_COLLECTION

    @property
    def is_restricted(self):
        """Reserved to the imported students of an organisation that manages them."""
        return self.organization.is_managing_students

    @property
    def display_title(self):
        return self.title or self.name


class CampaignSkill(models.Model):
    """The skills of an assessment campaign, written once at its creation."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="skills")
    skill = models.ForeignKey(Skill, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("acquis de la campagne")
        verbose_name_plural = _("acquis de la campagne")
        constraints = [
            models.UniqueConstraint(fields=["campaign", "skill"], name="one_campaign_skill"),
        ]

    def __str__(self):
        return f"{self.campaign_id} — {self.skill_id}"


class CampaignParticipation(models.Model):
    class Status(models.TextChoices):
        STARTED = "STARTED", _("en cours")
        TO_SHARE = "TO_SHARE", _("à envoyer")
        SHARED = "SHARED", _("envoyé")

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="participations")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="campaign_participations")
    organization_learner = models.ForeignKey(OrganizationLearner, on_delete=models.PROTECT,
                                             related_name="participations")
    participant_external_id = models.CharField(_("identifiant externe"), max_length=255, blank=True)
    status = models.CharField(_("état"), max_length=8, choices=Status.choices, default=Status.STARTED)
    # The campaign assessment now running or last run (the test core's row).
    assessment = models.OneToOneField(Assessment, on_delete=models.SET_NULL, null=True, blank=True,
                                      related_name="campaign_participation")
    # True once a retake replaced it: dashboards and exports read the latest participation only.
    is_improved = models.BooleanField(default=False)
    created_at = models.DateTimeField(_("commencée le"), auto_now_add=True, db_index=True)
    shared_at = models.DateTimeField(_("envoyée le"), null=True, blank=True)
    # Written when the results are sent.
    validated_skills_count = models.PositiveIntegerField(null=True, blank=True)
    pix_score = models.PositiveIntegerField(null=True, blank=True)
    mastery_rate = models.FloatField(null=True, blank=True)
    stage_number = models.PositiveSmallIntegerField(null=True, blank=True)
    is_certifiable = models.BooleanField(null=True, blank=True)
    certifiable_competences_count = models.PositiveSmallIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        constraints = [
            models.UniqueConstraint(fields=["campaign", "user"], condition=Q(is_improved=False),
                                    name="one_current_participation_per_user_and_campaign"),
            models.CheckConstraint(condition=~Q(status="SHARED") | Q(shared_at__isnull=False),
                                   name="shared_participation_has_a_date"),
        ]
        indexes = [
            models.Index(fields=["campaign", "is_improved", "status"], name="orga_participation_status"),
            models.Index(fields=["campaign", "shared_at"], name="orga_participation_shared"),
        ]

    def __str__(self):
        return f"{self.campaign_id} — {self.user_id} ({self.get_status_display()})"

    @property
    def is_shared(self):
        return self.status == self.Status.SHARED

    @property
    def is_started(self):
        return self.status == self.Status.STARTED

    @property
    def is_to_share(self):
        return self.status == self.Status.TO_SHARE


class ParticipationSnapshot(models.Model):
    """The student's knowledge when they sent their results: every current knowledge element,
    as rows [skill id, competence id, status, source, earned pix]."""

    participation = models.OneToOneField(CampaignParticipation, on_delete=models.CASCADE,
                                         related_name="snapshot")
    elements = models.JSONField(default=list)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("instantané des acquis")
        verbose_name_plural = _("instantanés des acquis")

    def __str__(self):
        return f"{self.participation_id} ({len(self.elements)})"


class ParticipationResult(models.Model):
    """One line of sent results: a tube of an assessment campaign (its campaign skills and those
    validated), or a competence of a profile collection (its pix and level)."""

    participation = models.ForeignKey(CampaignParticipation, on_delete=models.CASCADE,
                                      related_name="results")
    competence = models.ForeignKey(Competence, on_delete=models.PROTECT, related_name="+")
    tube = models.ForeignKey(Tube, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    validated = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    pix = models.PositiveIntegerField(default=0)
    level = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("résultat envoyé")
        verbose_name_plural = _("résultats envoyés")
        indexes = [models.Index(fields=["participation", "competence"], name="orga_result_participation")]

    def __str__(self):
        return f"{self.participation_id} — {self.tube_id or self.competence_id}"
