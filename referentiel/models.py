"""The learning content: 5 areas, 16 competences, thematics, tubes, skills, challenges, tutorials.

Content is loaded from the files in ``referentiel/content/`` (see its README); staff can also edit
it in the admin. Rows are never deleted when they leave the files: challenges and skills are
archived, because answers and knowledge elements keep pointing at them.
"""

from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from referentiel.checking import SolutionSpec
from referentiel.enums import (
    ACCESSIBLE_VALUES,
    Accessibility,
    AnswerFormat,
    ChallengeStatus,
    ChallengeType,
    TutorialFormat,
)

# Initial IRT difficulty by skill level, until real answers calibrate the challenge. Level L sits
# where the certification's competence-level intervals place a learner of level L.
INITIAL_DIFFICULTY_BY_LEVEL = {1: -2.0, 2: -1.0, 3: 0.0, 4: 1.0, 5: 2.0, 6: 3.0, 7: 3.8, 8: 4.5}
INITIAL_DISCRIMINATION = 1.0


class ContentRow(models.Model):
    """A row the content loader writes. It remembers what the last load wrote, so that a later
    load can tell a row edited in the admin since then (a conflict) from one it may update."""

    content_fingerprint = models.CharField(max_length=64, blank=True, editable=False)

    class Meta:
        abstract = True


def _in_english():
    return (translation.get_language() or "").startswith("en")


def translated(name):
    """A text stored in French (``<name>_fr``) and in English (``<name>_en``), read as ``<name>``
    in the interface's language, the French when no English is written. Forms, the loader and
    the export use the two real fields; templates, serializers and ``str()`` the property."""

    def read(instance):
        french = getattr(instance, f"{name}_fr")
        return (getattr(instance, f"{name}_en") or french) if _in_english() else french

    def write(instance, value):
        setattr(instance, f"{name}_fr", value)

    return property(read, write)


class Framework(ContentRow):
    slug = models.SlugField(_("identifiant"), unique=True)
    name = models.CharField(_("nom"), max_length=100)

    class Meta:
        verbose_name = _("référentiel")
        verbose_name_plural = _("référentiels")

    def __str__(self):
        return self.name


class Area(ContentRow):
    framework = models.ForeignKey(Framework, on_delete=models.PROTECT, related_name="areas",
                                  verbose_name=_("référentiel"))
    code = models.CharField(_("code"), max_length=4, unique=True)
    title_fr = models.CharField(_("titre"), max_length=200, db_column="title")
    title_en = models.CharField(_("titre en anglais"), max_length=200, blank=True)
    description_fr = models.TextField(_("description"), blank=True, db_column="description")
    description_en = models.TextField(_("description en anglais"), blank=True)
    color = models.CharField(_("couleur"), max_length=7)

    title = translated("title")
    description = translated("description")

    class Meta:
        ordering = ["code"]
        verbose_name = _("domaine")
        verbose_name_plural = _("domaines")

    def __str__(self):
        return f"{self.code}. {self.title}"


class Competence(ContentRow):
    area = models.ForeignKey(Area, on_delete=models.PROTECT, related_name="competences",
                             verbose_name=_("domaine"))
    code = models.CharField(_("code"), max_length=4, unique=True)
    name_fr = models.CharField(_("nom"), max_length=200, db_column="name")
    name_en = models.CharField(_("nom en anglais"), max_length=200, blank=True)
    description_fr = models.TextField(_("description"), blank=True, db_column="description")
    description_en = models.TextField(_("description en anglais"), blank=True)

    name = translated("name")
    description = translated("description")

    class Meta:
        ordering = ["code"]
        verbose_name = _("compétence")
        verbose_name_plural = _("compétences")

    def __str__(self):
        return f"{self.code} {self.name}"


class Thematic(ContentRow):
    competence = models.ForeignKey(Competence, on_delete=models.PROTECT, related_name="thematics",
                                   verbose_name=_("compétence"))
    slug = models.SlugField(_("identifiant"), unique=True, max_length=100)
    name = models.CharField(_("nom"), max_length=200)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["competence__code", "position"]
        verbose_name = _("thématique")
        verbose_name_plural = _("thématiques")

    def __str__(self):
        return self.name


