"""Campaigns: creation checks with their French messages, codes, frozen skills; the student's
start, share and retake rules."""

import re
from datetime import timedelta

import pytest

from learners import services as learner_services
from learners.assessments.answers import correct_value, wrong_value
from learners.models import Assessment
from orga import services
from orga.constants import RETAKE_WAITING_DAYS
from orga.errors import CampaignError, ParticipationError
from orga.models import Campaign, CampaignParticipation
from orga.services.campaigns import Codes
from orga.services.participations import Codes as StartCodes
from referentiel.models import Skill
from tests.factories import UserFactory
from tests.orga.factories import LearnerFactory

pytestmark = pytest.mark.django_db


def finish(participation, knows=lambda challenge: True):
    assessment = participation.assessment
    for _ in range(50):
        challenge = learner_services.assessment_next_challenge(assessment=assessment)
        if challenge is None:
            break
        value = correct_value(challenge) if knows(challenge) else wrong_value(challenge)
        learner_services.answer_submit(assessment=assessment, challenge_id=challenge.pk, value=value)
    participation.refresh_from_db()
    return participation


def sent_days_ago(participation, days=RETAKE_WAITING_DAYS):
    """Move the sending back in time, as if the student came back `days` days later."""
    participation.refresh_from_db()
    participation.shared_at -= timedelta(days=days)
    participation.save(update_fields=["shared_at"])
    return participation


def test_a_campaign_code_is_six_safe_letters_then_three_safe_digits(campaign):
    assert re.fullmatch(r"[ABCDEFGHJKMNPQRSTUVWXYZ]{6}[2-9]{3}", campaign.code)


def test_codes_are_unique_and_never_reused(school, teacher, target_profile):
    codes = {services.campaign_create(organization=school, creator=teacher, type="ASSESSMENT",
                                      name=f"C{n}", target_profile=target_profile).code for n in range(20)}
    assert len(codes) == 20


@pytest.mark.parametrize(("fields", "field", "code", "words"), [
    ({"type": ""}, "type", Codes.TYPE_REQUIRED, "type de la campagne"),
    ({"name": "  "}, "name", Codes.NAME_REQUIRED, "nom à la campagne"),
    ({"target_profile": None}, "target_profile", Codes.TARGET_PROFILE_REQUIRED, "profil cible"),
    ({"landing_text": "x" * 5001}, "landing_text", Codes.LANDING_TEXT_TOO_LONG, "5000 caractères"),
    ({"external_id_label": "Numéro", "external_id_type": ""}, "external_id_type",
     Codes.EXTERNAL_ID_TYPE_REQUIRED, "type de l'identifiant externe"),
])
def test_creation_refuses_with_a_french_message_on_the_field(school, teacher, target_profile, fields,
                                                             field, code, words):
    values = {"organization": school, "creator": teacher, "type": "ASSESSMENT", "name": "Rentrée",
              "target_profile": target_profile, **fields}
    with pytest.raises(CampaignError) as refused:
        services.campaign_create(**values)
    assert (refused.value.field, refused.value.code) == (field, code)
    assert words in refused.value.message


def test_a_profile_collection_takes_neither_a_profile_nor_a_title(school, teacher, target_profile):
    with pytest.raises(CampaignError, match="profil cible"):
        services.campaign_create(organization=school, creator=teacher, type="PROFILES_COLLECTION",
                                 name="Collecte", target_profile=target_profile)
    with pytest.raises(CampaignError, match="titre du parcours"):
        services.campaign_create(organization=school, creator=teacher, type="PROFILES_COLLECTION",
                                 name="Collecte", title="Un titre")


def test_a_profile_not_shared_with_the_organisation_is_refused(school, teacher, target_profile):
    target_profile.is_public = False
    target_profile.save()
    with pytest.raises(CampaignError, match="n'est pas proposé à votre organisation"):
        services.campaign_create(organization=school, creator=teacher, type="ASSESSMENT", name="R",
                                 target_profile=target_profile)
    target_profile.organizations.add(school)
    assert services.campaign_create(organization=school, creator=teacher, type="ASSESSMENT", name="R",
                                    target_profile=target_profile).pk


def test_the_owner_must_be_a_member(school, teacher, target_profile):
    with pytest.raises(CampaignError, match="membre de l'organisation"):
        services.campaign_create(organization=school, creator=teacher, type="ASSESSMENT", name="R",
                                 target_profile=target_profile, owner=UserFactory())


