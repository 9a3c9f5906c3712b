"""The student's pages of a campaign: the code, the landing page, finding oneself in the list,
the test core, the results, sending them."""

import pytest
from django.urls import reverse

from learners.assessments.answers import correct_value
from orga.models import CampaignParticipation
from tests.factories import UserFactory
from tests.learners.test_learner_pages import form_data
from tests.orga.factories import LearnerFactory

pytestmark = pytest.mark.django_db


def answer_everything(client, participation):
    for _ in range(30):
        response = client.get(reverse("learners:assessment", args=[participation.assessment_id]))
        if response.status_code == 302:
            return response
        challenge = response.context["challenge"]
        data = form_data(challenge, correct_value(challenge))
        client.post(reverse("learners:assessment", args=[participation.assessment_id]), data)
    raise AssertionError("the campaign never ended")


def test_the_home_page_and_the_menu_offer_the_code(client, db):
    page = client.get("/").content.decode()
    assert "J&#x27;ai un code" in page or "J'ai un code" in page
    assert reverse("campaigns:code") in page


def test_a_wrong_code_says_so_in_french(client, db):
    response = client.post(reverse("campaigns:code"), {"code": "ZZZZZZ999"})
    assert response.status_code == 422
    assert "ne correspond à aucune campagne" in response.content.decode()


def test_a_code_leads_to_the_campaign_page(client, campaign):
    response = client.post(reverse("campaigns:code"), {"code": campaign.code.lower()})
    assert response.url == reverse("campaigns:landing", args=[campaign.code])


def test_the_landing_page_asks_an_anonymous_visitor_to_log_in(client, campaign):
    response = client.get(reverse("campaigns:landing", args=[campaign.code]))
    assert response.status_code == 302 and response.url.startswith(reverse("account_login"))


def test_a_student_finds_themselves_then_starts_the_campaign(client, campaign, school):
    LearnerFactory(organization=school, first_name="Zoé", last_name="Martin", birthdate="2012-12-05")
    user = UserFactory(first_name="Zoé", last_name="Martin")
    client.force_login(user)
    landing = client.get(reverse("campaigns:landing", args=[campaign.code]))
    assert "Retrouve-toi dans la liste" in landing.content.decode()
    wrong = client.post(reverse("campaigns:reconcile", args=[campaign.code]),
                        {"first_name": "Zoé", "last_name": "Martin", "birthdate": "06/12/2012"})
    assert wrong.status_code == 422 and "Aucun élève de cet établissement" in wrong.content.decode()
    bad_date = client.post(reverse("campaigns:reconcile", args=[campaign.code]),
                           {"first_name": "Zoé", "last_name": "Martin", "birthdate": "31/02/2012"})
    assert "au format jj/mm/aaaa" in bad_date.content.decode()
    client.post(reverse("campaigns:reconcile", args=[campaign.code]),
                {"first_name": "zoe", "last_name": "MARTIN", "birthdate": "05/12/2012"})
    started = client.post(reverse("campaigns:start", args=[campaign.code]))
    participation = CampaignParticipation.objects.get(user=user)
    assert started.url == reverse("learners:assessment", args=[participation.assessment_id])


def test_a_student_answers_the_campaign_reads_the_results_and_sends_them(client, campaign, pupil):
    client.force_login(pupil)
    client.post(reverse("campaigns:start", args=[campaign.code]))
    participation = CampaignParticipation.objects.get(user=pupil)
    end = answer_everything(client, participation)
    assert end.url == reverse("campaigns:results", args=[participation.pk])
    page = client.get(end.url).content.decode()
    assert "Tu maîtrises 100 % des acquis du parcours" in page
    assert "J&#x27;envoie mes résultats" in page or "J'envoie mes résultats" in page
    assert "Expert" in page  # the stage reached
    client.post(reverse("campaigns:share", args=[participation.pk]))
    participation.refresh_from_db()
    assert participation.is_shared
    assert "Tes résultats ont été envoyés" in client.get(end.url).content.decode()


def test_sending_an_archived_campaign_shows_the_message(client, campaign, pupil, teacher):
    from orga import services

    client.force_login(pupil)
    client.post(reverse("campaigns:start", args=[campaign.code]))
    participation = CampaignParticipation.objects.get(user=pupil)
    answer_everything(client, participation)
    services.campaign_archive(campaign=campaign, by=teacher)
    response = client.post(reverse("campaigns:share", args=[participation.pk]), follow=True)
    assert "Cette campagne est archivée" in response.content.decode()


def test_a_profile_collection_shows_the_profile_to_send(client, collection, pupil):
    client.force_login(pupil)
    response = client.post(reverse("campaigns:start", args=[collection.code]), follow=True)
    page = response.content.decode()
    assert "Ton profil" in page and "0 pix" in page


def test_the_external_id_is_asked_on_the_landing_page(client, school, teacher, target_profile, pupil):
    from orga import services

    campaign = services.campaign_create(organization=school, creator=teacher, type="ASSESSMENT", name="R",
                                        target_profile=target_profile, external_id_label="numéro d'élève",
                                        external_id_type="STRING")
    client.force_login(pupil)
    response = client.post(reverse("campaigns:start", args=[campaign.code]), {"external_id": ""})
    assert response.status_code == 422 and "Indique ton numéro d&#x27;élève" in response.content.decode()


def test_another_student_cannot_see_a_participation(client, campaign, pupil, outsider):
    from orga import services

    participation = services.participation_start(campaign=campaign, user=pupil)
    client.force_login(outsider)
    for name in ("results", "share", "retake"):
        url = reverse(f"campaigns:{name}", args=[participation.pk])
        assert client.get(url).status_code in (404, 405) and client.post(url).status_code == 404
