"""Reads of Orga for its pages and for the apps above it (campaigns, certification).

Certification links an SCO centre to its school by UAI (`organization_for_uai`), lists its
classes (`divisions`) and enrols their students (`learners_of_division`, `learners_by_ids`) with
the birthplace SIECLE gave; on the day of the exam it checks that the connected student is the
enrolled learner (`learner_is_reconciled`).
"""

from django.db.models import Count, Q

from learners import selectors as learner_selectors
from orga import results as figures
from orga.models import (
    CampaignParticipation,
    Invitation,
    LearnerImport,
    Membership,
    Organization,
    OrganizationLearner,
    TermsAcceptance,
)
from orga.services.participations import campaign_skills
from referentiel.models import Competence


def memberships_of(user):
    return (Membership.objects.filter(user=user, organization__archived_at__isnull=True)
            .select_related("organization").order_by("organization__name"))


def has_accepted_terms(user):
    return TermsAcceptance.has_accepted(user)


def organization_for_uai(uai):
    """The active school with this UAI, or None."""
    return Organization.objects.filter(external_id=(uai or "").strip().upper(),
                                       type=Organization.Type.SCO,
                                       archived_at__isnull=True).first()


def active_learners(organization):
    return OrganizationLearner.objects.filter(organization=organization, is_disabled=False)


def divisions(organization):
    """The classes of the school's active students, in order."""
    return list(active_learners(organization).exclude(division="").order_by("division")
                .values_list("division", flat=True).distinct())


def division_counts(organization):
    return list(active_learners(organization).exclude(division="").values("division")
                .annotate(count=Count("pk"), with_account=Count("pk", filter=Q(user__isnull=False)))
                .order_by("division"))


def learners_of_division(organization, division):
    return active_learners(organization).filter(division=division).order_by(
        "last_name", "first_name", "pk")


def learners_by_ids(organization, ids):
    return active_learners(organization).filter(pk__in=list(ids)).order_by(
        "division", "last_name", "first_name", "pk")


def learner_of_user(organization, user):
    return active_learners(organization).filter(user=user).first()


def learner_is_reconciled(*, learner, user):
    """True when this account is the one linked to this imported learner (and the learner is active)."""
    return (learner is not None and user is not None and learner.user_id == user.pk
            and not learner.is_disabled)


def learners_list(organization):
    """The students list's base queryset: active learners with their account, for display."""
    return (active_learners(organization).select_related("user")
            .only("pk", "first_name", "last_name", "preferred_last_name", "birthdate", "division",
                  "group", "student_number", "is_certifiable", "certifiable_at", "user__username",
                  "user__email", "user__last_login", "organization_id", "user_id"))


def team(organization):
    return (Membership.objects.filter(organization=organization).select_related("user")
            .order_by("role", "user__last_name", "user__first_name"))  # ADMIN before MEMBER


def pending_invitations(organization):
    return Invitation.objects.filter(organization=organization, status=Invitation.Status.PENDING)


def imports_history(organization, limit=20):
    return (LearnerImport.objects.filter(organization=organization).select_related("created_by")
            .defer("content", "errors")[:limit])


# --- the student's side of a campaign -----------------------------------------------------------

def own_participations(user):
    """The student's current participations (a retake hides the one it replaced), newest first."""
    return (CampaignParticipation.objects.filter(user=user, is_improved=False)
            .select_related("campaign__organization").order_by("-created_at"))


def participation_figures(participation):
    """What the student's results page shows: from the snapshot once sent, from the live
    knowledge before. Returns (AssessmentResults or ProfileResults, competences by id)."""
    competences = {c.pk: c for c in Competence.objects.select_related("area").order_by("code")}
    campaign = participation.campaign
    if participation.is_shared and hasattr(participation, "snapshot"):
        known = figures.elements_from_snapshot(participation.snapshot.elements)
    else:
        known = figures.elements_from_models(
            learner_selectors.current_knowledge_elements(participation.user_id).values())
    if campaign.is_assessment:
        stages = list(campaign.target_profile.stages.all())
        return figures.assessment_results(campaign_skills(campaign), known, stages), competences
    return figures.profile_results(known, list(competences)), competences
