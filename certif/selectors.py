"""Reads of certification for pages, documents and the import."""

from django.db.models import Count

from certif.models import (
    CertificationCandidate,
    CertificationCenterMembership,
    CertificationSession,
    CertifTermsAcceptance,
)
from certif.text import normalize
from orga import selectors as orga_selectors


def active_memberships(user):
    return (CertificationCenterMembership.objects.filter(user=user, disabled_at__isnull=True)
            .select_related("center").order_by("center__name"))


def has_accepted_certif_terms(user) -> bool:
    return CertifTermsAcceptance.has_accepted(user)


def center_sessions(center):
    return (CertificationSession.objects.filter(center=center).with_status()
            .annotate(candidate_count=Count("candidates")).order_by("-date", "-time", "-pk"))


def center_members(center):
    return (CertificationCenterMembership.objects.filter(center=center, disabled_at__isnull=True)
            .select_related("user").order_by("-role", "user__last_name", "user__first_name"))


def session_candidates(session):
    return CertificationCandidate.objects.filter(session=session).order_by("last_name", "first_name", "pk")


def enrolled_identity_keys(session) -> set:
    """The (normalised last name, normalised first name, birthdate) of the session's candidates."""
    rows = CertificationCandidate.objects.filter(session=session).values_list(
        "last_name", "first_name", "birthdate")
    return {(normalize(last), normalize(first), birthdate) for last, first, birthdate in rows}


def candidates_by_session(sessions) -> dict:
    """The candidates of several sessions in one query, by session id, in the sheet's order."""
    grouped = {}
    for candidate in CertificationCandidate.objects.filter(session__in=sessions).order_by(
            "session_id", "last_name", "first_name", "pk"):
        grouped.setdefault(candidate.session_id, []).append(candidate)
    return grouped


def linked_school(center):
    """The Orga school of an SCO centre (same UAI), when it manages its students; else None.

    Only then does the centre enrol from the imported students (domain §3.1:
    `isMatchingOrganizationScoAndManagingStudents`)."""
    if not center.is_sco or not center.uai:
        return None
    school = orga_selectors.organization_for_uai(center.uai)
    return school if school is not None and school.is_managing_students else None


def school_divisions(school) -> list[str]:
    return orga_selectors.divisions(school)


def division_students(school, division, session):
    """The active students of a class, each with `enrolled_candidate_id` when already in `session`."""
    learners = list(orga_selectors.learners_of_division(school, division))
    enrolled = dict(CertificationCandidate.objects.filter(
        session=session, organization_learner__in=learners).values_list("organization_learner_id", "pk"))
    for learner in learners:
        learner.enrolled_candidate_id = enrolled.get(learner.pk)
    return learners


def enrolled_learner_ids(session) -> set:
    return set(CertificationCandidate.objects.filter(
        session=session, organization_learner__isnull=False).values_list("organization_learner_id", flat=True))
