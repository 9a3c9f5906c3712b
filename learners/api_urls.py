from django.urls import path

from learners import api

app_name = "api"

urlpatterns = [
    path("jeton/", api.TokenApi.as_view(), name="token"),
    path("profil/", api.ProfileApi.as_view(), name="profile"),
    path("competences/<code:code>/commencer/", api.StartCompetenceApi.as_view(), name="start"),
    path("tests/<pk:assessment_id>/question/", api.CurrentChallengeApi.as_view(), name="challenge"),
    path("tests/<pk:assessment_id>/question/afficher/", api.StartTimedChallengeApi.as_view(),
         name="start_timed_challenge"),
    path("tests/<pk:assessment_id>/reponses/", api.AnswerApi.as_view(), name="answer"),
    path("tests/<pk:assessment_id>/resultats/", api.ResultsApi.as_view(), name="results"),
    path("mes-tutos/", api.SavedTutorialsApi.as_view(), name="tutorials"),
    path("mes-tutos/<pk:tutorial_id>/", api.SavedTutorialApi.as_view(), name="saved_tutorial"),
]
