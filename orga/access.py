"""Fetch an Orga object and check that the member may see it, in one call: 404 alike for both.

Everything under /orga/<organisation>/ starts from `membership_for`: the current membership of
the signed-in user in that organisation. Objects are then looked up inside that organisation only.
"""

from django.http import Http404
from django.shortcuts import get_object_or_404

from orga.models import Invitation, LearnerImport, Membership, OrganizationLearner

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
