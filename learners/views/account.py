"""The account page, the terms of use, the language switch."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.generic import FormView, TemplateView, UpdateView

from learners import services
from learners.accounts.forms import AcceptTermsForm, LanguageForm
from learners.redirects import safe_next


class AccountView(LoginRequiredMixin, UpdateView):
    template_name = "learners/account.html"
    form_class = LanguageForm

    def get_object(self, queryset=None):
        return self.request.user

    def form_valid(self, form):
        response = super().form_valid(form)
        from django.conf import settings

        response.set_cookie(settings.LANGUAGE_COOKIE_NAME, form.instance.language)
        messages.success(self.request, _("Tes préférences sont enregistrées."))
        return response

    def get_success_url(self):
        return reverse("learners:account")


class TermsView(TemplateView):
    template_name = "learners/terms.html"


class AcceptTermsView(LoginRequiredMixin, FormView):
    template_name = "learners/accept_terms.html"
    form_class = AcceptTermsForm

    def form_valid(self, form):
        services.terms_accept(user=self.request.user)
        return redirect(safe_next(self.request, self.request.GET.get("next"),
                                  reverse("learners:profile")))


@require_POST
def set_language(request):
    """The language switch; a signed-in learner's choice is also kept in their account."""
    from django.conf import settings

    response = redirect(safe_next(request, request.POST.get("next"), reverse("home")))
    language = request.POST.get("language")
    if language in dict(settings.LANGUAGES):
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME, language, max_age=settings.LANGUAGE_COOKIE_AGE,
            path=settings.LANGUAGE_COOKIE_PATH, domain=settings.LANGUAGE_COOKIE_DOMAIN,
            secure=settings.LANGUAGE_COOKIE_SECURE, httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE)
        if request.user.is_authenticated:
            services.language_set(user=request.user, language=language)
    return response
