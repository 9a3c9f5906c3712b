"""Enrolling a candidate by hand or a school's students by class, withdrawing one, and the
communes of a postal code."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.generic import FormView, TemplateView

from certif import access, selectors
from certif.errors import CertifError, ErrorCode
from certif.forms import CandidateForm
from certif.models import InseeCommune
from certif.services import candidates as candidate_services
from certif.views.portal import CertifPortalMixin
from certif.views.sessions import SessionMixin, add_problems

POSTAL_CODE_LENGTH = 5


class CandidateCreateView(SessionMixin, FormView):
    template_name = "certif/candidate_form.html"
    form_class = CandidateForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "center": self.center}

    def form_valid(self, form):
        try:
            candidate = candidate_services.candidate_add(session=self.session, raw=form.raw_candidate())
        except CertifError as error:
            add_problems(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("%(name)s est inscrit(e) à la session.") % {"name": candidate})
        if self.request.POST.get("then") == "another":
            return redirect("certif:add_candidate", session_id=self.session.pk)
        return redirect("certif:session", session_id=self.session.pk)


MAX_ID_DIGITS = 18


class EnrolStudentsView(SessionMixin, TemplateView):
    """An SCO centre picks a class of its linked school, then ticks the students to enrol."""

    template_name = "certif/enrol_students.html"

    def get_context_data(self, **kwargs):
        school = selectors.linked_school(self.center)
        divisions = selectors.school_divisions(school) if school else []
        division = self.request.GET.get("division") or self.request.POST.get("division") or ""
        if division not in divisions:
            division = ""
        students = selectors.division_students(school, division, self.session) if division else []
        return super().get_context_data(
            school=school, divisions=divisions, division=division, students=students,
            not_linked_message=ErrorCode.CENTER_NOT_LINKED_TO_SCHOOL.label, **kwargs)

    def post(self, request, session_id):
        values = request.POST.getlist("learners")
        if any(not v.isdigit() or len(v) > MAX_ID_DIGITS for v in values):
            raise Http404
        try:
            result = candidate_services.students_enrol(session=self.session, learner_ids={int(v) for v in values})
        except CertifError as error:
            return self.render_to_response(self.get_context_data(
                problems=error.problems, checked={int(v) for v in values}))
        message = ngettext("%(count)s élève est inscrit(e) à la session.",
                           "%(count)s élèves sont inscrits à la session.",
                           len(result.enrolled)) % {"count": len(result.enrolled)}
        if result.skipped:
            message += " " + ngettext("%(count)s élève déjà inscrit(e) a été ignoré(e).",
                                      "%(count)s élèves déjà inscrits ont été ignorés.",
                                      result.skipped) % {"count": result.skipped}
        messages.success(request, message)
        return redirect("certif:session", session_id=self.session.pk)


class CandidateDeleteView(CertifPortalMixin, TemplateView):
    template_name = "certif/candidate_delete.html"

    def resolve_membership(self, request, memberships, **kwargs):
        self.candidate = access.candidate_for_member(request.user, kwargs["session_id"], kwargs["candidate_id"])
        self.session = self.candidate.session
        return next(m for m in memberships if m.center_id == self.session.center_id)

    def get_context_data(self, **kwargs):
        return super().get_context_data(candidate=self.candidate, session=self.session, nav="sessions", **kwargs)

    def post(self, request, session_id, candidate_id):
        try:
            candidate_services.candidate_remove(candidate=self.candidate)
        except CertifError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("%(name)s ne figure plus parmi les candidats.") % {"name": self.candidate})
        return redirect("certif:session", session_id=self.session.pk)


class CommuneOptionsView(CertifPortalMixin, TemplateView):
    """The communes of a postal code, as options for the city field (htmx)."""

    template_name = "certif/includes/commune_options.html"

    def get_context_data(self, **kwargs):
        postal_code = self.request.GET.get("birth_postal_code", "").strip()
        if len(postal_code) > POSTAL_CODE_LENGTH:
            raise Http404
        communes = (InseeCommune.objects.filter(postal_code=postal_code).order_by("name")
                    .values_list("name", flat=True).distinct() if postal_code.isdigit() else [])
        return super().get_context_data(communes=list(communes), postal_code=postal_code, **kwargs)
