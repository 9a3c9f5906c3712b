"""Staff find people and their tests in the admin, in French, and nobody edits the evidence."""

import re

import pytest
from django.urls import reverse

from learners.demo import take_competence_test
from learners.models import Answer, User
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def text_of(response):
    return response.content.decode().replace("&#x27;", "'")


def test_staff_find_a_student_by_name_username_or_email(admin_client, student):
    url = reverse("admin:learners_user_changelist")
    for query in (student.last_name, student.username, student.email):
        assert student.username in text_of(admin_client.get(url, {"q": query}))
    assert student.username not in text_of(admin_client.get(url, {"q": "personne-de-ce-nom"}))


def test_staff_give_a_temporary_password_shown_once_that_the_student_must_change(admin_client, student):
    response = admin_client.post(reverse("admin:learners_user_changelist"), {
        "action": "reset_to_temporary_password", "_selected_action": [student.pk]}, follow=True)
    shown = re.search(rf"{student.username} : <strong>([a-z0-9]+)</strong>", text_of(response)).group(1)
    assert re.fullmatch(r"[a-hj-km-np-z]{6}\d{2}", shown)
    student.refresh_from_db()
    assert student.check_password(shown) and student.must_change_password


def test_a_deactivated_account_can_no_longer_log_in_and_keeps_its_answers(admin_client, student, competence, client):
    take_competence_test(student, competence, level=1)
    answers = Answer.objects.filter(assessment__user=student).count()
    admin_client.post(reverse("admin:learners_user_changelist"), {
        "action": "deactivate", "_selected_action": [student.pk]})
    student.refresh_from_db()
    assert not student.is_active
    assert not client.login(username=student.username, password="Mot-de-passe-2026")
    assert Answer.objects.filter(assessment__user=student).count() == answers


def test_staff_read_a_test_with_the_answers_in_words_and_cannot_change_it(admin_client, student, competence):
    assessment = take_competence_test(student, competence, level=1)
    page = text_of(admin_client.get(reverse("admin:learners_assessment_change", args=[assessment.pk])))
    answer = assessment.answers.select_related("challenge").first()
    assert answer.challenge.slug in page
    assert "réponse attendue" in page.lower() and ("bonne réponse" in page or "mauvaise réponse" in page)
    assert admin_client.post(reverse("admin:learners_assessment_change", args=[assessment.pk]), {}).status_code == 403
    assert admin_client.get(reverse("admin:learners_answer_changelist")).status_code == 200


def test_a_student_cannot_open_the_admin(client, student):
    client.force_login(student)
    response = client.get(reverse("admin:learners_user_changelist"))
    assert response.status_code == 302 and "/admin/login/" in response.url
    assert not User.objects.get(pk=student.pk).is_staff


def test_an_admin_cannot_deactivate_their_own_account(admin_client, admin_user):
    UserFactory()
    admin_client.post(reverse("admin:learners_user_changelist"), {
        "action": "deactivate", "_selected_action": [admin_user.pk]})
    admin_user.refresh_from_db()
    assert admin_user.is_active
