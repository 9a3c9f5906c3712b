"""The teachers' campaign pages: list, creation, dashboard, export, and 404 for outsiders."""

import pytest
from django.urls import reverse

from orga import services
from orga.exports import FORMULA_STARTS
from tests.orga.test_campaign_rules import finish

pytestmark = pytest.mark.django_db


def test_a_teacher_creates_a_campaign_and_reads_its_code(teacher_client, school, target_profile):
    response = teacher_client.post(reverse("orga:campaign_create", args=[school.pk]), {
        "type": "ASSESSMENT", "name": "Rentrée", "target_profile": target_profile.pk,
        "owner": school.memberships.first().user_id})
    campaign = school.campaigns.get()
    assert response.url == reverse("orga:campaign", args=[school.pk, campaign.pk])
    assert campaign.code in teacher_client.get(response.url).content.decode()


def test_a_creation_with_errors_shows_each_message_on_its_field(teacher_client, school):
    response = teacher_client.post(reverse("orga:campaign_create", args=[school.pk]), {"type": "ASSESSMENT"})
    page = response.content.decode()
    assert response.status_code == 422
    assert "Donnez un nom à la campagne" in page and "Choisissez le profil cible" in page


def test_the_dashboard_shows_sent_results_and_filters_by_class(teacher_client, school, campaign, pupil):
    participation = finish(services.participation_start(campaign=campaign, user=pupil))
    services.participation_share(participation=participation)
    url = reverse("orga:campaign", args=[school.pk, campaign.pk])
    live = teacher_client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert "Résultats reçus : 1" in live and "100 %" in live
    assert "Martin" not in teacher_client.get(url, {"classe": "5B"}).content.decode().split("<tbody>")[1]


def test_the_export_is_streamed_with_bom_semicolons_and_neutralised_formulas(teacher_client, school, campaign,
                                                                              pupil):
    participation = finish(services.participation_start(campaign=campaign, user=pupil))
    services.participation_share(participation=participation)
    pupil.organization_learners.update(last_name="=HYPERLINK(1)", first_name="+1", division="-6A")
    campaign.name = "@Rentrée"
    campaign.save()
    response = teacher_client.get(reverse("orga:campaign_export", args=[school.pk, campaign.pk]))
    assert response.streaming and response["Content-Disposition"].startswith('attachment; filename="Resultats-')
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    header, row = text[1:].split("\r\n")[:2]
    assert header.startswith("Nom de l'organisation;ID Campagne;Code;Nom de la campagne;Parcours")
    cells = row.split(";")
    assert "'=HYPERLINK(1)" in cells and "'+1" in cells and "'-6A" in cells and "'@Rentrée" in cells
    assert not any(cell.startswith(FORMULA_STARTS) for cell in cells)


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_every_formula_start_is_neutralised_in_the_profile_collection_export(teacher_client, school, collection,
                                                                            pupil, start):
    participation = services.participation_start(campaign=collection, user=pupil)
    services.participation_share(participation=participation)
    pupil.organization_learners.update(last_name=f"{start}cmd")
    response = teacher_client.get(reverse("orga:campaign_export", args=[school.pk, collection.pk]))
    text = b"".join(response.streaming_content).decode("utf-8")
    assert f"'{start}cmd" in text


def test_an_outsider_teacher_and_a_student_get_404_on_every_campaign_page(client, outsider_membership, school,
                                                                           campaign, pupil):
    urls = [reverse("orga:campaigns", args=[school.pk]), reverse("orga:campaign_create", args=[school.pk])] + [
        reverse(f"orga:{name}", args=[school.pk, campaign.pk])
        for name in ("campaign", "campaign_archive", "campaign_unarchive", "campaign_export")]
    for user in (outsider_membership.user, pupil):
        client.force_login(user)
        for url in urls:
            assert client.get(url).status_code == 404, url
            assert client.post(url).status_code == 404, url
    client.logout()
    for url in urls:
        assert client.get(url).url.startswith(reverse("account_login"))
