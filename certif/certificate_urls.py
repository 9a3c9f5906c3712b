"""Certificates: the student's "Mes certifications", the public verification page and the SCO
school's exports, which Orga shows under its own addresses (written here: Orga never imports
certif)."""

from django.urls import path

import certif.urls  # noqa: F401 - registers the "id" converter
from certif.views import certificates, school_certificates, verification

app_name = "certificates"

mine = "certification/mes-certifications/"
school = "orga/<id:organization_id>/certifications/"

urlpatterns = [
    path(mine, certificates.MyCertificationsView.as_view(), name="mine"),
    path(mine + "<id:course_id>/", certificates.CertificateView.as_view(), name="certificate"),
    path(mine + "<id:course_id>/certificat.pdf", certificates.CertificatePdfView.as_view(),
         name="certificate_pdf"),
    path("verification/", verification.VerificationView.as_view(), name="verify"),
    path("verification/<code:code>/", verification.VerificationCodeView.as_view(), name="verify_code"),
    path(school, school_certificates.SchoolCertificationsView.as_view(), name="school"),
    path(school + "resultats.csv", school_certificates.DivisionResultsCsvView.as_view(),
         name="division_csv"),
    path(school + "certificats.pdf", school_certificates.DivisionCertificatesPdfView.as_view(),
         name="division_pdf"),
    path(school + "sessions/resultats.zip", school_certificates.SessionsResultsZipView.as_view(),
         name="sessions_zip"),
]
