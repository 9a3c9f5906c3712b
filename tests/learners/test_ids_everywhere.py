"""An id that cannot be a database id (too large for a bigint or an integer, negative, zero, not
a number) in any address, form field or JSON body of the learner app and its API gets a 4xx and a
French message, never a server error."""

import html
import re

import pytest
from django.contrib.auth.models import Permission
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from rest_framework.test import APIClient

from learners.models import Assessment
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

IMPOSSIBLE_IDS = {
    "past the bigint": str(2**63),
    "far past the bigint": "9" * 40,
    "negative": "-1",
    "zero": "0",
    "not a number": "abc",
    "a decimal": "1.5",
    "an exponent": "1e3",
    "non-ASCII digits": "١٢",
}
# Ids a database could hold but none of its rows has: not found, like someone else's.
ABSENT_IDS = {"past a 32-bit integer": str(2**31), "the largest bigint": str(2**63 - 1)}
BAD_IDS = {**IMPOSSIBLE_IDS, **ABSENT_IDS}
# The URL spaces of the learner app and its API (Orga and Certif have their own walks).
LEARNER_NAMESPACES = {None, "learners", "api", "campaigns", "campaigns_api"}
ID_PARAMETER = re.compile(r"<(?:(?P<converter>\w+):)?(?P<name>\w+)>")
ID_CONVERTERS = {"pk", "int", "id"}
SAMPLE_TEXT = {"code": "1.1", "token": "jeton", "format": "eleves", "campaign_code": "ABCDEF123"}


