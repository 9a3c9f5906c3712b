"""The student's side of the results: "Mes certifications", a certificate and its PDF."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.views import View
from django.views.generic import TemplateView

from certif import access, certificates
from certif.documents.certificate import certificate_pdf, verification_url
from certif.views.documents import attachment

NAV = "certifications"


class MyCertificationsView(LoginRequiredMixin, TemplateView):
    template_name = "certif/certificates/my_certifications.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            summaries=certificates.user_certifications(self.request.user),
            statuses=certificates.CertificateStatus, nav=NAV, **kwargs)


class CertificateView(LoginRequiredMixin, TemplateView):
    template_name = "certif/certificates/certificate.html"

    def get_context_data(self, **kwargs):
        certificate = access.own_certificate(self.request.user, self.kwargs["course_id"])
        return super().get_context_data(
            certificate=certificate, nav=NAV,
            share_url=verification_url(certificate.verification_code, self.request), **kwargs)


class CertificatePdfView(LoginRequiredMixin, View):
    def get(self, request, course_id):
        certificate = access.own_certificate(request.user, course_id)
        document = certificate_pdf(certificate, lambda code: verification_url(code, request))
        return attachment(document.content, document.file_name, "application/pdf")
