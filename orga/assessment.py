"""The campaign assessment as a kind of test of the one test core: the skill positioning over
the campaign's frozen skills, where what the student's profile already says (validated, or
failed less than the waiting period ago) is not asked again."""

from __future__ import annotations

import functools

from django.urls import reverse

from learners.assessments.positioning import PositioningStrategy
from learners.models import Assessment
from orga.models import CampaignParticipation, CampaignSkill
from referentiel import catalogue


@functools.lru_cache(maxsize=1024)
def _frozen_skill_ids(campaign_id: int) -> tuple[int, ...]:
    """A campaign's skills never change after its creation: read once per process."""
    return tuple(CampaignSkill.objects.filter(campaign_id=campaign_id).order_by("skill_id")
                 .values_list("skill_id", flat=True))


def _participation(assessment):
    """(participation id, campaign id, campaign name, title) of the campaign assessment."""
    cached = getattr(assessment, "_campaign_row", None)
    if cached is None:
        cached = (CampaignParticipation.objects.filter(assessment_id=assessment.pk)
                  .values_list("pk", "campaign_id", "campaign__name", "campaign__title").first())
        try:
            assessment._campaign_row = cached
        except AttributeError:  # a frozen page object: no memo
            pass
    return cached


class CampaignStrategy(PositioningStrategy):
    type = Assessment.Type.CAMPAIGN

    def target_skills(self, assessment):
        row = _participation(assessment)
        if row is None:
            return []
        return catalogue.snapshot(getattr(assessment, "content_version", None)).skills(
            _frozen_skill_ids(row[1]))

    def forgets_old_failures(self, assessment) -> bool:
        # Campaigns always ask again the failures older than the waiting period.
        return True

    def completed(self, assessment):
        from orga.services.participations import participation_completed

        participation_completed(assessment=assessment)

    def title(self, assessment):
        row = _participation(assessment)
        return (row[3] or row[2]) if row else ""

    def results_url(self, assessment):
        row = _participation(assessment)
        if row is None:
            return reverse("learners:profile")
        return reverse("campaigns:results", kwargs={"participation_id": row[0]})

    def exit_url(self, assessment):
        return self.results_url(assessment) if not assessment.is_started else reverse("campaigns:mine")
