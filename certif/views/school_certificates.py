"""The SCO school's certification results in Orga: results CSV by class, the certificates of a class
in one PDF, and a ZIP of the results of selected sessions. Admins and members of the school only;
anyone else gets 404."""

from django.contrib import messages
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from certif import certificates
from certif.constants import ZIP_MAX_SESSIONS
from certif.documents import certificate_exports as exports
from certif.documents.certificate import certificates_pdf, verification_url
from certif.views.documents import MAX_ID_DIGITS, attachment
from orga.views.base import OrgaMixin

NAV = "certifications"


class SchoolMixin(OrgaMixin):
    """A school (SCO) of Orga; another kind of organisation has no such page (404)."""

    nav = NAV

    def get_school(self):
        if self.organization.type != self.organization.Type.SCO:
            raise Http404
        return self.organization

    def division(self):
        """The class named by ?classe=, one that has published results, else 404."""
        division = self.request.GET.get("classe", "")
        known = {row["division"] for row in certificates.school_divisions(self.get_school())}
        if division not in known:
            raise Http404
        return division

    def back(self):
        return redirect("certificates:school", organization_id=self.organization.pk)


def csv_response(lines, file_name):
    response = StreamingHttpResponse(lines, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{file_name}"'
    response["Cache-Control"] = "no-store"
    return response


class SchoolCertificationsView(SchoolMixin, TemplateView):
    template_name = "certif/certificates/school.html"

    def get_context_data(self, **kwargs):
        school = self.get_school()
        return super().get_context_data(divisions=certificates.school_divisions(school),
                                        sessions=certificates.school_sessions(school),
                                        zip_max=ZIP_MAX_SESSIONS, **kwargs)


class DivisionResultsCsvView(SchoolMixin, View):
    def get(self, request, organization_id):
        division = self.division()
        courses = certificates.division_courses(self.get_school(), division)
        return csv_response(exports.results_lines(courses), exports.division_file_name(division))


class DivisionCertificatesPdfView(SchoolMixin, View):
    def get(self, request, organization_id):
        division = self.division()
        found = certificates.certificates_of(certificates.division_courses(self.get_school(), division))
        if not found:
            messages.warning(request, _("Aucun élève de la classe %(division)s n'a de certificat : "
                                        "aucune certification n'y est validée.") % {"division": division})
            return self.back()
        document = certificates_pdf(found, lambda code: verification_url(code, request),
                                    exports.division_pdf_name(division),
                                    _("Certificats Pix — classe %(division)s") % {"division": division})
        return attachment(document.content, document.file_name, "application/pdf")


class SessionsResultsZipView(SchoolMixin, View):
    def get(self, request, organization_id):
        values = request.GET.getlist("sessions")
        if not values:
            messages.warning(request, _("Cochez au moins une session pour télécharger ses résultats."))
            return self.back()
        if any(not v.isdigit() or len(v) > MAX_ID_DIGITS for v in values):
            raise Http404
        ids = {int(v) for v in values}
        if len(ids) > ZIP_MAX_SESSIONS:
            messages.warning(request, _("Choisissez au plus %(max)s sessions à la fois.") % {
                "max": ZIP_MAX_SESSIONS})
            return self.back()
        school = self.get_school()
        sessions = list(certificates.school_sessions(school).filter(pk__in=ids))
        if len(sessions) != len(ids):
            raise Http404
        response = StreamingHttpResponse(exports.sessions_zip(school, sessions), content_type="application/zip")
        response["Content-Disposition"] = f'attachment; filename="{exports.zip_name()}"'
        response["Cache-Control"] = "no-store"
        return response
