"""The student's side of the campaigns in the API, under /api/campagnes/."""

from django.urls import path

from orga import api

app_name = "campaigns_api"

urlpatterns = [
    path("participations/", api.MyParticipationsApi.as_view(), name="mine"),
    path("participations/<pk:participation_id>/", api.ParticipationApi.as_view(), name="participation"),
    path("participations/<pk:participation_id>/envoyer/", api.ShareApi.as_view(), name="share"),
    path("participations/<pk:participation_id>/repasser/", api.RetakeApi.as_view(), name="retake"),
    path("<str:campaign_code>/", api.CampaignApi.as_view(), name="campaign"),
    path("<str:campaign_code>/eleve/", api.ReconcileApi.as_view(), name="reconcile"),
    path("<str:campaign_code>/commencer/", api.StartApi.as_view(), name="start"),
]
