"""The service's own pages in Chromium: no CSP violation, nothing for axe-core at any level."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = ["/", "/accessibilite/", "/mentions-legales/", "/donnees-personnelles/",
         "/conditions-d-utilisation/", "/comptes/login/", "/comptes/signup/",
         "/comptes/password/reset/", "/nulle-part/"]


def all_accessibility_violations(page):
    from axe_playwright_python.sync_playwright import Axe

    return [f"{v['id']} ({v['impact']}) — {v['nodes'][0]['target']}"
            for v in Axe().run(page).response["violations"]]


@pytest.mark.parametrize("screen", ["page", "phone_page"])
def test_the_service_pages_pass_the_policy_and_axe_core(live_server, request, screen):
    page = request.getfixturevalue(screen)
    for path in PAGES:
        page.goto(live_server.url + path)
        assert all_accessibility_violations(page) == [], path
        if screen == "phone_page":
            assert page.evaluate("document.documentElement.scrollWidth") <= 360, path
    assert page.csp_violations == []


def test_the_api_documentation_runs_under_the_policy(live_server, page):
    page.goto(f"{live_server.url}/api/docs/")
    page.locator(".swagger-ui .info").wait_for()
    assert page.csp_violations == []


def test_the_phone_header_has_no_empty_band_above_the_service_name(live_server, phone_page):
    phone_page.goto(live_server.url + "/")
    menu = phone_page.get_by_role("button", name="Menu").bounding_box()
    title = phone_page.locator(".fr-header__service-title").bounding_box()
    assert title["y"] < menu["y"] + menu["height"] and menu["y"] < title["y"] + title["height"]
    assert phone_page.locator("header.fr-header").bounding_box()["height"] < 90


def test_a_refused_answer_shows_its_page_with_the_services_fonts(live_server, page, learning_referentiel):
    """The challenge page posts the answer in the background; a page that is not a redirect
    (here an empty answer, the same for an error page) is shown whole, styles and fonts kept."""
    from learners import services
    from tests.factories import PASSWORD, UserFactory

    student = UserFactory()
    assessment = services.competence_evaluation_start(user=student, competence=learning_referentiel)
    page.goto(f"{live_server.url}/comptes/login/")
    page.get_by_label("Adresse e-mail ou identifiant").fill(student.username)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_url("**/profil/")
    # document.write would replace the page in place and lose its fonts: it must not be used.
    page.add_init_script("""const write = Document.prototype.write;
        Document.prototype.write = function () {
            sessionStorage.setItem("document-write", "1"); return write.apply(this, arguments); };""")
    page.goto(f"{live_server.url}/tests/{assessment.pk}/")
    page.get_by_role("button", name="Je valide").click()
    page.locator("#erreur-reponse").wait_for()
    page.evaluate("document.fonts.ready")
    assert page.evaluate("sessionStorage.getItem('document-write')") is None
    assert page.evaluate("document.fonts.check('16px Marianne')")
    assert "Marianne" in page.evaluate("getComputedStyle(document.body).fontFamily")
    assert page.csp_violations == []
