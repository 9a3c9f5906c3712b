"""The day of the exam in Chromium: the room (one browser per candidate) and the invigilator.

Three candidates join and wait; the invigilator authorises them; one answers the 32 questions,
one is ended by the invigilator after 25, one raises an alert that the invigilator validates and
gets another question, then closes the tab and resumes only after a new authorisation. The
invigilator's page shows each one's status at each step (refreshed by itself). Then the centre
finalises the session (a first try with problems, then the corrections) and the invigilator's
page closes. axe-core checks the candidate's, the invigilator's and the finalisation pages.
"""

import pytest
from playwright.sync_api import expect

from certif.models import CertificationCourse
from tests.certif import exam_support
from tests.certif.exam_support import enrolled
from tests.certif.factories import MembershipFactory, TermsFactory
from tests.e2e.conftest import serious_accessibility_violations, watch_csp_violations
from tests.factories import PASSWORD, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
POLL = 12_000

# The exam day's fixtures (tests/certif/conftest.py does not reach this folder).
_fresh_rate_limits = exam_support._fresh_rate_limits
certification_bank = exam_support.certification_bank
version = exam_support.version
exam_session = exam_support.exam_session  # the invigilator's list refreshes every 5 s


def new_page(browser, *, phone=False):
    options = ({"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True}
               if phone else {"viewport": {"width": 1280, "height": 900}})
    page = watch_csp_violations(browser.new_context(locale="fr-FR", **options).new_page())
    page.set_default_timeout(15_000)
    return page


def accessible(page):
    assert serious_accessibility_violations(page) == [], page.url
    assert page.csp_violations == [], page.csp_violations


def log_in(page, base_url, username):
    page.goto(f"{base_url}/comptes/login/?next=/certification/")
    page.locator("#id_login").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()


def join(page, session, candidate, *, check=False):
    page.get_by_label("Numéro de session").fill(str(session.pk))
    page.get_by_label("Prénom").fill(candidate.first_name.lower())
    page.get_by_label("Nom de naissance").fill(candidate.last_name.upper())
    page.get_by_label("Date de naissance").fill(candidate.birthdate.isoformat())
    if check:
        accessible(page)
    page.get_by_role("button", name="Rejoindre la session").click()
    for step in range(1, 5):
        expect(page.locator(".fr-stepper__state")).to_have_text(f"Étape {step} sur 5")
        if check and step == 1:
            accessible(page)
        page.get_by_role("link", name="Étape suivante").click()
    page.locator("label[for=id_confirmed]").click()  # the DSFR draws the box on the label
    page.get_by_role("button", name="Continuer").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Commencer ton test de certification")


def enter_code(page, session, button="Commencer le test"):
    page.get_by_label("Code d'accès de la session").fill(session.access_code)
    page.get_by_role("button", name=button).click()


def answer(page, count):
    """Answer `count` questions through the page's form (the first proposal, « Je valide »)."""
    for _ in range(count):
        heading = page.get_by_role("heading", level=1).inner_text()
        page.locator("label[for=proposition-1]").click()
        page.get_by_role("button", name="Je valide").click()
        expect(page.get_by_role("heading", level=1)).not_to_have_text(heading)


def status(invigilator, candidate):
    return invigilator.locator(f"#candidat-{candidate.pk} .candidate-status")


def test_the_room_and_the_invigilator_go_through_the_exam(live_server, browser, exam_session):
    base = live_server.url
    people = []
    for first_name, last_name in (("Alice", "Bernard"), ("Basile", "Chevalier"), ("Chloé", "Dumas")):
        candidate = enrolled(exam_session, first_name=first_name, last_name=last_name)
        user = UserFactory(username=f"{first_name.lower()}.{last_name.lower()}", first_name=first_name,
                           last_name=last_name)
        people.append((candidate, user))
    (alice, alice_user), (basile, basile_user), (chloe, chloe_user) = people

    # The invigilator opens the session's page with its number and password.
    invigilator = new_page(browser)
    invigilator.goto(f"{base}/certif/surveillance/")
    accessible(invigilator)
    invigilator.get_by_label("Numéro de session").fill(str(exam_session.pk))
    invigilator.get_by_label("Mot de passe surveillant").fill(exam_session.invigilator_password)
    invigilator.get_by_role("button", name="Surveiller la session").click()
    for candidate, _user in people:
        expect(status(invigilator, candidate)).to_have_text("Pas encore arrivé")
    accessible(invigilator)

    # The room: each candidate joins, reads the instructions and types the code too early.
    rooms = {}
    for (candidate, user), check in zip(people, (True, False, False), strict=True):
        room = new_page(browser)
        log_in(room, base, user.username)
        join(room, exam_session, candidate, check=check)
        if check:
            accessible(room)
        enter_code(room, exam_session)
        expect(room.locator(".fr-error-text")).to_contain_text("attends son autorisation")
        rooms[candidate.pk] = room
    for candidate, _user in people:
        expect(status(invigilator, candidate)).to_have_text("Attend votre autorisation", timeout=POLL)

    # The invigilator authorises them; they start.
    for candidate, _user in people:
        invigilator.locator(f"#candidat-{candidate.pk}").get_by_role("button", name="Autoriser à commencer").click()
        expect(status(invigilator, candidate)).to_have_text("Autorisé : peut saisir le code d'accès")
    for candidate, _user in people:
        enter_code(rooms[candidate.pk], exam_session)
        expect(rooms[candidate.pk].get_by_role("heading", level=1)).to_have_text("Question 1 / 32")
    accessible(rooms[alice.pk])
    for candidate, _user in people:
        expect(status(invigilator, candidate)).to_have_text("En test", timeout=POLL)

    # Alice answers the 32 questions and sees the end screen.
    answer(rooms[alice.pk], 32)
    expect(rooms[alice.pk].get_by_role("heading", level=1)).to_have_text("Ton test de certification est terminé")
    accessible(rooms[alice.pk])
    expect(status(invigilator, alice)).to_have_text("Test terminé", timeout=POLL)

    # Basile answers 25; the invigilator ends his test, after a confirmation.
    answer(rooms[basile.pk], 25)
    expect(invigilator.locator(f"#candidat-{basile.pk}")).to_contain_text("Question 26 / 32", timeout=POLL)
    invigilator.locator(f"#candidat-{basile.pk}").get_by_role("link", name="Terminer le test").click()
    accessible(invigilator)
    invigilator.get_by_role("button", name="Oui, terminer son test").click()
    expect(status(invigilator, basile)).to_have_text("Test arrêté par le surveillant")
    rooms[basile.pk].reload()
    expect(rooms[basile.pk].locator("main")).to_contain_text("Le surveillant a mis fin à ton test")

    # Chloé signals a problem; the invigilator validates it; she gets another question.
    room = rooms[chloe.pk]
    answer(room, 3)
    question = room.locator("#consigne").inner_text()
    room.get_by_role("button", name="Signaler un problème").click()
    expect(room.locator("#etat-signalement")).to_contain_text("attend le surveillant")
    expect(status(invigilator, chloe)).to_have_text("Signalement à traiter", timeout=POLL)
    card = invigilator.locator(f"#candidat-{chloe.pk}")
    card.get_by_label("Problème constaté").select_option("IMAGE_NOT_DISPLAYING")
    card.get_by_role("button", name="Valider le signalement").click()
    expect(status(invigilator, chloe)).to_have_text("En test")
    room.reload()
    expect(room.get_by_role("heading", level=1)).to_have_text("Question 4 / 32")
    assert room.locator("#consigne").inner_text() != question
    replacement = room.locator("#consigne").inner_text()

    # She closes the tab: coming back needs a new authorisation, then the same question.
    context = room.context
    room.close()
    room = watch_csp_violations(context.new_page())
    room.goto(f"{base}/certification/")
    join_again = room.get_by_label("Numéro de session")
    join_again.fill(str(exam_session.pk))
    room.get_by_label("Prénom").fill(chloe.first_name)
    room.get_by_label("Nom de naissance").fill(chloe.last_name)
    room.get_by_label("Date de naissance").fill(chloe.birthdate.isoformat())
    room.get_by_role("button", name="Rejoindre la session").click()
    expect(room.get_by_role("heading", level=1)).to_have_text("Reprendre ton test de certification")
    enter_code(room, exam_session, button="Reprendre le test")
    expect(room.locator(".fr-error-text")).to_contain_text("t'y autoriser de nouveau")
    expect(status(invigilator, chloe)).to_have_text("Attend votre autorisation", timeout=POLL)
    card.get_by_role("button", name="Autoriser à reprendre").click()
    expect(status(invigilator, chloe)).to_have_text("Autorisé : peut saisir le code d'accès")
    enter_code(room, exam_session, button="Reprendre le test")
    expect(room.get_by_role("heading", level=1)).to_have_text("Question 4 / 32")
    assert room.locator("#consigne").inner_text() == replacement
    expect(status(invigilator, chloe)).to_have_text("En test", timeout=POLL)
    assert CertificationCourse.objects.filter(session=exam_session).count() == 3

    # At 360 px: the candidate's question and the invigilator's list.
    phone_room = new_page(browser, phone=True)
    log_in(phone_room, base, chloe_user.username)
    phone_room.goto(f"{base}/certification/candidats/{chloe.pk}/code-d-acces/")
    accessible(phone_room)
    course = CertificationCourse.objects.get(candidate=chloe)
    phone_room.goto(f"{base}/tests/{course.assessment_id}/")
    expect(phone_room.get_by_role("heading", level=1)).to_have_text("Question 4 / 32")
    accessible(phone_room)
    phone_invigilator = new_page(browser, phone=True)
    phone_invigilator.goto(f"{base}/certif/surveillance/")
    phone_invigilator.get_by_label("Numéro de session").fill(str(exam_session.pk))
    phone_invigilator.get_by_label("Mot de passe surveillant").fill(exam_session.invigilator_password)
    phone_invigilator.get_by_role("button", name="Surveiller la session").click()
    expect(status(phone_invigilator, chloe)).to_have_text("En test")
    accessible(phone_invigilator)
    assert phone_invigilator.evaluate("document.documentElement.scrollWidth") <= 360

    # The centre finalises: reasons for the two unfinished tests, a report for Chloé.
    centre = new_page(browser)
    member = UserFactory(username="centre.admin", first_name="Claire", last_name="Lemaire")
    MembershipFactory(center=exam_session.center, user=member)
    TermsFactory(user=member)
    centre.goto(f"{base}/comptes/login/?next=/certif/sessions/{exam_session.pk}/")
    centre.locator("#id_login").fill(member.username)
    centre.locator("#id_password").fill(PASSWORD)
    centre.get_by_role("button", name="Se connecter").click()
    centre.get_by_role("link", name="Finaliser la session").click()
    expect(centre.get_by_role("heading", level=1)).to_have_text(f"Finaliser la session {exam_session.pk}")
    courses = {c.candidate_id: c for c in CertificationCourse.objects.filter(session=exam_session)}
    rows = {candidate.pk: centre.locator(f"#candidat-{courses[candidate.pk].pk}") for candidate, _u in people}
    expect(rows[alice.pk]).to_contain_text("Test terminé")
    expect(rows[basile.pk]).to_contain_text("Test non terminé (arrêté par le surveillant)")
    rows[alice.pk].locator("label", has_text="Écran de fin vu").click()
    rows[basile.pk].get_by_label("Raison de l'abandon").select_option("candidate")
    rows[chloe.pk].get_by_label("Commentaire du surveillant").fill("Signalement validé pendant le test.")
    rows[chloe.pk].get_by_role("button", name="Ajouter un signalement pour Chloé Dumas").click()
    report = centre.locator(f"#reports-{courses[chloe.pk].pk}-0")
    expect(report.get_by_label("Catégorie")).to_be_focused()
    expect(rows[chloe.pk].get_by_label("Commentaire du surveillant")).to_have_value(
        "Signalement validé pendant le test.")
    report.get_by_label("Catégorie").select_option("NON_BLOCKING_TECHNICAL_ISSUE")
    centre.locator("label[for=id_confirmed]").click()
    centre.get_by_role("button", name="Finaliser la session").click()
    alert = centre.locator("#erreurs-finalisation")
    expect(alert).to_contain_text("indiquez-la pour Chloé Dumas")
    expect(alert).to_contain_text("Signalement pour Chloé Dumas : décrivez ce qui s'est passé.")
    accessible(centre)
    rows[chloe.pk].get_by_label("Raison de l'abandon").select_option("technical")
    report.get_by_label("Description").fill("Le poste a redémarré pendant la question 5.")
    expect(centre.locator("#id_confirmed")).to_be_checked()  # kept, like everything typed
    centre.get_by_role("button", name="Finaliser la session").click()
    expect(centre.locator("main")).to_contain_text(f"La session {exam_session.pk} est finalisée.")
    expect(centre.locator("main")).to_contain_text("Le poste a redémarré pendant la question 5.")
    accessible(centre)
    assert CertificationCourse.objects.get(candidate=chloe).assessment.state == "ended_due_to_finalization"
    # The invigilator's page, polling, leaves for the login: the session is closed.
    expect(invigilator).to_have_url(f"{base}/certif/surveillance/", timeout=POLL)
    for page in (invigilator, phone_room, phone_invigilator, centre, *rooms.values()):
        if not page.is_closed():
            page.context.close()
