"""Learner pages. Thin: they fetch through access.py, read through selectors, write through services."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.http import require_POST
from django.views.generic import FormView, TemplateView, UpdateView

from learners import access, selectors, services
from learners.assessments import answers
from learners.assessments.strategies import strategy_for
from learners.forms import AcceptTermsForm, LanguageForm
from learners.presenters import (
    answer_as_text,
    choice_rows,
    correct_answer_as_text,
    field_rows,
    result_phrase,
)
from learners.redirects import safe_next


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


class AssessmentView(LoginRequiredMixin, TemplateView):
    """Any kind of test: shows the current challenge (GET) and takes its answer (POST, then
    redirect). What differs by kind (title, progress, where the results are) comes from the
    test's strategy. The learner's test is fetched and checked by the core's locking query
    (`access.learner_assessment`): one query for both."""

    template_name = "learners/challenge.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.learner_assessment = access.learner_assessment(request.user, kwargs["assessment_id"])
        return super().dispatch(request, *args, **kwargs)

    def serve(self):
        return access.learner_assessment_or_404(
            lambda: services.assessment_serve(assessment=self.learner_assessment))

    def get(self, request, *args, **kwargs):
        try:
            serving = self.serve()
        except services.LearnerError as error:
            messages.warning(request, error.message)
            return redirect(_exit_url(access.assessment_for_learner(request.user, kwargs["assessment_id"])))
        if serving.challenge is None:
            return redirect(serving.strategy.results_url(serving.assessment))
        return self.render_to_response(self.get_context_data(serving=serving, **kwargs))

    def get_context_data(self, serving, typed=None, **kwargs):
        assessment, challenge = serving.assessment, serving.challenge
        seconds_left = None
        if challenge.timer and assessment.last_question_at:
            elapsed = (timezone.now() - assessment.last_question_at).total_seconds()
            seconds_left = max(0, round(challenge.timer - elapsed))
        return super().get_context_data(
            assessment=assessment, challenge=challenge, progress=serving.progress,
            question_number=serving.progress.question_number,
            test_title=serving.strategy.title(assessment),
            choices=choice_rows(challenge, assessment.pk, typed),
            fields=field_rows(challenge, typed), seconds_left=seconds_left, **kwargs,
        )

    def post(self, request, *args, **kwargs):
        submitted = answers.from_form(request.POST)
        try:
            _answer, notice = access.learner_assessment_or_404(lambda: services.submission_record(
                assessment=self.learner_assessment, submitted=submitted))
        except (services.EmptyAnswerError, services.MalformedAnswerError) as error:
            return self._refused(error, submitted)
        except services.LearnerError as error:
            messages.warning(request, error.message)
        else:
            if notice:
                messages.warning(request, notice.message)
        return redirect("learners:assessment", assessment_id=self.learner_assessment.pk)

    def _refused(self, error, submitted):
        """The same question again, with what the learner had typed and why it was refused."""
        serving = self.serve()
        if serving.challenge is None:
            return redirect("learners:assessment", assessment_id=self.learner_assessment.pk)
        typed = ",".join(submitted.choices) if serving.challenge.has_proposals else submitted.fields
        response = self.render_to_response(self.get_context_data(
            serving=serving, error=error.message, typed=typed))
        response.status_code = 422
        return response


def _exit_url(assessment):
    """Where a learner goes when the test cannot go on: the kind's own page, else the profile."""
    try:
        return strategy_for(assessment).exit_url(assessment)
    except services.LearnerError:
        return reverse("learners:profile")


class FocusOutView(LoginRequiredMixin, View):
    def post(self, request, assessment_id):
        assessment = access.assessment_for_learner(request.user, assessment_id)
        challenge_id = answers.from_form(request.POST).challenge_id
        recorded = challenge_id is not None and services.focus_out_record(
            assessment=assessment, challenge_id=challenge_id)
        return JsonResponse({"recorded": bool(recorded)})


class ResultsView(LoginRequiredMixin, TemplateView):
    """The answers of a finished test with the right ones and their explanations, for the kinds
    of test that show them; the others have their own results page."""

    template_name = "learners/results.html"

    def get(self, request, *args, **kwargs):
        self.assessment = access.assessment_for_learner(request.user, kwargs["assessment_id"])
        if self.assessment.is_started:
            return redirect("learners:assessment", assessment_id=self.assessment.pk)
        try:
            strategy = strategy_for(self.assessment)
        except services.LearnerError as error:
            messages.warning(request, error.message)
            return redirect("learners:profile")
        if not strategy.shows_correction:
            return redirect(strategy.results_url(self.assessment))
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        results = selectors.assessment_results(self.assessment)
        rows = [
            {"answer": answer, "given": answer_as_text(answer.challenge, answer.value),
             "expected": correct_answer_as_text(answer.challenge),
             "result_phrase": result_phrase(answer.result)}
            for answer in results.answers
        ]
        tutorial_rows = [(t, t.pk in results.saved_tutorial_ids) for t in results.tutorials]
        return super().get_context_data(results=results, rows=rows, tutorial_rows=tutorial_rows, **kwargs)


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
