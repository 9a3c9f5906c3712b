"""The student's side of a campaign (« tu »): the code, the landing page, finding oneself in the
school's list, the external id, then the test core; the results, sending them, a retake."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from learners import selectors as learner_selectors
from learners.presenters import answer_as_text, correct_answer_as_text, result_phrase
from orga import access, selectors, services
from orga.errors import OrgaError
from orga.forms import CampaignCodeForm, ExternalIdForm, ReconciliationForm
from orga.models import Campaign


class CodeView(TemplateView):
    """« J'ai un code »: open to everyone; the campaign's page asks to log in."""

    template_name = "orga/student/code.html"

    def get_context_data(self, **kwargs):
        kwargs.setdefault("form", CampaignCodeForm(initial={"code": self.request.GET.get("code", "")}))
        return super().get_context_data(nav="code", **kwargs)

    def post(self, request, *args, **kwargs):
        form = CampaignCodeForm(request.POST)
        if form.is_valid():
            code = services.campaigns.normalize_code(form.cleaned_data["code"])
            if Campaign.objects.filter(code=code, organization__archived_at__isnull=True).exists():
                return redirect("campaigns:landing", code=code)
            form.add_error("code", _("Ce code ne correspond à aucune campagne : vérifie-le (9 caractères, "
                                     "6 lettres puis 3 chiffres) ou demande-le à ton enseignant."))
        return self.render_to_response(self.get_context_data(form=form), status=422)


class CampaignStudentMixin(LoginRequiredMixin):
    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.campaign = access.campaign_by_code(kwargs["code"])
        return super().dispatch(request, *args, **kwargs)


class LandingView(CampaignStudentMixin, TemplateView):
    template_name = "orga/student/landing.html"

    def get(self, request, *args, **kwargs):
        participation = services.current_participation(self.campaign, request.user)
        if participation is not None and request.GET.get("voir") is None:
            return redirect(_next_step(participation))
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        reconcile = services.needs_reconciliation(self.campaign, self.request.user)
        kwargs.setdefault("reconciliation_form", ReconciliationForm() if reconcile else None)
        kwargs.setdefault("external_id_form", ExternalIdForm(campaign=self.campaign)
                          if self.campaign.external_id_label else None)
        return super().get_context_data(campaign=self.campaign, nav="code",
                                        participation=services.current_participation(self.campaign,
                                                                                     self.request.user),
                                        **kwargs)


def _next_step(participation):
    if participation.is_started and participation.assessment_id:
        return reverse("learners:assessment", kwargs={"assessment_id": participation.assessment_id})
    return reverse("campaigns:results", kwargs={"participation_id": participation.pk})


class ReconcileView(LandingView):
    """« C'est moi » : the student finds themselves in the school's list (part 1's service)."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        form = ReconciliationForm(request.POST)
        if form.is_valid():
            try:
                services.learner_reconcile(user=request.user, organization=self.campaign.organization,
                                           **form.cleaned_data)
            except OrgaError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("C'est bien toi : tu es associé à ton établissement."))
                return redirect("campaigns:landing", code=self.campaign.code)
        return self.render_to_response(self.get_context_data(reconciliation_form=form), status=422)


class StartView(LandingView):
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        form = ExternalIdForm(request.POST, campaign=self.campaign)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(external_id_form=form), status=422)
        try:
            participation = services.participation_start(
                campaign=self.campaign, user=request.user, external_id=form.cleaned_data["external_id"])
        except OrgaError as error:
            if getattr(error, "code", "") == services.participations.Codes.EXTERNAL_ID:
                form.add_error("external_id", error.message)
                return self.render_to_response(self.get_context_data(external_id_form=form), status=422)
            messages.error(request, error.message)
            return redirect(reverse("campaigns:landing", kwargs={"code": self.campaign.code}) + "?voir")
        return redirect(_next_step(participation))


class MyCampaignsView(LoginRequiredMixin, TemplateView):
    template_name = "orga/student/mine.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(participations=selectors.own_participations(self.request.user),
                                        nav="code", **kwargs)


class ParticipationMixin(LoginRequiredMixin):
    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.participation = access.own_participation(request.user, kwargs["participation_id"])
        return super().dispatch(request, *args, **kwargs)


class ResultsView(ParticipationMixin, TemplateView):
    """The results: mastery overall and by competence, the stage, the answers, the tutorials;
    « J'envoie mes résultats », or a retake once sent."""

    template_name = "orga/student/results.html"

    def get(self, request, *args, **kwargs):
        if self.participation.is_started and self.participation.assessment_id:
            return redirect(_next_step(self.participation))
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        participation = self.participation
        computed, competences = selectors.participation_figures(participation)
        context = {"participation": participation, "campaign": participation.campaign, "figures": computed,
                   "competences": competences, "nav": "code",
                   "retake_refusal": services.retake_refusal(participation) if participation.is_shared else None,
                   "reset_refusal": services.reset_refusal(participation) if participation.is_shared else None}
        if participation.campaign.is_assessment:
            context["by_competence"] = [(competences[cid], mastery)
                                        for cid, mastery in sorted(computed.by_competence.items(),
                                                                   key=lambda i: competences[i[0]].code)]
            if participation.assessment_id:
                answers = learner_selectors.assessment_results(participation.assessment)
                context["rows"] = [{"answer": a, "given": answer_as_text(a.challenge, a.value),
                                    "expected": correct_answer_as_text(a.challenge),
                                    "result_phrase": result_phrase(a.result)} for a in answers.answers]
                context["tutorial_rows"] = [(t, t.pk in answers.saved_tutorial_ids) for t in answers.tutorials]
        else:
            context["profile_rows"] = [(competences[cid], profile) for cid, profile in computed.by_competence.items()]
        return super().get_context_data(**context, **kwargs)


class ShareView(ParticipationMixin, View):
    def post(self, request, *args, **kwargs):
        try:
            services.participation_share(participation=self.participation)
        except OrgaError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Tes résultats sont envoyés à %(name)s. Merci !")
                             % {"name": self.participation.campaign.organization.name})
        return redirect("campaigns:results", participation_id=self.participation.pk)


class RetakeView(ParticipationMixin, View):
    def post(self, request, *args, **kwargs):
        try:
            participation = services.participation_retake(participation=self.participation,
                                                          reset=request.POST.get("depuis_zero") == "1")
        except OrgaError as error:
            messages.error(request, error.message)
            return redirect("campaigns:results", participation_id=self.participation.pk)
        return redirect(_next_step(participation))
