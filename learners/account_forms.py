"""allauth's account forms with wording made clearer for students (a module of their own:
allauth imports learners.forms to build its sign-up form)."""

from allauth.account import forms as allauth_forms
from django.utils.translation import gettext_lazy as _

from learners.forms import SignupExtraForm


def _relabel(form, labels):
    for name, label in labels.items():
        if name in form.fields:
            form.fields[name].label = label
            form.fields[name].widget.attrs.pop("placeholder", None)


class SignupForm(allauth_forms.SignupForm):
    """allauth's sign-up form with wording made clearer for students."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _relabel(self, {"email": _("Adresse e-mail"), "username": _("Identifiant"),
                        "password1": _("Mot de passe"), "password2": _("Confirme le mot de passe")})
        self.fields["email"].required = self.fields["username"].required = False
        self.fields["password1"].help_text = _(
            "Au moins 8 caractères, avec une minuscule, une majuscule et un chiffre.")
        self.order_fields(SignupExtraForm.field_order)


class LoginForm(allauth_forms.LoginForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _relabel(self, {"login": _("Adresse e-mail ou identifiant"), "password": _("Mot de passe")})
        self.fields["password"].help_text = ""
