"""Downloads: a session's attendance sheet and invigilator's kit, and the ZIP of several sessions."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views import View

from certif import access
from certif.constants import ZIP_MAX_SESSIONS
from certif.documents.archive import archive_name, sessions_archive
from certif.documents.sheets import attendance_sheet, invigilator_kit
from certif.views.portal import CertifPortalMixin
from certif.views.sessions import SessionMixin

MAX_ID_DIGITS = 18


def attachment(content, file_name, content_type):
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{file_name}"'
    response["Cache-Control"] = "no-store"  # the kit holds the session's passwords
    return response


class AttendanceSheetView(SessionMixin, View):
    def get(self, request, session_id):
        document = attendance_sheet(self.session)
        if document is None:
            messages.warning(request, _("La feuille d'émargement sera disponible quand au moins un "
                                        "candidat sera inscrit."))
            return redirect("certif:session", session_id=self.session.pk)
        return attachment(document.content, document.file_name, "application/pdf")


class InvigilatorKitView(SessionMixin, View):
    def get(self, request, session_id):
        document = invigilator_kit(self.session)
        return attachment(document.content, document.file_name, "application/pdf")


class SessionsArchiveView(CertifPortalMixin, View):
    def get(self, request):
        values = request.GET.getlist("sessions")
        if not values:
            messages.warning(request, _("Cochez au moins une session pour télécharger ses documents."))
            return redirect("certif:sessions")
        if any(not v.isdigit() or len(v) > MAX_ID_DIGITS for v in values):
            raise Http404
        if len(set(values)) > ZIP_MAX_SESSIONS:
            messages.warning(request, _("Choisissez au plus %(max)s sessions à la fois.") % {"max": ZIP_MAX_SESSIONS})
            return redirect("certif:sessions")
        sessions = access.sessions_for_member(request.user, self.center, {int(v) for v in values})
        return attachment(sessions_archive(sessions), archive_name(), "application/zip")
