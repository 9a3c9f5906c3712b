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
from django.utils import translation
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


class LanguageMiddleware:
    """The page's language: a signed-in learner's own (saved in their account, so it follows them
    on every device), else the one chosen with the language switch (its cookie), else French.

    It takes the place of Django's LocaleMiddleware, which also reads the browser's
    Accept-Language header and the URL's language prefix. School computers often run an
    English-configured browser: that header must not switch a French school's platform to
    English, so it is never read, and the project's URLs carry no language prefix. One
    middleware where three took a few per cent of every request's time. Placed after the
    authentication middleware; the chosen or default language is active before the user is read,
    so a page about a failing read is in that language."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = _chosen_language(request)
        translation.activate(language)
        user = getattr(request, "user", None)
        own = user.language if user is not None and user.is_authenticated else None
        if own and own != language:
            language = _supported(own) or language
            translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


def _chosen_language(request):
    chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    return (_supported(chosen) if chosen else None) or settings.LANGUAGE_CODE


def _supported(language):
    try:
        return translation.get_supported_language_variant(language)
    except LookupError:
        return None
