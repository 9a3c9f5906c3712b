from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions
from rest_framework.permissions import BasePermission


class AccountReady(BasePermission):
    """The API's version of the account gates: a temporary password or unaccepted terms come first."""

    message = _("Termine d'abord l'activation de ton compte sur le site : choisis ton mot de passe "
                "et accepte les conditions d'utilisation.")
    code = "account_not_ready"

    def has_permission(self, request, view):
        user = request.user
        return bool(user and user.is_authenticated and not user.must_change_password
                    and user.terms_accepted_at is not None)


class TokenAuthentication(authentication.TokenAuthentication):
    """The API token (`Authorization: Token …`), refused with the service's words."""

    def authenticate_credentials(self, key):
        try:
            return super().authenticate_credentials(key)
        except exceptions.AuthenticationFailed as error:
            raise exceptions.AuthenticationFailed(
                _("Jeton d'accès non valide ou compte désactivé : demandez un nouveau jeton."),
                code="authentication_failed") from error
