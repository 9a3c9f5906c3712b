"""allauth, the way the service speaks to students: "tu", « identifiant » and « adresse e-mail »,
waiting times instead of "later", one check for redirect targets, a welcome after sign-up."""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context
from django import forms
from django.contrib import messages
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from learners.accounts.ratelimits import rate_limit_wait_seconds, wait_in_words
from learners.redirects import is_safe_target

SIGNED_UP_FLAG = "_pix_just_signed_up"


class AccountAdapter(DefaultAccountAdapter):
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "email_password_mismatch": _("Adresse e-mail ou mot de passe incorrect."),
        "username_password_mismatch": _("Identifiant ou mot de passe incorrect."),
        "email_taken": _("Cette adresse e-mail est déjà utilisée par un autre compte."),
        "username_taken": _("Cet identifiant est déjà utilisé : choisis-en un autre."),
        "username_blacklisted": _("Cet identifiant n'est pas possible : choisis-en un autre."),
        "enter_current_password": _("Tape ton mot de passe actuel."),
        "incorrect_password": _("Ce n'est pas ton mot de passe actuel."),
        "unknown_email": _("Cette adresse e-mail ne correspond à aucun compte."),
        "invalid_password_reset": _("Ce lien de réinitialisation n'est plus valable."),
        "invalid_login": _("Connexion impossible avec ces informations."),
        "password_mismatch": _("Les deux mots de passe ne sont pas identiques."),
    }

    def get_login_redirect_url(self, request):
        # A student given a temporary password by a teacher chooses their own first.
        if getattr(request.user, "must_change_password", False):
            return reverse("account_change_password")
        return super().get_login_redirect_url(request)

    def get_password_change_redirect_url(self, request):
        """After a change (a temporary password's first of all), on to the profile."""
        return reverse("learners:profile")

    def is_safe_url(self, url):
        return is_safe_target(context.request, url)

    def pre_authenticate(self, request, **credentials):
        try:
            super().pre_authenticate(request, **credentials)
        except forms.ValidationError as error:
            if error.code != "too_many_login_attempts":
                raise
            key = self._get_login_attempts_cache_key(request, **credentials)
            delay = wait_in_words(rate_limit_wait_seconds(request, action="login_failed", key=key))
            raise forms.ValidationError(
                _("Trop d'essais de mot de passe pour ce compte. Pour le protéger, la connexion est "
                  "bloquée : nouvel essai possible dans %(delay)s.") % {"delay": delay},
                code="too_many_login_attempts") from error

    def add_message(self, request, level, message_template=None, message_context=None,
                    extra_tags="", message=None):
        """The message after a sign-up is a welcome that shows the username, not the login's."""
        if message_template == "account/messages/logged_in.txt" and getattr(request, SIGNED_UP_FLAG, False):
            message_template, level = "account/messages/signed_up.txt", messages.SUCCESS
        return super().add_message(request, level, message_template, message_context,
                                   extra_tags, message)
