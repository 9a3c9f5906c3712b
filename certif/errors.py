"""Every refusal of certification, as a stable code beside its French message.

The codes are the reference platform's (domain facts §4) where it has one, so that a file or an
API client can branch on them; codes marked "ours" are refusals it does not name. The message is
the code's label: one definition for the page, the import report and the tests. Messages speak to
centre staff ("vous"), except those of a candidate joining and taking the test ("tu"); the import
report shows the line and the field beside them.
"""

from dataclasses import dataclass
from dataclasses import field as dataclass_field

from django.db import models
from django.utils.translation import gettext_lazy as _


class ErrorCode(models.TextChoices):
    # Sessions.
    SESSION_ADDRESS_REQUIRED = "SESSION_ADDRESS_REQUIRED", _("Le nom du site est obligatoire.")
    SESSION_ROOM_REQUIRED = "SESSION_ROOM_REQUIRED", _("Le nom de la salle est obligatoire.")
    SESSION_DATE_REQUIRED = "SESSION_DATE_REQUIRED", _("La date de la session est obligatoire.")
    SESSION_DATE_NOT_VALID = "SESSION_DATE_NOT_VALID", _(
        "La date de la session n'est pas valide : écrivez-la au format JJ/MM/AAAA.")
    SESSION_TIME_REQUIRED = "SESSION_TIME_REQUIRED", _("L'heure de début est obligatoire.")
    SESSION_TIME_NOT_VALID = "SESSION_TIME_NOT_VALID", _(
        "L'heure de début n'est pas valide : écrivez-la au format HH:MM sur 24 heures, par exemple 09:30.")
    SESSION_EXAMINER_REQUIRED = "SESSION_EXAMINER_REQUIRED", _("Indiquez le ou les surveillants.")
    SESSION_SCHEDULED_IN_THE_PAST = "SESSION_SCHEDULED_IN_THE_PAST", _(
        "La session ne peut pas être programmée dans le passé.")
    SESSION_WITH_DATE_AND_TIME_ALREADY_EXISTS = "SESSION_WITH_DATE_AND_TIME_ALREADY_EXISTS", _(
        "Une autre session du centre est déjà programmée à cette date et à cette heure.")
    SESSION_ID_NOT_VALID = "SESSION_ID_NOT_VALID", _(
        "Le numéro de session n'est pas valide : c'est un nombre, par exemple 1234.")
    SESSION_ID_NOT_EXISTING = "SESSION_ID_NOT_EXISTING", _(
        "Aucune session de votre centre ne porte ce numéro.")
    INFORMATION_NOT_ALLOWED_WITH_SESSION_ID = "INFORMATION_NOT_ALLOWED_WITH_SESSION_ID", _(
        "Avec un numéro de session préexistante, laissez vides les colonnes de la session "
        "(site, salle, date, heure, surveillants, observations).")
    CANDIDATE_NOT_ALLOWED_FOR_STARTED_SESSION = "CANDIDATE_NOT_ALLOWED_FOR_STARTED_SESSION", _(
        "Cette session a déjà commencé : on ne peut plus y inscrire de candidats par import.")
    EMPTY_SESSION = "EMPTY_SESSION", _("Cette session n'a aucun candidat.")
    DUPLICATE_CANDIDATE_IN_SESSION = "DUPLICATE_CANDIDATE_IN_SESSION", _(
        "Ce candidat figure déjà plus haut dans le fichier pour la même session : cette ligne est ignorée.")
    DUPLICATE_CANDIDATE_NOT_ALLOWED_IN_SESSION = "DUPLICATE_CANDIDATE_NOT_ALLOWED_IN_SESSION", _(
        "Ce candidat est déjà inscrit à cette session.")
    SESSION_ALREADY_STARTED = "SESSION_ALREADY_STARTED", _(  # ours
        "Un candidat a commencé son test : cette session ne peut plus être modifiée ni supprimée.")
    SESSION_TEXT_TOO_LONG = "SESSION_TEXT_TOO_LONG", _(  # ours
        "Ce texte est trop long : %(max)s caractères au plus.")

    # Candidates: identity.
    CANDIDATE_LAST_NAME_REQUIRED = "CANDIDATE_LAST_NAME_REQUIRED", _("Le nom de naissance est obligatoire.")
    CANDIDATE_LAST_NAME_MUST_BE_A_STRING = "CANDIDATE_LAST_NAME_MUST_BE_A_STRING", _(
        "Le nom de naissance doit être un texte.")
    CANDIDATE_FIRST_NAME_REQUIRED = "CANDIDATE_FIRST_NAME_REQUIRED", _("Le prénom est obligatoire.")
    CANDIDATE_FIRST_NAME_MUST_BE_A_STRING = "CANDIDATE_FIRST_NAME_MUST_BE_A_STRING", _(
        "Le prénom doit être un texte.")
    CANDIDATE_SEX_REQUIRED = "CANDIDATE_SEX_REQUIRED", _("Le sexe est obligatoire : M ou F.")
    CANDIDATE_SEX_NOT_VALID = "CANDIDATE_SEX_NOT_VALID", _("Le sexe doit être M ou F.")
    CANDIDATE_BIRTHDATE_REQUIRED = "CANDIDATE_BIRTHDATE_REQUIRED", _("La date de naissance est obligatoire.")
    CANDIDATE_BIRTHDATE_FORMAT_NOT_VALID = "CANDIDATE_BIRTHDATE_FORMAT_NOT_VALID", _(
        "La date de naissance n'est pas valide : écrivez-la au format JJ/MM/AAAA.")
    CANDIDATE_BIRTHDATE_MUST_BE_GREATER = "CANDIDATE_BIRTHDATE_MUST_BE_GREATER", _(
        "La date de naissance doit être postérieure au 01/01/1900.")
    CANDIDATE_BIRTHDATE_IN_THE_FUTURE = "CANDIDATE_BIRTHDATE_IN_THE_FUTURE", _(  # ours
        "La date de naissance ne peut pas être dans le futur.")
    CANDIDATE_TEXT_TOO_LONG = "CANDIDATE_TEXT_TOO_LONG", _(  # ours
        "Ce texte est trop long : %(max)s caractères au plus.")

    # Candidates: birthplace.
    CANDIDATE_BIRTH_INFORMATION_REQUIRED = "CANDIDATE_BIRTH_INFORMATION_REQUIRED", _(
        "Le lieu de naissance est obligatoire : le pays, puis le code INSEE de la commune "
        "ou son code postal et son nom.")
    CANDIDATE_BIRTH_COUNTRY_REQUIRED = "CANDIDATE_BIRTH_COUNTRY_REQUIRED", _(
        "Le pays de naissance est obligatoire.")
    CANDIDATE_BIRTH_COUNTRY_NOT_FOUND = "CANDIDATE_BIRTH_COUNTRY_NOT_FOUND", _(
        "Ce pays de naissance ne figure pas dans la liste des pays de l'INSEE.")
    CANDIDATE_FOREIGN_BIRTH_CITY_REQUIRED = "CANDIDATE_FOREIGN_BIRTH_CITY_REQUIRED", _(
        "Pour une naissance à l'étranger, indiquez la ville de naissance.")
    CANDIDATE_FOREIGN_POSTAL_CODE_MUST_BE_EMPTY = "CANDIDATE_FOREIGN_POSTAL_CODE_MUST_BE_EMPTY", _(
        "Pour une naissance à l'étranger, laissez le code postal vide.")
    CANDIDATE_FOREIGN_INSEE_CODE_NOT_VALID = "CANDIDATE_FOREIGN_INSEE_CODE_NOT_VALID", _(
        "Pour une naissance à l'étranger, le code INSEE est 99 ou reste vide.")
    CANDIDATE_BIRTH_INSEE_CODE_OR_BIRTH_POSTAL_CODE_AND_BIRTH_CITY_REQUIRED = (
        "CANDIDATE_BIRTH_INSEE_CODE_OR_BIRTH_POSTAL_CODE_AND_BIRTH_CITY_REQUIRED", _(
            "Pour une naissance en France, indiquez soit le code INSEE de la commune, soit son code "
            "postal et son nom, mais pas les deux."))
    CANDIDATE_BIRTH_POSTAL_CODE_REQUIRED = "CANDIDATE_BIRTH_POSTAL_CODE_REQUIRED", _(
        "Indiquez aussi le code postal de la commune de naissance.")
    CANDIDATE_BIRTH_CITY_REQUIRED = "CANDIDATE_BIRTH_CITY_REQUIRED", _(
        "Indiquez aussi le nom de la commune de naissance.")
    CANDIDATE_BIRTH_INSEE_CODE_NOT_VALID = "CANDIDATE_BIRTH_INSEE_CODE_NOT_VALID", _(
        "Ce code INSEE ne correspond à aucune commune du référentiel de l'INSEE.")
    CANDIDATE_BIRTH_POSTAL_CODE_NOT_FOUND = "CANDIDATE_BIRTH_POSTAL_CODE_NOT_FOUND", _(
        "Ce code postal ne correspond à aucune commune.")
    CANDIDATE_BIRTH_POSTAL_CODE_CITY_NOT_VALID = "CANDIDATE_BIRTH_POSTAL_CODE_CITY_NOT_VALID", _(
        "Aucune commune de ce nom n'a le code postal %(postal_code)s. Communes de ce code postal : "
        "%(cities)s.")

    # Candidates: contact, extra time, billing.
    CANDIDATE_EMAIL_NOT_VALID = "CANDIDATE_EMAIL_NOT_VALID", _(
        "L'adresse e-mail de convocation n'est pas valide.")
    CANDIDATE_RESULT_RECIPIENT_EMAIL_NOT_VALID = "CANDIDATE_RESULT_RECIPIENT_EMAIL_NOT_VALID", _(
        "L'adresse e-mail du destinataire des résultats n'est pas valide.")
    CANDIDATE_EXTERNAL_ID_MUST_BE_A_STRING = "CANDIDATE_EXTERNAL_ID_MUST_BE_A_STRING", _(
        "L'identifiant externe doit être un texte.")
    CANDIDATE_EXTRA_TIME_INTEGER = "CANDIDATE_EXTRA_TIME_INTEGER", _(
        "Le temps majoré est un pourcentage entier, par exemple 33 %.")
    CANDIDATE_EXTRA_TIME_OUT_OF_RANGE = "CANDIDATE_EXTRA_TIME_OUT_OF_RANGE", _(
        "Le temps majoré est un pourcentage de 1 à 999, par exemple 33 % (et non 0,33).")
    CANDIDATE_BILLING_MODE_REQUIRED = "CANDIDATE_BILLING_MODE_REQUIRED", _(
        "La tarification part Pix est obligatoire : Gratuite, Prépayée ou Payante.")
    CANDIDATE_BILLING_MODE_NOT_VALID = "CANDIDATE_BILLING_MODE_NOT_VALID", _(
        "La tarification part Pix doit être Gratuite, Prépayée ou Payante.")
    CANDIDATE_BILLING_MODE_MUST_BE_A_STRING = "CANDIDATE_BILLING_MODE_MUST_BE_A_STRING", _(
        "La tarification part Pix doit être un texte : Gratuite, Prépayée ou Payante.")
    CANDIDATE_BILLING_MODE_MUST_BE_EMPTY = "CANDIDATE_BILLING_MODE_MUST_BE_EMPTY", _(
        "Un établissement scolaire ne renseigne pas de tarification : laissez ce champ vide.")
    CANDIDATE_PREPAYMENT_CODE_REQUIRED = "CANDIDATE_PREPAYMENT_CODE_REQUIRED", _(
        "Le code de prépaiement est obligatoire pour une tarification Prépayée.")
    CANDIDATE_PREPAYMENT_CODE_MUST_BE_EMPTY = "CANDIDATE_PREPAYMENT_CODE_MUST_BE_EMPTY", _(
        "Le code de prépaiement ne se renseigne que pour une tarification Prépayée.")

    # Candidates: enrolment.
    CANDIDATE_ALREADY_ENROLLED = "CANDIDATE_ALREADY_ENROLLED", _(
        "Un candidat de mêmes nom, prénom et date de naissance est déjà inscrit à cette session.")
    CANDIDATE_ON_FINALIZED_SESSION = "CANDIDATE_ON_FINALIZED_SESSION", _(
        "Cette session est finalisée : on ne peut plus y inscrire de candidat.")
    CANDIDATE_LINKED_TO_USER = "CANDIDATE_LINKED_TO_USER", _(  # ours
        "Ce candidat a déjà rejoint la session avec son compte : il ne peut plus être retiré.")

    # Candidates: enrolment of a school's imported students (domain §4.5).
    CENTER_NOT_LINKED_TO_SCHOOL = "CENTER_NOT_LINKED_TO_SCHOOL", _(  # ours
        "Votre centre n'est relié à aucun établissement de Pix Orga qui gère ses élèves : "
        "inscrivez vos candidats un par un ou par import.")
    STUDENT_NOT_IN_SCHOOL = "STUDENT_NOT_IN_SCHOOL", _(  # the reference's "forbidden"
        "Un des élèves choisis n'est pas (ou plus) un élève de votre établissement : "
        "rechargez la liste de la classe.")
    NO_STUDENT_SELECTED = "NO_STUDENT_SELECTED", _(  # ours
        "Cochez au moins un élève à inscrire.")
    UNKNOWN_COUNTRY_FOR_STUDENT_ENROLMENT = "UNKNOWN_COUNTRY_FOR_STUDENT_ENROLMENT", _(
        "%(student)s : le pays de naissance importé de SIECLE (code %(code)s) ne figure pas dans "
        "la liste des pays de l'INSEE. Corrigez-le dans SIECLE puis importez de nouveau vos élèves.")
    STUDENT_BIRTH_CITY_MISSING = "STUDENT_BIRTH_CITY_MISSING", _(  # ours
        "%(student)s : la commune de naissance manque dans les données importées de SIECLE. "
        "Corrigez-la dans SIECLE puis importez de nouveau vos élèves.")
    STUDENT_SEX_MISSING = "STUDENT_SEX_MISSING", _(  # ours
        "%(student)s : le sexe manque dans les données importées de SIECLE. Corrigez-le dans "
        "SIECLE puis importez de nouveau vos élèves.")

    # Bulk import: the file itself (ours).
    IMPORT_FILE_EMPTY = "IMPORT_FILE_EMPTY", _("Le fichier est vide : il ne contient aucune ligne de session.")
    IMPORT_FILE_TOO_LARGE = "IMPORT_FILE_TOO_LARGE", _("Le fichier dépasse la taille permise (%(max)s Mo).")
    IMPORT_TOO_MANY_LINES = "IMPORT_TOO_MANY_LINES", _(
        "Le fichier a trop de lignes : %(max)s au plus. Découpez-le en plusieurs fichiers.")
    IMPORT_NOT_CSV = "IMPORT_NOT_CSV", _(
        "Ce fichier n'est pas un fichier CSV lisible. Enregistrez le modèle au format "
        "« CSV (séparateur : point-virgule) ».")
    IMPORT_HEADERS_NOT_VALID = "IMPORT_HEADERS_NOT_VALID", _(
        "Les colonnes du fichier ne sont pas celles du modèle (%(details)s). Téléchargez le modèle "
        "et recopiez-y vos lignes.")
    IMPORT_NO_SESSION_FOR_CANDIDATE = "IMPORT_NO_SESSION_FOR_CANDIDATE", _(
        "Cette ligne n'indique pas de session, et aucune ligne de session ne la précède.")
    IMPORT_ALREADY_CONFIRMED = "IMPORT_ALREADY_CONFIRMED", _("Cet import a déjà été confirmé.")
    IMPORT_HAS_ERRORS = "IMPORT_HAS_ERRORS", _(
        "Le fichier contient des erreurs : corrigez-les, puis importez-le de nouveau.")

    # The exam day: joining a session (domain §5.1). These speak to the candidate ("tu").
    JOIN_SESSION_NOT_FOUND = "JOIN_SESSION_NOT_FOUND", _(  # ours
        "Aucune session ne porte ce numéro : vérifie le numéro donné par le surveillant.")
    SESSION_NOT_ACCESSIBLE = "SESSION_NOT_ACCESSIBLE", _(
        "Cette session est finalisée : on ne peut plus la rejoindre ni y passer le test.")
    CANDIDATE_BY_PERSONAL_INFO_NOT_FOUND = "CANDIDATE_BY_PERSONAL_INFO_NOT_FOUND", _(
        "Aucun candidat de cette session ne porte ces prénom, nom de naissance et date de "
        "naissance : vérifie-les, tels qu'ils sont écrits sur ta convocation.")
    CANDIDATE_BY_PERSONAL_INFO_TOO_MANY_MATCHES = "CANDIDATE_BY_PERSONAL_INFO_TOO_MANY_MATCHES", _(
        "Plusieurs candidats de cette session ont ces prénom, nom et date de naissance : "
        "préviens le surveillant.")
    UNEXPECTED_USER_ACCOUNT = "UNEXPECTED_USER_ACCOUNT", _(
        "Ce candidat a déjà rejoint la session avec un autre compte : connecte-toi avec le compte "
        "utilisé la première fois, ou préviens le surveillant.")
    USER_ALREADY_LINKED_TO_CANDIDATE_IN_SESSION = "USER_ALREADY_LINKED_TO_CANDIDATE_IN_SESSION", _(
        "Ton compte a déjà rejoint cette session sous le nom d'un autre candidat : préviens le "
        "surveillant.")
    MATCHING_STUDENT_NOT_RECONCILED = "MATCHING_STUDENT_NOT_RECONCILED", _(
        "Ce candidat est inscrit par son établissement : connecte-toi avec le compte que tu "
        "utilises dans ton établissement (celui relié à ton inscription), ou préviens le "
        "surveillant.")
    CERTIFICATION_NOT_AVAILABLE = "CERTIFICATION_NOT_AVAILABLE", _(  # ours
        "La certification n'est pas disponible pour le moment : préviens le surveillant.")

    # The exam day: starting and resuming the test (domain §5.2), to the candidate.
    INSTRUCTIONS_NOT_CONFIRMED = "INSTRUCTIONS_NOT_CONFIRMED", _(  # ours
        "Coche la case pour confirmer que tu as lu les instructions.")
    INSTRUCTIONS_NOT_SEEN = "INSTRUCTIONS_NOT_SEEN", _(  # ours
        "Lis d'abord les instructions jusqu'au bout, puis confirme que tu les as lues.")
    ACCESS_CODE_NOT_VALID = "ACCESS_CODE_NOT_VALID", _(
        "Ce code d'accès n'est pas celui de ta session : vérifie-le auprès du surveillant.")
    ACCESS_CODE_TOO_MANY_ATTEMPTS = "ACCESS_CODE_TOO_MANY_ATTEMPTS", _(  # ours
        "Trop de codes d'accès erronés pour cette session : réessaie dans %(wait)s.")
    CANDIDATE_NOT_AUTHORIZED_TO_JOIN_SESSION = "CANDIDATE_NOT_AUTHORIZED_TO_JOIN_SESSION", _(
        "Le surveillant ne t'a pas encore autorisé à commencer : attends son autorisation, puis "
        "saisis de nouveau le code d'accès.")
    CANDIDATE_NOT_AUTHORIZED_TO_RESUME_CERTIFICATION_TEST = (
        "CANDIDATE_NOT_AUTHORIZED_TO_RESUME_CERTIFICATION_TEST", _(
            "Pour reprendre ton test, le surveillant doit t'y autoriser de nouveau : lève la main, "
            "puis saisis de nouveau le code d'accès une fois autorisé."))
    VERIFICATION_CODE_GENERATION_TOO_MANY_TRIALS = "VERIFICATION_CODE_GENERATION_TOO_MANY_TRIALS", _(
        "Le test n'a pas pu être créé : réessaie dans un instant.")
    LIVE_ALERT_ALREADY_ONGOING = "LIVE_ALERT_ALREADY_ONGOING", _(  # ours
        "Tu as déjà signalé un problème : le surveillant va venir le voir.")
    LIVE_ALERT_NO_CURRENT_QUESTION = "LIVE_ALERT_NO_CURRENT_QUESTION", _(  # ours
        "Il n'y a pas de question en cours à signaler.")

    # The exam day: the invigilator (domain §5.3), to the invigilator ("vous").
    INVIGILATOR_ACCESS_NOT_VALID = "INVIGILATOR_ACCESS_NOT_VALID", _(
        "Le numéro de session ou le mot de passe surveillant est incorrect : vérifiez-les sur le "
        "kit surveillant de la session.")
    INVIGILATOR_SESSION_FINALIZED = "INVIGILATOR_SESSION_FINALIZED", _(
        "Cette session est finalisée : l'espace surveillant n'est plus accessible.")
    INVIGILATOR_TOO_MANY_ATTEMPTS = "INVIGILATOR_TOO_MANY_ATTEMPTS", _(  # ours
        "Trop de mots de passe erronés pour cette session : réessayez dans %(wait)s.")
    CANDIDATE_NOT_ARRIVED = "CANDIDATE_NOT_ARRIVED", _(  # ours
        "Ce candidat n'a pas encore rejoint la session : il doit d'abord saisir son numéro de "
        "session et son identité.")
    CERTIFICATION_ALREADY_ENDED = "CERTIFICATION_ALREADY_ENDED", _(  # ours
        "Le test de ce candidat est déjà terminé.")
    CERTIFICATION_NOT_STARTED = "CERTIFICATION_NOT_STARTED", _(  # ours
        "Ce candidat n'a pas encore commencé son test.")
    LIVE_ALERT_ALREADY_HANDLED = "LIVE_ALERT_ALREADY_HANDLED", _(  # ours
        "Ce signalement a déjà été traité.")
    LIVE_ALERT_SUBCATEGORY_NOT_VALID = "LIVE_ALERT_SUBCATEGORY_NOT_VALID", _(  # ours
        "Choisissez dans la liste la nature du problème constaté.")
    # Finalisation by the centre (domain §7.1, §7.2), to the centre's staff ("vous").
    SESSION_ALREADY_FINALIZED = "SESSION_ALREADY_FINALIZED", _(
        "Cette session est déjà finalisée : elle ne peut plus être modifiée.")
    SESSION_WITHOUT_STARTED_CERTIFICATION = "SESSION_WITHOUT_STARTED_CERTIFICATION", _(
        "Aucun candidat n'a commencé son test dans cette session : il n'y a rien à finaliser.")
    SESSION_WITH_MISSING_ABORT_REASON = "SESSION_WITH_MISSING_ABORT_REASON", _(
        "Chaque test non terminé doit avoir sa raison d'abandon : indiquez-la pour %(candidates)s.")
    SESSION_WITH_ABORT_REASON_ON_COMPLETED_CERTIFICATION_COURSE = (
        "SESSION_WITH_ABORT_REASON_ON_COMPLETED_CERTIFICATION_COURSE", _(
            "%(candidate)s a terminé son test : retirez la raison d'abandon indiquée."))
    CERTIFICATION_REPORT_ABORT_REASON_REQUIRED = "CERTIFICATION_REPORT_ABORT_REASON_REQUIRED", _(
        "Le test de %(candidate)s n'est pas terminé : indiquez la raison de l'abandon.")
    ABORT_REASON_NOT_VALID = "ABORT_REASON_NOT_VALID", _(  # ours
        "%(candidate)s : choisissez la raison de l'abandon dans la liste (abandon du candidat ou "
        "problème technique).")
    EXAMINER_COMMENT_TOO_LONG = "EXAMINER_COMMENT_TOO_LONG", _(  # ours
        "Le commentaire sur %(candidate)s est trop long : %(max)s caractères au plus.")
    FINALISATION_NOT_CONFIRMED = "FINALISATION_NOT_CONFIRMED", _(  # ours
        "Cochez la case de confirmation : une fois finalisée, la session ne pourra plus être "
        "modifiée.")
    ISSUE_REPORT_CATEGORY_REQUIRED = "ISSUE_REPORT_CATEGORY_REQUIRED", _(  # ours
        "Signalement pour %(candidate)s : choisissez sa catégorie.")
    ISSUE_REPORT_CATEGORY_NOT_VALID = "ISSUE_REPORT_CATEGORY_NOT_VALID", _(  # ours
        "Signalement pour %(candidate)s : choisissez sa catégorie dans la liste.")
    ISSUE_REPORT_CATEGORY_DEPRECATED = "ISSUE_REPORT_CATEGORY_DEPRECATED", _(
        "Signalement pour %(candidate)s : cette catégorie n'est plus utilisée, choisissez-en une "
        "autre dans la liste.")
    ISSUE_REPORT_SUBCATEGORY_REQUIRED = "ISSUE_REPORT_SUBCATEGORY_REQUIRED", _(  # ours
        "Signalement pour %(candidate)s : précisez le problème (la sous-catégorie) pour cette "
        "catégorie.")
    ISSUE_REPORT_SUBCATEGORY_NOT_VALID = "ISSUE_REPORT_SUBCATEGORY_NOT_VALID", _(  # ours
        "Signalement pour %(candidate)s : ce problème (la sous-catégorie) ne correspond pas à la "
        "catégorie choisie.")
    ISSUE_REPORT_SUBCATEGORY_DEPRECATED = "ISSUE_REPORT_SUBCATEGORY_DEPRECATED", _(
        "Signalement pour %(candidate)s : ce problème (la sous-catégorie) n'est plus utilisé, "
        "choisissez-en un autre dans la liste.")
    ISSUE_REPORT_DESCRIPTION_REQUIRED = "ISSUE_REPORT_DESCRIPTION_REQUIRED", _(  # ours
        "Signalement pour %(candidate)s : décrivez ce qui s'est passé.")
    ISSUE_REPORT_DESCRIPTION_TOO_LONG = "ISSUE_REPORT_DESCRIPTION_TOO_LONG", _(  # ours
        "Signalement pour %(candidate)s : la description est trop longue, %(max)s caractères au "
        "plus.")
    ISSUE_REPORT_QUESTION_NUMBER_REQUIRED = "ISSUE_REPORT_QUESTION_NUMBER_REQUIRED", _(  # ours
        "Signalement pour %(candidate)s : indiquez le numéro de la question concernée.")
    ISSUE_REPORT_QUESTION_NUMBER_NOT_VALID = "ISSUE_REPORT_QUESTION_NUMBER_NOT_VALID", _(  # ours
        "Signalement pour %(candidate)s : le numéro de la question est un nombre entier de "
        "%(min)s à %(max)s.")

    # Results: scoring, the jury, versions and publication.
    SESSION_ALREADY_PUBLISHED = "SESSION_ALREADY_PUBLISHED", _(
        "Les résultats de cette session sont déjà publiés.")
    SESSION_NOT_PUBLISHED = "SESSION_NOT_PUBLISHED", _(  # ours
        "Les résultats de cette session ne sont pas publiés.")
    SESSION_NOT_FINALIZED = "SESSION_NOT_FINALIZED", _("Cette session n'est pas encore finalisée.")
    CERTIFICATION_NOT_FINISHED = "CERTIFICATION_NOT_FINISHED", _(  # ours
        "Ce test n'est pas terminé et sa session n'est pas finalisée : il ne peut pas encore être "
        "noté.")
    CERTIFICATION_COURSE_NOT_PUBLISHABLE = "CERTIFICATION_COURSE_NOT_PUBLISHABLE", _(
        "Publication impossible : ces passages n'ont pas de résultat ou ont un résultat en "
        "erreur : %(courses)s.")
    JURY_COMMENT_REQUIRED = "JURY_COMMENT_REQUIRED", _(  # ours
        "Indiquez un commentaire : chaque décision du jury est justifiée.")
    JURY_NOTHING_TO_CHANGE = "JURY_NOTHING_TO_CHANGE", _(  # ours
        "Ce passage est déjà dans cet état : rien n'a été changé.")
    ISSUE_REPORT_ALREADY_RESOLVED = "ISSUE_REPORT_ALREADY_RESOLVED", _(  # ours
        "Ce signalement est déjà résolu.")
    VERSION_NOT_DRAFT = "VERSION_NOT_DRAFT", _(
        "Seule une version en brouillon peut être modifiée ou activée.")
    VERSION_SCORING_NOT_VALID = "VERSION_SCORING_NOT_VALID", _(  # ours
        "Intervalles de score non valides : %(details)s.")


@dataclass(frozen=True)
class Problem:
    """One refusal (or, when not blocking, one warning) about a field of a session or candidate."""

    code: ErrorCode
    field: str = ""
    params: dict = dataclass_field(default_factory=dict)
    blocking: bool = True

    @property
    def message(self) -> str:
        label = str(self.code.label)
        return label % self.params if self.params else label


class CertifError(Exception):
    """A refused action; carries its problems (one or more) for the page or the report."""

    def __init__(self, *problems: Problem):
        super().__init__("; ".join(p.code for p in problems))
        self.problems = list(problems)

    @classmethod
    def of(cls, code: ErrorCode, field: str = "", **params):
        return cls(Problem(code, field, params))

    @property
    def code(self) -> str:
        return self.problems[0].code

    @property
    def message(self) -> str:
        return " ".join(p.message for p in self.problems)
