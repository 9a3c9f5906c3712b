"""After the exam day, in Chromium: the whole chain from the finalisation to the public check.

The demo's session that took place this morning (three finished tests, one left after 11
questions) is finalised by its centre; scoring runs (eagerly, on commit); a jury member cancels one
certification in the admin, with a comment, then publishes the session; a student opens "Mes
certifications", downloads the PDF (its text holds the name, the score, the level and the code;
its QR code scans to the verification page of that code); that page, opened from the QR code,
confirms the certificate, and the cancelled one's code is not found. axe-core checks the student's
pages and the verification page (found and not found), desktop and 360 px.
"""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from certif.certificates import global_level
from certif.demo import FINISHED_CANDIDATES, PRO, seed_demo_center, seed_demo_session_to_finalise
from certif.demo import PASSWORD as DEMO_PASSWORD
from certif.insee.loader import load_insee_referential
from certif.models import CertificationResult, JuryAction, JuryActionType, ResultStatus
from tests.certif import exam_support
from tests.certif.pdf_reading import pdf_text, qr_codes, without_spaces
from tests.e2e.conftest import serious_accessibility_violations
from tests.factories import PASSWORD, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# The certifiable bank and its active versions (tests/certif/conftest.py does not reach here).
_fresh_rate_limits = exam_support._fresh_rate_limits
certification_bank = exam_support.certification_bank
version = exam_support.version

(STUDENT, _f, _l, _b, _n), (CANCELLED, _f2, _l2, _b2, _n2), *_others = FINISHED_CANDIDATES


@pytest.fixture
def finished_session(version):
    """The demo's training centre and its session of this morning, to finalise."""
    load_insee_referential()
    seed_demo_center(PRO)
    return seed_demo_session_to_finalise()


def accessible(page):
    assert serious_accessibility_violations(page) == [], page.url
    assert page.csp_violations == [], page.csp_violations


def log_in(page, base_url, username, password, next_url):
    page.goto(f"{base_url}/comptes/login/?next={next_url}")
    page.locator("#id_login").fill(username)
    page.locator("#id_password").fill(password)
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_url(f"**{next_url}")


