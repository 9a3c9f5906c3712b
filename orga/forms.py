from django import forms
from django.contrib.auth import password_validation
from django.utils.translation import gettext_lazy as _

from orga.constants import MAX_UPLOAD_BYTES
from orga.models import LearnerImport, Membership

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
