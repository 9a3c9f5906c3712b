"""Every page, file and endpoint of an organisation answers 404 to a member of another one, and
sends an anonymous visitor to the login page."""

import pytest
from django.urls import reverse

from orga import services
from orga.models import LearnerImport
from orga.urls import urlpatterns
from tests.factories import UserFactory
from tests.orga.factories import LearnerFactory

pytestmark = pytest.mark.django_db

ORGANIZATION_PATTERNS = [p for p in urlpatterns if "organization_id" in p.pattern.converters]


@pytest.fixture
def school_objects(school, teacher, member_membership, client, pupil):
    learner = LearnerFactory(organization=school)
    job = LearnerImport.objects.create(organization=school, filename="e.xml", format="siecle_xml")
    invitation = services.invitation_create(organization=school, email="x@college.fr", notify=False)
    client.force_login(teacher)
    generated = client.post(reverse("orga:generate_accounts", args=[school.pk]), {"learner": [learner.pk]})
    client.logout()
    campaign = services.campaign_create(organization=school, creator=teacher, type="PROFILES_COLLECTION",
                                        name="Collecte")
    participation = services.participation_start(campaign=campaign, user=pupil)
    return {"organization_id": school.pk, "campaign_id": campaign.pk, "participation_id": participation.pk, "learner_id": learner.pk, "import_id": job.pk,
            "membership_id": member_membership.pk, "invitation_id": invitation.pk,
            "token": generated.url.rstrip("/").rsplit("/", 1)[-1], "format": "siecle_csv"}


def urls(objects):
    for pattern in ORGANIZATION_PATTERNS:
        missing = set(pattern.pattern.converters) - set(objects)
        assert not missing, f"{pattern.name}: no test value for {missing}"
        yield pattern.name, reverse(f"orga:{pattern.name}",
                                    kwargs={name: objects[name] for name in pattern.pattern.converters})


def test_the_walk_covers_every_page_of_an_organisation():
    assert {p.name for p in ORGANIZATION_PATTERNS} >= {
        "learners", "learner", "detach_account", "generate_accounts", "reset_passwords", "credentials",
        "credentials_pdf", "credentials_csv", "import", "import_status", "team", "invite",
        "cancel_invitation", "change_role", "remove_member", "import_template", "campaigns",
        "campaign_create", "campaign", "campaign_archive", "campaign_unarchive", "campaign_export",
        "campaign_edit", "campaign_owner", "participant", "learners_export"}


def test_a_member_of_another_organisation_gets_404_everywhere(client, outsider_membership, school_objects):
    client.force_login(outsider_membership.user)
    for name, url in urls(school_objects):
        for method in (client.get, client.post):
            response = method(url, headers={"HX-Request": "true"} if name in ("import_status", "campaign") else {})
            assert response.status_code == 404, (name, method.__name__, response.status_code)


def test_a_student_even_one_of_the_school_gets_404_everywhere(client, school_objects, school):
    other_student = LearnerFactory(organization=school, user=UserFactory(), first_name="Léa").user
    for student in (other_student, school.learners.get(first_name="Zoé").user):
        services.terms_accept(user=student)
        client.force_login(student)
        for name, url in urls(school_objects):
            for method in (client.get, client.post):
                response = method(url, headers={"HX-Request": "true"} if name in ("import_status", "campaign") else {})
                assert response.status_code == 404, (name, method.__name__, response.status_code)


def test_the_outsiders_own_organisation_stays_open_to_them(client, outsider_membership, school_objects):
    client.force_login(outsider_membership.user)
    own = reverse("orga:learners", args=[outsider_membership.organization_id])
    assert client.get(own).status_code == 200


def test_an_anonymous_visitor_is_sent_to_the_login_page_everywhere(client, school_objects):
    login = reverse("account_login")
    for name, url in urls(school_objects):
        for method in (client.get, client.post):
            response = method(url)
            assert response.status_code == 302 and response.url.startswith(login), (name, method.__name__)


def test_forged_ids_are_simply_not_found(teacher_client, school):
    for url in (f"/orga/{school.pk}/eleves/99999999999999999999/", f"/orga/{school.pk}/import/0/",
                "/orga/99999999999999999999/eleves/", f"/orga/{school.pk}/comptes/pas-un-jeton/"):
        assert teacher_client.get(url).status_code == 404, url


def test_a_member_who_was_removed_loses_access_at_once(client, school, member_membership):
    client.force_login(member_membership.user)
    url = reverse("orga:learners", args=[school.pk])
    assert client.get(url).status_code == 200
    member_membership.delete()
    assert client.get(url).status_code == 404


CAMPAIGN_PATTERNS = [p for p in ORGANIZATION_PATTERNS if "campaign" in p.name or p.name in ("participant",
                                                                                         "learners_export")]


def test_every_campaign_url_is_closed_to_outsiders_and_to_other_students_and_asks_anonymous_to_log_in(
        client, outsider_membership, school_objects, school):
    from orga.student_urls import urlpatterns as student_patterns

    participation_id = school_objects["participation_id"]
    own_pages = [reverse(f"campaigns:{p.name}", kwargs={"participation_id": participation_id})
                 for p in student_patterns if "participation_id" in p.pattern.converters]
    orga_pages = [url for name, url in urls(school_objects) if name in {p.name for p in CAMPAIGN_PATTERNS}]
    assert len(own_pages) == 3 and len(orga_pages) == len(CAMPAIGN_PATTERNS) >= 10
    another_student = UserFactory(first_name="Léa")
    services.terms_accept(user=another_student)
    for user in (outsider_membership.user, another_student):
        client.force_login(user)
        for url in orga_pages + own_pages:
            assert client.get(url, headers={"HX-Request": "true"}).status_code == 404, (user, url)
            assert client.post(url).status_code == 404, (user, url)
    client.logout()
    login = reverse("account_login")
    for url in orga_pages + own_pages:
        for method in (client.get, client.post):
            response = method(url)
            assert response.status_code == 302 and response.url.startswith(login), url
