"""What a student sees through the pages, and what an outsider never sees."""

import pytest
from django.urls import reverse

from learners import services
from learners.assessments.answers import correct_value, wrong_value
from learners.demo import take_competence_test
from learners.models import Answer, SavedTutorial
from referentiel.models import Tutorial

pytestmark = pytest.mark.django_db


def text_of(response):
    return response.content.decode().replace("&#x27;", "'")


def form_data(challenge, value):
    data = {"challenge": challenge.pk}
    if challenge.type == "QCU":
        data["answer"] = value
    elif challenge.type == "QCM":
        data["answer"] = value.split(",")
    else:
        data.update({f"field_{key}": text for key, text in value.items()})
    return data


def test_the_profile_shows_the_16_competences_and_the_total_pix(student_client, competence):
    page = text_of(student_client.get(reverse("learners:profile")))
    assert page.count('class="fr-card fr-card--no-arrow competence-card"') == 16
    assert "Ton profil n'est pas encore certifiable" in page
    assert "Tes niveaux en un coup d'œil" in page


def test_a_visitor_is_sent_to_the_login_page(client, competence):
    response = client.get(reverse("learners:profile"))
    assert response.status_code == 302 and "/comptes/login/" in response.url


def test_a_student_answers_a_challenge_and_gets_the_next_one(student_client, student, competence):
    response = student_client.post(reverse("learners:start", args=["1.1"]))
    assessment = student.assessments.get()
    assert response.url == reverse("learners:assessment", args=[assessment.pk])
    page = student_client.get(response.url)
    assert "Question 1" in page.content.decode()
    challenge = page.context["challenge"]
    response = student_client.post(response.url, form_data(challenge, correct_value(challenge)))
    assert response.status_code == 302
    assert Answer.objects.get(assessment=assessment).result == "ok"
    assert "Question 2" in student_client.get(response.url).content.decode()


def test_an_empty_answer_is_refused_with_a_message_and_the_question_stays(student_client, student, competence):
    student_client.post(reverse("learners:start", args=["1.1"]))
    url = reverse("learners:assessment", args=[student.assessments.get().pk])
    challenge = student_client.get(url).context["challenge"]
    response = student_client.post(url, {"challenge": challenge.pk})
    assert response.status_code == 422
    assert "Tu n&#x27;as pas répondu" in response.content.decode()
    assert not Answer.objects.exists()


def test_an_answer_to_an_old_question_is_refused_with_a_clear_message(student_client, student, competence):
    student_client.post(reverse("learners:start", args=["1.1"]))
    url = reverse("learners:assessment", args=[student.assessments.get().pk])
    first = student_client.get(url).context["challenge"]
    student_client.post(url, form_data(first, correct_value(first)))
    student_client.get(url)
    other = competence.skills.exclude(challenges=first).exclude(
        challenges=student.assessments.get().last_challenge).first().challenges.first()
    response = student_client.post(url, form_data(other, correct_value(other)), follow=True)
    assert "n&#x27;est plus la question en cours" in response.content.decode()
    assert Answer.objects.count() == 1


def test_the_results_show_each_answer_the_correct_one_and_the_tutorials(student_client, student, competence):
    assessment = take_competence_test(student, competence, level=1)
    page = student_client.get(reverse("learners:results", args=[assessment.pk])).content.decode()
    assert "Tes résultats" in page
    assert "Réponse attendue" in page and "mauvaise réponse" in page
    assert "Tutoriel : " in page and "Enregistrer dans Mes tutos" in page


def test_each_tutorial_card_of_the_results_gives_its_format_in_words_and_saves_that_tutorial(
        student_client, student, competence):
    assessment = take_competence_test(student, competence, level=1)
    response = student_client.get(reverse("learners:results", args=[assessment.pk]))
    page = response.content.decode()
    tutorials = [tutorial for tutorial, _saved in response.context["tutorial_rows"]]
    assert tutorials
    for tutorial in tutorials:
        assert f"{tutorial.get_format_display()} · " in page
        url = reverse("learners:save_tutorial", args=[tutorial.pk])
        assert f'action="{url}" class="save-tutorial" id="enregistrer-tuto-{tutorial.pk}"' in page
        assert f'hx-post="{url}"' in page


def test_a_tutorial_of_an_unknown_format_shows_it_as_written():
    assert Tutorial(format="podcast").format_label == "podcast"
    assert str(Tutorial(format=Tutorial.Format.VIDEO).format_label) == "vidéo"


def test_a_tutorial_saved_from_the_results_appears_in_my_tutorials(student_client, student, competence):
    tutorial = Tutorial.objects.first()
    student_client.post(reverse("learners:save_tutorial", args=[tutorial.pk]), {"action": "save"})
    assert SavedTutorial.objects.filter(user=student, tutorial=tutorial).exists()
    assert tutorial.title in student_client.get(reverse("learners:tutorials")).content.decode()


