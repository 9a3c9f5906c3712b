"""Editing a campaign and giving it to another member: pages for the organisation's admins."""

import html

import pytest
from django.urls import reverse

from orga import services

pytestmark = pytest.mark.django_db


def test_an_admin_renames_a_campaign_and_changes_its_landing_text(teacher_client, school, campaign):
    url = reverse("orga:campaign_edit", args=[school.pk, campaign.pk])
    assert teacher_client.get(url).status_code == 200
    response = teacher_client.post(url, {"name": "Rentrée 6A bis", "title": "Chercher", "landing_text": "Bienvenue"})
    campaign.refresh_from_db()
    assert response.url == reverse("orga:campaign", args=[school.pk, campaign.pk])
    assert (campaign.name, campaign.title, campaign.landing_text) == ("Rentrée 6A bis", "Chercher", "Bienvenue")
    assert "La campagne est modifiée" in teacher_client.get(response.url).content.decode()


def test_an_edit_with_errors_keeps_what_was_typed_and_says_why(teacher_client, school, campaign):
    url = reverse("orga:campaign_edit", args=[school.pk, campaign.pk])
    response = teacher_client.post(url, {"name": "Nouveau nom", "landing_text": "x" * 5001})
    page = response.content.decode()
    assert response.status_code == 422
    assert "ne doit pas dépasser 5000 caractères" in page and 'value="Nouveau nom"' in page
    campaign.refresh_from_db()
    assert campaign.name == "Rentrée 6A"


def test_multiple_sendings_is_locked_once_a_student_joined(teacher_client, school, campaign, pupil):
    url = reverse("orga:campaign_edit", args=[school.pk, campaign.pk])
    services.participation_start(campaign=campaign, user=pupil)
    assert "ce choix ne peut plus changer" in teacher_client.get(url).content.decode()
    response = teacher_client.post(url, {"name": "Rentrée", "multiple_sendings": "on"})
    assert response.status_code == 422
    assert "L'envoi multiple ne peut plus être changé" in html.unescape(response.content.decode())
    campaign.refresh_from_db()
    assert not campaign.multiple_sendings


def test_an_admin_gives_the_campaign_to_another_member(teacher_client, school, campaign, member_membership):
    url = reverse("orga:campaign_owner", args=[school.pk, campaign.pk])
    assert "Marc Prof" in teacher_client.get(url).content.decode()
    response = teacher_client.post(url, {"owner": member_membership.user_id})
    campaign.refresh_from_db()
    assert campaign.owner == member_membership.user
    assert "appartient désormais à Marc Prof" in teacher_client.get(response.url).content.decode()


def test_the_owner_must_be_a_member_of_the_organisation(teacher_client, school, campaign, outsider_membership):
    url = reverse("orga:campaign_owner", args=[school.pk, campaign.pk])
    response = teacher_client.post(url, {"owner": outsider_membership.user_id})
    assert response.status_code == 422
    assert "Sélectionnez un choix valide" in response.content.decode()
    for value in ("", "abc", "99999999999999999999"):
        assert teacher_client.post(url, {"owner": value}).status_code == 422
    campaign.refresh_from_db()
    assert campaign.owner != outsider_membership.user


def test_a_member_who_is_not_admin_gets_404_on_both_pages_and_sees_no_link(client, school, campaign,
                                                                          member_membership):
    client.force_login(member_membership.user)
    for name in ("campaign_edit", "campaign_owner"):
        url = reverse(f"orga:{name}", args=[school.pk, campaign.pk])
        assert client.get(url).status_code == 404
        assert client.post(url, {"name": "Pris", "owner": member_membership.user_id}).status_code == 404
        assert url not in client.get(reverse("orga:campaign", args=[school.pk, campaign.pk])).content.decode()
    campaign.refresh_from_db()
    assert campaign.name == "Rentrée 6A"
