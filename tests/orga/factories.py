from datetime import date

import factory

from orga.models import Membership, Organization, OrganizationLearner
from tests.factories import UserFactory


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    name = factory.Sequence(lambda n: f"Collège numéro {n}")
    type = Organization.Type.SCO
    external_id = factory.Sequence(lambda n: f"{n:07d}A")
    is_managing_students = True


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    organization = factory.SubFactory(OrganizationFactory)
    user = factory.SubFactory(UserFactory)
    role = Membership.Role.ADMIN


class LearnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OrganizationLearner

    organization = factory.SubFactory(OrganizationFactory)
    first_name = "Jean"
    last_name = factory.Sequence(lambda n: f"Dupont{n}")
    birthdate = date(2012, 12, 5)
    division = "6A"
    sex = OrganizationLearner.Sex.MALE
    national_student_id = factory.Sequence(lambda n: f"{n:09d}XY")
    birth_country_code = "100"
    birth_city_code = "75056"


def target_profile_over(competence, *, level=3, name="Recherche d'information", stages=True, **fields):
    """A public profile over every tube of the competence up to `level`, with three stages."""
    from orga.models import Stage, TargetProfile, TargetProfileTube

    profile = TargetProfile.objects.create(name=name, category=TargetProfile.Category.TARGETED,
                                           is_public=True, **fields)
    for tube in competence.tubes.all():
        TargetProfileTube.objects.create(target_profile=profile, tube=tube, level=level)
    if stages:
        for threshold, title in ((0, "Premiers pas"), (50, "En route"), (100, "Expert")):
            Stage.objects.create(target_profile=profile, threshold=threshold, title=title,
                                 message=f"Message {title}", prescriber_title=f"Palier {title}")
    return profile


def sent_participation(campaign, learner, *, validated_share=1.0, when=None):
    """A participation whose results were sent, written as the share writes them: each tube of
    the campaign with `validated_share` of its skills validated (for dashboards and exports at
    scale; the real journey is tested through the test core elsewhere)."""
    from django.utils import timezone

    from orga import results as figures
    from orga.models import CampaignParticipation, ParticipationResult
    from orga.services.participations import campaign_skills

    skills = getattr(campaign, "_skills_cache", None)
    if skills is None:
        skills = campaign._skills_cache = campaign_skills(campaign)
    by_tube = {}
    for skill in skills:
        by_tube.setdefault(skill.tube_id, []).append(skill)
    results, validated_total = [], 0
    for tube_id, tube_skills in by_tube.items():
        validated = round(len(tube_skills) * validated_share)
        validated_total += validated
        results.append(ParticipationResult(competence_id=tube_skills[0].competence_id, tube_id=tube_id,
                                           validated=validated, total=len(tube_skills)))
    mastery = figures.Mastery(validated_total, len(skills))
    stage = figures.stage_reached(list(campaign.target_profile.stages.all()), skills, mastery.percent)
    participation = CampaignParticipation.objects.create(
        campaign=campaign, user=learner.user, organization_learner=learner,
        status=CampaignParticipation.Status.SHARED, shared_at=when or timezone.now(),
        validated_skills_count=validated_total, mastery_rate=mastery.rate, pix_score=0,
        stage_number=stage.number if stage else None)
    for result in results:
        result.participation = participation
    ParticipationResult.objects.bulk_create(results)
    return participation
