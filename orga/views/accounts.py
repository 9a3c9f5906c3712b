"""Generated accounts: usernames and temporary passwords, shown once, as a PDF of cards and a CSV.

The passwords are never stored in clear: the page that shows them keeps them in the teacher's
own session for an hour, for the downloads, and forgets them afterwards.
"""

import secrets
import time

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from learners.redirects import safe_next
from orga import access, documents, selectors, services
from orga.constants import CREDENTIALS_KEPT_SECONDS
from orga.errors import OrgaError
from orga.exports import csv_bytes
from orga.services import Credentials
from orga.views.base import OrgaMixin

SESSION_KEY = "orga_credentials"


def _keep(request, organization, credentials):
    store = {token: batch for token, batch in request.session.get(SESSION_KEY, {}).items()
             if batch["at"] > time.time() - CREDENTIALS_KEPT_SECONDS}
    token = secrets.token_urlsafe(12)
    store[token] = {"organization": organization.pk, "at": time.time(),
                    "rows": [c.__dict__ for c in credentials]}
    request.session[SESSION_KEY] = store
    return token


def _kept(request, organization, token):
    batch = request.session.get(SESSION_KEY, {}).get(token)
    if (not batch or batch["organization"] != organization.pk
            or batch["at"] <= time.time() - CREDENTIALS_KEPT_SECONDS):
        raise Http404
    return [Credentials(**row) for row in batch["rows"]]


class GenerateAccountsView(OrgaMixin, View):
    """For the students ticked in the list, or a whole class."""

    reset = False

    def post(self, request, *args, **kwargs):
        if request.POST.get("division"):
            learners = list(selectors.learners_of_division(self.organization, request.POST["division"]))
        else:
            learners = access.learners_for(self.membership, request.POST.getlist("learner"))
        if not learners:
            messages.error(request, _("Cochez au moins un élève, ou choisissez une classe."))
            return redirect(safe_next(request, request.POST.get("next"), self.url("learners")))
        action = services.passwords_reset if self.reset else services.accounts_generate
        try:
            credentials = action(organization=self.organization, learners=learners)
        except OrgaError as error:
            messages.error(request, error.message)
            return redirect(self.url("learners"))
        if not credentials:
            messages.warning(request, _("Aucun de ces élèves ne se connecte avec un identifiant : "
                                        "il n'y a pas de mot de passe à réinitialiser."))
            return redirect(self.url("learners"))
        return redirect(self.url("credentials", token=_keep(request, self.organization, credentials)))


class ResetPasswordsView(GenerateAccountsView):
    reset = True


class CredentialsView(OrgaMixin, TemplateView):
    template_name = "orga/credentials.html"
    nav = "learners"

    def get_context_data(self, **kwargs):
        credentials = _kept(self.request, self.organization, kwargs["token"])
        return super().get_context_data(credentials=credentials,
                                        with_password=any(c.password for c in credentials), **kwargs)


def _login_url(request):
    return request.build_absolute_uri(reverse("account_login"))


class CredentialsPdfView(OrgaMixin, View):
    def get(self, request, *args, **kwargs):
        credentials = _kept(request, self.organization, kwargs["token"])
        pdf = documents.credentials_pdf(organization=self.organization, credentials=credentials,
                                        login_url=_login_url(request))
        response = HttpResponse(pdf, content_type="application/pdf")
        response["Content-Disposition"] = 'attachment; filename="identifiants-eleves.pdf"'
        return response


class CredentialsCsvView(OrgaMixin, View):
    def get(self, request, *args, **kwargs):
        credentials = _kept(request, self.organization, kwargs["token"])
        header = [_("Classe"), _("Nom"), _("Prénom"), _("Identifiant"), _("Mot de passe provisoire"),
                  _("Adresse de connexion")]
        rows = [[c.division, c.last_name, c.first_name, c.username, c.password or c.note,
                 _login_url(request)] for c in credentials]
        response = HttpResponse(csv_bytes(header, rows), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="identifiants-eleves.csv"'
        return response
