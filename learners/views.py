from django.contrib.auth.mixins import LoginRequiredMixin
from django.views.generic import TemplateView


class ProfileView(LoginRequiredMixin, TemplateView):
    template_name = "learners/profile.html"


class SavedTutorialsView(LoginRequiredMixin, TemplateView):
    template_name = "learners/tutorials.html"


class AccountView(LoginRequiredMixin, TemplateView):
    template_name = "learners/account.html"


class TermsView(TemplateView):
    template_name = "learners/terms.html"
