"""Fetch an object and check that the user may see it, in one call: 404 for absent and forbidden."""

from dataclasses import dataclass

from django.http import Http404
from django.shortcuts import get_object_or_404

from learners.assessments.core import ASSESSMENT_ROW_COLUMNS, assessment_from_row
from learners.ids import parse_id
from learners.models import Assessment
from learners.prepared import PreparedQuery, model_columns
from referentiel import catalogue
from referentiel.models import Challenge, Competence, Tutorial

# Compiled once per process (and prepared once per PostgreSQL connection): the results page and
# the API read a learner's test on every request.
_COMPETENCE_COLUMNS = model_columns(Competence)
_LEARNER_ASSESSMENT = PreparedQuery(lambda assessment, user, **_: (
    Assessment.objects.annotate(**catalogue.version_annotations())
    .filter(pk=assessment, user_id=user)
    .values_list(*ASSESSMENT_ROW_COLUMNS, *(f"competence__{name}" for name in _COMPETENCE_COLUMNS))))


def assessment_for_learner(user, assessment_id) -> Assessment:
    """The learner's test, with the content version in force read in the same query
    (`content_version`, the key of `catalogue.snapshot`): its pages then read no version of
    their own; its competence comes with it."""
    assessment_id = parse_id(assessment_id)
    rows = _LEARNER_ASSESSMENT.rows(assessment=assessment_id, user=user.pk) if assessment_id else ()
    if not rows:
        raise Http404
    assessment = assessment_from_row(rows[0])
    assessment.user = user  # the query checked it is theirs: `assessment.user` costs no query then
    if assessment.competence_id is not None:
        assessment.competence = Competence.from_db(
            "default", _COMPETENCE_COLUMNS, rows[0][len(ASSESSMENT_ROW_COLUMNS):])
    return assessment


@dataclass(frozen=True)
class LearnerAssessment:
    """A learner's test, named by its id, for the test core: the core's locking query fetches it
    with `user_id` in its filter, so that query is the check (and a miss is a 404: see
    `learner_assessment_or_404`). The hot path of every answer saves a query that way."""

    pk: int
    user_id: int


def learner_assessment(user, assessment_id) -> LearnerAssessment:
    assessment_id = parse_id(assessment_id)
    if assessment_id is None:
        raise Http404
    return LearnerAssessment(pk=assessment_id, user_id=user.pk)


def learner_assessment_or_404(call):
    """Run a test-core call on a LearnerAssessment; absent or someone else's: 404."""
    try:
        return call()
    except Assessment.DoesNotExist:
        raise Http404 from None


_COMPETENCE_BY_CODE = PreparedQuery(lambda code, **_: (
    Competence.objects.filter(code=code).values_list(*_COMPETENCE_COLUMNS)))


def competence_by_code(code) -> Competence:
    """The competence of an address (every start of a test: compiled once per process)."""
    rows = _COMPETENCE_BY_CODE.rows(code=code)
    if not rows:
        raise Http404
    return Competence.from_db("default", _COMPETENCE_COLUMNS, rows[0])


def tutorial_for_learner(tutorial_id) -> Tutorial:
    return get_object_or_404(Tutorial, pk=tutorial_id, is_active=True)


def challenge_for_preview(user, challenge_id) -> Challenge:
    """Staff who may read the content preview any challenge, archived ones included."""
    if not (user.is_staff and user.has_perm("referentiel.view_challenge")) or parse_id(
            challenge_id) is None:
        raise Http404
    return get_object_or_404(Challenge.objects.select_related("skill__competence"), pk=challenge_id)
