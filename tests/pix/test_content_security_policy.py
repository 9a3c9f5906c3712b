"""The Content-Security-Policy: sent with every page, and no template relies on what it refuses."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

pytestmark = pytest.mark.django_db

TEMPLATES = Path(settings.BASE_DIR) / "templates"
INLINE_STYLE = re.compile(r"\sstyle\s*=", re.IGNORECASE)
EVENT_HANDLER = re.compile(r"\son[a-z]+\s*=", re.IGNORECASE)
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
STYLE_ELEMENT = re.compile(r"<style(?![^>]*\bnonce=)[^>]*>", re.IGNORECASE)


def test_every_page_gets_a_policy_without_unsafe_inline(client):
    for url in (reverse("home"), reverse("account_login"), "/nulle-part/", reverse("api-docs")):
        policy = client.get(url)["Content-Security-Policy"]
        assert "default-src 'self'" in policy and "script-src 'self'" in policy
        assert "unsafe-inline" not in policy and "unsafe-eval" not in policy


# Templates under a `pdf` folder are laid out by WeasyPrint on the server, never sent to a browser:
# the policy does not apply to them (their styles are inline by nature).
WEB_TEMPLATES = sorted(p for p in TEMPLATES.rglob("*.html") if "pdf" not in p.relative_to(TEMPLATES).parts)


@pytest.mark.parametrize("path", WEB_TEMPLATES, ids=lambda p: str(p.relative_to(TEMPLATES)))
def test_no_template_has_an_inline_script_style_or_event_handler(path):
    text = path.read_text(encoding="utf-8")
    assert not INLINE_STYLE.search(text), "attribut style"
    assert not EVENT_HANDLER.search(text), "gestionnaire d'événement en ligne"
    assert not INLINE_SCRIPT.search(text), "script en ligne"
    assert not STYLE_ELEMENT.search(text), "élément <style> sans nonce"


def test_the_areas_colours_come_in_a_style_element_carrying_the_pages_nonce(client, learning_referentiel):
    response = client.get(reverse("competences"))
    nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)
    body = response.content.decode()
    assert f'<style nonce="{nonce}">' in body and ".area-color-1{--area-color:#" in body


def test_a_page_without_a_nonce_gets_the_header_django_csp_would_build(client):
    from csp.utils import build_policy

    for _ in range(2):  # built with the first response, then reused
        policy = client.get(reverse("account_login"))["Content-Security-Policy"]
        assert policy == build_policy() and "nonce-" not in policy
    assert "Content-Security-Policy-Report-Only" not in client.get(reverse("home"))


def test_a_page_that_uses_the_nonce_gets_its_own_after_pages_that_did_not(client, learning_referentiel):
    client.get(reverse("account_login"))
    nonces = set()
    for _ in range(2):
        response = client.get(reverse("competences"))
        nonce = re.search(r"'nonce-([^']+)'", response["Content-Security-Policy"]).group(1)
        assert f'<style nonce="{nonce}">' in response.content.decode()
        nonces.add(nonce)
    assert len(nonces) == 2


def test_a_changed_policy_is_sent_at_once(client, settings):
    client.get(reverse("account_login"))
    settings.CONTENT_SECURITY_POLICY = {"DIRECTIVES": {"default-src": ["'self'"], "img-src": ["https:"]}}
    policy = client.get(reverse("account_login"))["Content-Security-Policy"]
    assert set(policy.split("; ")) == {"default-src 'self'", "img-src https:"}
    settings.CONTENT_SECURITY_POLICY_REPORT_ONLY = {"DIRECTIVES": {"default-src": ["'none'"]}}
    response = client.get(reverse("account_login"))
    assert response["Content-Security-Policy-Report-Only"] == "default-src 'none'"


def test_a_view_that_changes_its_policy_keeps_its_change(rf):
    from csp.constants import HEADER
    from django.http import HttpResponse

    from pix.middleware import ContentSecurityPolicyMiddleware

    middleware = ContentSecurityPolicyMiddleware(lambda request: HttpResponse())
    request = rf.get("/")
    middleware.process_request(request)
    response = HttpResponse()
    response._csp_update = {"img-src": ["https://exemple.fr"]}
    assert "https://exemple.fr" in middleware.process_response(request, response)[HEADER]
    exempt = HttpResponse()
    exempt._csp_exempt = True
    request = rf.get("/")
    middleware.process_request(request)
    assert HEADER not in middleware.process_response(request, exempt)
