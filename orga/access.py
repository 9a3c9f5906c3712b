"""Fetch an Orga object and check that the member may see it, in one call: 404 alike for both.

Everything under /orga/<organisation>/ starts from `membership_for`: the current membership of
the signed-in user in that organisation. Objects are then looked up inside that organisation only.
"""

from django.http import Http404
from django.shortcuts import get_object_or_404

from orga.models import (
    Campaign,
    CampaignParticipation,
    Invitation,
    LearnerImport,
    Membership,
    OrganizationLearner,
)

MAX_ID = 2**63 - 1  # a forged id past the database's integers is simply not found


def _id(value):
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise Http404 from None
    if not 0 < number <= MAX_ID:
        raise Http404
    return number


def membership_for(user, organization_id) -> Membership:
    if not user.is_authenticated:
        raise Http404
    return get_object_or_404(Membership.objects.select_related("organization", "user"),
                             user=user, organization_id=_id(organization_id),
                             organization__archived_at__isnull=True)


def admin_membership_for(user, organization_id) -> Membership:
    membership = membership_for(user, organization_id)
    if not membership.is_admin:
        raise Http404
    return membership


def learner_for(membership, learner_id) -> OrganizationLearner:
    return get_object_or_404(OrganizationLearner.objects.select_related("user"),
                             pk=_id(learner_id), organization_id=membership.organization_id)


def learners_for(membership, learner_ids):
    """The active learners among these ids that belong to the membership's organisation."""
    ids = []
    for value in learner_ids:
        try:
            ids.append(_id(value))
        except Http404:
            continue
    return list(OrganizationLearner.objects.filter(organization_id=membership.organization_id,
                                                   is_disabled=False, pk__in=ids))


def import_for(membership, import_id) -> LearnerImport:
    return get_object_or_404(LearnerImport.objects.defer("content"), pk=_id(import_id),
                             organization_id=membership.organization_id)


def member_for(admin_membership, membership_id) -> Membership:
    return get_object_or_404(Membership.objects.select_related("user"), pk=_id(membership_id),
                             organization_id=admin_membership.organization_id)


def invitation_for(admin_membership, invitation_id) -> Invitation:
    return get_object_or_404(Invitation, pk=_id(invitation_id),
                             organization_id=admin_membership.organization_id)


def campaign_for(membership, campaign_id) -> Campaign:
    return get_object_or_404(Campaign.objects.select_related("target_profile", "owner", "organization"),
                             pk=_id(campaign_id), organization_id=membership.organization_id)


def participation_for(campaign, participation_id) -> CampaignParticipation:
    """A participation of the campaign (the campaign was fetched for the member first)."""
    return get_object_or_404(
        CampaignParticipation.objects.select_related("organization_learner", "user", "assessment"),
        pk=_id(participation_id), campaign_id=campaign.pk)


# --- the student's side: a campaign by its code, and only their own participations ---------

def campaign_by_code(code) -> Campaign:
    """The campaign of this code (archived ones too: their page says so), or 404."""
    from orga.services.campaigns import normalize_code

    code = normalize_code(code)
    if not code or len(code) > 9:
        raise Http404
    return get_object_or_404(Campaign.objects.select_related("organization", "target_profile"),
                             code=code, organization__archived_at__isnull=True)


def own_participation(user, participation_id) -> CampaignParticipation:
    if not user.is_authenticated:
        raise Http404
    return get_object_or_404(
        CampaignParticipation.objects.select_related("campaign__organization", "campaign__target_profile",
                                                     "assessment", "organization_learner"),
        pk=_id(participation_id), user=user)
