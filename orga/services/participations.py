"""A student's side of a campaign: start (or resume), send the results, retake.

The start rules and the share rules are the domain's; each refusal is a `ParticipationError`
with a French message ("tu") and a stable code the API returns. Starting an assessment campaign
creates its campaign assessment, which the test core runs (`orga.assessment`); sending the
results keeps a snapshot of the student's knowledge at that moment and writes the figures the
dashboards and exports read.
"""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from learners import selectors as learner_selectors
from learners.models import Assessment, KnowledgeElement, User
from orga import results as figures
from orga.constants import RETAKE_WAITING_DAYS
from orga.errors import ParticipationError
from orga.models import (
    Campaign,
    CampaignParticipation,
    OrganizationLearner,
    ParticipationResult,
    ParticipationSnapshot,
)
from orga.services.campaigns import external_id_problem
from referentiel.models import Competence, Skill


class Codes:
    ARCHIVED = "CAMPAIGN_ARCHIVED"
    RECONCILIATION_REQUIRED = "RECONCILIATION_REQUIRED"
    LEARNER_DISABLED = "LEARNER_DISABLED"
    ALREADY_PARTICIPATED = "ALREADY_EXISTING_CAMPAIGN_PARTICIPATION"
    LEARNER_USED_BY_ANOTHER = "ORGANIZATION_LEARNER_HAS_ALREADY_PARTICIPATED"
    EXTERNAL_ID = "MISSING_EXTERNAL_ID"
    ALREADY_SHARED = "ALREADY_SHARED"
    NOT_FINISHED = "ASSESSMENT_NOT_COMPLETED"
    NO_RETAKE = "CANNOT_RETAKE"
    ALL_VALIDATED = "ALL_SKILLS_VALIDATED"
    TOO_EARLY = "MINIMUM_DELAY_BEFORE_RETRYING"
    NO_RESET = "CANNOT_RESET"


def campaign_skills(campaign) -> list:
    """The campaign's frozen skills (with tube, competence and level)."""
    return list(Skill.objects.filter(pk__in=campaign.skills.values("skill_id"))
                .select_related("tube").order_by("competence__code", "tube__position", "level"))


def _archived():
    return ParticipationError(_("Cette campagne est archivée : elle n'accepte plus de participation "
                                "ni d'envoi de résultats. Demande à ton enseignant."), Codes.ARCHIVED)


def _learner_for(campaign, user):
    """The organisation's learner record of this user: the reconciled one for a school that
    manages its students, else one made from the account."""
    organization = campaign.organization
    learner = OrganizationLearner.objects.filter(organization=organization, user=user).first()
    if campaign.is_restricted:
        if learner is None:
            raise ParticipationError(_(
                "Pour rejoindre cette campagne, retrouve-toi d'abord dans la liste des élèves de "
                "l'établissement (prénom, nom et date de naissance)."), Codes.RECONCILIATION_REQUIRED)
    elif learner is None:
        learner = OrganizationLearner.objects.create(
            organization=organization, user=user, first_name=user.first_name or user.username or "",
            last_name=user.last_name or "", birthdate=timezone.localdate())
    if learner.is_disabled:
        raise ParticipationError(_("Tu n'es plus inscrit dans cet établissement : tu ne peux pas "
                                   "rejoindre la campagne. Demande à ton enseignant."),
                                 Codes.LEARNER_DISABLED)
    return learner


def current_participation(campaign, user):
    return (CampaignParticipation.objects.select_related("assessment")
            .filter(campaign=campaign, user=user, is_improved=False).first())


def needs_reconciliation(campaign, user) -> bool:
    return campaign.is_restricted and not OrganizationLearner.objects.filter(
        organization_id=campaign.organization_id, user=user, is_disabled=False).exists()


@transaction.atomic
def participation_start(*, campaign, user, external_id="") -> CampaignParticipation:
    """Join the campaign, or resume the participation in progress."""
    User.objects.select_for_update().filter(pk=user.pk).first()  # one start at a time per user
    campaign = Campaign.objects.select_related("organization").get(pk=campaign.pk)
    if campaign.is_archived:
        raise _archived()
    existing = current_participation(campaign, user)
    if existing is not None:
        if existing.is_shared:
            raise ParticipationError(_("Tu as déjà envoyé tes résultats pour cette campagne."),
                                     Codes.ALREADY_PARTICIPATED)
        return existing
    learner = _learner_for(campaign, user)
    if CampaignParticipation.objects.filter(campaign=campaign, organization_learner=learner).exclude(
            user=user).exists():
        raise ParticipationError(_(
            "Un autre compte a déjà participé à cette campagne pour cet élève : connecte-toi avec "
            "ce compte, ou demande à ton enseignant."), Codes.LEARNER_USED_BY_ANOTHER)
    problem = external_id_problem(campaign, external_id)
    if problem:
        raise ParticipationError(problem, Codes.EXTERNAL_ID)
    return _create(campaign, user, learner, (external_id or "").strip(), is_improving=False)


