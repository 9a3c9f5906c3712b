"""The student's side of the campaigns, under /campagnes/."""

from django.urls import path

from orga.views import student

app_name = "campaigns"

urlpatterns = [
    path("", student.CodeView.as_view(), name="code"),
    path("mes-campagnes/", student.MyCampaignsView.as_view(), name="mine"),
    path("participations/<pk:participation_id>/", student.ResultsView.as_view(), name="results"),
    path("participations/<pk:participation_id>/envoyer/", student.ShareView.as_view(), name="share"),
    path("participations/<pk:participation_id>/repasser/", student.RetakeView.as_view(), name="retake"),
    path("<code:code>/", student.LandingView.as_view(), name="landing"),
    path("<code:code>/eleve/", student.ReconcileView.as_view(), name="reconcile"),
    path("<code:code>/commencer/", student.StartView.as_view(), name="start"),
]
