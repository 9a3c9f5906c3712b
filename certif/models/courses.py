"""The day of the exam (domain §5, §7): certification courses, served questions, live alerts and
issue reports.

A course is created when an authorised candidate first enters the access code. It copies the
candidate's identity (the certificate must not change if the enrolment is edited later), fixes the
version and stores the seed of the adaptive test, so that every test can be replayed and audited
from the stored seed, served questions and answers. Its assessment (learners.Assessment, type
certification) goes through the one test core like every other test.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from certif.constants import (
    EXAMINER_COMMENT_MAX_LENGTH,
    NAME_MAX_LENGTH,
    VERIFICATION_CODE_LENGTH,
)
from certif.models.candidates import CertificationCandidate, Sex
from certif.models.sessions import CertificationSession
from certif.models.versions import CertificationVersion


class AbortReason(models.TextChoices):
    CANDIDATE = "candidate", _("abandon du candidat")
    TECHNICAL = "technical", _("problème technique")


class CertificationCourse(models.Model):
    session = models.ForeignKey(CertificationSession, on_delete=models.PROTECT,
                                related_name="courses", verbose_name=_("session"))
    candidate = models.OneToOneField(CertificationCandidate, on_delete=models.PROTECT,
                                     related_name="course", verbose_name=_("candidat"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                             related_name="certification_courses", verbose_name=_("compte"))
    assessment = models.OneToOneField("learners.Assessment", on_delete=models.PROTECT,
                                      related_name="certification_course",
                                      verbose_name=_("test"))
    version = models.ForeignKey(CertificationVersion, on_delete=models.PROTECT,
                                related_name="courses", verbose_name=_("version"))
    seed = models.BigIntegerField(_("graine du tirage"))
    verification_code = models.CharField(_("code de vérification"),
                                         max_length=VERIFICATION_CODE_LENGTH, unique=True)
    # The candidate's identity, copied at creation (domain §5.2).
    first_name = models.CharField(_("prénom"), max_length=NAME_MAX_LENGTH)
    last_name = models.CharField(_("nom de naissance"), max_length=NAME_MAX_LENGTH)
    birthdate = models.DateField(_("date de naissance"))
    birthplace = models.CharField(_("lieu de naissance"), max_length=NAME_MAX_LENGTH)
    sex = models.CharField(_("sexe"), max_length=1, choices=Sex.choices)
    external_id = models.CharField(_("identifiant externe"), max_length=NAME_MAX_LENGTH,
                                   blank=True)
    extra_time_percentage = models.PositiveSmallIntegerField(_("temps majoré (%)"), default=0)
    accessibility_adjustment_needed = models.BooleanField(_("aménagement d'accessibilité"),
                                                          default=False)
    language = models.CharField(_("langue"), max_length=8, default="fr")
    created_at = models.DateTimeField(_("commencé le"), auto_now_add=True)
    # The server-side deadline: start + the version's duration + the candidate's extra time.
    deadline = models.DateTimeField(_("fin théorique"))
    ended_at = models.DateTimeField(_("terminé le"), null=True, blank=True)
    # The candidate's current entry into the test (domain §5.2): each entry uses up the
    # invigilator's authorisation; arriving again (another computer, a closed tab) closes it, and
    # the test then waits for a new authorisation. The browser session that just entered may
    # send its entry again within seconds (a double click on "Commencer").
    entered_at = models.DateTimeField(_("entré dans le test le"), null=True, blank=True)
    entry_session_key = models.CharField(max_length=64, blank=True)
    # The candidate's page says it is still open (a request every few seconds): the invigilator
    # sees a lost connection.
    last_seen_at = models.DateTimeField(_("vu pour la dernière fois le"), null=True, blank=True)
    # Filled at finalisation (domain §7.1).
    has_seen_end_test_screen = models.BooleanField(_("écran de fin vu"), default=False)
    abort_reason = models.CharField(_("raison de l'abandon"), max_length=10,
                                    choices=AbortReason.choices, blank=True)
    examiner_comment = models.CharField(_("commentaire du surveillant"),
                                        max_length=EXAMINER_COMMENT_MAX_LENGTH, blank=True)
    # Set by the jury (domain §7.3); scoring reads them.
    is_cancelled = models.BooleanField(_("annulée par le jury"), default=False)
    is_rejected_for_fraud = models.BooleanField(_("rejetée pour fraude"), default=False)
    is_published = models.BooleanField(_("publiée"), default=False)

    class Meta:
        ordering = ["session", "last_name", "first_name", "pk"]
        verbose_name = _("passage de certification")
        verbose_name_plural = _("passages de certification")
        indexes = [models.Index(fields=["user", "is_published"])]

    def __str__(self):
        return f"{self.first_name} {self.last_name} ({self.session_id})"


class ServedChallenge(models.Model):
    """A question served to a course, in order, with the calibrated values it was chosen with."""

    course = models.ForeignKey(CertificationCourse, on_delete=models.CASCADE,
                               related_name="served_challenges")
    challenge = models.ForeignKey("referentiel.Challenge", on_delete=models.PROTECT,
                                  related_name="+")
    position = models.PositiveSmallIntegerField(_("rang"))
    discrimination = models.FloatField(_("discrimination"))
    difficulty = models.FloatField(_("difficulté"))
    served_at = models.DateTimeField(auto_now_add=True)
    # A validated live alert removes the question (and its skill) from the test and its scoring.
    is_removed = models.BooleanField(_("retirée après un signalement validé"), default=False)

    class Meta:
        ordering = ["course", "position"]
        verbose_name = _("question servie")
        verbose_name_plural = _("questions servies")
        constraints = [
            models.UniqueConstraint(fields=["course", "challenge"],
                                    name="one_serving_per_course_and_challenge"),
            models.UniqueConstraint(fields=["course", "position"],
                                    name="one_served_challenge_per_position"),
        ]

    def __str__(self):
        return f"{self.course_id} #{self.position}"


class LiveAlertStatus(models.TextChoices):
    ONGOING = "ongoing", _("en attente du surveillant")
    DISMISSED = "dismissed", _("refusé")
    VALIDATED = "validated", _("validé")


class IssueReportCategory(models.TextChoices):
    NON_BLOCKING_CANDIDATE_ISSUE = "NON_BLOCKING_CANDIDATE_ISSUE", _(
        "Incident lié au candidat, non bloquant")
    NON_BLOCKING_TECHNICAL_ISSUE = "NON_BLOCKING_TECHNICAL_ISSUE", _(
        "Incident technique non bloquant")
    SIGNATURE_ISSUE = "SIGNATURE_ISSUE", _("Problème de signature sur la feuille d'émargement")
    CANDIDATE_INFORMATIONS_CHANGES = "CANDIDATE_INFORMATIONS_CHANGES", _(
        "Modification des informations du candidat")
    IN_CHALLENGE = "IN_CHALLENGE", _("Problème sur une question")
    FRAUD = "FRAUD", _("Suspicion de fraude")
    # Deprecated: recognised in old data, refused for new reports (domain §7.2).
    TECHNICAL_PROBLEM = "TECHNICAL_PROBLEM", _("Problème technique (ancienne catégorie)")
    OTHER = "OTHER", _("Autre (ancienne catégorie)")
    LATE_OR_LEAVING = "LATE_OR_LEAVING", _("Retard ou départ (ancienne catégorie)")
    CONNECTION_OR_END_SCREEN = "CONNECTION_OR_END_SCREEN", _(
        "Connexion ou écran de fin (ancienne catégorie)")


class IssueReportSubcategory(models.TextChoices):
    NAME_OR_BIRTHDATE = "NAME_OR_BIRTHDATE", _("Nom, prénom ou date de naissance")
    EXTRA_TIME_PERCENTAGE = "EXTRA_TIME_PERCENTAGE", _("Temps majoré")
    IMAGE_NOT_DISPLAYING = "IMAGE_NOT_DISPLAYING", _("L'image ne s'affiche pas")
    EMBED_NOT_WORKING = "EMBED_NOT_WORKING", _("Le simulateur ou l'application ne fonctionne pas")
    FILE_NOT_OPENING = "FILE_NOT_OPENING", _("Le fichier ne s'ouvre pas")
    WEBSITE_UNAVAILABLE = "WEBSITE_UNAVAILABLE", _("Le site à visiter est indisponible")
    WEBSITE_BLOCKED = "WEBSITE_BLOCKED", _("Le site à visiter est bloqué par l'établissement")
    EXTRA_TIME_EXCEEDED = "EXTRA_TIME_EXCEEDED", _("Le temps imparti à la question est dépassé")
    SOFTWARE_NOT_WORKING = "SOFTWARE_NOT_WORKING", _("Le logiciel à utiliser ne fonctionne pas")
    UNINTENTIONAL_FOCUS_OUT = "UNINTENTIONAL_FOCUS_OUT", _(
        "Sortie involontaire de la page d'une question surveillée")
    SKIP_ON_OOPS = "SKIP_ON_OOPS", _("Une erreur s'est affichée à la place de la question")
    ACCESSIBILITY_ISSUE = "ACCESSIBILITY_ISSUE", _("Problème d'accessibilité de la question")
    # Deprecated.
    LINK_NOT_WORKING = "LINK_NOT_WORKING", _("Le lien ne fonctionne pas (ancienne sous-catégorie)")
    OTHER = "OTHER", _("Autre (ancienne sous-catégorie)")
    LEFT_EXAM_ROOM = "LEFT_EXAM_ROOM", _("A quitté la salle (ancienne sous-catégorie)")


class LiveAlert(models.Model):
    """A candidate's "Signaler un problème" on the current question; one open at a time."""

    course = models.ForeignKey(CertificationCourse, on_delete=models.CASCADE,
                               related_name="live_alerts")
    challenge = models.ForeignKey("referentiel.Challenge", on_delete=models.PROTECT,
                                  related_name="+")
    question_number = models.PositiveSmallIntegerField(_("question n°"))
    status = models.CharField(_("statut"), max_length=10, choices=LiveAlertStatus.choices,
                              default=LiveAlertStatus.ONGOING)
    subcategory = models.CharField(_("motif"), max_length=40,
                                   choices=IssueReportSubcategory.choices, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    handled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["course", "created_at"]
        verbose_name = _("signalement en direct")
        verbose_name_plural = _("signalements en direct")
        constraints = [
            models.UniqueConstraint(fields=["course"], condition=Q(status="ongoing"),
                                    name="one_ongoing_live_alert_per_course"),
        ]

    def __str__(self):
        return _("Signalement question %(number)s") % {"number": self.question_number}


class CertificationIssueReport(models.Model):
    course = models.ForeignKey(CertificationCourse, on_delete=models.CASCADE,
                               related_name="issue_reports")
    category = models.CharField(_("catégorie"), max_length=40,
                                choices=IssueReportCategory.choices)
    subcategory = models.CharField(_("sous-catégorie"), max_length=40,
                                   choices=IssueReportSubcategory.choices, blank=True)
    description = models.TextField(_("description"), blank=True)
    question_number = models.PositiveSmallIntegerField(_("question n°"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(_("résolu le"), null=True, blank=True)
    resolution = models.TextField(_("résolution"), blank=True)
    has_been_automatically_resolved = models.BooleanField(_("résolu automatiquement"),
                                                          default=False)

    class Meta:
        ordering = ["course", "created_at", "pk"]
        verbose_name = _("signalement")
        verbose_name_plural = _("signalements")

    def __str__(self):
        return self.get_category_display()