class Tube(ContentRow):
    competence = models.ForeignKey(Competence, on_delete=models.PROTECT, related_name="tubes",
                                   verbose_name=_("compétence"))
    thematic = models.ForeignKey(Thematic, on_delete=models.PROTECT, related_name="tubes",
                                 verbose_name=_("thématique"))
    slug = models.SlugField(_("identifiant"), unique=True, max_length=100)
    name = models.CharField(_("nom technique"), max_length=100, unique=True)
    title = models.CharField(_("titre"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["competence__code", "position"]
        verbose_name = _("sujet")
        verbose_name_plural = _("sujets")

    def __str__(self):
        return f"{self.name} — {self.title}"


class Tutorial(ContentRow):
    Format = TutorialFormat

    tube = models.ForeignKey(Tube, on_delete=models.PROTECT, related_name="tutorials",
                             verbose_name=_("sujet"))
    slug = models.SlugField(_("identifiant"), unique=True, max_length=100)
    title = models.CharField(_("titre"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    format = models.CharField(_("format"), max_length=10, choices=Format.choices)
    duration_minutes = models.PositiveSmallIntegerField(_("durée (minutes)"))
    source = models.CharField(_("source"), max_length=200)
    link = models.URLField(_("lien"), max_length=500)
    is_active = models.BooleanField(_("actif"), default=True)

    class Meta:
        ordering = ["tube__competence__code", "title"]
        verbose_name = _("tutoriel")
        verbose_name_plural = _("tutoriels")

    def __str__(self):
        return self.title

    @property
    def format_label(self):
        """The format in words: `get_format_display` rebuilds a dict of the choices on every call,
        once per tutorial card of a results page."""
        found = self.Format._value2member_map_.get(self.format)
        return found.label if found is not None else self.format


class Skill(ContentRow):
    class Status(models.TextChoices):
        ACTIVE = "actif", _("actif")
        ARCHIVED = "archivé", _("archivé")

    tube = models.ForeignKey(Tube, on_delete=models.PROTECT, related_name="skills",
                             verbose_name=_("sujet"))
    competence = models.ForeignKey(Competence, on_delete=models.PROTECT, related_name="skills",
                                   verbose_name=_("compétence"))
    name = models.CharField(_("nom"), max_length=100, unique=True)
    level = models.PositiveSmallIntegerField(_("niveau"))
    pix_value = models.FloatField(_("valeur en pix"), default=0)
    hint = models.TextField(_("indice"), blank=True)
    status = models.CharField(_("statut"), max_length=10, choices=Status.choices,
                              default=Status.ACTIVE)
    tutorials = models.ManyToManyField(Tutorial, related_name="skills", blank=True,
                                       verbose_name=_("tutoriels"))

    class Meta:
        ordering = ["competence__code", "tube__position", "level"]
        verbose_name = _("acquis")
        verbose_name_plural = _("acquis")
        constraints = [
            models.CheckConstraint(condition=models.Q(level__gte=1, level__lte=8),
                                   name="skill_level_between_1_and_8"),
        ]

    def __str__(self):
        return self.name


class Challenge(ContentRow):
    Type = ChallengeType
    Status = ChallengeStatus
    Accessibility = Accessibility
    Format = AnswerFormat

    slug = models.SlugField(_("identifiant"), unique=True, max_length=100)
    skill = models.ForeignKey(Skill, on_delete=models.PROTECT, related_name="challenges",
                              verbose_name=_("acquis"))
    type = models.CharField(_("type"), max_length=10, choices=Type.choices)
    status = models.CharField(_("statut"), max_length=10, choices=Status.choices,
                              default=Status.VALIDATED, db_index=True)
    locale = models.CharField(_("langue"), max_length=5, default="fr")
    instruction = models.TextField(_("consigne (Markdown)"))
    explanation = models.TextField(_("explication (Markdown)"), blank=True)
    proposals = models.JSONField(_("propositions"), default=list, blank=True)
    fields = models.JSONField(_("champs de saisie"), default=list, blank=True)
    solution = models.JSONField(_("solution"))
    tolerances = models.JSONField(_("tolérances"), default=list, blank=True)
    format = models.CharField(_("format de réponse"), max_length=10, choices=Format.choices,
                              default=Format.TEXT)
    timer = models.PositiveIntegerField(_("temps imparti (secondes)"), null=True, blank=True)
    focused = models.BooleanField(_("épreuve focus"), default=False)
    shuffled = models.BooleanField(_("propositions mélangées"), default=False)
    illustration = models.CharField(_("illustration"), max_length=200, blank=True)
    illustration_alt = models.TextField(_("texte alternatif de l'illustration"), blank=True)
    attachments = models.JSONField(_("pièces jointes"), default=list, blank=True)
    embed_url = models.CharField(_("application embarquée (URL locale)"), max_length=300,
                                 blank=True)
    embed_title = models.CharField(_("titre de l'application embarquée"), max_length=200,
                                   blank=True)
    embed_height = models.PositiveIntegerField(null=True, blank=True)
    blindness = models.CharField(_("compatibilité non-voyants"), max_length=3,
                                 choices=Accessibility.choices, default=Accessibility.RAS)
    color_blindness = models.CharField(_("compatibilité daltoniens"), max_length=3,
                                       choices=Accessibility.choices, default=Accessibility.RAS)
    discrimination = models.FloatField(_("discrimination (IRT)"), default=INITIAL_DISCRIMINATION)
    difficulty = models.FloatField(_("difficulté (IRT)"), default=0.0)

    class Meta:
        ordering = ["skill__competence__code", "skill__tube__position", "skill__level", "slug"]
        verbose_name = _("épreuve")
        verbose_name_plural = _("épreuves")

    def __str__(self):
        return f"{self.slug} ({self.type})"

    @property
    def is_timed(self):
        return self.timer is not None

    @property
    def has_proposals(self):
        """Answered by ticking proposals (QCU, QCM), not by typing in fields."""
        return ChallengeType(self.type).has_proposals

    @property
    def is_single_choice(self):
        return self.type == ChallengeType.QCU

    @property
    def is_unordered(self):
        """QROCM-dep: the expected answers may come in any order, in any field."""
        return self.type == ChallengeType.QROCM_DEP

    @property
    def expects_number(self):
        return self.format == AnswerFormat.NUMBER

    @property
    def is_accessible(self):
        return self.blindness in ACCESSIBLE_VALUES and self.color_blindness in ACCESSIBLE_VALUES

    def solution_spec(self) -> SolutionSpec:
        # Read defensively: the checker must never fail on content stored in any shape.
        fields = self.fields if isinstance(self.fields, list) else []
        tolerances = self.tolerances if isinstance(self.tolerances, list | tuple) else ()
        return SolutionSpec(
            type=self.type,
            solution=self.solution,
            tolerances=tuple(t for t in tolerances if isinstance(t, str)),
            select_keys=tuple(f.get("key") for f in fields if isinstance(f, dict) and f.get("options")),
            is_number=self.format == self.Format.NUMBER,
        )


class CalibrationVersion(models.Model):
    """A set of IRT parameters for the whole bank; staff review a draft, then activate it."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("brouillon")
        ACTIVE = "active", _("active")
        ARCHIVED = "archived", _("archivée")

    name = models.CharField(_("nom"), max_length=200)
    status = models.CharField(_("statut"), max_length=10, choices=Status.choices,
                              default=Status.DRAFT, db_index=True)
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)
    activated_at = models.DateTimeField(_("activée le"), null=True, blank=True)
    responses_count = models.PositiveIntegerField(_("réponses utilisées"), default=0)
    report = models.JSONField(_("rapport (convergence, dérive)"), default=dict, blank=True)
    exposure_parameters = models.JSONField(_("paramètres de contrôle d'exposition"),
                                           default=dict, blank=True)
    # When they were fitted: engines built from the version are cached per process under it.
    exposure_fitted_at = models.DateTimeField(_("contrôle d'exposition calculé le"), null=True,
                                              blank=True)
    comment = models.TextField(_("commentaire"), blank=True)

    # The JSON that only the engine's construction and the admin read (the parameters of every
    # item of the bank, the fit's report): a request that only names the version leaves them out.
    BULKY_FIELDS = ("report", "exposure_parameters")

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("version de calibration")
        verbose_name_plural = _("versions de calibration")
        constraints = [
            models.UniqueConstraint(fields=["status"], condition=models.Q(status="active"),
                                    name="one_active_calibration_version"),
        ]

    def __str__(self):
        return f"{self.name} ({self.get_status_display()})"

    @classmethod
    def bulky_fields_through(cls, relation: str) -> list[str]:
        """The bulky fields as seen from a query on another model (`defer(*...)`)."""
        return [f"{relation}__{name}" for name in cls.BULKY_FIELDS]


class CalibratedChallenge(models.Model):
    version = models.ForeignKey(CalibrationVersion, on_delete=models.CASCADE,
                                related_name="calibrated_challenges")
    challenge = models.ForeignKey(Challenge, on_delete=models.PROTECT,
                                  related_name="calibrations")
    discrimination = models.FloatField(_("discrimination"))
    difficulty = models.FloatField(_("difficulté"))
    discrimination_se = models.FloatField(_("erreur type (discrimination)"), null=True, blank=True)
    difficulty_se = models.FloatField(_("erreur type (difficulté)"), null=True, blank=True)
    responses_count = models.PositiveIntegerField(_("réponses"), default=0)

    class Meta:
        verbose_name = _("épreuve calibrée")
        verbose_name_plural = _("épreuves calibrées")
        constraints = [
            models.UniqueConstraint(fields=["version", "challenge"],
                                    name="one_calibration_per_challenge_and_version"),
        ]

    def __str__(self):
        return f"{self.challenge_id} @ {self.version_id}"


class ContentVersion(models.Model):
    """One row: a number that changes whenever content does (a load, an edit in the admin, an
    activated calibration). Processes cache content keyed by it (`referentiel.catalogue`), so a
    change is seen by every process at its next request, never later."""

    number = models.PositiveBigIntegerField(_("version du contenu"), default=1)
    changed_at = models.DateTimeField(_("modifié le"), auto_now=True)

    class Meta:
        verbose_name = _("version du contenu")
        verbose_name_plural = _("versions du contenu")

    def __str__(self):
        return f"{self.number}"