def test_skills_are_frozen_at_creation_whatever_the_content_becomes(campaign, learning_referentiel):
    frozen = set(campaign.skills.values_list("skill_id", flat=True))
    assert frozen == set(Skill.objects.filter(competence=learning_referentiel, level__lte=3)
                         .values_list("pk", flat=True))
    tube = learning_referentiel.tubes.first()
    Skill.objects.create(tube=tube, competence=learning_referentiel, name="@nouveau2", level=2)
    Skill.objects.filter(pk=min(frozen)).update(status=Skill.Status.ARCHIVED)
    assert set(Campaign.objects.get(pk=campaign.pk).skills.values_list("skill_id", flat=True)) == frozen


def test_multiple_sendings_cannot_change_once_someone_joined(campaign, pupil):
    services.campaign_update(campaign=campaign, name="Rentrée", multiple_sendings=True)
    services.participation_start(campaign=campaign, user=pupil)
    with pytest.raises(CampaignError, match="ne peut plus être changé"):
        services.campaign_update(campaign=campaign, name="Rentrée", multiple_sendings=False)


def test_a_student_not_reconciled_cannot_join_a_school_campaign(campaign, student):
    with pytest.raises(ParticipationError) as refused:
        services.participation_start(campaign=campaign, user=student)
    assert refused.value.code == StartCodes.RECONCILIATION_REQUIRED
    assert "retrouve-toi d'abord" in refused.value.message


def test_an_archived_campaign_accepts_no_one(campaign, pupil, teacher):
    services.campaign_archive(campaign=campaign, by=teacher)
    with pytest.raises(ParticipationError, match="archivée"):
        services.participation_start(campaign=campaign, user=pupil)


def test_a_disabled_learner_cannot_join(campaign, pupil):
    pupil.organization_learners.update(is_disabled=True)
    with pytest.raises(ParticipationError, match="plus inscrit"):
        services.participation_start(campaign=campaign, user=pupil)


def test_the_external_id_is_required_and_checked(school, teacher, target_profile, pupil):
    campaign = services.campaign_create(organization=school, creator=teacher, type="ASSESSMENT", name="R",
                                        target_profile=target_profile, external_id_label="adresse e-mail",
                                        external_id_type="EMAIL")
    with pytest.raises(ParticipationError, match="Indique ton adresse e-mail"):
        services.participation_start(campaign=campaign, user=pupil)
    with pytest.raises(ParticipationError, match="adresse e-mail valide"):
        services.participation_start(campaign=campaign, user=pupil, external_id="pas-une-adresse")
    participation = services.participation_start(campaign=campaign, user=pupil, external_id="zoe@ecole.fr")
    assert participation.participant_external_id == "zoe@ecole.fr"


def test_starting_twice_resumes_the_same_participation(campaign, pupil):
    first = services.participation_start(campaign=campaign, user=pupil)
    assert services.participation_start(campaign=campaign, user=pupil).pk == first.pk
    assert first.assessment.type == Assessment.Type.CAMPAIGN


def test_another_account_cannot_take_the_place_of_a_learner_who_participated(campaign, pupil, school):
    services.participation_start(campaign=campaign, user=pupil)
    learner = pupil.organization_learners.get()
    other = UserFactory()
    learner.user = other
    learner.save()
    with pytest.raises(ParticipationError) as refused:
        services.participation_start(campaign=campaign, user=other)
    assert refused.value.code == StartCodes.LEARNER_USED_BY_ANOTHER


def test_the_campaign_runs_through_the_core_and_ends_ready_to_send(campaign, pupil):
    participation = finish(services.participation_start(campaign=campaign, user=pupil))
    assert participation.status == CampaignParticipation.Status.TO_SHARE
    assert participation.assessment.answers.count() >= 1
    asked = {a.challenge.skill_id for a in participation.assessment.answers.all()}
    assert asked <= set(campaign.skills.values_list("skill_id", flat=True))


def test_skills_the_profile_already_validated_are_not_asked_again(campaign, pupil, competence):
    evaluation = learner_services.competence_evaluation_start(user=pupil, competence=competence)
    for _ in range(20):
        challenge = learner_services.assessment_next_challenge(assessment=evaluation)
        if challenge is None:
            break
        learner_services.answer_submit(assessment=evaluation, challenge_id=challenge.pk,
                                       value=correct_value(challenge))
    participation = finish(services.participation_start(campaign=campaign, user=pupil))
    assert participation.assessment.answers.count() == 0
    assert participation.status == CampaignParticipation.Status.TO_SHARE


