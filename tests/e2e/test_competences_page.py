import pytest

from referentiel.loader.load import load_referentiel
from tests.e2e.conftest import serious_accessibility_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_competences_page_shows_16_competences_without_serious_accessibility_issue(
        live_server, page):
    load_referentiel()
    page.goto(f"{live_server.url}/competences/")
    assert page.locator("h2.area__title").count() == 5
    assert page.locator("h3.fr-card__title").count() == 16
    assert serious_accessibility_violations(page) == []


def test_the_competences_page_is_usable_on_a_360px_phone(live_server, phone_page):
    load_referentiel()
    phone_page.goto(f"{live_server.url}/competences/")
    assert phone_page.locator("h3.fr-card__title").count() == 16
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360
    assert serious_accessibility_violations(phone_page) == []
