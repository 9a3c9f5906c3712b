"""« Mes tutos »: the saved and recommended tutorials."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from learners import access, selectors, services
from learners.redirects import safe_next


class SavedTutorialsView(LoginRequiredMixin, TemplateView):
    template_name = "learners/tutorials.html"
    extra_context = {"nav": "tutorials"}

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(saved=selectors.saved_tutorials(user),
                                        recommended=selectors.recommended_tutorials(user), **kwargs)


class SaveTutorialView(LoginRequiredMixin, View):
    def post(self, request, tutorial_id):
        tutorial = access.tutorial_for_learner(tutorial_id)
        if request.POST.get("action") == "remove":
            services.tutorial_unsave(user=request.user, tutorial=tutorial)
            saved, message = False, _("Tutoriel retiré de « Mes tutos ».")
        else:
            services.tutorial_save(user=request.user, tutorial=tutorial)
            saved, message = True, _("Tutoriel enregistré dans « Mes tutos ».")
        if request.htmx:
            return HttpResponse(self._button(request, tutorial, saved, message))
        messages.success(request, message)
        return redirect(safe_next(request, request.POST.get("next"), reverse("learners:tutorials")))

    @staticmethod
    def _button(request, tutorial, saved, message):
        from django.template.loader import render_to_string

        return render_to_string("learners/includes/save_tutorial.html", {
            "tutorial": tutorial, "saved": saved, "status_message": message}, request=request)
