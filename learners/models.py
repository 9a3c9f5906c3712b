"""Users and what a learner builds: assessments, answers, knowledge elements, saved tutorials.

One user model for everyone (students, teachers, school admins, invigilators, staff): roles come
from memberships in ``orga`` and ``certif``. Assessments are of several kinds (competence
evaluation, campaign, certification...) and share one answer table; the apps that own a kind link
to the assessment, never the other way round.
"""

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.contrib.sessions.base_session import AbstractBaseSession
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from adaptive import positioning
from referentiel.enums import AnswerResult
from referentiel.models import Challenge, Competence, Skill, Tutorial


class AccountManager(UserManager):
    def _create_user(self, username, email, password, **extra_fields):
        # Students created by a teacher have a username and no e-mail; others may have only
        # an e-mail. The model's constraint requires at least one of them.
        email = self.normalize_email(email) or None
        user = self.model(username=username or None, email=email, **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def get_by_natural_key(self, username):
        return self.get(username__iexact=username)


class User(AbstractUser):
    class Language(models.TextChoices):
        FR = "fr", "Français"
        EN = "en", "English"

    username = models.CharField(
        _("identifiant"), max_length=150, unique=True, null=True, blank=True,
        validators=[AbstractUser.username_validator],
        help_text=_("Lettres, chiffres et @ . + - _ uniquement."),
        error_messages={"unique": _("Cet identifiant est déjà utilisé.")},
    )
    email = models.EmailField(_("adresse e-mail"), unique=True, null=True, blank=True,
                              error_messages={"unique": _("Cette adresse e-mail est déjà utilisée.")})
    language = models.CharField(_("langue"), max_length=5, choices=Language.choices,
                                default=Language.FR)
    terms_accepted_at = models.DateTimeField(_("conditions d'utilisation acceptées le"),
                                             null=True, blank=True)
    must_change_password = models.BooleanField(
        _("doit changer son mot de passe"), default=False,
        help_text=_("Vrai pour un mot de passe temporaire donné par un enseignant."))

    objects = AccountManager()

    REQUIRED_FIELDS = []

    class Meta:
        verbose_name = _("utilisateur")
        verbose_name_plural = _("utilisateurs")
        constraints = [
            models.CheckConstraint(condition=Q(username__isnull=False) | Q(email__isnull=False),
                                   name="user_has_username_or_email"),
        ]

    def save(self, *args, **kwargs):
        self.username = self.username or None
        self.email = self.email.strip().lower() if self.email else None
        super().save(*args, **kwargs)

    def __str__(self):
        return self.get_full_name() or self.username or self.email or f"#{self.pk}"


class LearnerSession(AbstractBaseSession):
    """A signed-in browser's session (`SESSION_ENGINE = "learners.accounts.sessions"`): Django's
    session row plus the id of the user signed in, copied from its data when it is saved, so
    that every request reads its session and its user in one query."""

    # No constraint in the database: a session saved in the instant its user is deleted must not
    # fail (Django would take the failure for a session key already taken and try others). The
    # ORM still deletes a user's sessions with the user, and a row naming no user reads as none.
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True,
                             blank=True, db_constraint=False, related_name="+",
                             verbose_name=_("utilisateur"))

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")


class Assessment(models.Model):
    class Type(models.TextChoices):
        COMPETENCE_EVALUATION = "competence_evaluation", _("positionnement sur une compétence")
        CAMPAIGN = "campaign", _("campagne")
        CERTIFICATION = "certification", _("certification")
        PREVIEW = "preview", _("prévisualisation")

    class State(models.TextChoices):
        STARTED = "started", _("en cours")
        COMPLETED = "completed", _("terminé")
        ABORTED = "aborted", _("abandonné")
        ENDED_BY_INVIGILATOR = "ended_by_invigilator", _("arrêté par le surveillant")
        ENDED_DUE_TO_FINALIZATION = "ended_due_to_finalization", _("arrêté à la finalisation")

    class QuestionState(models.TextChoices):
        ASKED = "asked", _("posée")
        TIMEOUT = "timeout", _("temps écoulé")
        FOCUSED_OUT = "focusedout", _("sortie de la page")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="assessments")
    type = models.CharField(_("type"), max_length=30, choices=Type.choices)
    state = models.CharField(_("état"), max_length=30, choices=State.choices,
                             default=State.STARTED)
    competence = models.ForeignKey(Competence, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="assessments")
    is_improving = models.BooleanField(_("amélioration"), default=False)
    last_challenge = models.ForeignKey(Challenge, on_delete=models.PROTECT, null=True,
                                       blank=True, related_name="+")
    last_question_state = models.CharField(max_length=12, choices=QuestionState.choices,
                                           blank=True)
    last_question_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("test")
        verbose_name_plural = _("tests")
        indexes = [models.Index(fields=["user", "type", "state"])]

    def __str__(self):
        return f"{self.get_type_display()} #{self.pk}"

    @property
    def is_started(self):
        return self.state == self.State.STARTED


