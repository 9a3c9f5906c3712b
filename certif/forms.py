"""Forms of the portal. They only collect text: the domain's rules (certif.rules) judge it."""

from django import forms
from django.utils.translation import gettext_lazy as _

from certif.constants import EXAMINER_COMMENT_MAX_LENGTH, FRANCE_COUNTRY_CODE
from certif.models import AbortReason, BillingMode, InseeCountry, Sex
from certif.rules.finalisation import current_categories, current_subcategories


class DateInput(forms.DateInput):
    input_type = "date"


class TimeInput(forms.TimeInput):
    input_type = "time"


class EmailInput(forms.EmailInput):
    input_type = "email"


def _no_validation(value):
    """The domain's rules say what is missing or wrong, with their codes and messages."""


class RulesForm(forms.Form):
    """Shows its required fields as such, and leaves the judging of the values to certif.rules."""

    optional = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            field.required = name not in self.optional
            field.validate = _no_validation


class SessionForm(RulesForm):
    address = forms.CharField(label=_("Nom du site"),
                              help_text=_("Par exemple : Collège Jean Moulin, bâtiment B."))
    room = forms.CharField(label=_("Nom de la salle"))
    date = forms.CharField(label=_("Date"), widget=DateInput)
    time = forms.CharField(label=_("Heure de début"), widget=TimeInput,
                           help_text=_("Heure locale, sur 24 heures."))
    examiner = forms.CharField(label=_("Surveillant(s)"),
                               help_text=_("Le nom des personnes qui surveilleront la session."))
    description = forms.CharField(label=_("Observations"), widget=forms.Textarea(attrs={"rows": 3}))

    optional = ("description",)

    @classmethod
    def initial_for(cls, session):
        return {"address": session.address, "room": session.room, "date": session.date.isoformat(),
                "time": session.time.strftime("%H:%M"), "examiner": session.examiner,
                "description": session.description}


class BirthplaceMode:
    INSEE = "insee"
    POSTAL = "postal"


def country_choices():
    rows = (InseeCountry.objects.order_by("common_name", "code")
            .values_list("code", "common_name", "is_current").distinct())
    seen, choices = set(), [(FRANCE_COUNTRY_CODE, "France")]
    for code, name, is_current in rows:
        if code in seen or code == FRANCE_COUNTRY_CODE:
            continue
        seen.add(code)
        choices.append((code, name if is_current else _("%(name)s (ancien pays)") % {"name": name}))
    return choices