def test_sending_keeps_a_snapshot_and_the_figures(campaign, pupil):
    participation = finish(services.participation_start(campaign=campaign, user=pupil),
                           knows=lambda c: c.skill.level <= 1)
    shared = services.participation_share(participation=participation)
    assert shared.status == CampaignParticipation.Status.SHARED and shared.shared_at
    total = campaign.skills.count()
    assert shared.validated_skills_count == 2 and shared.mastery_rate == pytest.approx(2 / total)
    assert shared.snapshot.elements and shared.results.count() == 2  # two tubes
    assert shared.stage_number == 0  # 33 % : only the zero stage


def test_results_cannot_be_sent_twice_nor_before_the_end_nor_once_archived(campaign, pupil, teacher):
    participation = services.participation_start(campaign=campaign, user=pupil)
    with pytest.raises(ParticipationError, match="Termine d'abord"):
        services.participation_share(participation=participation)
    finish(participation)
    services.campaign_archive(campaign=campaign, by=teacher)
    with pytest.raises(ParticipationError, match="archivée"):
        services.participation_share(participation=participation)
    services.campaign_unarchive(campaign=campaign)
    services.participation_share(participation=participation)
    with pytest.raises(ParticipationError, match="déjà envoyés"):
        services.participation_share(participation=participation)


def test_a_retake_needs_sent_results(school, teacher, target_profile, pupil):
    campaign = services.campaign_create(organization=school, creator=teacher, type="ASSESSMENT", name="R",
                                        target_profile=target_profile, multiple_sendings=True)
    participation = finish(services.participation_start(campaign=campaign, user=pupil),
                           knows=lambda c: c.skill.level <= 1)
    with pytest.raises(ParticipationError, match="Envoie d'abord"):
        services.participation_retake(participation=participation)


def test_a_retake_needs_multiple_sendings(campaign, pupil):
    participation = finish(services.participation_start(campaign=campaign, user=pupil),
                           knows=lambda c: c.skill.level <= 1)
    services.participation_share(participation=participation)
    with pytest.raises(ParticipationError, match="ne se passe qu'une fois"):
        services.participation_retake(participation=participation)


def test_a_retake_starts_a_new_participation_and_keeps_the_old_one(school, teacher, target_profile, pupil):
    campaign = services.campaign_create(organization=school, creator=teacher, type="ASSESSMENT", name="R",
                                        target_profile=target_profile, multiple_sendings=True)
    first = finish(services.participation_start(campaign=campaign, user=pupil),
                   knows=lambda c: c.skill.level <= 1)
    services.participation_share(participation=first)
    second = services.participation_retake(participation=sent_days_ago(first))
    first.refresh_from_db()
    assert first.is_improved and not second.is_improved and second.assessment.is_improving
    assert second.status == CampaignParticipation.Status.STARTED


def test_no_retake_when_every_skill_is_validated(school, teacher, target_profile, pupil):
    campaign = services.campaign_create(organization=school, creator=teacher, type="ASSESSMENT", name="R",
                                        target_profile=target_profile, multiple_sendings=True)
    first = finish(services.participation_start(campaign=campaign, user=pupil))
    services.participation_share(participation=first)
    with pytest.raises(ParticipationError, match="déjà validé tous les acquis"):
        services.participation_retake(participation=sent_days_ago(first))


def test_a_profile_collection_sends_the_profile_and_the_learner_becomes_known(collection, pupil):
    participation = services.participation_start(campaign=collection, user=pupil)
    assert participation.status == CampaignParticipation.Status.TO_SHARE and participation.assessment is None
    shared = services.participation_share(participation=participation)
    assert shared.is_certifiable is False and shared.certifiable_competences_count == 0
    learner = pupil.organization_learners.get()
    assert learner.is_certifiable is False and learner.certifiable_at == shared.shared_at


def test_a_non_restricted_organisation_makes_a_learner_record_on_the_fly(teacher, target_profile, school):
    school.is_managing_students = False
    school.save()
    campaign = services.campaign_create(organization=school, creator=teacher, type="ASSESSMENT", name="R",
                                        target_profile=target_profile)
    user = UserFactory(first_name="Paul", last_name="Durand")
    participation = services.participation_start(campaign=campaign, user=user)
    assert participation.organization_learner.last_name == "Durand"
    assert LearnerFactory._meta.model.objects.filter(user=user, organization=school).count() == 1