def test_saving_a_tutorial_through_htmx_returns_the_new_button(student_client, competence):
    tutorial = Tutorial.objects.first()
    response = student_client.post(reverse("learners:save_tutorial", args=[tutorial.pk]), {"action": "save"},
                                   HTTP_HX_REQUEST="true")
    assert "Retirer de Mes tutos" in response.content.decode()


def test_the_level_reached_appears_on_the_profile(student_client, student, competence):
    take_competence_test(student, competence, level=2)
    page = student_client.get(reverse("learners:profile")).content.decode()
    assert "Niveau 2" in page


@pytest.mark.parametrize("url_name", ["learners:assessment", "learners:results", "learners:focus_out"])
def test_an_outsider_gets_404_on_another_students_test(client, outsider, student, competence, url_name):
    assessment = services.competence_evaluation_start(user=student, competence=competence)
    client.force_login(outsider)
    method = client.post if url_name == "learners:focus_out" else client.get
    assert method(reverse(url_name, args=[assessment.pk])).status_code == 404


def test_an_outsider_cannot_answer_another_students_test(client, outsider, student, competence):
    assessment = services.competence_evaluation_start(user=student, competence=competence)
    challenge = services.assessment_next_challenge(assessment=assessment)
    client.force_login(outsider)
    response = client.post(reverse("learners:assessment", args=[assessment.pk]),
                           form_data(challenge, wrong_value(challenge)))
    assert response.status_code == 404
    assert not Answer.objects.exists()


def test_an_unknown_competence_or_tutorial_gives_404(student_client, competence):
    assert student_client.post(reverse("learners:start", args=["9.9"])).status_code == 404
    assert student_client.post(reverse("learners:save_tutorial", args=[99999])).status_code == 404


def test_a_reset_asks_for_confirmation_first(student_client, student, competence):
    take_competence_test(student, competence, level=1)
    page = student_client.get(reverse("learners:reset", args=["1.1"])).content.decode()
    assert "remettre cette compétence à zéro dans" in page


def test_a_student_with_a_temporary_password_must_change_it_first(client, student, competence):
    student.must_change_password = True
    student.save()
    client.force_login(student)
    response = client.get(reverse("learners:profile"))
    assert response.url == reverse("account_change_password")


def test_changing_the_temporary_password_opens_the_app(client, student, competence):
    from tests.factories import PASSWORD

    student.must_change_password = True
    student.save()
    client.force_login(student)
    client.post(reverse("account_change_password"), {
        "oldpassword": PASSWORD, "password1": "Nouveau-secret-42", "password2": "Nouveau-secret-42"})
    student.refresh_from_db()
    assert not student.must_change_password
    assert client.get(reverse("learners:profile")).status_code == 200


def test_a_student_who_has_not_accepted_the_terms_is_asked_to(client, student, competence):
    student.terms_accepted_at = None
    student.save()
    client.force_login(student)
    response = client.get(reverse("learners:profile"))
    assert response.url.startswith(reverse("learners:accept_terms"))
    response = client.post(response.url, {"accept_terms": "on"})
    assert response.url == reverse("learners:profile")
    student.refresh_from_db()
    assert student.terms_accepted_at is not None


def test_accepting_the_terms_never_redirects_to_another_site(client, student, competence):
    student.terms_accepted_at = None
    student.save()
    client.force_login(student)
    response = client.post(reverse("learners:accept_terms") + "?next=https://exemple.com/", {"accept_terms": "on"})
    assert response.url == reverse("learners:profile")


def test_the_language_chosen_in_the_account_follows_the_student(student_client, student, competence):
    student_client.post(reverse("learners:account"), {"language": "en"})
    student.refresh_from_db()
    assert student.language == "en"
    assert '<html lang="en"' in student_client.get(reverse("learners:profile")).content.decode()


def test_signing_up_with_a_username_only_creates_an_account(client, competence):
    response = client.post(reverse("account_signup"), {
        "first_name": "Nina", "last_name": "Roux", "username": "nina.roux", "email": "",
        "password1": "Un-secret-2026", "password2": "Un-secret-2026", "accept_terms": "on"})
    assert response.status_code == 302, response.content.decode()
    from learners.models import User

    user = User.objects.get(username="nina.roux")
    assert user.email is None and user.terms_accepted_at is not None


def test_signing_up_without_accepting_the_terms_is_refused(client, competence):
    response = client.post(reverse("account_signup"), {
        "first_name": "Nina", "last_name": "Roux", "username": "nina", "email": "",
        "password1": "Un-secret-2026", "password2": "Un-secret-2026"})
    assert response.status_code == 200
    assert "Tu dois accepter les conditions" in response.content.decode()