def _create(campaign, user, learner, external_id, *, is_improving):
    assessment = None
    status = CampaignParticipation.Status.TO_SHARE  # a profile collection: nothing to answer
    if campaign.is_assessment:
        assessment = Assessment.objects.create(user=user, type=Assessment.Type.CAMPAIGN,
                                               is_improving=is_improving)
        status = CampaignParticipation.Status.STARTED
    return CampaignParticipation.objects.create(
        campaign=campaign, user=user, organization_learner=learner, assessment=assessment,
        participant_external_id=external_id, status=status)


def participation_completed(*, assessment) -> None:
    """The campaign assessment ended: its participation is ready to be sent."""
    CampaignParticipation.objects.filter(assessment=assessment, status=CampaignParticipation.Status.STARTED
                                         ).update(status=CampaignParticipation.Status.TO_SHARE)


def share_refusal(participation) -> ParticipationError | None:
    """Why the student cannot send these results now, or None."""
    if participation.is_shared:
        return ParticipationError(_("Tes résultats sont déjà envoyés."), Codes.ALREADY_SHARED)
    campaign = participation.campaign
    if campaign.is_archived:
        return _archived()
    if campaign.is_assessment and (participation.assessment is None
                                   or participation.assessment.state != Assessment.State.COMPLETED):
        return ParticipationError(_("Termine d'abord le parcours : tu pourras ensuite envoyer tes "
                                    "résultats."), Codes.NOT_FINISHED)
    return None


@transaction.atomic
def participation_share(*, participation) -> CampaignParticipation:
    """« J'envoie mes résultats »: a snapshot of the knowledge now, and the figures it gives."""
    locked = (CampaignParticipation.objects.select_for_update(of=("self",))
              .select_related("campaign__organization", "assessment").get(pk=participation.pk))
    campaign = locked.campaign
    refusal = share_refusal(locked)
    if refusal:
        raise refusal
    now = timezone.now()
    elements = list(learner_selectors.current_knowledge_elements(locked.user_id).values())
    ParticipationSnapshot.objects.create(participation=locked, elements=figures.snapshot_rows(elements))
    known = figures.elements_from_models(elements)
    if campaign.is_assessment:
        _write_assessment_results(locked, known)
    else:
        _write_profile_results(locked, known, now)
    locked.status, locked.shared_at = CampaignParticipation.Status.SHARED, now
    locked.save()
    return locked


def _write_assessment_results(participation, known):
    skills = campaign_skills(participation.campaign)
    stages = list(participation.campaign.target_profile.stages.all())
    computed = figures.assessment_results(skills, known, stages)
    participation.validated_skills_count = computed.overall.validated
    participation.mastery_rate = computed.overall.rate
    participation.pix_score = computed.pix_score
    participation.stage_number = computed.stage.number if computed.stage else None
    tube_competence = {s.tube_id: s.competence_id for s in skills}
    ParticipationResult.objects.bulk_create([
        ParticipationResult(participation=participation, tube_id=tube_id,
                            competence_id=tube_competence[tube_id], validated=mastery.validated,
                            total=mastery.total)
        for tube_id, mastery in computed.by_tube.items()
    ])


def _write_profile_results(participation, known, now):
    competence_ids = list(Competence.objects.order_by("code").values_list("pk", flat=True))
    computed = figures.profile_results(known, competence_ids)
    participation.pix_score = computed.pix_score
    participation.mastery_rate = computed.mastery_rate
    participation.validated_skills_count = sum(1 for e in known.values() if e.status == figures.VALIDATED)
    participation.is_certifiable = computed.is_certifiable
    participation.certifiable_competences_count = computed.certifiable_competences
    ParticipationResult.objects.bulk_create([
        ParticipationResult(participation=participation, competence_id=competence_id,
                            pix=profile.pix, level=profile.level)
        for competence_id, profile in computed.by_competence.items()
    ])
    # The students list shows the certifiability of the latest collection sent.
    learner = OrganizationLearner.objects.select_for_update().get(pk=participation.organization_learner_id)
    if learner.certifiable_at is None or learner.certifiable_at <= now:
        learner.is_certifiable, learner.certifiable_at = computed.is_certifiable, now
        learner.save(update_fields=["is_certifiable", "certifiable_at", "updated_at"])


