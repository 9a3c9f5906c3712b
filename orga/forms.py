from django import forms
from django.contrib.auth import password_validation
from django.utils.translation import gettext_lazy as _

from learners.models import User
from orga.constants import MAX_UPLOAD_BYTES
from orga.models import Campaign, LearnerImport, Membership, TargetProfile

ROLE_CHOICES = [("", _("automatique (administrateur s'il est le premier membre)")),
                *Membership.Role.choices]


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("Adresse e-mail de la personne à inviter"), max_length=254)
    role = forms.ChoiceField(label=_("Rôle"), choices=ROLE_CHOICES, required=False)


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Rôle"), choices=Membership.Role.choices)


class InvitationSignupForm(forms.Form):
    first_name = forms.CharField(label=_("Prénom"), max_length=150)
    last_name = forms.CharField(label=_("Nom"), max_length=150)
    password1 = forms.CharField(label=_("Mot de passe"), widget=forms.PasswordInput(
        attrs={"autocomplete": "new-password"}), strip=False,
        help_text=_("Au moins 8 caractères, avec une minuscule, une majuscule et un chiffre."))
    password2 = forms.CharField(label=_("Confirmez le mot de passe"), strip=False,
                                widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))
    accept_terms = forms.BooleanField(
        label=_("J'accepte les conditions d'utilisation de Pix École"),
        error_messages={"required": _("Vous devez accepter les conditions d'utilisation pour créer "
                                      "votre compte.")})

    def clean(self):
        cleaned = super().clean()
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("Les deux mots de passe ne sont pas identiques."))
        elif first:
            try:
                password_validation.validate_password(first)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class TermsForm(forms.Form):
    accept_terms = forms.BooleanField(
        label=_("J'accepte les conditions d'utilisation de Pix Orga"),
        error_messages={"required": _("Vous devez accepter les conditions d'utilisation de Pix Orga "
                                      "pour continuer.")})


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Fichier"), help_text=_("20 Mo au plus."))
    format = forms.ChoiceField(label=_("Format du fichier"))
    mode = forms.ChoiceField(label=_("Mode"), choices=LearnerImport.Mode.choices, required=False,
                             initial=LearnerImport.Mode.ADD)

    def __init__(self, *args, formats, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["format"].choices = [(f, LearnerImport.Format(f).label) for f in formats]
        if LearnerImport.Format.SUP_CSV not in formats:
            del self.fields["mode"]

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("Le fichier pèse plus de 20 Mo : la limite est de 20 Mo."))
        return upload


