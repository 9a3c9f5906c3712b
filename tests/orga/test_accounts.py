"""Generated accounts: usernames and temporary passwords as the domain writes them, shown once,
printable as cards (PDF) and downloadable as CSV; a student must change the password first."""

import io
import re
from datetime import date

import pytest
from django.urls import reverse
from pypdf import PdfReader

from learners.accounts.passwords import TEMPORARY_PASSWORD_LETTERS as PASSWORD_LETTERS
from learners.models import User
from orga import services
from tests.factories import UserFactory
from tests.orga.factories import LearnerFactory

pytestmark = pytest.mark.django_db
PASSWORD = re.compile(f"^[{PASSWORD_LETTERS}]{{6}}[0-9]{{2}}$")


@pytest.fixture
def jean(school):
    return LearnerFactory(organization=school, first_name="Jean-Éric", last_name="Dupont",
                          birthdate=date(2012, 12, 5), division="6A")


def test_a_username_is_first_name_dot_last_name_then_day_and_month(school, jean):
    [row] = services.accounts_generate(organization=school, learners=[jean])
    assert row.username == "jeaneric.dupont0512"
    assert PASSWORD.match(row.password)
    account = User.objects.get(username="jeaneric.dupont0512")
    assert account.check_password(row.password) and account.must_change_password
    assert account.email is None
    jean.refresh_from_db()
    assert jean.user == account


def test_a_taken_username_gets_four_random_digits_instead(school, jean):
    UserFactory(username="jeaneric.dupont0512")
    [row] = services.accounts_generate(organization=school, learners=[jean])
    assert re.match(r"^jeaneric\.dupont\d{4}$", row.username) and row.username != "jeaneric.dupont0512"


def test_a_student_with_a_username_keeps_it_and_one_with_an_email_gets_one(school, jean):
    other = LearnerFactory(organization=school, first_name="Zoé", last_name="Roux",
                           user=UserFactory(username=None, email="zoe@exemple.fr"))
    again = services.accounts_generate(organization=school, learners=[jean])
    rows = services.accounts_generate(organization=school, learners=[jean, other])
    by_name = {row.first_name: row for row in rows}
    assert by_name["Jean-Éric"].username == again[0].username and by_name["Jean-Éric"].password == ""
    assert by_name["Zoé"].username == "zoe.roux0512" and by_name["Zoé"].password == ""
    assert User.objects.get(email="zoe@exemple.fr").check_password("Mot-de-passe-2026")


def test_a_reset_gives_new_temporary_passwords_to_username_accounts_only(school, jean):
    services.accounts_generate(organization=school, learners=[jean])
    user = User.objects.get(username="jeaneric.dupont0512")
    user.must_change_password = False
    user.save()
    email_only = LearnerFactory(organization=school, user=UserFactory(username=None, email="a@b.fr"))
    rows = services.passwords_reset(organization=school, learners=[jean, email_only])
    assert [r.username for r in rows] == ["jeaneric.dupont0512"]
    user.refresh_from_db()
    assert user.must_change_password and user.check_password(rows[0].password)


def test_a_class_gets_its_cards_as_a_pdf_and_a_csv(teacher_client, school, jean):
    LearnerFactory(organization=school, first_name="Léa", last_name="Martin", division="6A")
    LearnerFactory(organization=school, first_name="Hors", last_name="Classe", division="5B")
    response = teacher_client.post(reverse("orga:generate_accounts", args=[school.pk]), {"division": "6A"})
    page = teacher_client.get(response.url).content.decode()
    assert "jeaneric.dupont0512" in page and "lea.martin0512" in page and "hors.classe" not in page
    password = re.search(r"<code>([a-z]{6}\d\d)</code>", page).group(1)
    pdf = teacher_client.get(response.url + "fiches.pdf")
    assert pdf["Content-Type"] == "application/pdf"
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert "jeaneric.dupont0512" in text and password in text
    assert "http://testserver/comptes/login/" in text and "Collège Jean Moulin" in text
    csv = teacher_client.get(response.url + "identifiants.csv")
    body = csv.content.decode("utf-8")
    assert body.startswith("\ufeffClasse;Nom;Prénom;Identifiant;Mot de passe provisoire")
    assert f"6A;Dupont;Jean-Éric;jeaneric.dupont0512;{password};" in body


def test_the_cards_of_a_selection_and_formulas_in_names_are_neutralised(teacher_client, school):
    trap = LearnerFactory(organization=school, first_name="=HYPERLINK(1)", last_name="Nom")
    response = teacher_client.post(reverse("orga:generate_accounts", args=[school.pk]),
                                   {"learner": [trap.pk, "99999999999999999999", "abc"]})
    body = teacher_client.get(response.url + "identifiants.csv").content.decode()
    assert ";'=HYPERLINK(1);" in body


def test_credentials_are_only_for_the_teacher_who_generated_them(teacher_client, client, school, jean,
                                                                 member_membership):
    response = teacher_client.post(reverse("orga:generate_accounts", args=[school.pk]), {"learner": [jean.pk]})
    client.force_login(member_membership.user)  # same school, another session
    assert client.get(response.url).status_code == 404
    assert client.get(response.url + "fiches.pdf").status_code == 404


def test_a_generated_student_must_change_the_password_at_first_login(client, school, jean):
    [row] = services.accounts_generate(organization=school, learners=[jean])
    response = client.post(reverse("account_login"), {"login": row.username, "password": row.password})
    assert response.url == reverse("account_change_password")
    assert client.get(reverse("learners:profile")).url == reverse("account_change_password")


def test_nothing_ticked_says_so(teacher_client, school):
    response = teacher_client.post(reverse("orga:generate_accounts", args=[school.pk]), {}, follow=True)
    assert "Cochez au moins un élève" in response.content.decode()


@pytest.mark.parametrize("target", ["https://ailleurs.example/piege", "//ailleurs.example",
                                    "/\\ailleurs.example", "javascript:alert(1)"])
def test_a_next_on_another_site_is_ignored_when_nothing_is_ticked(teacher_client, school, target):
    response = teacher_client.post(reverse("orga:generate_accounts", args=[school.pk]), {"next": target})
    assert response.status_code == 302
    assert response.url == reverse("orga:learners", args=[school.pk])


def test_a_local_next_is_followed_when_nothing_is_ticked(teacher_client, school):
    target = reverse("orga:learners", args=[school.pk]) + "?classe=3A"
    response = teacher_client.post(reverse("orga:generate_accounts", args=[school.pk]), {"next": target})
    assert response.url == target
