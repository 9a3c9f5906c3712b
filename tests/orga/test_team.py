"""Members and invitations: signed links that expire, the first member becomes administrator,
the last administrator stays, Orga's own terms of use."""

import re

import pytest
from django.core import mail, signing
from django.urls import reverse

from learners.models import User
from orga import services
from orga.errors import InvitationError, LastAdminError
from orga.models import Invitation, Membership
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def invitation_link(email_message):
    return re.search(r"https?://\S+", email_message.body).group(0)


def test_an_invitation_sends_a_signed_link(school, eager_tasks):
    with eager_tasks():
        invitation = services.invitation_create(organization=school, email="Claire@College.fr")
    assert invitation.email == "claire@college.fr" and len(invitation.code) == 10
    assert mail.outbox[0].to == ["claire@college.fr"]
    assert "/orga/invitation/" in invitation_link(mail.outbox[0])


def test_the_first_member_becomes_administrator_and_the_next_a_member(school):
    first = services.invitation_accept(invitation=services.invitation_create(
        organization=school, email="a@college.fr"), user=UserFactory(email="a@college.fr"))
    second = services.invitation_accept(invitation=services.invitation_create(
        organization=school, email="b@college.fr"), user=UserFactory(email="b@college.fr"))
    assert (first.role, second.role) == (Membership.Role.ADMIN, Membership.Role.MEMBER)


def test_an_expired_or_forged_link_is_refused_with_a_reason(school, monkeypatch):
    invitation = services.invitation_create(organization=school, email="a@college.fr")
    token = services.invitation_token(invitation)
    assert services.invitation_from_token(token) == invitation
    with pytest.raises(InvitationError, match="n'est pas valide"):
        services.invitation_from_token(token[:-3] + "abc")
    monkeypatch.setattr(signing.TimestampSigner, "timestamp", lambda self: "1")  # signed long ago
    old = services.invitation_token(invitation)
    with pytest.raises(InvitationError, match="a expiré"):
        services.invitation_from_token(old)


def test_a_cancelled_invitation_cannot_be_accepted(school, client):
    invitation = services.invitation_create(organization=school, email="a@college.fr")
    services.invitation_cancel(invitation=invitation)
    response = client.get(reverse("orga:invitation", args=[services.invitation_token(invitation)]))
    assert response.status_code == 410
    assert "a été annulée" in response.content.decode()


def test_accepting_creates_the_account_and_asks_for_orga_terms_once(school, client):
    invitation = services.invitation_create(organization=school, email="nouvelle@college.fr")
    url = reverse("orga:invitation", args=[services.invitation_token(invitation)])
    assert "Créer votre compte" in client.get(url).content.decode()
    response = client.post(url, {"first_name": "Nora", "last_name": "Lemaire", "password1": "Tres-Secret-26",
                                 "password2": "Tres-Secret-26", "accept_terms": "on"})
    user = User.objects.get(email="nouvelle@college.fr")
    assert Membership.objects.get(user=user).role == Membership.Role.ADMIN
    learners = reverse("orga:learners", args=[school.pk])
    assert response.url == learners
    response = client.get(learners)
    assert response.status_code == 302 and response.url.startswith(reverse("orga:terms"))
    response = client.post(response.url, {"accept_terms": "on"})
    assert response.url == learners
    assert client.get(learners).status_code == 200
    assert Invitation.objects.get().status == Invitation.Status.ACCEPTED


def test_an_invited_person_with_an_account_logs_in_then_joins(school, client):
    user = UserFactory(email="deja@college.fr")
    invitation = services.invitation_create(organization=school, email="deja@college.fr")
    url = reverse("orga:invitation", args=[services.invitation_token(invitation)])
    assert "connectez-vous pour accepter" in client.get(url).content.decode()
    client.force_login(user)
    client.post(url)
    assert Membership.objects.filter(user=user, organization=school).exists()


def test_a_weak_password_or_missing_terms_keep_the_form_with_messages(school, client):
    invitation = services.invitation_create(organization=school, email="n@college.fr")
    url = reverse("orga:invitation", args=[services.invitation_token(invitation)])
    response = client.post(url, {"first_name": "N", "last_name": "L", "password1": "court",
                                 "password2": "court"})
    page = response.content.decode()
    assert response.status_code == 422
    assert "Vous devez accepter les conditions" in page and "mot de passe" in page.lower()
    assert not User.objects.filter(email="n@college.fr").exists()


def test_the_last_administrator_can_be_neither_demoted_nor_removed(admin_membership, member_membership):
    with pytest.raises(LastAdminError):
        services.membership_change_role(membership=admin_membership, role=Membership.Role.MEMBER,
                                        by=admin_membership.user)
    with pytest.raises(LastAdminError):
        services.membership_remove(membership=admin_membership, by=admin_membership.user)
    services.membership_change_role(membership=member_membership, role=Membership.Role.ADMIN,
                                    by=admin_membership.user)
    services.membership_remove(membership=admin_membership, by=admin_membership.user)
    assert list(Membership.objects.values_list("role", flat=True)) == [Membership.Role.ADMIN]


def test_an_admin_changes_roles_and_removes_members_from_the_team_page(teacher_client, school,
                                                                         member_membership):
    page = teacher_client.get(reverse("orga:team", args=[school.pk])).content.decode()
    assert "Marc Prof" in page and "Inviter un membre" in page
    teacher_client.post(reverse("orga:change_role", args=[school.pk, member_membership.pk]),
                        {"role": Membership.Role.ADMIN})
    member_membership.refresh_from_db()
    assert member_membership.role == Membership.Role.ADMIN
    teacher_client.post(reverse("orga:remove_member", args=[school.pk, member_membership.pk]))
    assert not Membership.objects.filter(pk=member_membership.pk).exists()


def test_a_member_sees_the_team_but_cannot_change_it(client, school, admin_membership, member_membership):
    client.force_login(member_membership.user)
    page = client.get(reverse("orga:team", args=[school.pk])).content.decode()
    assert "Claire Prof" in page and "Inviter un membre" not in page
    response = client.post(reverse("orga:remove_member", args=[school.pk, admin_membership.pk]))
    assert response.status_code == 404
    assert Membership.objects.filter(pk=admin_membership.pk).exists()


def test_an_admin_invites_from_the_team_page(teacher_client, school, eager_tasks):
    with eager_tasks():
        teacher_client.post(reverse("orga:invite", args=[school.pk]), {"email": "x@college.fr", "role": ""})
    assert mail.outbox[0].to == ["x@college.fr"]
    response = teacher_client.post(reverse("orga:invite", args=[school.pk]), {"email": "pas une adresse"})
    assert response.status_code == 422


def test_a_member_of_several_organisations_picks_one(client, teacher, other_school):
    from tests.orga.factories import MembershipFactory

    MembershipFactory(organization=other_school, user=teacher)
    client.force_login(teacher)
    page = client.get(reverse("orga:home")).content.decode()
    assert "Collège Jean Moulin" in page and "Collège Victor Hugo" in page


def test_someone_without_membership_reads_how_to_get_in(client):
    client.force_login(UserFactory())
    assert "Vous n'êtes membre d'aucune organisation" in client.get(reverse("orga:home")).content.decode()
