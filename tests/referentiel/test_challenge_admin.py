"""The challenge admin: text fields with help instead of JSON, checked by the loader's rules, and a
preview as a student sees it."""

import pytest
from django.urls import reverse

from referentiel.admin_forms import ChallengeAdminForm
from referentiel.loader.load import load_referentiel
from referentiel.loader.parse import CONTENT_DIR, parse_content
from referentiel.models import Challenge
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

EDITED = ["type", "proposals", "fields", "solution", "tolerances", "attachments", "instruction",
          "explanation", "illustration", "illustration_alt", "timer", "focused", "shuffled", "format"]


def form_data(challenge, **changes):
    """What the admin's change form posts back when nothing is touched, plus `changes`."""
    form = ChallengeAdminForm(instance=challenge)
    data = {name: form[name].value() for name in form.fields}
    data = {name: ("" if value is None else value) for name, value in data.items()}
    return {**data, **changes}


@pytest.fixture
def staff(db):
    return UserFactory(is_staff=True, is_superuser=True)


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


def change_url(challenge):
    return reverse("admin:referentiel_challenge_change", args=[challenge.pk])


def test_every_challenge_of_the_bank_goes_through_the_admin_form_unchanged(db):
    load_referentiel(parse_content(CONTENT_DIR))
    for challenge in Challenge.objects.all():
        form = ChallengeAdminForm(data=form_data(challenge), instance=Challenge.objects.get(pk=challenge.pk))
        assert form.is_valid(), (challenge.slug, form.errors)
        saved = form.save(commit=False)
        assert {n: getattr(saved, n) for n in EDITED} == {n: getattr(challenge, n) for n in EDITED}, challenge.slug


def test_the_form_shows_proposals_solution_and_tolerances_as_readable_fields(staff_client, learning_referentiel):
    challenge = Challenge.objects.filter(type="QCU").first()
    page = staff_client.get(change_url(challenge)).content.decode()
    assert challenge.proposals[0] in page and "une proposition par ligne" in page
    assert 'name="solution_text"' in page and 'name="tolerances"' in page
    assert 'name="proposals"' not in page and 'name="solution"' not in page  # no raw JSON
    assert "Voir comme un élève" in page


def test_the_skill_is_chosen_by_search(staff_client, learning_referentiel):
    challenge = Challenge.objects.first()
    page = staff_client.get(change_url(challenge)).content.decode()
    assert "admin-autocomplete" in page


def test_a_solution_pointing_at_a_missing_proposal_is_refused_in_french(staff_client, learning_referentiel):
    challenge = Challenge.objects.filter(type="QCU").first()
    response = staff_client.post(change_url(challenge), form_data(challenge, solution_text="9"))
    assert response.status_code == 200
    assert "un numéro ne correspond à aucune proposition" in response.content.decode()
    challenge.refresh_from_db()
    assert challenge.solution != [9]


@pytest.mark.parametrize(("challenge_type", "solution", "message"), [
    ("QCU", "deux", "numéros des bonnes propositions"),
    ("QCU", "1, 2", "une QCU a exactement une bonne réponse"),
    ("QROC", "une réponse sans clé", "clé = variante"),
    ("QROC", "autre_cle = oui", "les clés doivent être exactement"),
])
def test_a_solution_that_does_not_match_its_type_is_refused(learning_referentiel, challenge_type, solution, message):
    challenge = Challenge.objects.filter(type=challenge_type).first()
    form = ChallengeAdminForm(data=form_data(challenge, solution_text=solution), instance=challenge)
    assert not form.is_valid()
    assert message in " ".join(form.errors["solution_text"])


def test_a_field_without_a_label_is_refused(learning_referentiel):
    challenge = Challenge.objects.filter(type="QROC").first()
    key = challenge.fields[0]["key"]
    form = ChallengeAdminForm(data=form_data(challenge, fields_text=key), instance=challenge)
    assert not form.is_valid() and "fields_text" in form.errors


def test_a_valid_edit_is_saved_as_the_loader_would_store_it(staff_client, learning_referentiel):
    challenge = Challenge.objects.filter(type="QCM").first()
    proposals = "\n".join(challenge.proposals) + "\nUne proposition ajoutée  "
    response = staff_client.post(change_url(challenge), form_data(
        challenge, proposals_text=proposals, tolerances=["t1"]))
    assert response.status_code == 302
    challenge.refresh_from_db()
    assert challenge.proposals[-1] == "Une proposition ajoutée" and challenge.tolerances == ["t1"]


def test_staff_preview_a_challenge_as_a_student_sees_it_and_try_an_answer(staff_client, learning_referentiel):
    from learners.demo import correct_value

    challenge = Challenge.objects.filter(type="QROC").first()
    url = challenge.get_absolute_url()
    page = staff_client.get(url).content.decode()
    assert 'id="formulaire-reponse"' in page and "Aperçu de l" in page and "Rien n" in page
    answer = {f"field_{k}": v for k, v in correct_value(challenge).items()}
    response = staff_client.post(url, answer, follow=True)
    assert "Le correcteur accepte cette réponse." in response.content.decode()
    response = staff_client.post(url, {f"field_{challenge.fields[0]['key']}": "n'importe quoi"}, follow=True)
    assert "Le correcteur refuse cette réponse." in response.content.decode()


def test_a_challenge_of_every_kind_in_the_bank_can_be_previewed(staff_client, db):
    """One of each type with each option the page shows differently (the browser tests walk
    them all)."""
    load_referentiel(parse_content(CONTENT_DIR))
    kinds = {}
    for challenge in Challenge.objects.all():
        kind = (challenge.type, challenge.timer is not None, challenge.focused, bool(challenge.illustration),
                bool(challenge.attachments), any(f.get("options") for f in challenge.fields))
        kinds.setdefault(kind, challenge)
    for challenge in kinds.values():
        response = staff_client.get(challenge.get_absolute_url())
        assert response.status_code == 200, challenge.slug
        assert challenge.slug in response.content.decode()


@pytest.mark.parametrize("challenge_id", ["0", "99999999999999999999999"])
def test_a_preview_of_no_challenge_is_a_404(staff_client, learning_referentiel, challenge_id):
    assert staff_client.get(f"/apercu/epreuves/{challenge_id}/").status_code == 404


def test_a_student_cannot_open_a_preview(student_client, learning_referentiel):
    challenge = Challenge.objects.first()
    assert student_client.get(challenge.get_absolute_url()).status_code == 404
