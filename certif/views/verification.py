"""The public verification of a certificate (domain §8.3): a code in, the essentials out.

The same answer, with the same status, for a malformed code and for one that matches no published
certificate, so that the page tells nothing about the codes that exist. Every look-up counts
against rate limits (allauth's counters, `ACCOUNT_RATE_LIMITS`): per client, per client and code
prefix (retyping variations of one code), and a generous ceiling per address that a classroom
sharing one public address does not reach. Nothing lists or searches certificates.
"""

import hashlib

from allauth.core.internal import ratelimit
from django import forms
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from certif import certificates
from certif.constants import (
    VERIFICATION_CODE_LENGTH,
    VERIFICATION_CODE_PREFIX,
    VERIFICATION_INPUT_MAX_CHARS,
    VERIFICATION_PREFIX_CHARS,
)
from learners.accounts.ratelimits import rate_limit_wait_seconds, wait_in_words

TEMPLATE = "certif/certificates/verification.html"
CLIENT_ACTION = "verify_certificate"
PREFIX_ACTION = "verify_certificate_prefix"
ALLAUTH_APP = "allauth.account"


class VerificationForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Code de vérification"), strip=True,
        help_text=gettext_lazy("Il figure sur le certificat : P- suivi de 8 caractères, "
                               "par exemple P-3BC7KM9X."),
        error_messages={"required": gettext_lazy("Saisissez le code de vérification du certificat.")},
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false",
                                      "autocapitalize": "characters",
                                      "maxlength": VERIFICATION_INPUT_MAX_CHARS}))


def not_found_message() -> str:
    return _("Aucun certificat ne correspond à ce code. Vérifiez sa saisie : il commence par "
             "%(prefix)s et compte %(length)s caractères en tout.") % {
        "prefix": VERIFICATION_CODE_PREFIX, "length": VERIFICATION_CODE_LENGTH}


def _client_key(request) -> str:
    """The client: the signed-in account, else the address and the browser together."""
    if request.user.is_authenticated:
        return f"user:{request.user.pk}"
    agent = request.META.get("HTTP_USER_AGENT", "")[:300]
    digest = hashlib.sha256(agent.encode("utf-8")).hexdigest()[:16]
    return f"client:{ratelimit.get_ip(request)}:{digest}"


def _prefix(typed: str) -> str:
    return typed.strip().upper()[:len(VERIFICATION_CODE_PREFIX) + VERIFICATION_PREFIX_CHARS]


def _limited(request, typed):
    """None when the look-up may go on, else the (action, key) whose limit is reached."""
    client = _client_key(request)
    checks = ((CLIENT_ACTION, client), (PREFIX_ACTION, f"{client}|{_prefix(typed)}"))
    for action, key in checks:
        if not ratelimit.consume(request, app=ALLAUTH_APP, action=action, key=key, limit_get=True):
            return action, key
    return None


def verify(request, typed, form):
    """Render the answer to a typed code: the certificate, the one "not found", or 429."""
    typed = (typed or "")[:VERIFICATION_INPUT_MAX_CHARS]
    limited = _limited(request, typed)
    if limited:
        action, key = limited
        seconds = rate_limit_wait_seconds(request, action=action, key=key)
        message = _("Trop de vérifications en peu de temps. Réessayez plus tard, dans %(delay)s.") % {
            "delay": wait_in_words(seconds)}
        response = render(request, TEMPLATE, {"form": form, "error": message}, status=429)
        response["Retry-After"] = str(seconds)
        return response
    certificate = certificates.certificate_by_code(typed)
    if certificate is None:
        return render(request, TEMPLATE, {"form": form, "error": not_found_message(), "code_refused": True},
                      status=404)
    return render(request, TEMPLATE, {"form": VerificationForm(), "certificate": certificate})


class VerificationView(View):
    def get(self, request):
        return render(request, TEMPLATE, {"form": VerificationForm()})

    def post(self, request):
        form = VerificationForm(request.POST)
        if not form.is_valid():
            return render(request, TEMPLATE, {"form": form}, status=400)
        return verify(request, form.cleaned_data["code"], form)


class VerificationCodeView(View):
    """The address of the QR code and of the student's shareable link."""

    def get(self, request, code):
        return verify(request, code, VerificationForm(initial={"code": code[:VERIFICATION_INPUT_MAX_CHARS]}))
