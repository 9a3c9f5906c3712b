from django.urls import path

from learners import views

app_name = "learners"

urlpatterns = [
    path("profil/", views.ProfileView.as_view(), name="profile"),
    path("mes-tutos/", views.SavedTutorialsView.as_view(), name="tutorials"),
    path("mon-compte/", views.AccountView.as_view(), name="account"),
    path("conditions-d-utilisation/", views.TermsView.as_view(), name="terms"),
]
