"""Import: upload a student list, watch the job's progress, read every problem, see the history."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from orga import access, selectors, services
from orga.errors import OrgaError
from orga.exports import csv_bytes
from orga.forms import ImportForm
from orga.imports import csv_formats
from orga.models import LearnerImport
from orga.views.base import OrgaMixin


class ImportView(OrgaMixin, TemplateView):
    template_name = "orga/import.html"
    nav = "import"

    def formats(self):
        return services.formats_for(self.organization)

    def get_context_data(self, **kwargs):
        formats = self.formats()
        kwargs.setdefault("form", ImportForm(formats=formats) if formats else None)
        csv_templates = [(f, LearnerImport.Format(f).label) for f in formats if f in TEMPLATES]
        return super().get_context_data(history=selectors.imports_history(self.organization),
                                        csv_templates=csv_templates, **kwargs)

    def post(self, request, *args, **kwargs):
        formats = self.formats()
        if not formats:
            messages.error(request, _("Cette organisation n'importe pas de liste d'élèves."))
            return redirect(self.url("import"))
        form = ImportForm(request.POST, request.FILES, formats=formats)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=422)
        upload = form.cleaned_data["file"]
        try:
            job = services.learner_import_create(
                organization=self.organization, user=request.user, filename=upload.name,
                content=upload.read(), format=form.cleaned_data["format"],
                mode=form.cleaned_data.get("mode") or LearnerImport.Mode.REPLACE)
        except OrgaError as error:
            form.add_error("file", error.message)
            return self.render_to_response(self.get_context_data(form=form), status=422)
        services.learner_import_enqueue(job)
        return redirect(self.url("import_status", import_id=job.pk))


class ImportStatusView(OrgaMixin, TemplateView):
    """The job's page; with htmx, its status block alone, polled until the job is over."""

    template_name = "orga/import_status.html"
    nav = "import"

    def get_template_names(self):
        if self.request.htmx:
            return ["orga/includes/import_progress.html"]
        return [self.template_name]

    def get_context_data(self, **kwargs):
        job = access.import_for(self.membership, kwargs["import_id"])
        return super().get_context_data(job=job, problems=services.learner_import_problems(job),
                                        **kwargs)


TEMPLATES = {LearnerImport.Format.SIECLE_CSV: (csv_formats.SIECLE_CSV, "modele-eleves.csv"),
             LearnerImport.Format.SUP_CSV: (csv_formats.SUP_CSV, "modele-etudiants.csv")}


class ImportTemplateView(OrgaMixin, TemplateView):
    """The CSV template of a format the organisation imports: its header, required columns starred."""

    def get(self, request, *args, **kwargs):
        format = kwargs["format"]
        if format not in TEMPLATES or format not in services.formats_for(self.organization):
            raise Http404
        spec, filename = TEMPLATES[format]
        header = [column.label + ("*" if column.required else "") for column in spec.columns]
        response = HttpResponse(csv_bytes(header, []), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
