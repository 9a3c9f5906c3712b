"""The invigilator's pages, under /certif/surveillance/: no account, the session number and its
invigilator password open the session's page in this browser (until it is finalised). The list
of candidates refreshes itself (htmx polling); every action is a plain form, so the page also
works without JavaScript, on a phone."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, TemplateView
from django_htmx.http import HttpResponseClientRedirect

from certif import access, selectors
from certif.constants import INVIGILATOR_REFRESH_SECONDS
from certif.errors import CertifError, ErrorCode
from certif.forms import InvigilatorLoginForm, LiveAlertValidationForm
from certif.models import CertificationSession
from certif.services import invigilation


class InvigilatorLoginView(FormView):
    template_name = "certif/invigilation/login.html"
    form_class = InvigilatorLoginForm

    def form_valid(self, form):
        try:
            session = invigilation.invigilator_session_open(
                session_number=form.cleaned_data["session_number"],
                password=form.cleaned_data["password"])
        except CertifError as error:
            form.add_error(None, error.message)
            return self.render_to_response(self.get_context_data(form=form), status=422)
        self.request.session.cycle_key()
        access.remember_invigilated_session(self.request, session)
        return redirect("certif:invigilation", session_id=session.pk)

    def form_invalid(self, form):
        response = super().form_invalid(form)
        response.status_code = 422
        return response


class InvigilatedSessionMixin:
    def dispatch(self, request, *args, **kwargs):
        session_id = kwargs["session_id"]
        if (session_id in request.session.get(access.INVIGILATED_SESSIONS_KEY, [])
                and CertificationSession.objects.filter(pk=session_id, finalized_at__isnull=False).exists()):
            messages.warning(request, ErrorCode.INVIGILATOR_SESSION_FINALIZED.label)
            if request.htmx:  # the list's polling: the whole page goes to the login
                return HttpResponseClientRedirect(reverse("certif:invigilator_login"))
            return redirect("certif:invigilator_login")
        self.session = access.session_for_invigilator(request, session_id)
        return super().dispatch(request, *args, **kwargs)

    def back(self):
        return redirect("certif:invigilation", session_id=self.session.pk)


class InvigilationView(InvigilatedSessionMixin, TemplateView):
    template_name = "certif/invigilation/session.html"

    def get_template_names(self):
        if self.request.htmx:
            return ["certif/invigilation/includes/candidates.html"]
        return [self.template_name]

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            session=self.session, rows=selectors.invigilated_candidates(self.session),
            refresh_seconds=INVIGILATOR_REFRESH_SECONDS,
            subcategories=invigilation.LIVE_ALERT_SUBCATEGORIES, **kwargs)


class CandidateActionView(InvigilatedSessionMixin, View):
    def post(self, request, session_id, candidate_id):
        candidate = access.candidate_for_invigilator(request, session_id, candidate_id)
        try:
            text = self.act(candidate)
        except CertifError as error:
            messages.warning(request, error.message)
        else:
            messages.success(request, text)
        return self.back()


class AuthorizeView(CandidateActionView):
    def act(self, candidate):
        invigilation.candidate_authorize(candidate=candidate)
        return _("%(name)s peut maintenant saisir le code d'accès.") % {"name": candidate}


class CancelAuthorizationView(CandidateActionView):
    def act(self, candidate):
        invigilation.candidate_authorization_cancel(candidate=candidate)
        return _("L'autorisation de %(name)s est retirée.") % {"name": candidate}


class EndTestView(InvigilatedSessionMixin, TemplateView):
    """A confirmation page, then the end of the candidate's test."""

    template_name = "certif/invigilation/end_test.html"

    def get_context_data(self, **kwargs):
        candidate = access.candidate_for_invigilator(self.request, self.session.pk, kwargs["candidate_id"])
        return super().get_context_data(session=self.session, candidate=candidate, **kwargs)

    def post(self, request, session_id, candidate_id):
        candidate = access.candidate_for_invigilator(request, session_id, candidate_id)
        try:
            invigilation.certification_end(candidate=candidate)
        except CertifError as error:
            messages.warning(request, error.message)
        else:
            messages.success(request, _("Le test de %(name)s est terminé.") % {"name": candidate})
        return self.back()


class AlertDismissView(InvigilatedSessionMixin, View):
    def post(self, request, session_id, alert_id):
        alert = access.live_alert_for_invigilator(request, session_id, alert_id)
        try:
            invigilation.live_alert_dismiss(alert=alert)
        except CertifError as error:
            messages.warning(request, error.message)
        else:
            messages.success(request, _("Signalement refusé : %(name)s continue avec la même question.")
                             % {"name": alert.course.candidate})
        return self.back()


class AlertValidateView(InvigilatedSessionMixin, View):
    def post(self, request, session_id, alert_id):
        alert = access.live_alert_for_invigilator(request, session_id, alert_id)
        form = LiveAlertValidationForm(request.POST, subcategories=invigilation.LIVE_ALERT_SUBCATEGORIES)
        try:
            if not form.is_valid():
                raise CertifError.of(ErrorCode.LIVE_ALERT_SUBCATEGORY_NOT_VALID)
            invigilation.live_alert_validate(alert=alert, subcategory=form.cleaned_data["subcategory"])
        except CertifError as error:
            messages.warning(request, error.message)
        else:
            messages.success(request, _("Signalement validé : %(name)s reçoit une autre question.")
                             % {"name": alert.course.candidate})
        return self.back()
