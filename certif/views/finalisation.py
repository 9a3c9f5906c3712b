"""The centre finalises a session: one row per candidate who started, their issue reports (a
formset per candidate, with an "add" button that works without JavaScript), the global comment,
the two flags and a confirmation; every problem shown at the top and beside its field, nothing
typed lost."""

from dataclasses import dataclass, field

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from certif.errors import CertifError, ErrorCode, Problem
from certif.forms import (
    CourseReportForm,
    IssueReportFormSet,
    SessionFinalisationForm,
    issue_report_subcategory_groups,
)
from certif.rules.finalisation import CourseReport, IssueReportInput, course_key
from certif.services.finalisation import (
    course_state,
    finalisation_problems,
    finalisation_refused,
    finalise_session,
    started_courses,
)
from certif.views.sessions import SessionMixin

ADD_REPORT = "add_report"
# Refusals of the whole finalisation: the page shows them instead of the form.
REFUSALS = (ErrorCode.SESSION_ALREADY_FINALIZED, ErrorCode.SESSION_WITHOUT_STARTED_CERTIFICATION)


def reports_prefix(course_id) -> str:
    return f"reports-{course_id}"


@dataclass
class CandidateRow:
    course: object
    is_completed: bool
    form: CourseReportForm
    formset: object
    existing_reports: list
    focus: str = ""  # the id of the field to focus (a row just added)


@dataclass
class FinalisationPage:
    rows: list
    session_form: SessionFinalisationForm
    problems: list = field(default_factory=list)  # (message, the id of its field or "")

    @classmethod
    def build(cls, session, data=None, *, added_to=None):
        rows = []
        for course in started_courses(session).prefetch_related("issue_reports"):
            completed = course_state(course).is_completed
            form = CourseReportForm(data, prefix=course_key(course.pk), is_completed=completed,
                                    initial={"has_seen_end_test_screen": course.has_seen_end_test_screen,
                                             "abort_reason": course.abort_reason,
                                             "examiner_comment": course.examiner_comment})
            formset = IssueReportFormSet(data, prefix=reports_prefix(course.pk))
            focus = ""
            if added_to == course.pk and formset.forms:
                focus = formset.forms[-1]["category"].id_for_label
            rows.append(CandidateRow(course, completed, form, formset,
                                     list(course.issue_reports.all()), focus))
        return cls(rows, SessionFinalisationForm(data))

    def forms(self):
        for row in self.rows:
            yield row.form
            yield from row.formset.forms
        yield self.session_form

    def course_reports(self) -> list[CourseReport]:
        reports = []
        for row in self.rows:
            row.form.is_valid()
            cleaned = row.form.cleaned_data
            issues = []
            for form in row.formset.forms:
                if not form.has_changed() or not form.is_valid() or form.cleaned_data.get("DELETE"):
                    continue
                issues.append(IssueReportInput(
                    category=form.cleaned_data.get("category", ""),
                    subcategory=form.cleaned_data.get("subcategory", ""),
                    description=form.cleaned_data.get("description", ""),
                    question_number=form.cleaned_data.get("question_number", ""), key=form.prefix))
            reports.append(CourseReport(
                row.course.pk, has_seen_end_test_screen=bool(cleaned.get("has_seen_end_test_screen")),
                abort_reason=cleaned.get("abort_reason", ""),
                examiner_comment=cleaned.get("examiner_comment", ""), issue_reports=tuple(issues),
                key=row.form.prefix))
        return reports

    def add_problems(self, problems: list[Problem]):
        """Each problem beside its field (the field's HTML name), and all of them at the top."""
        fields = {}
        for form in self.forms():
            for name in form.fields:
                fields[form.add_prefix(name)] = (form, name)
        for problem in problems:
            form, name = fields.get(problem.field, (None, None))
            if form is None:
                self.problems.append((problem.message, ""))
                continue
            form.is_valid()
            form.add_error(name, problem.message)
            self.problems.append((problem.message, form[name].id_for_label))


class SessionFinaliseView(SessionMixin, TemplateView):
    template_name = "certif/session_finalise.html"

    def get(self, request, session_id):
        refusal = finalisation_refused(self.session)
        return self.render_to_response(self.get_context_data(
            refusal=refusal, page=None if refusal else FinalisationPage.build(self.session)))

    def render_page(self, page, *, status=200, refusal=None):
        return self.render_to_response(self.get_context_data(page=page, refusal=refusal), status=status)

    def post(self, request, session_id):
        refusal = finalisation_refused(self.session)
        if refusal is not None:
            return self.render_page(None, refusal=refusal, status=409)
        data = request.POST.copy()
        if ADD_REPORT in data:
            return self.render_page(self._with_a_new_row(data))
        page = FinalisationPage.build(self.session, data)
        page.session_form.is_valid()
        cleaned = page.session_form.cleaned_data
        if not page.session_form["confirmed"].value():  # every problem at once, not one per round
            page.add_problems([*finalisation_problems(
                self.session, reports=page.course_reports(),
                global_comment=cleaned.get("examiner_global_comment", "")),
                Problem(ErrorCode.FINALISATION_NOT_CONFIRMED, "confirmed")])
            return self.render_page(page, status=422)
        try:
            finalise_session(self.session, reports=page.course_reports(),
                             global_comment=cleaned.get("examiner_global_comment", ""),
                             has_incident=bool(cleaned.get("has_incident")),
                             has_joining_issue=bool(cleaned.get("has_joining_issue")), by=request.user)
        except CertifError as error:
            if error.code in REFUSALS:
                return self.render_page(None, refusal=error, status=409)
            page.add_problems(error.problems)
            return self.render_page(page, status=422)
        messages.success(request, _("La session %(number)s est finalisée. Ses résultats seront "
                                    "calculés puis publiés après l'examen du jury.")
                         % {"number": self.session.number})
        return redirect("certif:session", session_id=self.session.pk)

    def _with_a_new_row(self, data):
        value = data.pop(ADD_REPORT)[-1]
        course_ids = set(started_courses(self.session).values_list("pk", flat=True))
        course_id = int(value) if value.isdigit() and len(value) <= 18 else None
        if course_id in course_ids:
            total = f"{reports_prefix(course_id)}-TOTAL_FORMS"
            current = data.get(total, "0")
            count = int(current) if current.isdigit() and len(current) <= 3 else 0
            data[total] = str(min(count + 1, IssueReportFormSet.max_num))
            data.setdefault(f"{reports_prefix(course_id)}-INITIAL_FORMS", "0")
        return FinalisationPage.build(self.session, data, added_to=course_id)

    def get_context_data(self, **kwargs):
        return super().get_context_data(subcategory_groups=issue_report_subcategory_groups(), **kwargs)
