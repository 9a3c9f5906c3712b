"""The candidate's pages of the exam day, under /certification/: join a session, read the
instructions, enter the access code (start or resume), the end screen, the live alert and the
page's presence signal. The questions themselves are the test core's page (learners), with the
certification strategy's template."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, TemplateView

from certif import access, selectors
from certif.constants import PRESENCE_SECONDS
from certif.errors import CertifError
from certif.forms import AccessCodeForm, InstructionsForm, JoinSessionForm
from certif.models import LiveAlertStatus
from certif.services import exam

INSTRUCTION_STEPS = 5


def _test_url(course):
    return reverse("learners:assessment", kwargs={"assessment_id": course.assessment_id})


def _after_join(candidate):
    if not candidate.has_seen_instructions:
        return redirect("certification:instructions", candidate_id=candidate.pk)
    return redirect("certification:enter", candidate_id=candidate.pk)


class HomeView(LoginRequiredMixin, View):
    def get(self, request):
        return redirect("certification:join")


class JoinView(LoginRequiredMixin, FormView):
    template_name = "certif/exam/join.html"
    form_class = JoinSessionForm

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            candidate = exam.candidate_join(
                user=self.request.user, session_number=data["session_number"],
                first_name=data["first_name"], last_name=data["last_name"],
                birthdate=data["birthdate"])
        except CertifError as error:
            form.add_error(error.problems[0].field or None, error.message)
            return self.render_to_response(self.get_context_data(form=form), status=422)
        return _after_join(candidate)

    def form_invalid(self, form):
        response = super().form_invalid(form)
        response.status_code = 422
        return response


class CandidateMixin(LoginRequiredMixin):
    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.candidate = access.candidate_for_user(request.user, kwargs["candidate_id"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(candidate=self.candidate, session=self.candidate.session, **kwargs)


class InstructionsView(CandidateMixin, FormView):
    """The instructions in five steps, then a confirmation box (domain §5.1)."""

    template_name = "certif/exam/instructions.html"
    form_class = InstructionsForm

    def step(self):
        try:
            step = int(self.request.GET.get("etape", 1))
        except ValueError:
            step = 1
        return min(max(step, 1), INSTRUCTION_STEPS)

    def get_context_data(self, **kwargs):
        step = self.step()
        return super().get_context_data(step=step, steps=INSTRUCTION_STEPS,
                                        is_last=step == INSTRUCTION_STEPS, **kwargs)

    def form_valid(self, form):
        try:
            exam.instructions_confirm(candidate=self.candidate, confirmed=form.cleaned_data["confirmed"])
        except CertifError as error:
            form.add_error("confirmed", error.message)
            self.request.GET = self.request.GET.copy()
            self.request.GET["etape"] = str(INSTRUCTION_STEPS)
            return self.render_to_response(self.get_context_data(form=form), status=422)
        return redirect("certification:enter", candidate_id=self.candidate.pk)


class EnterView(CandidateMixin, FormView):
    """The access code: starts the test, or resumes it, once the invigilator authorised it."""

    template_name = "certif/exam/enter.html"
    form_class = AccessCodeForm

    def get(self, request, *args, **kwargs):
        if not self.candidate.has_seen_instructions:
            return redirect("certification:instructions", candidate_id=self.candidate.pk)
        course = self.course()
        if course is not None and not course.assessment.is_started:
            return redirect("certification:end", course_id=course.pk)
        return super().get(request, *args, **kwargs)

    def course(self):
        if not hasattr(self, "_course"):
            self._course = selectors.candidate_course(self.candidate)
        return self._course

    def get_context_data(self, **kwargs):
        return super().get_context_data(course=self.course(), **kwargs)

    def form_valid(self, form):
        if not self.request.session.session_key:
            self.request.session.save()
        try:
            course = exam.candidate_enter(candidate=self.candidate,
                                          access_code=form.cleaned_data["access_code"],
                                          session_key=self.request.session.session_key)
        except CertifError as error:
            form.add_error("access_code", error.message)
            return self.render_to_response(self.get_context_data(form=form), status=422)
        if not course.assessment.is_started:
            return redirect("certification:end", course_id=course.pk)
        return redirect(_test_url(course))

    def form_invalid(self, form):
        response = super().form_invalid(form)
        response.status_code = 422
        return response


class EndView(LoginRequiredMixin, TemplateView):
    template_name = "certif/exam/end.html"

    def get(self, request, *args, **kwargs):
        self.course = access.course_for_user(request.user, kwargs["course_id"])
        if self.course.assessment.is_started:
            return redirect(_test_url(self.course))
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(course=self.course, **kwargs)


def alert_context(course, assessment=None):
    """The live alert as the candidate's page shows it; `assessment`: the test as just served
    (else the course's, read again)."""
    alert = selectors.latest_live_alert(course)
    return {"course": course, "assessment": assessment or course.assessment, "alert": alert,
            "presence_seconds": PRESENCE_SECONDS,
            "alert_ongoing": alert is not None and alert.status == LiveAlertStatus.ONGOING}


class LiveAlertView(LoginRequiredMixin, View):
    """"Signaler un problème" on the current question."""

    def post(self, request, course_id):
        course = access.course_for_user(request.user, course_id)
        try:
            exam.live_alert_raise(course=course)
        except CertifError as error:
            messages.warning(request, error.message)
        else:
            messages.info(request, _("Ton signalement est transmis au surveillant : il va venir. "
                                     "Tu peux attendre sur cette question."))
        if course.assessment.is_started:
            return redirect(_test_url(course))
        return redirect("certification:end", course_id=course.pk)


class PresenceView(LoginRequiredMixin, View):
    """The test page's signal every few seconds: the invigilator sees the candidate connected;
    the answer tells the page how its alert stands."""

    def post(self, request, course_id):
        course = access.course_for_user(request.user, course_id)
        exam.presence_record(course=course)
        return render(request, "certif/exam/includes/presence.html", alert_context(course))
