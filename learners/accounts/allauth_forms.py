"""allauth's account forms with wording made clearer for students (a module of their own:
allauth imports learners.accounts.forms to build its sign-up form)."""

from allauth.account import forms as allauth_forms
from django import forms
from django.db import IntegrityError, transaction
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from learners.accounts.adapters import SIGNED_UP_FLAG
from learners.accounts.forms import SignupExtraForm

# allauth's own message (translated with "vous") for two different passwords.
_ALLAUTH_MISMATCH = "You must type the same password each time."
PASSWORD_MISMATCH = _("Les deux mots de passe ne sont pas identiques : tape le même dans les deux champs.")


def _relabel(form, labels):
    for name, label in labels.items():
        if name in form.fields:
            form.fields[name].label = label
            form.fields[name].widget.attrs.pop("placeholder", None)


def _new_password_fields(form, first="password1", second="password2"):
    """The new password shows its rules as a list (templates/includes/password_rules.html)."""
    if first in form.fields:
        form.fields[first].help_text = ""
        form.fields[first].password_rules = True
    _relabel(form, {second: _("Confirme le mot de passe")})


def _reword_mismatch(form, field="password2"):
    errors = form.errors.get(field)
    if errors and gettext(_ALLAUTH_MISMATCH) in errors:
        form.errors[field] = form.error_class([PASSWORD_MISMATCH])


class SignupForm(allauth_forms.SignupForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _relabel(self, {"email": _("Adresse e-mail"), "username": _("Identifiant"),
                        "password1": _("Mot de passe")})
        self.fields["email"].required = self.fields["username"].required = False
        self.fields["username"].help_text = _(
            "Facultatif si tu donnes une adresse e-mail : un identifiant te sera alors choisi.")
        _new_password_fields(self)
        self.order_fields(SignupExtraForm.field_order)

    def clean(self):
        cleaned = super().clean()
        _reword_mismatch(self)
        return cleaned

    def try_save(self, request):
        """Two sign-ups with the same username (or e-mail) at once: the second one's database
        write fails; it gets the form back with the French error, as if it had come second."""
        setattr(request, SIGNED_UP_FLAG, True)
        try:
            with transaction.atomic():
                return super().try_save(request)
        except IntegrityError:
            return None, self._refused_response(request)

    def _refused_response(self, request):
        from allauth.account.views import SignupView

        self.full_clean()  # the uniqueness checks now see the other account
        if not self.errors:
            self.add_error(None, _("Ce compte vient d'être créé par quelqu'un d'autre : choisis un "
                                   "autre identifiant."))
        view = SignupView()
        view.setup(request)
        return view.form_invalid(self)


class LoginForm(allauth_forms.LoginForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _relabel(self, {"login": _("Adresse e-mail ou identifiant"), "password": _("Mot de passe")})
        self.fields["password"].help_text = ""


class ChangePasswordForm(allauth_forms.ChangePasswordForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        temporary = getattr(self.user, "must_change_password", False)
        _relabel(self, {"oldpassword": _("Mot de passe provisoire") if temporary
                        else _("Mot de passe actuel"),
                        "password1": _("Nouveau mot de passe")})
        self.fields["oldpassword"].help_text = ""  # the page links « Mot de passe oublié ? »
        _new_password_fields(self)

    def clean(self):
        cleaned = super().clean()
        _reword_mismatch(self)
        old, new = cleaned.get("oldpassword"), cleaned.get("password1")
        if old and new and old == new:
            self.add_error("password1", forms.ValidationError(
                _("Choisis un mot de passe différent du mot de passe provisoire.")
                if getattr(self.user, "must_change_password", False)
                else _("Choisis un mot de passe différent de l'actuel."), code="password_unchanged"))
        return cleaned


class ResetPasswordForm(allauth_forms.ResetPasswordForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _relabel(self, {"email": _("Adresse e-mail")})


class ResetPasswordKeyForm(allauth_forms.ResetPasswordKeyForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _relabel(self, {"password1": _("Nouveau mot de passe")})
        _new_password_fields(self)

    def clean(self):
        cleaned = super().clean()
        _reword_mismatch(self)
        return cleaned


class AddEmailForm(allauth_forms.AddEmailForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _relabel(self, {"email": _("Adresse e-mail")})
