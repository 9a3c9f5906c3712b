"""The competence evaluation ("positionnement" on one competence), the first kind of test."""

from django.urls import reverse

from learners.assessments.positioning import PositioningStrategy
from learners.models import Assessment
from referentiel import catalogue


class CompetenceEvaluationStrategy(PositioningStrategy):
    type = Assessment.Type.COMPETENCE_EVALUATION

    def target_skills(self, assessment):
        """The competence's active skills with their validated French challenges."""
        return catalogue.snapshot(getattr(assessment, "content_version", None)).competence_skills(
            assessment.competence_id)

    def title(self, assessment):
        competence = catalogue.snapshot(getattr(assessment, "content_version", None)).competence(
            assessment.competence_id)
        return f"{competence.code} {competence.name}"

    def results_url(self, assessment):
        return reverse("learners:results", kwargs={"assessment_id": assessment.pk})

    def exit_url(self, assessment):
        return reverse("learners:profile")
