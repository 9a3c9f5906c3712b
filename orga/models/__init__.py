"""Orga's data: organisations and their learners (`organizations`), target profiles, campaigns
and participations (`campaigns`)."""

from orga.models.campaigns import (
    Campaign,
    CampaignParticipation,
    CampaignSkill,
    ParticipationResult,
    ParticipationSnapshot,
    Stage,
    TargetProfile,
    TargetProfileTube,
)
from orga.models.organizations import (
    Invitation,
    LearnerImport,
    Membership,
    Organization,
    OrganizationLearner,
    TermsAcceptance,
)

__all__ = [
    "Campaign", "CampaignParticipation", "CampaignSkill", "Invitation", "LearnerImport",
    "Membership", "Organization", "OrganizationLearner", "ParticipationResult",
    "ParticipationSnapshot", "Stage", "TargetProfile", "TargetProfileTube", "TermsAcceptance",
]
