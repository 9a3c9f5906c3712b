"""Gates a signed-in learner must pass before using the app: a temporary password, the terms of use.

The staff portals above this app (Orga, Certif) have their own terms, which their own views
require: the learner app's terms are not asked there (`settings.PORTALS_WITH_OWN_TERMS`, the
portals' URL prefixes, named by the project that mounts them). A temporary password is changed
wherever one signs in.
"""

from django.conf import settings
from django.contrib import auth
from django.contrib.auth.middleware import AuthenticationMiddleware
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.http import urlencode

from learners.accounts.sessions import reading_user_of

# Paths that stay open whatever the gate: leaving, reading the rules, switching language, assets.
OPEN_PREFIXES = ("/static/", "/contenu/", "/langue/", "/admin/", "/api/", "/comptes/logout/",
                 "/__debug__/", "/accessibilite/", "/mentions-legales/", "/donnees-personnelles/",
                 "/apercu/")


class SessionUserAuthenticationMiddleware(AuthenticationMiddleware):
    """Django's authentication middleware, whose backend may take the user from the row read
    with the session (`learners.accounts.sessions`) instead of reading it again."""

    def process_request(self, request):
        super().process_request(request)
        request.user = SimpleLazyObject(lambda: _user(request))


def _user(request):
    if not hasattr(request, "_cached_user"):  # as Django's own `get_user` caches it
        with reading_user_of(request.session):
            request._cached_user = auth.get_user(request)
    return request._cached_user


class AccountGateMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not request.path.startswith(OPEN_PREFIXES):
            gate = self._gate(request, user)
            if gate is not None:
                return gate
        return self.get_response(request)

    @staticmethod
    def _gate(request, user):
        # The usual learner passes both gates: the URLs are reversed only for one who does not.
        if user.must_change_password:
            change_password = reverse("account_change_password")
            return None if request.path == change_password else redirect(change_password)
        if user.terms_accepted_at is not None or request.path.startswith(
                tuple(getattr(settings, "PORTALS_WITH_OWN_TERMS", ()))):
            return None
        accept_terms = reverse("learners:accept_terms")
        if request.path in {accept_terms, reverse("learners:terms"), reverse("account_change_password")}:
            return None
        return redirect(f"{accept_terms}?{urlencode({'next': request.get_full_path()})}")


class UserLanguageMiddleware:
    """A signed-in learner's interface follows the language saved in their account, on every device."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.utils import translation

        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.language:
            translation.activate(user.language)
            request.LANGUAGE_CODE = user.language
        return self.get_response(request)


class FrenchFirstMiddleware:
    """The interface speaks French unless the visitor or the account chose English.

    School computers often run an English-configured browser; its Accept-Language header must
    not switch a French school's platform to English. Placed before LocaleMiddleware.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.META.pop("HTTP_ACCEPT_LANGUAGE", None)
        return self.get_response(request)