class Answer(models.Model):
    """Written once: the unique constraint makes a double submit harmless."""

    Result = AnswerResult

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="answers")
    challenge = models.ForeignKey(Challenge, on_delete=models.PROTECT, related_name="answers")
    value = models.JSONField(_("réponse"), null=True, blank=True)
    result = models.CharField(_("résultat"), max_length=12, choices=Result.choices)
    result_details = models.JSONField(default=dict, blank=True)
    timed_out = models.BooleanField(default=False)
    is_focused_out = models.BooleanField(default=False)
    time_spent = models.PositiveIntegerField(_("temps passé (secondes)"), default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("réponse")
        verbose_name_plural = _("réponses")
        constraints = [
            models.UniqueConstraint(fields=["assessment", "challenge"],
                                    name="one_answer_per_challenge_and_assessment"),
        ]

    def __str__(self):
        return f"{self.challenge_id}: {self.result}"

    @property
    def is_ok(self):
        return self.result == self.Result.OK

    @property
    def is_skipped(self):
        return self.result == self.Result.SKIPPED


class KnowledgeElement(models.Model):
    """What an answer says about a skill; the newest element of a skill is the current one."""

    class Source(models.TextChoices):
        DIRECT = positioning.DIRECT, _("direct")
        INFERRED = positioning.INFERRED, _("inféré")

    class Status(models.TextChoices):
        VALIDATED = positioning.VALIDATED, _("validé")
        INVALIDATED = positioning.INVALIDATED, _("non validé")
        RESET = "reset", _("remis à zéro")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="knowledge_elements")
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, null=True, blank=True,
                                   related_name="knowledge_elements")
    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, null=True, blank=True,
                               related_name="knowledge_elements")
    skill = models.ForeignKey(Skill, on_delete=models.PROTECT, related_name="+")
    competence = models.ForeignKey(Competence, on_delete=models.PROTECT, related_name="+")
    source = models.CharField(max_length=10, choices=Source.choices)
    status = models.CharField(max_length=12, choices=Status.choices)
    earned_pix = models.FloatField(default=0)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("élément de connaissance")
        verbose_name_plural = _("éléments de connaissance")
        indexes = [models.Index(fields=["user", "competence", "created_at"])]

    def __str__(self):
        return f"{self.skill_id} {self.status} ({self.source})"


class CompetenceEvaluation(models.Model):
    class Status(models.TextChoices):
        STARTED = "started", _("commencée")
        RESET = "reset", _("remise à zéro")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="competence_evaluations")
    competence = models.ForeignKey(Competence, on_delete=models.PROTECT, related_name="+")
    assessment = models.ForeignKey(Assessment, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.STARTED)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("évaluation de compétence")
        verbose_name_plural = _("évaluations de compétence")
        constraints = [
            models.UniqueConstraint(fields=["user", "competence"],
                                    name="one_competence_evaluation_per_user_and_competence"),
        ]

    def __str__(self):
        return f"{self.user_id} — {self.competence_id}"


class SavedTutorial(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="saved_tutorials")
    tutorial = models.ForeignKey(Tutorial, on_delete=models.CASCADE, related_name="+")
    skill = models.ForeignKey(Skill, on_delete=models.SET_NULL, null=True, blank=True,
                              related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("tutoriel enregistré")
        verbose_name_plural = _("tutoriels enregistrés")
        constraints = [
            models.UniqueConstraint(fields=["user", "tutorial"], name="one_save_per_tutorial"),
        ]

    def __str__(self):
        return f"{self.user_id} — {self.tutorial_id}"