def test_a_finalised_session_is_scored_judged_published_and_its_certificate_verified(
        live_server, page, phone_page, finished_session, tmp_path):
    base, session = live_server.url, finished_session
    courses = {course.user.username: course for course in session.courses.select_related("user")}

    # The centre finalises: the end screens seen, a reason for the unfinished test.
    log_in(page, base, PRO.admin[0], DEMO_PASSWORD, f"/certif/sessions/{session.pk}/finaliser/")
    for course in courses.values():
        row = page.locator(f"#candidat-{course.pk}")
        if course.assessment.state == "completed":
            row.locator("label", has_text="Écran de fin vu").click()
        else:
            row.get_by_label("Raison de l'abandon").select_option("candidate")
    # Enter in a report's field finalises (here: asks for the confirmation), it adds no row.
    page.get_by_role("button", name=re.compile("^Ajouter un signalement")).first.click()
    numbers = page.locator("input[name$='-question_number']")
    expect(numbers).to_have_count(1)
    numbers.press("Enter")
    expect(page.locator("#erreurs-finalisation")).to_contain_text("Cochez la case de confirmation")
    expect(numbers).to_have_count(1)
    page.locator("label[for=id_confirmed]").click()
    page.get_by_role("button", name="Finaliser la session").click()
    expect(page.locator("main")).to_contain_text(f"La session {session.pk} est finalisée.")

    # Scoring ran on commit: three validated, the test left after 11 questions rejected.
    latest = {username: CertificationResult.objects.filter(course=course).latest("created_at", "pk")
              for username, course in courses.items()}
    assert sorted(result.status for result in latest.values()) == [
        ResultStatus.REJECTED, ResultStatus.VALIDATED, ResultStatus.VALIDATED, ResultStatus.VALIDATED]
    page.context.clear_cookies()

    # A jury member cancels one certification, with a comment, then publishes the session.
    UserFactory(username="jury.pix", is_staff=True, is_superuser=True)
    log_in(page, base, "jury.pix", PASSWORD, f"/admin/certif/certificationcourse/{courses[CANCELLED].pk}/change/")
    page.get_by_role("link", name="Annuler la certification", exact=True).click()
    page.get_by_label("Commentaire (obligatoire)").fill("Fraude constatée au poste voisin : annulée.")
    page.get_by_role("button", name="Confirmer").click()
    expect(page.locator(".messagelist")).to_contain_text("Décision enregistrée. Résultat : annulée.")
    decision = JuryAction.objects.get(course=courses[CANCELLED], action=JuryActionType.CANCEL)
    assert decision.author.username == "jury.pix" and decision.comment.startswith("Fraude constatée")
    page.goto(f"{base}/admin/certif/certificationsession/?jury=a-publier")
    page.locator(f"input.action-select[value='{session.pk}']").check()
    page.locator("select[name=action]").select_option("publish")
    page.locator("button[name=index]").click()
    expect(page.locator(".messagelist")).to_contain_text(f"Sessions publiées : {session.pk}.")
    page.context.clear_cookies()

    # The student sees the certificate and downloads the PDF.
    student = courses[STUDENT]
    result = CertificationResult.objects.filter(course=student).latest("created_at", "pk")
    level, code = global_level(result.reached_mesh_index), student.verification_code
    name = f"{student.first_name} {student.last_name.upper()}"
    log_in(page, base, STUDENT, DEMO_PASSWORD, "/certification/mes-certifications/")
    expect(page.locator("tbody tr")).to_contain_text("Validée")
    accessible(page)
    page.locator("tbody tr").get_by_role("link", name=re.compile("Voir le certificat")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Mon certificat du")
    expect(page.locator(".certificate-score")).to_have_text(str(result.pix_score))
    accessible(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Télécharger mon certificat (PDF)").click()
    content = Path(download.value.path()).read_bytes()
    text = pdf_text(content)
    assert name in text and code in without_spaces(text) and f"{result.pix_score}" in text
    assert str(level.label) in text
    [scanned] = qr_codes(content)
    assert scanned == f"{base}/verification/{code}/"

    # Anyone who scans the QR code reaches the page that confirms the certificate.
    page.context.clear_cookies()
    page.goto(scanned)
    main = page.locator("main")
    expect(main).to_contain_text("Ce certificat est authentique.")
    expect(main.locator(".certificate-facts")).to_contain_text(name)
    expect(main.locator(".certificate-score")).to_have_text(str(result.pix_score))
    expect(main.locator(".certificate-facts")).to_contain_text(str(level.label))
    expect(main.locator(".certificate-facts")).to_contain_text(str(level.description))
    accessible(page)
    # The cancelled certification's code finds nothing, with the one message for every miss.
    page.get_by_label("Code de vérification").fill(courses[CANCELLED].verification_code)
    page.get_by_role("button", name="Vérifier").click()
    expect(main.locator(".fr-alert--error")).to_contain_text("Aucun certificat ne correspond à ce code.")
    assert courses[CANCELLED].user.last_name not in main.inner_text()
    accessible(page)

    # At 360 px: the student's pages, then (signed out) the verification page, found and not found.
    phone = phone_page
    log_in(phone, base, STUDENT, DEMO_PASSWORD, "/certification/mes-certifications/")
    student_pages = ["/certification/mes-certifications/", f"/certification/mes-certifications/{student.pk}/"]
    public_pages = [f"/verification/{code}/", f"/verification/{courses[CANCELLED].verification_code}/"]
    for path in student_pages + public_pages:
        if path == public_pages[0]:
            phone.context.clear_cookies()
        phone.goto(base + path)
        accessible(phone)
        assert phone.evaluate("document.documentElement.scrollWidth") <= 360, path
    expect(phone.locator("main .fr-alert--error")).to_contain_text("Aucun certificat ne correspond")
