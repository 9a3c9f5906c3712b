"""The same learner flow through the JSON API, for a JavaScript or mobile client."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from learners import services
from learners.assessments.answers import correct_value, wrong_value
from learners.demo import take_competence_test
from learners.models import Answer
from referentiel.models import Challenge, Tutorial
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(student):
    client = APIClient()
    client.force_authenticate(student)
    return client


def api_answer(challenge, value):
    if challenge.type == "QCM":
        return value.split(",")
    return value


def test_an_anonymous_client_is_told_to_sign_in_with_a_401(competence):
    response = APIClient().get(reverse("api:profile"))
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    assert response.json() == {"detail": "Informations d'authentification non fournies.",
                               "code": "not_authenticated"}


def test_a_bad_token_gets_a_401_in_french(competence):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token faux-jeton")
    response = client.get(reverse("api:profile"))
    assert response.status_code == 401 and response["WWW-Authenticate"] == "Token"
    assert response.json()["code"] == "authentication_failed"
    assert response.json()["detail"].startswith("Jeton d'accès non valide")


def test_a_body_that_does_not_validate_names_its_field_in_french(api, competence):
    assessment_id = api.post(reverse("api:start", args=["1.1"])).json()["assessment_id"]
    response = api.post(reverse("api:answer", args=[assessment_id]), {"answer": "1"}, format="json")
    assert response.status_code == 400
    assert response.json() == {"detail": "challenge : Un identifiant est attendu ici.",
                               "code": "invalid",
                               "fields": {"challenge": ["Un identifiant est attendu ici."]}}


def test_a_malformed_json_body_gets_a_french_400(api, competence):
    assessment_id = api.post(reverse("api:start", args=["1.1"])).json()["assessment_id"]
    response = api.post(reverse("api:answer", args=[assessment_id]), "{pas du json",
                        content_type="application/json")
    assert response.status_code == 400
    assert response.json()["code"] == "parse_error"
    assert "JSON" in response.json()["detail"]


def test_someone_elses_or_an_absent_test_is_a_french_404(api, competence):
    response = api.get(reverse("api:challenge", args=[2**31]))
    assert response.status_code == 404
    assert response.json() == {"detail": "Cette ressource n'existe pas, ou n'est pas accessible "
                                         "avec ce compte.", "code": "not_found"}


def test_a_token_is_given_for_a_username_or_an_email_and_opens_the_api(student, competence):
    client = APIClient()
    for login in (student.username, student.email):
        response = client.post(reverse("api:token"), {"login": login, "password": PASSWORD}, format="json")
        assert response.status_code == 200
        token = response.json()["token"]
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert client.get(reverse("api:profile")).status_code == 200


def test_a_wrong_password_gets_a_clear_message(student, competence):
    response = APIClient().post(reverse("api:token"), {"login": student.username, "password": "non"}, format="json")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    assert response.json() == {"detail": "Identifiant ou mot de passe incorrect.",
                               "code": "invalid_credentials"}


def test_the_profile_lists_the_16_competences(api, competence):
    profile = api.get(reverse("api:profile")).json()
    assert len(profile["competences"]) == 16
    assert profile["total_pix"] == 0 and profile["is_certifiable"] is False


def test_a_whole_positioning_test_through_the_api(api, student, competence):
    assessment_id = api.post(reverse("api:start", args=["1.1"])).json()["assessment_id"]
    answered = 0
    while True:
        response = api.get(reverse("api:challenge", args=[assessment_id]))
        if response.status_code == 204:
            break
        shown = response.json()
        assert "solution" not in shown and shown["question_number"] == answered + 1
        challenge = Challenge.objects.get(pk=shown["id"])
        value = correct_value(challenge) if answered % 2 == 0 else wrong_value(challenge)
        result = api.post(reverse("api:answer", args=[assessment_id]),
                          {"challenge": challenge.pk, "answer": api_answer(challenge, value)}, format="json")
        assert result.status_code == 201, result.json()
        answered += 1
    results = api.get(reverse("api:results", args=[assessment_id])).json()
    assert len(results["answers"]) == answered
    assert {a["result"] for a in results["answers"]} >= {"ok", "ko"}
    assert all(a["expected"] for a in results["answers"])


def test_an_empty_answer_is_refused_with_a_message(api, competence):
    assessment_id = api.post(reverse("api:start", args=["1.1"])).json()["assessment_id"]
    shown = api.get(reverse("api:challenge", args=[assessment_id])).json()
    response = api.post(reverse("api:answer", args=[assessment_id]), {"challenge": shown["id"]}, format="json")
    assert response.status_code == 422
    assert response.json()["code"] == "empty_answer"


def test_an_answer_to_a_question_not_served_is_refused(api, competence):
    assessment_id = api.post(reverse("api:start", args=["1.1"])).json()["assessment_id"]
    shown = api.get(reverse("api:challenge", args=[assessment_id])).json()
    other = Challenge.objects.exclude(pk=shown["id"]).first()
    response = api.post(reverse("api:answer", args=[assessment_id]), {"challenge": other.pk, "answer": "1"},
                        format="json")
    assert response.status_code == 409
    assert response.json()["code"] == "challenge_not_asked"


def test_a_double_submit_through_the_api_stores_one_answer(api, competence):
    assessment_id = api.post(reverse("api:start", args=["1.1"])).json()["assessment_id"]
    shown = api.get(reverse("api:challenge", args=[assessment_id])).json()
    challenge = Challenge.objects.get(pk=shown["id"])
    body = {"challenge": challenge.pk, "answer": api_answer(challenge, correct_value(challenge))}
    first = api.post(reverse("api:answer", args=[assessment_id]), body, format="json").json()
    second = api.post(reverse("api:answer", args=[assessment_id]), body, format="json").json()
    assert first["answer_id"] == second["answer_id"]
    assert Answer.objects.count() == 1


def test_results_of_a_test_in_progress_are_not_given(api, competence):
    assessment_id = api.post(reverse("api:start", args=["1.1"])).json()["assessment_id"]
    assert api.get(reverse("api:results", args=[assessment_id])).status_code == 409


def test_saving_and_removing_a_tutorial(api, competence):
    tutorial = Tutorial.objects.first()
    assert api.put(reverse("api:saved_tutorial", args=[tutorial.pk])).status_code == 201
    assert [t["id"] for t in api.get(reverse("api:tutorials")).json()] == [tutorial.pk]
    assert api.delete(reverse("api:saved_tutorial", args=[tutorial.pk])).status_code == 204
    assert api.get(reverse("api:tutorials")).json() == []


@pytest.mark.parametrize("name", ["api:challenge", "api:results"])
def test_an_outsider_gets_404_on_another_students_test_through_the_api(outsider, student, competence, name):
    assessment = take_competence_test(student, competence, level=1) if name == "api:results" else \
        services.competence_evaluation_start(user=student, competence=competence)
    client = APIClient()
    client.force_authenticate(outsider)
    assert client.get(reverse(name, args=[assessment.pk])).status_code == 404


def test_an_outsider_cannot_answer_another_students_test_through_the_api(outsider, student, competence):
    assessment = services.competence_evaluation_start(user=student, competence=competence)
    challenge = services.assessment_next_challenge(assessment=assessment)
    client = APIClient()
    client.force_authenticate(outsider)
    response = client.post(reverse("api:answer", args=[assessment.pk]),
                           {"challenge": challenge.pk, "answer": "1"}, format="json")
    assert response.status_code == 404
    assert not Answer.objects.exists()


def test_the_openapi_schema_describes_the_learner_flow(client, db):
    schema = client.get(reverse("api-schema"), HTTP_ACCEPT="application/json").json()
    paths = schema["paths"]
    for path in ("/api/profil/", "/api/tests/{assessment_id}/question/", "/api/tests/{assessment_id}/reponses/",
                 "/api/tests/{assessment_id}/resultats/", "/api/mes-tutos/", "/api/jeton/"):
        assert path in paths


def test_the_api_documentation_page_uses_no_cdn(client, db):
    page = client.get(reverse("api-docs")).content.decode()
    assert "cdn" not in page.lower() and "https://" not in page


def test_a_student_with_a_temporary_password_must_activate_the_account_first(student, competence):
    student.must_change_password = True
    student.save()
    client = APIClient()
    client.force_authenticate(student)
    response = client.get(reverse("api:profile"))
    assert response.status_code == 403
    assert "choisis ton mot de passe" in response.json()["detail"]


def test_the_schema_documents_the_refusals_of_each_operation(client, db):
    schema = client.get(reverse("api-schema"), HTTP_ACCEPT="application/json").json()
    answer = schema["paths"]["/api/tests/{assessment_id}/reponses/"]["post"]["responses"]
    assert {"201", "400", "401", "403", "404", "409", "422"} <= set(answer)
    assert answer["422"]["content"]["application/json"]["schema"]["$ref"].endswith("/Error")
    token = schema["paths"]["/api/jeton/"]["post"]["responses"]
    assert {"200", "400", "401", "429"} <= set(token) and "403" not in token
    assessment_id = schema["paths"]["/api/tests/{assessment_id}/question/"]["get"]["parameters"][0]
    assert assessment_id["schema"] == {"type": "integer", "minimum": 1, "maximum": 2**63 - 1}


BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


def test_the_api_answers_in_json_even_to_a_browser(api, competence):
    response = api.get(reverse("api:profile"), HTTP_ACCEPT=BROWSER_ACCEPT)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    refused = APIClient().get(reverse("api:profile"), HTTP_ACCEPT=BROWSER_ACCEPT)
    assert refused.status_code == 401 and refused["Content-Type"] == "application/json"
