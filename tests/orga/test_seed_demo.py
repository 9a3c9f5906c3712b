import pytest
from django.core.management import call_command

from orga import demo, selectors
from orga.models import LearnerImport, Membership, Organization, OrganizationLearner

pytestmark = pytest.mark.django_db


def test_the_demo_school_has_its_teachers_three_imported_classes_and_one_with_accounts(competence, capsys):
    call_command("seed_demo")
    printed = capsys.readouterr().out
    school = Organization.objects.get(external_id=demo.UAI)
    roles = dict(Membership.objects.filter(organization=school).values_list("user__username", "role"))
    assert roles == {"prof.durand": Membership.Role.ADMIN, "prof.leroy": Membership.Role.MEMBER}
    assert selectors.divisions(school) == ["5A", "6A", "6B"]
    assert school.imports.get().status == LearnerImport.Status.IMPORTED  # through the real import
    sixth = OrganizationLearner.objects.filter(organization=school, division="6A")
    assert sixth.exists() and not sixth.filter(user__isnull=True).exists()
    assert not OrganizationLearner.objects.filter(division="6B", user__isnull=False).exists()
    student = min(sixth, key=lambda learner: (learner.last_name, learner.first_name, learner.pk))
    assert student.user.username in printed and demo.demo_password(student) in printed
    assert student.user.check_password(demo.demo_password(student)) and student.user.must_change_password
    assert "prof.durand" in printed and demo.TEACHER_PASSWORD in printed


def test_a_second_run_changes_nothing_in_the_school(competence):
    call_command("seed_demo")
    counts = (OrganizationLearner.objects.count(), LearnerImport.objects.count(), Membership.objects.count())
    call_command("seed_demo")
    assert (OrganizationLearner.objects.count(), LearnerImport.objects.count(),
            Membership.objects.count()) == counts


def test_the_demo_school_has_an_assessment_campaign_and_a_profile_collection_with_every_state(competence,
                                                                                              capsys):
    from orga.models import Campaign, CampaignParticipation, TargetProfile

    call_command("seed_demo")
    printed = capsys.readouterr().out
    school = Organization.objects.get(external_id=demo.UAI)
    campaign = Campaign.objects.get(organization=school, name=demo.DEMO_CAMPAIGN)
    assert campaign.code in printed
    states = set(campaign.participations.values_list("status", flat=True))
    assert states == {CampaignParticipation.Status.STARTED, CampaignParticipation.Status.TO_SHARE,
                      CampaignParticipation.Status.SHARED}
    assert TargetProfile.objects.filter(category=TargetProfile.Category.BACK_TO_SCHOOL).count() == 1
    collection = Campaign.objects.get(organization=school, name=demo.DEMO_COLLECTION)
    assert collection.participations.filter(status=CampaignParticipation.Status.SHARED).exists()
