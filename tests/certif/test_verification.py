"""The public verification page: a code in, the essentials out; nothing to harvest."""

import html
import random
import re

import pytest
from django.core.cache import cache
from django.urls import reverse

from certif.certificates import GLOBAL_LEVELS
from certif.constants import VERIFICATION_CODE_ALPHABET
from certif.models import CertificationResult, ResultStatus
from certif.views.verification import not_found_message
from tests.certif.factories import CourseFactory, SessionFactory
from tests.certif.results import published_course, write_result

pytestmark = pytest.mark.django_db

VERIFY = reverse("certificates:verify")


@pytest.fixture(autouse=True)
def _fresh_counters():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def course():
    return published_course(capacity=2.0, candidate__first_name="Lou", candidate__last_name="Durand")


def verify(client, code, **headers):
    return client.post(VERIFY, {"code": code}, **headers)


def test_the_page_asks_for_a_code_without_signing_in(client):
    response = client.get(VERIFY)

    assert response.status_code == 200
    assert "Code de vérification" in response.content.decode()


def test_a_valid_code_shows_name_date_score_and_level(client, course):
    response = verify(client, course.verification_code)

    page = response.content.decode()
    assert response.status_code == 200
    assert "Ce certificat est authentique." in page
    assert "Lou DURAND" in page
    assert course.session.date.strftime("%d/%m/%Y") in page
    assert "469" in page and "Indépendant 4" in page


def test_the_shareable_address_shows_the_certificate_too(client, course):
    response = client.get(reverse("certificates:verify_code", args=[course.verification_code]))

    assert response.status_code == 200
    assert "Lou DURAND" in response.content.decode()


def test_the_birthdate_and_birthplace_stay_private(client, course):
    page = verify(client, course.verification_code).content.decode()

    assert "17/05/2009" not in page and "Paris 15e" not in page


# The words by which the learner pages speak to a student; a member of the public is "vous".
TUTOIEMENT = re.compile(r"\b(tu|te|toi|ton|ta|tes|t['’])(?=\W)", re.IGNORECASE)


def main_text(response) -> str:
    """What the page's <main> says, tags left out."""
    main = re.search(r"<main\b.*?</main>", response.content.decode(), re.DOTALL).group(0)
    return html.unescape(re.sub(r"<[^>]+>", " ", main))


@pytest.mark.parametrize("mesh_index", sorted(GLOBAL_LEVELS))
def test_the_certificate_shown_to_the_public_speaks_of_its_holder_never_says_tu(client, course,
                                                                                mesh_index):
    CertificationResult.objects.filter(course=course).update(reached_mesh_index=mesh_index)

    text = main_text(verify(client, course.verification_code))

    assert str(GLOBAL_LEVELS[mesh_index].description) in text
    assert TUTOIEMENT.findall(text) == []


def test_the_form_and_the_not_found_answer_say_vous_too(client):
    for response in (client.get(VERIFY), verify(client, "P-2346789B"), verify(client, "")):
        text = main_text(response)
        assert TUTOIEMENT.findall(text) == [], text
        assert re.search(r"\b(Saisissez|Vérifiez)\b", text)


@pytest.mark.parametrize("code", ["P-ABC", "n'importe quoi", "P-22222222", "<script>", "P-" + "B" * 300])
def test_a_malformed_code_and_an_absent_one_get_the_same_message_and_status(client, code):
    absent = verify(client, "P-2346789B")
    malformed = verify(client, code)

    assert absent.status_code == malformed.status_code == 404
    assert not_found_message() in absent.content.decode()
    assert not_found_message() in malformed.content.decode()


def code_input(response):
    return re.search(r'<input class="fr-input[^>]*name="code"[^>]*>', response.content.decode()).group(0)


def test_a_code_that_matches_nothing_marks_the_field_in_error_and_links_it_to_the_message(client):
    refused = verify(client, "P-2346789B")
    typed = code_input(refused)

    assert "fr-input--error" in typed and 'aria-invalid="true"' in typed
    assert re.search(r'aria-describedby="[^"]*\bverification-erreur\b', typed)
    assert re.search(r'id="verification-erreur"[^>]*>\s*<p>' + re.escape(html.escape(not_found_message())),
                     refused.content.decode())
    assert 'value="P-2346789B"' in typed  # kept, to be corrected
    assert "aria-invalid" not in code_input(client.get(VERIFY))


def test_an_unpublished_rejected_or_cancelled_course_is_not_found_either(client):
    unpublished = CourseFactory(candidate__session=SessionFactory())
    write_result(unpublished, capacity=2.0)
    rejected = published_course(status=ResultStatus.REJECTED, capacity=-5)
    cancelled = published_course(status=ResultStatus.CANCELLED)

    for course in (unpublished, rejected, cancelled):
        response = verify(client, course.verification_code)
        assert response.status_code == 404
        assert not_found_message() in response.content.decode()


def test_an_empty_code_asks_for_one(client):
    response = verify(client, "  ")

    assert response.status_code == 400
    assert "Saisissez le code de vérification" in response.content.decode()
    assert 'aria-invalid="true"' in code_input(response)


def test_a_thousand_random_codes_find_nothing_and_all_get_the_same_message(client, course, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS,
                                    "verify_certificate": "100000/m/key",
                                    "verify_certificate_prefix": "100000/m/key"}
    draw = random.Random(15)
    bodies = set()
    for _ in range(1000):
        code = "P-" + "".join(draw.sample(VERIFICATION_CODE_ALPHABET, 8))
        if code == course.verification_code:
            continue
        response = verify(client, code)
        assert response.status_code == 404
        body = response.content.decode().replace(code, "CODE")
        bodies.add(re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", body))

    assert len(bodies) == 1
    assert not_found_message() in bodies.pop()


def test_after_the_limit_a_client_is_told_to_try_again_later_with_429(client, course):
    for i in range(20):
        code = "P-" + VERIFICATION_CODE_ALPHABET[i:i + 3] + "BCDFG"
        assert verify(client, code).status_code in (404, 429)

    response = verify(client, course.verification_code)

    assert response.status_code == 429
    assert "Réessayez plus tard" in response.content.decode()
    assert int(response["Retry-After"]) > 0


def test_retrying_variations_of_one_code_prefix_is_limited_sooner(client):
    statuses = [verify(client, f"P-234{tail}").status_code
                for tail in ("6789B", "6789C", "6789D", "6789F", "6789G", "6789H")]

    assert statuses[:5] == [404] * 5
    assert statuses[5] == 429


def test_another_client_on_the_same_address_is_not_blocked(client, course):
    for tail in ("6789B", "6789C", "6789D", "6789F", "6789G", "6789H"):
        verify(client, f"P-234{tail}", HTTP_USER_AGENT="Navigateur A")

    response = verify(client, course.verification_code, HTTP_USER_AGENT="Navigateur B")

    assert response.status_code == 200


def test_the_shareable_address_counts_against_the_same_limit(client):
    for tail in ("6789B", "6789C", "6789D", "6789F", "6789G"):
        client.get(reverse("certificates:verify_code", args=[f"P-234{tail}"]))

    response = client.get(reverse("certificates:verify_code", args=["P-2346789H"]))

    assert response.status_code == 429
