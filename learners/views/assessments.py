"""The test pages, the same for every kind of test: the question, its answer, focus loss, the results."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views import View
from django.views.generic import TemplateView
from django_htmx.http import HttpResponseClientRedirect

from learners import access, selectors, services
from learners.assessments import answers
from learners.assessments.strategies import strategy_for
from learners.forms import FocusOutForm
from learners.presenters import (
    answer_as_text,
    choice_rows,
    correct_answer_as_text,
    field_rows,
    result_phrase,
)


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

    def render_to_response(self, context, **kwargs):
        self.template_name = context["serving"].strategy.page_template
        return super().render_to_response(context, **kwargs)

    def get_context_data(self, serving, typed=None, **kwargs):
        assessment, challenge = serving.assessment, serving.challenge
        return super().get_context_data(
            serving=serving, assessment=assessment, challenge=challenge, progress=serving.progress,
            question_number=serving.progress.question_number,
            test_title=serving.strategy.title(assessment),
            exit_url=_exit_url(assessment),
            announced=services.question_is_announced(assessment, challenge),
            choices=choice_rows(challenge, assessment.pk, typed),
            fields=field_rows(challenge, typed),
            seconds_left=services.seconds_left(assessment, challenge), **kwargs,
        )

    def post(self, request, *args, **kwargs):
        submitted = answers.from_form(request.POST)
        if request.POST.get("start_timer") and submitted.challenge_id is not None:
            # « Afficher la question » on a timed question's announcement: its time starts now
            # (a second click, or a click from a stale tab, changes nothing).
            started = services.timed_question_start(assessment=self.learner_assessment,
                                                    challenge_id=submitted.challenge_id)
            if request.htmx:  # the page served next: someone else's test is a 404 there
                return self._question_for_the_script(request, *args, **kwargs)
            if not started:
                self.serve()  # nothing started: someone else's test is a 404 all the same
            return self._back_to_the_test()
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
        return self._back_to_the_test()

    def _question_for_the_script(self, request, *args, **kwargs):
        """The page with its question, sent back to the page's script that asked to see it: one
        request where a redirect and a page took two, while the question's time already runs.
        When the test cannot go on, the script is told where to go instead."""
        response = self.get(request, *args, **kwargs)
        if isinstance(response, HttpResponseRedirect):
            return HttpResponseClientRedirect(response.url)
        return response

    def _back_to_the_test(self):
        """The redirect after a POST: to the test's page, the address just posted to (not
        reversed again: an answer's response is one of the busiest of the platform)."""
        return HttpResponseRedirect(self.request.path)

    def _refused(self, error, submitted):
        """The same question again, with what the learner had typed and why it was refused."""
        serving = self.serve()
        if serving.challenge is None:
            return self._back_to_the_test()
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
        form = FocusOutForm(request.POST)
        if not form.is_valid():
            return JsonResponse({"recorded": False, "detail": form.errors["challenge"][0],
                                 "code": "invalid_id"}, status=400)
        recorded = services.focus_out_record(assessment=assessment,
                                             challenge_id=form.cleaned_data["challenge"])
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
