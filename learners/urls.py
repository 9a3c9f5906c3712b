from django.urls import path

from learners import views

app_name = "learners"

urlpatterns = [
    path("profil/", views.ProfileView.as_view(), name="profile"),
    path("competences/<code:code>/commencer/", views.StartCompetenceView.as_view(), name="start"),
    path("competences/<code:code>/remise-a-zero/", views.ResetCompetenceView.as_view(), name="reset"),
    path("tests/<pk:assessment_id>/", views.AssessmentView.as_view(), name="assessment"),
    path("tests/<pk:assessment_id>/focus/", views.FocusOutView.as_view(), name="focus_out"),
    path("tests/<pk:assessment_id>/resultats/", views.ResultsView.as_view(), name="results"),
    path("mes-tutos/", views.SavedTutorialsView.as_view(), name="tutorials"),
    path("tutos/<pk:tutorial_id>/enregistrer/", views.SaveTutorialView.as_view(), name="save_tutorial"),
    path("mon-compte/", views.AccountView.as_view(), name="account"),
    path("apercu/epreuves/<pk:challenge_id>/", views.ChallengePreviewView.as_view(),
         name="challenge_preview"),
    path("conditions-d-utilisation/", views.TermsView.as_view(), name="terms"),
    path("conditions-d-utilisation/accepter/", views.AcceptTermsView.as_view(), name="accept_terms"),
]
