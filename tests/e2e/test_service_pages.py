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
