"""In English, the referentiel's names are translated and a French question says it is in French."""

import pytest
from django.urls import reverse
from django.utils import translation

from learners.models import User
from referentiel.models import Area, Competence

pytestmark = pytest.mark.django_db


@pytest.fixture
def english_student(student):
    User.objects.filter(pk=student.pk).update(language="en")
    student.refresh_from_db()
    return student


def test_the_competences_page_in_english_shows_the_english_names(client, learning_referentiel):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    body = client.get(reverse("competences")).content.decode().replace("&#x27;", "'")
    assert "Searching for and monitoring information" in body
    assert "Information and data" in body
    assert "Mener une recherche" not in body


def test_the_profile_in_english_names_the_competences_in_english(client, english_student, learning_referentiel):
    client.force_login(english_student)
    body = client.get(reverse("learners:profile")).content.decode()
    assert "Protecting personal data and privacy" in body


def test_a_french_question_says_it_is_in_french_when_the_interface_is_english(client, english_student, assessment):
    client.force_login(english_student)
    body = client.get(reverse("learners:assessment", args=[assessment.pk])).content.decode()
    assert "This question is in French." in body
    assert 'id="consigne" lang="fr"' in body


def test_a_french_question_in_the_french_interface_needs_no_notice(student_client, assessment):
    body = student_client.get(reverse("learners:assessment", args=[assessment.pk])).content.decode()
    assert "challenge-language" not in body


def test_the_french_stays_in_the_database_and_the_forms(learning_referentiel):
    from django.forms.models import model_to_dict

    competence = Competence.objects.get(code="4.2")
    with translation.override("en"):
        assert competence.name == "Protecting personal data and privacy"
        assert model_to_dict(competence)["name_fr"] == "Protéger les données personnelles et la vie privée"
        assert Competence.objects.filter(name_fr__startswith="Protéger les données").exists()
        assert str(Area.objects.get(code="1")) == "1. Information and data"


def test_an_untranslated_name_falls_back_to_the_french(learning_referentiel):
    Competence.objects.filter(code="1.1").update(name_en="")
    with translation.override("en"):
        assert Competence.objects.get(code="1.1").name == "Mener une recherche et une veille d'information"
