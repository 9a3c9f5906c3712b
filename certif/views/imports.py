"""The bulk import: the template, the upload and its report, the confirmation."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, TemplateView

from certif import access
from certif.bulk.template import template_csv
from certif.bulk.validation import report_rows
from certif.errors import CertifError
from certif.forms import ImportForm
from certif.models import SessionImport
from certif.services import imports as import_services
from certif.views.portal import CertifPortalMixin, remember_center


class ImportView(CertifPortalMixin, FormView):
    template_name = "certif/import.html"
    form_class = ImportForm
    extra_context = {"nav": "import"}

    def form_valid(self, form):
        try:
            session_import = import_services.session_import_validate(
                center=self.center, user=self.request.user, uploaded=form.cleaned_data["file"])
        except CertifError as error:
            form.add_error("file", error.message)
            return self.form_invalid(form)
        return redirect("certif:import_report", import_id=session_import.pk)


class ImportTemplateView(CertifPortalMixin, View):
    def get(self, request):
        response = HttpResponse(template_csv(self.center), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="modele-import-sessions.csv"'
        return response


class ImportReportView(CertifPortalMixin, TemplateView):
    template_name = "certif/import_report.html"
    extra_context = {"nav": "import"}

    def resolve_membership(self, request, memberships, **kwargs):
        self.session_import = access.session_import_for_member(request.user, kwargs["import_id"])
        remember_center(request, self.session_import.center)
        return next(m for m in memberships if m.center_id == self.session_import.center_id)

    def get_context_data(self, **kwargs):
        report = report_rows(self.session_import.report)
        return super().get_context_data(
            session_import=self.session_import, errors=[p for p in report if p["blocking"]],
            warnings=[p for p in report if not p["blocking"]],
            is_confirmed=self.session_import.status == SessionImport.Status.CONFIRMED, **kwargs)

    def post(self, request, import_id):
        try:
            session_import = import_services.session_import_confirm(
                session_import=self.session_import, user=request.user)
        except CertifError as error:
            messages.error(request, error.message)
            return redirect("certif:import_report", import_id=import_id)
        messages.success(request, _("Import confirmé : %(sessions)s session(s) et %(candidates)s "
                                    "candidat(s) enregistrés.") % {
            "sessions": session_import.session_count, "candidates": session_import.candidate_count})
        return redirect("certif:import_report", import_id=import_id)
