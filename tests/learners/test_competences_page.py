import pytest
from django.urls import reverse

from referentiel.loader.load import load_referentiel
from referentiel.loader.parse import parse_content

pytestmark = pytest.mark.django_db


@pytest.fixture
def referentiel(content_dir):
    load_referentiel(parse_content(content_dir))


def test_the_competences_page_lists_the_16_competences_under_their_5_domains(client, referentiel):
    response = client.get(reverse("competences"))
    assert response.status_code == 200
    page = response.content.decode()
    assert page.count('class="area__title"') == 5
    assert page.count('class="fr-card__title"') == 16
    assert "4.2 Protéger les données personnelles et la vie privée" in page.replace("&#x27;", "'")
    assert page.index("1. Information et données") < page.index("1.3 Traiter des données")


def test_the_interface_speaks_french_by_default(client, referentiel):
    page = client.get(reverse("competences")).content.decode()
    assert '<html lang="fr"' in page
    assert "Les 16 compétences numériques" in page


def test_a_visitor_can_switch_to_english(client, referentiel):
    client.post(reverse("set_language"), {"language": "en", "next": "/competences/"})
    page = client.get(reverse("competences")).content.decode()
    assert '<html lang="en"' in page
    assert "The 16 digital competences" in page
