"""Browser tests: Debian's Chromium driven by Playwright, pages checked with axe-core."""

import os
import shutil

import pytest

# Playwright's sync API runs an event loop in the test thread; the test itself only does
# synchronous database work, which Django would otherwise refuse in that situation.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
]


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not os.path.exists(CHROMIUM):
        pytest.fail(f"Chromium est introuvable ({CHROMIUM}) : installez le paquet chromium.")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def watch_csp_violations(page):
    """Collect what the Content-Security-Policy refused, as the browser reports it, in
    ``page.csp_violations`` (the console messages and the securitypolicyviolation events)."""
    page.csp_violations = []
    page.on("console", lambda message: page.csp_violations.append(message.text)
            if "Content Security Policy" in message.text else None)
    page.add_init_script("""document.addEventListener("securitypolicyviolation", function (e) {
        console.error("Content Security Policy violation: " + e.violatedDirective + " "
                      + e.blockedURI + " at " + e.sourceFile + ":" + e.lineNumber);
    });""")
    return page


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="fr-FR", viewport={"width": 1280, "height": 900})
    page = watch_csp_violations(context.new_page())
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture
def phone_page(browser):
    context = browser.new_context(locale="fr-FR", viewport={"width": 360, "height": 740},
                                  is_mobile=True, has_touch=True)
    page = watch_csp_violations(context.new_page())
    page.set_default_timeout(15_000)
    yield page
    context.close()


def serious_accessibility_violations(page):
    """axe-core's serious and critical violations on the current page, as readable lines."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — " + ", ".join(
            str(node["target"]) for node in v["nodes"][:3])
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
