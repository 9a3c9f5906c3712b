"""Taking a campaign again, as the domain rules it: multiple sendings, four full days after the
results were sent, and from zero only when the target profile allows it; each refusal in French."""

import html
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from learners import selectors as learner_selectors
from orga import services
from orga.constants import RETAKE_WAITING_DAYS
from orga.errors import ParticipationError
from orga.models import CampaignParticipation
from orga.services.participations import Codes
from tests.orga.factories import MembershipFactory, OrganizationFactory
from tests.orga.test_campaign_rules import finish, sent_days_ago

pytestmark = pytest.mark.django_db


@pytest.fixture
def repeatable(school, teacher, target_profile):
    return services.campaign_create(organization=school, creator=teacher, type="ASSESSMENT", name="Révisions",
                                    target_profile=target_profile, multiple_sendings=True)


@pytest.fixture
def sent(repeatable, pupil):
    participation = finish(services.participation_start(campaign=repeatable, user=pupil),
                           knows=lambda c: c.skill.level <= 1)
    return services.participation_share(participation=participation)


def test_a_retake_waits_four_full_days_after_sending(sent):
    with pytest.raises(ParticipationError) as refused:
        services.participation_retake(participation=sent)
    assert refused.value.code == Codes.TOO_EARLY
    assert f"il faut attendre {RETAKE_WAITING_DAYS} jours" in refused.value.message
    almost = sent.shared_at + timedelta(days=RETAKE_WAITING_DAYS) - timedelta(minutes=1)
    assert services.retake_refusal(sent, now=almost).code == Codes.TOO_EARLY
    assert services.retake_refusal(sent, now=almost + timedelta(minutes=1)) is None


def test_the_refusal_tells_the_day_the_retake_opens(sent):
    opens = timezone.localtime(sent.shared_at + timedelta(days=RETAKE_WAITING_DAYS))
    assert f"à partir du {opens.day} " in services.retake_refusal(sent).message


def test_a_disabled_learner_cannot_retake(sent, pupil):
    sent_days_ago(sent)
    pupil.organization_learners.update(is_disabled=True)
    with pytest.raises(ParticipationError, match="plus inscrit dans cet établissement"):
        services.participation_retake(participation=sent)


def test_an_archived_campaign_cannot_be_taken_again(sent, teacher):
    sent_days_ago(sent)
    services.campaign_archive(campaign=sent.campaign, by=teacher)
    with pytest.raises(ParticipationError, match="archivée"):
        services.participation_retake(participation=sent)


def test_the_retake_keeps_the_external_id(school, teacher, target_profile, pupil):
    campaign = services.campaign_create(organization=school, creator=teacher, type="ASSESSMENT", name="R",
                                        target_profile=target_profile, multiple_sendings=True,
                                        external_id_label="numéro", external_id_type="STRING")
    first = finish(services.participation_start(campaign=campaign, user=pupil, external_id="A-12"),
                   knows=lambda c: c.skill.level <= 1)
    services.participation_share(participation=first)
    second = services.participation_retake(participation=sent_days_ago(first))
    assert second.participant_external_id == "A-12"


def test_a_second_start_without_multiple_sendings_is_refused_once_sent(campaign, pupil):
    participation = finish(services.participation_start(campaign=campaign, user=pupil))
    services.participation_share(participation=participation)
    with pytest.raises(ParticipationError) as refused:
        services.participation_start(campaign=campaign, user=pupil)
    assert refused.value.code == Codes.ALREADY_PARTICIPATED
    assert "déjà envoyé tes résultats" in refused.value.message


def test_a_campaign_of_an_organisation_without_imported_students_creates_the_learner(pupil, teacher,
                                                                                    target_profile):
    open_organization = OrganizationFactory(is_managing_students=False)
    MembershipFactory(organization=open_organization, user=teacher)
    campaign = services.campaign_create(organization=open_organization, creator=teacher, type="ASSESSMENT",
                                        name="Ouverte", target_profile=target_profile)
    participation = services.participation_start(campaign=campaign, user=pupil)
    learner = participation.organization_learner
    assert learner.organization == open_organization and (learner.first_name, learner.last_name) == ("Zoé", "Martin")


def test_no_reset_unless_the_profile_allows_it(sent):
    sent_days_ago(sent)
    with pytest.raises(ParticipationError) as refused:
        services.participation_retake(participation=sent, reset=True)
    assert refused.value.code == Codes.NO_RESET and "repris de zéro" in refused.value.message


def test_a_reset_waits_four_days_too(sent, target_profile):
    target_profile.are_knowledge_elements_resettable = True
    target_profile.save()
    with pytest.raises(ParticipationError, match="il faut attendre"):
        services.participation_retake(participation=sent, reset=True)


def test_a_reset_asks_every_skill_again_even_once_all_were_validated(school, teacher, target_profile, pupil):
    target_profile.are_knowledge_elements_resettable = True
    target_profile.save()
    campaign = services.campaign_create(organization=school, creator=teacher, type="ASSESSMENT", name="R",
                                        target_profile=target_profile, multiple_sendings=True)
    first = finish(services.participation_start(campaign=campaign, user=pupil))
    services.participation_share(participation=first)
    sent_days_ago(first)
    assert services.retake_refusal(first).code == Codes.ALL_VALIDATED
    second = services.participation_retake(participation=first, reset=True)
    skill_ids = list(campaign.skills.values_list("skill_id", flat=True))
    assert learner_selectors.current_knowledge_elements(pupil, skill_ids=skill_ids) == {}
    finish(second, knows=lambda c: False)
    assert second.assessment.answers.count() >= 1  # asked again, not skipped as known
    assert CampaignParticipation.objects.get(pk=first.pk).is_improved


def test_the_results_page_offers_the_retake_only_when_it_is_open(client, sent, pupil):
    client.force_login(pupil)
    url = reverse("campaigns:results", args=[sent.pk])
    page = html.unescape(client.get(url).content.decode())
    assert "Je repasse la campagne" not in page and "Tu pourras repasser la campagne à partir du" in page
    sent_days_ago(sent)
    page = client.get(url).content.decode()
    assert "Je repasse la campagne" in page and "Je repars de zéro" not in page
    response = client.post(reverse("campaigns:retake", args=[sent.pk]))
    new = CampaignParticipation.objects.get(campaign=sent.campaign, user=pupil, is_improved=False)
    assert new.pk != sent.pk and response.status_code == 302


def test_a_retake_asked_too_early_says_why_on_the_page(client, sent, pupil):
    client.force_login(pupil)
    response = client.post(reverse("campaigns:retake", args=[sent.pk]), follow=True)
    assert "il faut attendre 4 jours" in html.unescape(response.content.decode())
    assert CampaignParticipation.objects.filter(campaign=sent.campaign, user=pupil).count() == 1
