"""Staff create organisations and invite their first member from the admin."""

import pytest
from django.core import mail

from orga.models import Invitation, Organization

pytestmark = pytest.mark.django_db


def test_staff_create_a_school_whose_uai_is_required_and_upper_cased(admin_client):
    response = admin_client.post("/admin/orga/organization/add/", {
        "name": "Collège Sans UAI", "type": "SCO", "external_id": "", "is_managing_students": "on",
        "memberships-TOTAL_FORMS": "0", "memberships-INITIAL_FORMS": "0"})
    assert response.status_code == 200 and "doit avoir son UAI" in response.content.decode()
    admin_client.post("/admin/orga/organization/add/", {
        "name": "Collège Condorcet", "type": "SCO", "external_id": "0751234a", "is_managing_students": "on",
        "memberships-TOTAL_FORMS": "0", "memberships-INITIAL_FORMS": "0"})
    assert Organization.objects.get().external_id == "0751234A"


def test_staff_invite_the_first_member_and_the_e_mail_leaves(admin_client, school, monkeypatch,
                                                             django_capture_on_commit_callbacks):
    from orga import tasks

    monkeypatch.setattr(tasks.send_invitation.app.conf, "task_always_eager", True)
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post("/admin/orga/invitation/add/", {
            "organization": school.pk, "email": "directrice@college.fr", "role": ""})
    assert Invitation.objects.get().email == "directrice@college.fr"
    assert mail.outbox[0].to == ["directrice@college.fr"]


def test_staff_build_target_profiles_in_the_admin_choosing_tubes_by_competence(admin_client, target_profile):
    from django.urls import reverse

    page = admin_client.get(reverse("admin:orga_targetprofile_change", args=[target_profile.pk]))
    assert page.status_code == 200
    assert "1.1 — Chercher sur le web (@recherche)" in page.content.decode()
    assert admin_client.get(reverse("admin:orga_campaign_changelist")).status_code == 200