class CandidateForm(RulesForm):
    last_name = forms.CharField(label=_("Nom de naissance"))
    first_name = forms.CharField(label=_("Prénom"))
    sex = forms.ChoiceField(label=_("Sexe"), choices=Sex.choices, widget=forms.RadioSelect)
    birthdate = forms.CharField(label=_("Date de naissance"), widget=DateInput)
    birth_country = forms.ChoiceField(label=_("Pays de naissance"))
    birthplace_mode = forms.ChoiceField(
        label=_("Commune de naissance en France"), initial=BirthplaceMode.INSEE, widget=forms.RadioSelect,
        choices=[(BirthplaceMode.INSEE, _("par son code INSEE")),
                 (BirthplaceMode.POSTAL, _("par son code postal et son nom"))])
    birth_insee_code = forms.CharField(label=_("Code INSEE de la commune de naissance"),
                                       help_text=_("5 caractères, par exemple 75115 ou 2A004."))
    birth_postal_code = forms.CharField(label=_("Code postal de la commune de naissance"))
    birth_city = forms.CharField(label=_("Commune de naissance"),
                                 help_text=_("À l'étranger : la ville de naissance."))
    external_id = forms.CharField(label=_("Identifiant externe"))
    extra_time_percentage = forms.CharField(label=_("Temps majoré (en %)"),
                                            help_text=_("Par exemple 33 pour un tiers de temps en plus."))
    accessibility_adjustment_needed = forms.BooleanField(
        label=_("Le candidat a besoin d'un aménagement d'accessibilité (questions accessibles seulement)"))
    email = forms.CharField(label=_("E-mail de convocation"), widget=EmailInput)
    result_recipient_email = forms.CharField(label=_("E-mail du destinataire des résultats"),
                                             widget=EmailInput,
                                             help_text=_("Un formateur ou un enseignant, par exemple."))
    billing_mode = forms.ChoiceField(label=_("Tarification part Pix"),
                                     choices=[("", _("Choisir"))] + BillingMode.choices)
    prepayment_code = forms.CharField(label=_("Code de prépaiement"),
                                      help_text=_("Seulement pour une tarification prépayée."))

    optional = ("birth_insee_code", "birth_postal_code", "birth_city", "external_id",
                "extra_time_percentage", "accessibility_adjustment_needed", "email",
                "result_recipient_email", "prepayment_code")

    def __init__(self, *args, center, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["birth_country"].choices = country_choices()
        self.fields["birth_country"].initial = FRANCE_COUNTRY_CODE
        if not center.has_billing_mode:
            del self.fields["billing_mode"], self.fields["prepayment_code"]

    def raw_candidate(self) -> dict:
        """The typed values, without those hidden by the chosen way of giving a French birthplace."""
        raw = {key: self.data.get(key, "") for key in self.fields if key != "birthplace_mode"}
        raw["accessibility_adjustment_needed"] = bool(self.data.get("accessibility_adjustment_needed"))
        if raw.get("birth_country") == FRANCE_COUNTRY_CODE:
            if self.data.get("birthplace_mode") == BirthplaceMode.POSTAL:
                raw["birth_insee_code"] = ""
            else:
                raw["birth_postal_code"] = raw["birth_city"] = ""
        else:  # abroad the form asks for the city only
            raw["birth_insee_code"] = raw["birth_postal_code"] = ""
        return raw


class CertifTermsForm(forms.Form):
    accept_terms = forms.BooleanField(
        label=_("J'ai lu et j'accepte les conditions d'utilisation de Pix Certif"),
        error_messages={"required": _("Acceptez les conditions d'utilisation pour accéder à Pix Certif.")})


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Fichier CSV rempli"), allow_empty_file=True,
                           help_text=_("Le modèle rempli, enregistré au format CSV (séparateur : point-virgule)."))


# --- the exam day -----------------------------------------------------------------------------

class JoinSessionForm(forms.Form):
    """"Rejoindre une session": what the candidate's convocation says (domain §5.1)."""

    session_number = forms.CharField(
        label=_("Numéro de session"), max_length=20,
        help_text=_("Il est écrit au tableau ou donné par le surveillant, par exemple 1234."),
        widget=forms.TextInput(attrs={"autocomplete": "off"}))
    first_name = forms.CharField(label=_("Prénom"), max_length=255,
                                 widget=forms.TextInput(attrs={"autocomplete": "given-name"}))
    last_name = forms.CharField(label=_("Nom de naissance"), max_length=255,
                                widget=forms.TextInput(attrs={"autocomplete": "family-name"}))
    birthdate = forms.DateField(label=_("Date de naissance"), widget=DateInput(format="%Y-%m-%d"),
                                input_formats=["%Y-%m-%d", "%d/%m/%Y"],
                                error_messages={"invalid": _(
                                    "Écris ta date de naissance au format JJ/MM/AAAA.")})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        required = {
            "session_number": _("Indique le numéro de la session."),
            "first_name": _("Indique ton prénom."),
            "last_name": _("Indique ton nom de naissance."),
            "birthdate": _("Indique ta date de naissance."),
        }
        for name, message in required.items():
            self.fields[name].error_messages["required"] = message


class InstructionsForm(forms.Form):
    confirmed = forms.BooleanField(
        label=_("J'ai lu et compris les instructions, et je m'engage à les respecter."),
        required=False)


class AccessCodeForm(forms.Form):
    access_code = forms.CharField(
        label=_("Code d'accès de la session"), max_length=20,
        help_text=_("6 caractères, donnés par le surveillant, par exemple BCDF23."),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
        error_messages={"required": _("Indique le code d'accès donné par le surveillant.")})


