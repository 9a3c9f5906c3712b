"""The student's side of a campaign through the API, for a mobile client: the code, finding
oneself in the school's list, the external id, the test through the learner API, the results,
sending them and a retake; the same French messages and stable codes as the pages."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from learners.assessments.answers import correct_value
from orga import services
from orga.models import CampaignParticipation
from referentiel.models import Challenge
from tests.factories import UserFactory
from tests.learners.test_api import api_answer
from tests.orga.factories import LearnerFactory

pytestmark = pytest.mark.django_db


def api_for(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def answer_the_whole_test(api, assessment_id):
    for _ in range(60):
        response = api.get(reverse("api:challenge", args=[assessment_id]))
        if response.status_code == 204:
            return
        challenge = Challenge.objects.get(pk=response.json()["id"])
        answered = api.post(reverse("api:answer", args=[assessment_id]),
                            {"challenge": challenge.pk, "answer": api_answer(challenge, correct_value(challenge))},
                            format="json")
        assert answered.status_code == 201, answered.json()
    raise AssertionError("the campaign never ended")


def test_a_new_student_finds_themselves_answers_the_campaign_and_sends_the_results(campaign, school):
    LearnerFactory(organization=school, first_name="Zoé", last_name="Martin", birthdate="2012-12-05")
    api = api_for(UserFactory(first_name="Zoé", last_name="Martin"))
    landing = api.get(reverse("campaigns_api:campaign", args=[campaign.code.lower()])).json()
    assert landing["title"] == "Chercher sur le web" and landing["organization"] == "Collège Jean Moulin"
    assert landing["needs_reconciliation"] is True and landing["participation"] is None

    refused = api.post(reverse("campaigns_api:start", args=[campaign.code]), {}, format="json")
    assert refused.status_code == 409 and refused.json()["code"] == "RECONCILIATION_REQUIRED"
    assert "retrouve-toi d'abord" in refused.json()["detail"]
    wrong = api.post(reverse("campaigns_api:reconcile", args=[campaign.code]),
                     {"first_name": "Zoé", "last_name": "Martin", "birthdate": "2012-12-06"}, format="json")
    assert wrong.status_code == 422 and "Aucun élève de cet établissement" in wrong.json()["detail"]
    found = api.post(reverse("campaigns_api:reconcile", args=[campaign.code]),
                     {"first_name": "zoe", "last_name": "MARTIN", "birthdate": "2012-12-05"}, format="json")
    assert found.status_code == 200 and found.json()["needs_reconciliation"] is False

    started = api.post(reverse("campaigns_api:start", args=[campaign.code]), {}, format="json")
    assert started.status_code == 201 and started.json()["status"] == "STARTED"
    participation_id, assessment_id = started.json()["id"], started.json()["assessment_id"]
    too_soon = api.get(reverse("campaigns_api:participation", args=[participation_id]))
    assert too_soon.status_code == 409 and too_soon.json()["code"] == "ASSESSMENT_NOT_COMPLETED"
    answer_the_whole_test(api, assessment_id)

    results = api.get(reverse("campaigns_api:participation", args=[participation_id])).json()
    assert results["participation"]["status"] == "TO_SHARE"
    assert results["mastery"]["percent"] == 100
    assert results["stage"]["title"] == "Expert"
    assert results["competences"] and all(c["percent"] == 100 for c in results["competences"])
    assert results["answers"] and all(a["result"] == "ok" for a in results["answers"])
    assert results["share_refusal"] is None
    assert results["retake_refusal"]["code"] == "CANNOT_RETAKE"
    sent = api.post(reverse("campaigns_api:share", args=[participation_id]))
    assert sent.status_code == 200 and sent.json()["status"] == "SHARED" and sent.json()["shared_at"]
    again = api.post(reverse("campaigns_api:share", args=[participation_id]))
    assert again.status_code == 409 and again.json() == {"detail": "Tes résultats sont déjà envoyés.",
                                                        "code": "ALREADY_SHARED"}
    mine = api.get(reverse("campaigns_api:mine")).json()
    assert [(p["campaign_code"], p["status"]) for p in mine] == [(campaign.code, "SHARED")]


def test_starting_twice_resumes_the_same_participation(campaign, pupil):
    api = api_for(pupil)
    first = api.post(reverse("campaigns_api:start", args=[campaign.code]), {}, format="json").json()
    second = api.post(reverse("campaigns_api:start", args=[campaign.code]), {}, format="json").json()
    assert first["id"] == second["id"] and CampaignParticipation.objects.filter(user=pupil).count() == 1
    landing = api.get(reverse("campaigns_api:campaign", args=[campaign.code])).json()
    assert landing["participation"]["id"] == first["id"]


def test_a_missing_external_id_is_refused_with_the_label(school, teacher, target_profile, pupil):
    campaign = services.campaign_create(organization=school, creator=teacher, type="ASSESSMENT", name="R",
                                        target_profile=target_profile, external_id_label="numéro d'élève",
                                        external_id_type="STRING")
    api = api_for(pupil)
    response = api.post(reverse("campaigns_api:start", args=[campaign.code]), {"external_id": " "}, format="json")
    assert response.status_code == 422
    assert response.json()["code"] == "MISSING_EXTERNAL_ID" and "numéro d'élève" in response.json()["detail"]
    started = api.post(reverse("campaigns_api:start", args=[campaign.code]), {"external_id": "A12"}, format="json")
    assert started.status_code == 201 and started.json()["participant_external_id"] == "A12"


def test_an_archived_campaign_refuses_the_sending_with_the_pages_message(campaign, pupil, teacher):
    api = api_for(pupil)
    started = api.post(reverse("campaigns_api:start", args=[campaign.code]), {}, format="json").json()
    answer_the_whole_test(api, started["assessment_id"])
    services.campaign_archive(campaign=campaign, by=teacher)
    response = api.post(reverse("campaigns_api:share", args=[started["id"]]))
    assert response.status_code == 409 and response.json()["code"] == "CAMPAIGN_ARCHIVED"
    assert "Cette campagne est archivée" in response.json()["detail"]
    assert not CampaignParticipation.objects.get(pk=started["id"]).is_shared


def test_a_profile_collection_shows_the_profile_then_sends_it(collection, pupil, competence):
    api = api_for(pupil)
    started = api.post(reverse("campaigns_api:start", args=[collection.code]), {}, format="json").json()
    assert started["status"] == "TO_SHARE" and started["assessment_id"] is None
    results = api.get(reverse("campaigns_api:participation", args=[started["id"]])).json()
    assert len(results["profile"]) == 16 and results["pix_score"] == 0
    assert results["is_certifiable"] is False and results["mastery"] is None
    assert api.post(reverse("campaigns_api:share", args=[started["id"]])).json()["status"] == "SHARED"


def test_a_retake_starts_a_new_participation_when_multiple_sendings_allow_it(school, teacher, target_profile,
                                                                             pupil):
    campaign = services.campaign_create(organization=school, creator=teacher, type="ASSESSMENT", name="Bis",
                                        target_profile=target_profile, multiple_sendings=True)
    api = api_for(pupil)
    started = api.post(reverse("campaigns_api:start", args=[campaign.code]), {}, format="json").json()
    api.post(reverse("campaigns_api:share", args=[started["id"]]))  # refused: not finished
    participation = CampaignParticipation.objects.get(pk=started["id"])
    participation.assessment.state = participation.assessment.State.COMPLETED
    participation.assessment.save()
    assert api.post(reverse("campaigns_api:share", args=[started["id"]])).status_code == 200
    too_early = api.post(reverse("campaigns_api:retake", args=[started["id"]]), {}, format="json")
    assert too_early.status_code == 409 and too_early.json()["code"] == "MINIMUM_DELAY_BEFORE_RETRYING"
    CampaignParticipation.objects.filter(pk=started["id"]).update(shared_at=timezone.now() - timedelta(days=5))
    retake = api.post(reverse("campaigns_api:retake", args=[started["id"]]), {"from_zero": False}, format="json")
    assert retake.status_code == 201 and retake.json()["id"] != started["id"]
    assert retake.json()["status"] == "STARTED"
    assert [p["id"] for p in api.get(reverse("campaigns_api:mine")).json()] == [retake.json()["id"]]


def test_a_wrong_code_is_a_404_in_french(pupil):
    response = api_for(pupil).get(reverse("campaigns_api:campaign", args=["ZZZZZZ999"]))
    assert response.status_code == 404 and response.json()["code"] == "not_found"
    assert "n'existe pas" in response.json()["detail"]


def test_a_malformed_birthdate_names_the_field(campaign, pupil):
    response = api_for(pupil).post(reverse("campaigns_api:reconcile", args=[campaign.code]),
                                   {"first_name": "Zoé", "last_name": "Martin", "birthdate": "31/02/2012"},
                                   format="json")
    assert response.status_code == 400 and "birthdate" in response.json()["fields"]
    assert "jj/mm/aaaa" in response.json()["detail"] or "date de naissance" in response.json()["detail"]


def test_another_student_gets_404_on_a_participation_and_an_anonymous_client_401(campaign, pupil, outsider):
    participation = services.participation_start(campaign=campaign, user=pupil)
    api = api_for(outsider)
    for name in ("participation", "share", "retake"):
        url = reverse(f"campaigns_api:{name}", args=[participation.pk])
        response = api.get(url) if name == "participation" else api.post(url, {}, format="json")
        assert response.status_code == 404, name
        assert APIClient().post(url).status_code == 401
    assert api.get(reverse("campaigns_api:mine")).json() == []
    assert APIClient().get(reverse("campaigns_api:campaign", args=[campaign.code])).status_code == 401
    huge = api.get(f"/api/campagnes/participations/{2**63}/")
    assert huge.status_code == 404 and huge["Content-Type"].startswith("application/json")


def test_every_campaign_api_address_is_closed_to_other_students_and_asks_anonymous_clients_to_sign_in(
        campaign, pupil, outsider, other_school):
    from orga.api_urls import urlpatterns

    participation = services.participation_start(campaign=campaign, user=pupil)
    closed = [reverse(f"campaigns_api:{p.name}", kwargs={"participation_id": participation.pk})
              for p in urlpatterns if "participation_id" in p.pattern.converters]
    assert len(closed) == 3
    api = api_for(outsider)
    for url in closed:
        statuses = {api.get(url).status_code, api.post(url, {}, format="json").status_code}
        assert 404 in statuses and statuses <= {404, 405}, url  # 405: the other method
    everything = closed + [reverse(f"campaigns_api:{p.name}", kwargs={"campaign_code": campaign.code})
                           for p in urlpatterns if "campaign_code" in p.pattern.converters]
    everything.append(reverse("campaigns_api:mine"))
    assert len(everything) == len(urlpatterns)
    for url in everything:
        for response in (APIClient().get(url), APIClient().post(url, {}, format="json")):
            assert response.status_code == 401 and response["WWW-Authenticate"] == "Token", url
