"""Every challenge of the bank, as a student sees it on a 360 px phone, through the admin's
preview (« Voir comme un élève »): no sideways scroll, no serious or critical axe-core
violation, nothing refused by the Content-Security-Policy. One page, one sign-in."""

import os

import pytest

from referentiel.loader.load import load_referentiel
from referentiel.loader.parse import CONTENT_DIR, parse_content
from referentiel.models import Challenge
from tests.e2e.conftest import serious_accessibility_violations
from tests.factories import PASSWORD, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE_WIDTH = 360
# The elements that stick out of the screen, to say what to fix.
WIDE_ELEMENTS = """(width) => Array.from(document.querySelectorAll("main *"))
    .filter((el) => el.getBoundingClientRect().right > width + 1)
    .filter((el) => !Array.from(el.children).some((c) => c.getBoundingClientRect().right > width + 1))
    .slice(0, 3)
    .map((el) => el.tagName.toLowerCase() + "." + Array.from(el.classList).join(".") + " «"
         + (el.textContent || "").trim().slice(0, 40) + "»")"""
# Where to keep a screenshot of the first challenge of each type, with or without code, timed or
# not, to look at them (unset: none).
SCREENSHOTS = os.environ.get("PREVIEW_SCREENSHOTS")


@pytest.fixture
def bank(db):
    load_referentiel(parse_content(CONTENT_DIR))
    return list(Challenge.objects.order_by("skill__competence__code", "slug"))


def test_every_challenge_of_the_bank_fits_a_phone_and_passes_axe_and_the_csp(live_server, bank, phone_page):
    UserFactory(username="redaction", is_staff=True, is_superuser=True)
    page = phone_page
    page.goto(f"{live_server.url}/comptes/login/?next=/admin/")
    page.locator("#id_login").fill("redaction")
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_url("**/admin/")

    too_wide, inaccessible, shot_types = {}, {}, set()
    for challenge in bank:
        response = page.goto(f"{live_server.url}{challenge.get_absolute_url()}")
        assert response.status == 200, challenge.slug
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > PHONE_WIDTH:
            too_wide[challenge.slug] = (width, page.evaluate(WIDE_ELEMENTS, PHONE_WIDTH))
        violations = serious_accessibility_violations(page)
        if violations:
            inaccessible[challenge.slug] = violations
        kind = (challenge.type, page.locator(".challenge-instruction pre").count() > 0,
                challenge.timer is not None)
        if SCREENSHOTS and kind not in shot_types:
            shot_types.add(kind)
            page.screenshot(path=os.path.join(SCREENSHOTS, f"{challenge.slug}.png"), full_page=True)

    assert len(bank) >= 200  # the whole bank, not a sample
    assert not too_wide, "\n".join(f"{slug}: {info}" for slug, info in too_wide.items())
    assert inaccessible == {}
    assert page.csp_violations == []
