"""The profile of 16 competences, and starting or resetting a competence's test."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from learners import access, selectors, services


class ProfileView(LoginRequiredMixin, TemplateView):
    template_name = "learners/profile.html"
    extra_context = {"nav": "profile"}

    def get_context_data(self, **kwargs):
        return super().get_context_data(profile=selectors.profile(self.request.user), **kwargs)


class StartCompetenceView(LoginRequiredMixin, View):
    def post(self, request, code):
        competence = access.competence_by_code(code)
        try:
            assessment = services.competence_evaluation_start(user=request.user, competence=competence)
        except services.LearnerError as error:
            messages.error(request, error.message)
            return redirect("learners:profile")
        return redirect("learners:assessment", assessment_id=assessment.pk)


class ResetCompetenceView(LoginRequiredMixin, TemplateView):
    template_name = "learners/reset.html"

    def get_context_data(self, **kwargs):
        competence = access.competence_by_code(kwargs["code"])
        return super().get_context_data(
            competence=competence, card=selectors.scorecard(self.request.user, competence), **kwargs)

    def post(self, request, code):
        competence = access.competence_by_code(code)
        try:
            services.competence_reset(user=request.user, competence=competence)
        except services.LearnerError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("La compétence « %(name)s » a été remise à zéro.") % {
                "name": competence.name})
        return redirect("learners:profile")