class InvigilatorLoginForm(forms.Form):
    session_number = forms.CharField(
        label=_("Numéro de session"), max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
        error_messages={"required": _("Indiquez le numéro de la session.")})
    password = forms.CharField(
        label=_("Mot de passe surveillant"), max_length=20,
        help_text=_("Il figure sur le kit surveillant de la session."),
        widget=forms.PasswordInput(attrs={"autocomplete": "off"}),
        error_messages={"required": _("Indiquez le mot de passe surveillant.")})


class LiveAlertValidationForm(forms.Form):
    subcategory = forms.ChoiceField(label=_("Problème constaté"), choices=())

    def __init__(self, *args, subcategories=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["subcategory"].choices = [(s.value, s.label) for s in subcategories]


# --- finalisation by the centre ---------------------------------------------------------------

class LaxForm(forms.Form):
    """Every field optional and unjudged: the finalisation rules (certif.rules.finalisation) say
    what is missing or wrong, with their codes, beside the field."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.required = False
            field.validate = _no_validation


class CourseReportForm(LaxForm):
    """One candidate who started: the end screen, the abort reason of an unfinished test, the
    examiner's comment."""

    has_seen_end_test_screen = forms.BooleanField(label=_("Écran de fin vu"))
    abort_reason = forms.ChoiceField(label=_("Raison de l'abandon"),
                                     choices=[("", _("Choisir une raison"))] + AbortReason.choices)
    examiner_comment = forms.CharField(
        label=_("Commentaire du surveillant"), widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("%(max)s caractères au plus.") % {"max": EXAMINER_COMMENT_MAX_LENGTH})

    def __init__(self, *args, is_completed, **kwargs):
        super().__init__(*args, **kwargs)
        self.is_completed = is_completed
        if is_completed:  # a finished test has no abort reason
            del self.fields["abort_reason"]


def issue_report_category_choices():
    return [("", _("Choisir une catégorie"))] + [(c.value, c.label) for c in current_categories()]


def issue_report_subcategory_groups():
    """The subcategories offered, grouped by the category they belong to."""
    return [(category.label, [(s.value, s.label) for s in current_subcategories(category)])
            for category in current_categories() if current_subcategories(category)]


class IssueReportForm(LaxForm):
    category = forms.ChoiceField(label=_("Catégorie"), choices=issue_report_category_choices)
    subcategory = forms.ChoiceField(
        label=_("Problème précis"),
        choices=lambda: [("", _("Sans objet"))] + issue_report_subcategory_groups(),
        help_text=_("Pour une modification des informations du candidat ou un problème sur une "
                    "question."))
    description = forms.CharField(label=_("Description"), widget=forms.Textarea(attrs={"rows": 2}),
                                  help_text=_("Obligatoire, sauf pour un problème sur une question ou "
                                              "une suspicion de fraude."))
    question_number = forms.CharField(label=_("Numéro de la question"),
                                      widget=forms.TextInput(attrs={"inputmode": "numeric"}),
                                      help_text=_("Pour un problème sur une question : de 1 à 500."))


# At most this many new issue reports per candidate in one finalisation.
ISSUE_REPORTS_PER_CANDIDATE = 20
IssueReportFormSet = forms.formset_factory(IssueReportForm, extra=0, can_delete=True,
                                           max_num=ISSUE_REPORTS_PER_CANDIDATE,
                                           absolute_max=ISSUE_REPORTS_PER_CANDIDATE)


class SessionFinalisationForm(LaxForm):
    examiner_global_comment = forms.CharField(
        label=_("Commentaire global sur la session"), widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Facultatif : ce qui s'est passé pendant la session et que le jury doit savoir."))
    has_incident = forms.BooleanField(
        label=_("Un ou plusieurs incidents ont eu lieu pendant la session"))
    has_joining_issue = forms.BooleanField(
        label=_("Un ou plusieurs candidats étaient présents mais n'ont pas pu rejoindre la session"))
    confirmed = forms.BooleanField(
        label=_("Je confirme avoir vérifié ces informations : une fois finalisée, la session ne "
                "pourra plus être modifiée."))
