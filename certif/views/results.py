"""A session's results for its centre: the CSV, once the results are published."""

from django.contrib import messages
from django.http import StreamingHttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views import View

from certif.exports import session_results_file_name, session_results_lines
from certif.views.sessions import SessionMixin


class SessionResultsCsvView(SessionMixin, View):
    def get(self, request, session_id):
        if self.session.published_at is None:
            messages.warning(request, _("Les résultats de cette session ne sont pas encore publiés : "
                                        "le fichier des résultats sera disponible à leur publication."))
            return redirect("certif:session", session_id=self.session.pk)
        response = StreamingHttpResponse(session_results_lines(self.session),
                                         content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = (
            f'attachment; filename="{session_results_file_name(self.session)}"')
        response["Cache-Control"] = "no-store"
        return response
