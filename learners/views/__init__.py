"""Learner pages. Thin: they fetch through access.py, read through selectors, write through services."""

from learners.views.account import AcceptTermsView, AccountView, TermsView, set_language
from learners.views.assessments import AssessmentView, FocusOutView, ResultsView
from learners.views.preview import ChallengePreviewView
from learners.views.profile import ProfileView, ResetCompetenceView, StartCompetenceView
from learners.views.tutorials import SavedTutorialsView, SaveTutorialView

__all__ = [
    "AcceptTermsView", "AccountView", "AssessmentView", "ChallengePreviewView", "FocusOutView",
    "ProfileView", "ResetCompetenceView", "ResultsView", "SaveTutorialView", "SavedTutorialsView",
    "StartCompetenceView", "TermsView", "set_language",
]