def retake_opens_at(participation):
    """When a sent participation may be taken again: full days after it was sent."""
    return participation.shared_at + timedelta(days=RETAKE_WAITING_DAYS) if participation.shared_at else None


def _common_refusal(participation, now):
    campaign = participation.campaign
    if campaign.is_archived:
        return _archived()
    if not campaign.multiple_sendings:
        return ParticipationError(_("Cette campagne ne se passe qu'une fois."), Codes.NO_RETAKE)
    if not participation.is_shared:
        return ParticipationError(_("Envoie d'abord tes résultats : tu pourras ensuite repasser la "
                                    "campagne."), Codes.NO_RETAKE)
    if participation.organization_learner.is_disabled:
        return ParticipationError(_("Tu n'es plus inscrit dans cet établissement : tu ne peux pas "
                                    "repasser la campagne."), Codes.LEARNER_DISABLED)
    opens_at = retake_opens_at(participation)
    if now < opens_at:
        return ParticipationError(_(
            "Tu pourras repasser la campagne à partir du %(date)s : il faut attendre %(days)s jours "
            "après l'envoi de tes résultats.") % {
                "date": date_format(timezone.localtime(opens_at), "j F Y à H:i"), "days": RETAKE_WAITING_DAYS},
            Codes.TOO_EARLY)
    return None


def retake_refusal(participation, now=None) -> ParticipationError | None:
    """Why the student cannot take the campaign again now, or None."""
    refusal = _common_refusal(participation, now or timezone.now())
    if refusal:
        return refusal
    campaign = participation.campaign
    if (campaign.is_assessment and participation.validated_skills_count is not None
            and participation.validated_skills_count >= campaign.skills.count()):
        return ParticipationError(_("Tu as déjà validé tous les acquis de cette campagne : il n'y a "
                                    "rien à repasser."), Codes.ALL_VALIDATED)
    return None


def reset_refusal(participation, now=None) -> ParticipationError | None:
    """Why the student cannot take the campaign again from zero now, or None: the retake's rules
    (all skills validated aside) and a target profile that allows it."""
    campaign = participation.campaign
    if not (campaign.is_assessment and campaign.target_profile.are_knowledge_elements_resettable):
        return ParticipationError(_("Ce parcours ne peut pas être repris de zéro."), Codes.NO_RESET)
    return _common_refusal(participation, now or timezone.now())


@transaction.atomic
def participation_retake(*, participation, reset=False) -> CampaignParticipation:
    """Take the campaign again (multiple sendings): the sent participation is kept, marked as
    improved, and a new one starts with the same external id. With `reset`, the student's
    knowledge of the campaign's skills is wiped first, so that every skill is asked again."""
    User.objects.select_for_update().filter(pk=participation.user_id).first()
    locked = (CampaignParticipation.objects.select_for_update(of=("self",))
              .select_related("campaign__organization", "campaign__target_profile", "organization_learner")
              .get(pk=participation.pk))
    if locked.is_improved:
        current = current_participation(locked.campaign, locked.user)
        if current is not None and not current.is_shared:
            return current
    refusal = reset_refusal(locked) if reset else retake_refusal(locked)
    if refusal:
        raise refusal
    if reset:
        skill_ids = list(locked.campaign.skills.values_list("skill_id", flat=True))
        known = learner_selectors.current_knowledge_elements(locked.user_id, skill_ids=skill_ids)
        KnowledgeElement.objects.bulk_create([
            KnowledgeElement(user_id=locked.user_id, skill_id=e.skill_id, competence_id=e.competence_id,
                             source=e.source, status=KnowledgeElement.Status.RESET, earned_pix=0)
            for e in known.values()])
    locked.is_improved = True
    locked.save(update_fields=["is_improved"])
    return _create(locked.campaign, locked.user, locked.organization_learner,
                   locked.participant_external_id, is_improving=True)
