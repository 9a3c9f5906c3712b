from django import forms
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import lazy
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from learners.models import User


def _terms_link():
    return format_html('<a href="{}" target="_blank" rel="noopener">{}<span class="fr-sr-only"> ({})</span></a>',
                       reverse("learners:terms"), gettext("Lire les conditions d'utilisation"),
                       gettext("nouvelle fenêtre"))


terms_link = lazy(_terms_link, SafeString)


class SignupExtraForm(forms.Form):
    """Fields allauth's sign-up form lacks: names and the terms of use."""

    first_name = forms.CharField(label=_("Prénom"), max_length=150)
    last_name = forms.CharField(label=_("Nom"), max_length=150)
    accept_terms = forms.BooleanField(
        label=_("J'accepte les conditions d'utilisation"),
        help_text=terms_link(),
        error_messages={"required": _("Tu dois accepter les conditions d'utilisation pour créer ton compte.")},
    )

    field_order = ["first_name", "last_name", "email", "username", "password1", "password2",
                   "accept_terms"]

    def clean(self):
        cleaned = super().clean()
        if not (self.data.get("email") or "").strip() and not (self.data.get("username") or "").strip():
            raise forms.ValidationError(
                _("Indique une adresse e-mail ou un identifiant (au moins l'un des deux)."),
                code="username_or_email_required")
        return cleaned

    def signup(self, request, user):
        user.first_name = self.cleaned_data["first_name"].strip()
        user.last_name = self.cleaned_data["last_name"].strip()
        user.terms_accepted_at = timezone.now()
        user.language = (getattr(request, "LANGUAGE_CODE", "fr") or "fr")[:2]
        user.save()


class LanguageForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["language"]


class AcceptTermsForm(forms.Form):
    accept_terms = forms.BooleanField(
        label=_("J'accepte les conditions d'utilisation"),
        error_messages={"required": _("Tu dois accepter les conditions d'utilisation pour continuer.")},
    )

