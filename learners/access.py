"""Fetch an object and check that the user may see it, in one call: 404 for absent and forbidden."""

from django.shortcuts import get_object_or_404

from learners.models import Assessment
from referentiel.models import Competence, Tutorial


def assessment_for_learner(user, assessment_id) -> Assessment:
    return get_object_or_404(
        Assessment.objects.select_related("competence"),
        pk=assessment_id, user=user,
    )


def competence_by_code(code) -> Competence:
    return get_object_or_404(Competence, code=code)


def tutorial_for_learner(tutorial_id) -> Tutorial:
    return get_object_or_404(Tutorial, pk=tutorial_id, is_active=True)
