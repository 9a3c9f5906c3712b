from django.urls import path, register_converter

from certif.views import (
    candidates,
    documents,
    finalisation,
    imports,
    invigilation,
    portal,
    results,
    sessions,
)

app_name = "certif"


class IdConverter:
    """A database id: at most 18 digits, so a forged huge number is a 404, never an overflow."""

    regex = "[0-9]{1,18}"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return str(value)


register_converter(IdConverter, "id")

urlpatterns = [
    path("", portal.HomeView.as_view(), name="home"),
    path("acces-reserve/", portal.NoAccessView.as_view(), name="no_access"),
    path("conditions-d-utilisation/", portal.TermsView.as_view(), name="terms"),
    path("conditions-d-utilisation/accepter/", portal.AcceptTermsView.as_view(), name="accept_terms"),
    path("centres/", portal.ChooseCenterView.as_view(), name="choose_center"),
    path("equipe/", portal.TeamView.as_view(), name="team"),
    path("sessions/", sessions.SessionListView.as_view(), name="sessions"),
    path("sessions/nouvelle/", sessions.SessionCreateView.as_view(), name="create_session"),
    path("sessions/documents.zip", documents.SessionsArchiveView.as_view(), name="sessions_archive"),
    path("sessions/<id:session_id>/", sessions.SessionDetailView.as_view(), name="session"),
    path("sessions/<id:session_id>/modifier/", sessions.SessionUpdateView.as_view(), name="edit_session"),
    path("sessions/<id:session_id>/supprimer/", sessions.SessionDeleteView.as_view(), name="delete_session"),
    path("sessions/<id:session_id>/finaliser/", finalisation.SessionFinaliseView.as_view(),
         name="finalise_session"),
    path("sessions/<id:session_id>/candidats/ajouter/", candidates.CandidateCreateView.as_view(),
         name="add_candidate"),
    path("sessions/<id:session_id>/candidats/eleves/", candidates.EnrolStudentsView.as_view(),
         name="enrol_students"),
    path("sessions/<id:session_id>/candidats/<id:candidate_id>/retirer/",
         candidates.CandidateDeleteView.as_view(), name="remove_candidate"),
    path("sessions/<id:session_id>/feuille-d-emargement.pdf", documents.AttendanceSheetView.as_view(),
         name="attendance_sheet"),
    path("sessions/<id:session_id>/kit-surveillant.pdf", documents.InvigilatorKitView.as_view(),
         name="invigilator_kit"),
    path("sessions/<id:session_id>/resultats.csv", results.SessionResultsCsvView.as_view(),
         name="session_results_csv"),
    path("communes/", candidates.CommuneOptionsView.as_view(), name="commune_options"),
    path("import/", imports.ImportView.as_view(), name="import"),
    path("import/modele.csv", imports.ImportTemplateView.as_view(), name="import_template"),
    path("import/<uuid:import_id>/", imports.ImportReportView.as_view(), name="import_report"),
    # The invigilator's page of the exam day: no account, the session's invigilator password.
    path("surveillance/", invigilation.InvigilatorLoginView.as_view(), name="invigilator_login"),
    path("surveillance/<id:session_id>/", invigilation.InvigilationView.as_view(), name="invigilation"),
    path("surveillance/<id:session_id>/candidats/<id:candidate_id>/autoriser/",
         invigilation.AuthorizeView.as_view(), name="invigilation_authorize"),
    path("surveillance/<id:session_id>/candidats/<id:candidate_id>/retirer-autorisation/",
         invigilation.CancelAuthorizationView.as_view(), name="invigilation_cancel_authorization"),
    path("surveillance/<id:session_id>/candidats/<id:candidate_id>/terminer/",
         invigilation.EndTestView.as_view(), name="invigilation_end_test"),
    path("surveillance/<id:session_id>/signalements/<id:alert_id>/refuser/",
         invigilation.AlertDismissView.as_view(), name="invigilation_dismiss_alert"),
    path("surveillance/<id:session_id>/signalements/<id:alert_id>/valider/",
         invigilation.AlertValidateView.as_view(), name="invigilation_validate_alert"),
]