class GenerateForDivisionForm(forms.Form):
    division = forms.ChoiceField(label=_("Classe"))

    def __init__(self, *args, divisions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["division"].choices = [(d, d) for d in divisions]


# --- campaigns ------------------------------------------------------------------------------

class CampaignForm(forms.Form):
    """Creation of a campaign; the rules are the service's (`campaign_problems`), shown by field."""

    type = forms.ChoiceField(label=_("Type de campagne"), choices=[("", _("Choisissez"))] + list(
        Campaign.Type.choices), required=False)
    name = forms.CharField(label=_("Nom de la campagne"), max_length=255, required=False,
                           help_text=_("Les élèves le voient sur la page de la campagne."))
    target_profile = forms.ModelChoiceField(label=_("Profil cible (campagne d'évaluation)"), required=False,
                                            queryset=TargetProfile.objects.none(),
                                            empty_label=_("Aucun (collecte de profils)"))
    title = forms.CharField(label=_("Titre du parcours (campagne d'évaluation)"), max_length=255,
                            required=False)
    landing_text = forms.CharField(label=_("Texte de la page d'accueil"), required=False,
                                   widget=forms.Textarea(attrs={"rows": 4}),
                                   help_text=_("5000 caractères au plus."))
    external_id_label = forms.CharField(
        label=_("Libellé de l'identifiant externe"), max_length=255, required=False,
        help_text=_("Par exemple « numéro d'élève » : demandé à chaque élève avant de commencer."))
    external_id_type = forms.ChoiceField(label=_("Type de l'identifiant externe"), required=False,
                                         choices=[("", _("Aucun"))] + list(Campaign.ExternalIdType.choices))
    multiple_sendings = forms.BooleanField(
        label=_("Envoi multiple : les élèves peuvent repasser la campagne et envoyer à nouveau"),
        required=False)
    owner = forms.ModelChoiceField(label=_("Propriétaire"), queryset=User.objects.none(), required=False,
                                   empty_label=None)

    def __init__(self, *args, organization, target_profiles, **kwargs):
        super().__init__(*args, **kwargs)
        self.organization = organization
        self.fields["target_profile"].queryset = target_profiles
        self.fields["owner"].queryset = User.objects.filter(
            orga_memberships__organization=organization).order_by("last_name", "first_name")

    def clean(self):
        from orga.services import campaign_problems

        cleaned = super().clean()
        for problem in campaign_problems(organization=self.organization, type=cleaned.get("type") or "",
                                         name=cleaned.get("name") or "", title=cleaned.get("title") or "",
                                         target_profile=cleaned.get("target_profile"),
                                         landing_text=cleaned.get("landing_text") or "",
                                         external_id_label=cleaned.get("external_id_label") or "",
                                         external_id_type=cleaned.get("external_id_type") or "",
                                         owner=cleaned.get("owner")):
            if problem.field in self.fields and problem.field not in self.errors:
                self.add_error(problem.field, problem.message)
        return cleaned


class CampaignEditForm(forms.Form):
    name = forms.CharField(label=_("Nom de la campagne"), max_length=255)
    title = forms.CharField(label=_("Titre du parcours"), max_length=255, required=False)
    landing_text = forms.CharField(label=_("Texte de la page d'accueil"), required=False,
                                   widget=forms.Textarea(attrs={"rows": 4}))
    multiple_sendings = forms.BooleanField(label=_("Envoi multiple"), required=False)


class OwnerForm(forms.Form):
    owner = forms.ModelChoiceField(label=_("Nouveau propriétaire"), queryset=User.objects.none(),
                                   empty_label=None)

    def __init__(self, *args, organization, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = User.objects.filter(
            orga_memberships__organization=organization).order_by("last_name", "first_name")


# --- the student's side -------------------------------------------------------------------------

class CampaignCodeForm(forms.Form):
    code = forms.CharField(label=_("Code de la campagne"), max_length=20,
                           help_text=_("9 caractères, par exemple ABCDEF234 : ton enseignant te le donne."),
                           error_messages={"required": _("Écris le code que ton enseignant t'a donné.")})


class ReconciliationForm(forms.Form):
    first_name = forms.CharField(label=_("Prénom"), max_length=255,
                                 error_messages={"required": _("Écris ton prénom.")})
    last_name = forms.CharField(label=_("Nom"), max_length=255,
                                error_messages={"required": _("Écris ton nom de famille.")})
    birthdate = forms.DateField(label=_("Date de naissance"), widget=forms.DateInput(attrs={"type": "date"}),
                                input_formats=["%Y-%m-%d", "%d/%m/%Y"],
                                help_text=_("Au format jj/mm/aaaa, par exemple 05/12/2012."),
                                error_messages={"required": _("Écris ta date de naissance."),
                                                "invalid": _("Écris ta date de naissance au format jj/mm/aaaa, "
                                                             "par exemple 05/12/2012.")})


class ExternalIdForm(forms.Form):
    external_id = forms.CharField(label=_("Identifiant"), max_length=255, required=False)

    def __init__(self, *args, campaign, **kwargs):
        super().__init__(*args, **kwargs)
        self.campaign = campaign
        self.fields["external_id"].label = campaign.external_id_label
        self.fields["external_id"].required = bool(campaign.external_id_label)
        self.fields["external_id"].error_messages["required"] = _("Indique ton %(label)s pour commencer.") % {
            "label": campaign.external_id_label}
