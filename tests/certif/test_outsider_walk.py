"""Every URL of /certif/, walked by a member of another centre (404) and by a visitor (login)."""

import pytest
from django.urls import reverse

from certif import urls as certif_urls
from certif.models import LiveAlert, SessionImport
from referentiel.models import Challenge
from tests.certif.factories import CandidateFactory, CourseFactory, SessionFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

# Pages without an object in their address: an outsider sees their own centre there, never ours.
CENTRE_PAGES = {"home", "no_access", "accept_terms", "choose_center", "team", "sessions", "create_session",
                "commune_options", "import", "import_template"}
PUBLIC_PAGES = {"terms", "invigilator_login"}
# The invigilator's pages: no account, the session's password opened in this browser; else 404.
INVIGILATOR_PAGES = {"invigilation", "invigilation_authorize", "invigilation_cancel_authorization",
                     "invigilation_end_test", "invigilation_dismiss_alert", "invigilation_validate_alert"}


@pytest.fixture
def ours(center, admin, competence):
    session = SessionFactory(center=center, room="Salle Secrète")
    candidate = CandidateFactory(session=session, last_name="Confidentiel")
    session_import = SessionImport.objects.create(center=center, created_by=admin, file_name="nos-sessions.csv")
    course = CourseFactory(candidate=CandidateFactory(session=session, last_name="Secret", user=UserFactory()))
    alert = LiveAlert.objects.create(course=course, challenge=Challenge.objects.first(), question_number=1)
    return {"session_id": session.pk, "candidate_id": candidate.pk, "import_id": session_import.pk,
            "alert_id": alert.pk}


def walk(ours):
    for pattern in certif_urls.urlpatterns:
        kwargs = {key: ours[key] for key in pattern.pattern.converters}
        yield pattern.name, reverse(f"certif:{pattern.name}", kwargs=kwargs), kwargs


def test_the_walk_knows_every_url_of_certif(ours):
    object_pages = {name for name, _, kwargs in walk(ours) if kwargs} | {"sessions_archive"}
    assert {p.name for p in certif_urls.urlpatterns} == object_pages | CENTRE_PAGES | PUBLIC_PAGES


def test_a_member_of_another_centre_gets_404_on_everything_of_ours(outsider_client, ours):
    for name, url, kwargs in walk(ours):
        if kwargs:
            assert outsider_client.get(url).status_code == 404, name
            assert outsider_client.post(url, {}).status_code == 404, name
    archive = reverse("certif:sessions_archive")
    assert outsider_client.get(archive, {"sessions": ours["session_id"]}).status_code == 404
    assert outsider_client.get(archive, {"sessions": "9" * 30}).status_code == 404


def test_what_an_outsider_sees_without_an_address_is_their_own_centre(outsider_client, ours, admin):
    for name, url, _ in walk(ours):
        if name in CENTRE_PAGES | PUBLIC_PAGES:
            response = outsider_client.get(url, follow=True)
            page = response.content.decode()
            assert response.status_code == 200, name
            assert "Salle Secrète" not in page and "Confidentiel" not in page, name
            assert admin.last_name not in page and "nos-sessions.csv" not in page, name


def test_a_visitor_is_sent_to_login_from_every_page_but_the_terms(client, ours):
    for name, url, _ in walk(ours):
        response = client.get(url)
        if name in PUBLIC_PAGES:
            assert response.status_code == 200
        elif name in INVIGILATOR_PAGES:
            assert response.status_code == 404, name
            assert client.post(url, {}).status_code == 404, name
        else:
            assert response.status_code == 302 and response.url.startswith("/comptes/login/"), name


def test_forged_and_oversized_ids_are_404(admin_client, ours):
    for url in ("/certif/sessions/99999999999999999999999/", "/certif/sessions/-1/",
                "/certif/sessions/999999999/", "/certif/import/not-a-uuid/",
                f"/certif/sessions/{ours['session_id']}/candidats/999999/retirer/"):
        assert admin_client.get(url).status_code == 404, url


def test_the_invigilator_password_is_shown_to_members_only(admin_client, outsider_client, ours, session):
    from certif.models import CertificationSession
    password = CertificationSession.objects.get(pk=ours["session_id"]).invigilator_password
    url = reverse("certif:session", args=[ours["session_id"]])
    assert password in admin_client.get(url).content.decode()
    assert password not in outsider_client.get(url).content.decode()