def patterns(resolver=None, prefix="", namespace=None):
    """(route, namespace) of every URL pattern, with the prefixes of its includes."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        route = str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from patterns(entry, prefix + route, entry.namespace or namespace)
        elif isinstance(entry, URLPattern):
            yield prefix + route, namespace


def id_routes():
    routes = []
    for route, namespace in patterns():
        if namespace not in LEARNER_NAMESPACES or route.startswith(("^", "admin/")):
            continue
        if any(match["converter"] in ID_CONVERTERS for match in ID_PARAMETER.finditer(route)):
            routes.append(route)
    return sorted(set(routes))


def address(route, bad_id):
    def fill(match):
        if match["converter"] in ID_CONVERTERS:
            return bad_id
        return SAMPLE_TEXT.get(match["name"], "x")

    return "/" + ID_PARAMETER.sub(fill, route)


def test_the_walk_covers_the_addresses_of_the_learner_app_and_the_api():
    routes = id_routes()
    for expected in ("tests/<pk:assessment_id>/", "tests/<pk:assessment_id>/focus/",
                     "apercu/epreuves/<pk:challenge_id>/", "api/tests/<pk:assessment_id>/reponses/",
                     "api/mes-tutos/<pk:tutorial_id>/", "tutos/<pk:tutorial_id>/enregistrer/"):
        assert expected in routes
    assert len(routes) >= 12


def assert_french_refusal(response, where):
    assert 400 <= response.status_code < 500, (where, response.status_code)
    if response["Content-Type"].startswith("application/json"):
        detail = response.json()["detail"]
        assert re.search(r"[a-zàéèêç]", detail) and "not found" not in detail.lower(), (where, detail)
    else:
        body = html.unescape(response.content.decode())
        assert '<html lang="fr"' in body, where
        assert "Page introuvable" in body or "Adresse d'un bouton" in body, where


@pytest.fixture
def browsers(student, learning_referentiel):
    """A student signed in on the pages, the same one on the API, and content staff."""
    page = Client(raise_request_exception=False)
    page.force_login(student)
    api = APIClient(raise_request_exception=False)
    api.force_authenticate(student)
    editor = UserFactory(is_staff=True)
    editor.user_permissions.add(Permission.objects.get(codename="view_challenge"))
    staff = Client(raise_request_exception=False)
    staff.force_login(editor)
    return page, api, staff


@pytest.mark.parametrize("bad_id", BAD_IDS.values(), ids=BAD_IDS.keys())
def test_an_impossible_id_in_any_address_gets_a_french_4xx(browsers, bad_id):
    page, api, staff = browsers
    for route in id_routes():
        url = address(route, bad_id)
        clients = [api] if route.startswith("api/") else [page, staff]
        for browser in clients:
            for method in ("get", "post", "put", "delete"):
                response = getattr(browser, method)(url)
                assert_french_refusal(response, f"{method.upper()} {url}")


@pytest.mark.parametrize("bad_id", [*IMPOSSIBLE_IDS.values(), "", "   "])
def test_an_impossible_question_id_in_the_answer_form_shows_the_question_again(
        student_client, student, competence, bad_id):
    from learners import services

    assessment = services.competence_evaluation_start(user=student, competence=competence)
    url = reverse("learners:assessment", args=[assessment.pk])
    student_client.get(url)
    response = student_client.post(url, {"challenge": bad_id, "answer": "1"})
    assert response.status_code == 422
    text = html.unescape(response.content.decode())
    assert "elle ne dit pas à quelle question elle répond" in text
    assessment.refresh_from_db()
    assert f'name="challenge" value="{assessment.last_challenge_id}"' in text
    assert not assessment.answers.exists()


@pytest.mark.parametrize("bad_id", [*IMPOSSIBLE_IDS.values(), ""])
def test_an_impossible_question_id_in_the_focus_beacon_is_refused_in_french(
        student_client, student, competence, bad_id):
    from learners import services

    assessment = services.competence_evaluation_start(user=student, competence=competence)
    response = student_client.post(reverse("learners:focus_out", args=[assessment.pk]),
                                   {"challenge": bad_id})
    assert response.status_code == 400
    assert response.json()["code"] == "invalid_id"
    assert "identifiant" in response.json()["detail"].lower()
    assessment.refresh_from_db()
    assert assessment.last_question_state != Assessment.QuestionState.FOCUSED_OUT


JSON_BAD_IDS = [2**63, 2**64, 2**31 * -1, -1, 0, 1.5, "abc", "", None, True, [1], {"id": 1}]


@pytest.mark.parametrize("bad_id", JSON_BAD_IDS, ids=[repr(v) for v in JSON_BAD_IDS])
def test_an_impossible_question_id_in_an_api_answer_is_a_400_with_a_french_message(
        student, competence, bad_id):
    from learners import services

    api = APIClient()
    api.force_authenticate(student)
    assessment = services.competence_evaluation_start(user=student, competence=competence)
    api.get(reverse("api:challenge", args=[assessment.pk]))
    response = api.post(reverse("api:answer", args=[assessment.pk]),
                        {"challenge": bad_id, "answer": 1}, format="json")
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid" and "identifiant" in body["detail"].lower()
    assert body["fields"]["challenge"]
    assert not assessment.answers.exists()


@pytest.mark.parametrize("raw, expected", [
    ("1", 1), (" 42 ", 42), (str(2**63 - 1), 2**63 - 1), (7, 7),
    (str(2**63), None), ("0", None), ("-3", None), ("+3", None), ("3.0", None), ("٣", None),
    ("", None), (None, None), (True, None), (2**63, None), (-1, None), ("0x10", None),
])
def test_an_id_is_a_whole_number_from_one_to_the_largest_bigint(raw, expected):
    from learners.ids import parse_id

    assert parse_id(raw) == expected


def test_an_address_with_an_id_is_still_built_and_read_back(student_client, assessment):
    url = reverse("learners:assessment", args=[assessment.pk])
    assert url == f"/tests/{assessment.pk}/"
    assert student_client.get(url).status_code == 200


CODE_ADDRESSES = ["/competences/{}/commencer/", "/competences/{}/remise-a-zero/", "/campagnes/{}/",
                  "/campagnes/{}/eleve/", "/campagnes/{}/commencer/", "/verification/{}/",
                  "/api/competences/{}/commencer/"]


@pytest.mark.parametrize("code", ["%00", "1.1%00", "%1F", "%7F", "1" * 101])
@pytest.mark.parametrize("address", CODE_ADDRESSES)
def test_a_code_with_a_control_character_in_an_address_is_the_404_page(client, address, code):
    """PostgreSQL refuses a NUL in a query: such a code matches no URL instead of failing there."""
    client.force_login(UserFactory())
    for method in (client.get, client.post):
        response = method(address.format(code))
        assert response.status_code == 404
        assert "Page introuvable" in response.content.decode() or address.startswith("/api/")
    assert not Assessment.objects.exists()


@pytest.mark.parametrize("address", CODE_ADDRESSES[:2])
def test_a_code_that_is_no_competence_is_the_404_page(client, address):
    client.force_login(UserFactory())
    for code in ("9.9", "1.1'--", "é", "1" * 100):
        assert client.post(address.format(code)).status_code == 404

