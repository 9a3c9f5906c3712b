"""The candidate's side of the exam day, under /certification/."""

from django.urls import path

from certif.urls import IdConverter  # noqa: F401  (registers the "id" converter)
from certif.views import exam

app_name = "certification"

urlpatterns = [
    path("", exam.HomeView.as_view(), name="home"),
    path("rejoindre/", exam.JoinView.as_view(), name="join"),
    path("candidats/<id:candidate_id>/instructions/", exam.InstructionsView.as_view(), name="instructions"),
    path("candidats/<id:candidate_id>/code-d-acces/", exam.EnterView.as_view(), name="enter"),
    path("tests/<id:course_id>/fin/", exam.EndView.as_view(), name="end"),
    path("tests/<id:course_id>/signalement/", exam.LiveAlertView.as_view(), name="alert"),
    path("tests/<id:course_id>/presence/", exam.PresenceView.as_view(), name="presence"),
]
