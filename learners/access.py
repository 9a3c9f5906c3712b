"""Fetch an object and check that the user may see it, in one call: 404 for absent and forbidden."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from learners.models import Assessment
from referentiel.models import Challenge, Competence, Tutorial

MAX_ID = 2**63 - 1  # the database's big integer


def assessment_for_learner(user, assessment_id) -> Assessment:
    return get_object_or_404(
        Assessment.objects.select_related("competence", "last_challenge"),
        pk=assessment_id, user=user,
    )


def competence_by_code(code) -> Competence:
    return get_object_or_404(Competence, code=code)


def tutorial_for_learner(tutorial_id) -> Tutorial:
    return get_object_or_404(Tutorial, pk=tutorial_id, is_active=True)


def challenge_for_preview(user, challenge_id) -> Challenge:
    """Staff who may read the content preview any challenge, archived ones included."""
    if not (user.is_staff and user.has_perm("referentiel.view_challenge")) or not (
            0 < challenge_id <= MAX_ID):
        raise Http404
    return get_object_or_404(Challenge.objects.select_related("skill__competence"), pk=challenge_id)
