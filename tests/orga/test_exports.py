"""Every CSV file Orga gives: the domain's columns and formats, and no cell a spreadsheet would
run as a formula."""

import csv
import io
from datetime import date

import pytest
from django.urls import reverse

from orga import services
from orga.exports import FORMULA_STARTS
from tests.orga.factories import LearnerFactory, sent_participation
from tests.orga.test_campaign_rules import finish

pytestmark = pytest.mark.django_db


def read(response):
    body = b"".join(response.streaming_content) if response.streaming else response.content
    text = body.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:]), delimiter=";"))


def export(client, school, campaign):
    return read(client.get(reverse("orga:campaign_export", args=[school.pk, campaign.pk])))


def test_the_assessment_export_gives_progress_while_in_progress_and_na_for_results(teacher_client, school,
                                                                                  campaign, pupil):
    participation = services.participation_start(campaign=campaign, user=pupil)
    finish(participation, knows=lambda c: c.skill.level <= 1)
    header, row = export(teacher_client, school, campaign)
    line = dict(zip(header, row, strict=True))
    assert line["% de progression"] == "1"  # the test is over, results not sent yet
    assert line["Partage (O/N)"] == "Non" and line["Date du partage"] == "NA"
    assert line["% maitrise de l'ensemble des acquis du profil"] == "NA"


def test_progress_counts_the_campaign_skills_already_assessed(teacher_client, school, campaign, pupil):
    from learners import services as learner_services
    from learners.assessments.answers import correct_value

    participation = services.participation_start(campaign=campaign, user=pupil)
    challenge = learner_services.assessment_next_challenge(assessment=participation.assessment)
    learner_services.answer_submit(assessment=participation.assessment, challenge_id=challenge.pk,
                                   value=correct_value(challenge))
    header, row = export(teacher_client, school, campaign)
    progress = float(dict(zip(header, row, strict=True))["% de progression"])
    assessed = pupil.knowledge_elements.filter(skill__in=campaign.skills.values("skill_id")).values("skill").distinct()
    assert 0 < progress < 1
    assert progress == round(assessed.count() / campaign.skills.count(), 3)


def test_sent_results_fill_the_competence_and_area_columns(teacher_client, school, campaign):
    learner = LearnerFactory(organization=school, user=pupil_user(), division="6B")
    sent_participation(campaign, learner, validated_share=1.0)
    header, row = export(teacher_client, school, campaign)
    line = dict(zip(header, row, strict=True))
    total = campaign.skills.count()
    competence = campaign.skills.first().skill.competence
    assert header[:8] == ["Nom de l'organisation", "ID Campagne", "Code", "Nom de la campagne", "Parcours",
                          "Nom du Participant", "Prénom du Participant", "Classe"]
    assert line["Classe"] == "6B" and line["Partage (O/N)"] == "Oui"
    assert line["Palier obtenu (/2)"] == "2"
    assert line[f"% de maitrise des acquis de la compétence {competence.name}"] == "1.0"
    assert line[f"Nombre d'acquis du profil cible dans la compétence {competence.name}"] == str(total)
    area = competence.area.title
    assert line[f"% de maitrise des acquis du domaine {area}"] == "1.0"
    assert line[f"Nombre d'acquis du profil cible du domaine {area}"] == str(total)
    assert line[f"Acquis maitrisés du domaine {area}"] == str(total)


def pupil_user():
    from tests.factories import UserFactory

    return UserFactory()


def test_the_profile_collection_export_follows_the_domain_s_columns(teacher_client, school, collection, pupil,
                                                                   learning_referentiel):
    participation = services.participation_share(
        participation=services.participation_start(campaign=collection, user=pupil))
    header, row = export(teacher_client, school, collection)
    assert header[:11] == ["Nom de l'organisation", "ID Campagne", "Code", "Nom de la campagne",
                           "Nom du Participant", "Prénom du Participant", "Classe", "Envoi (O/N)",
                           "Date de l'envoi", "Nombre de pix total", "Certifiable (O/N)"]
    line = dict(zip(header, row, strict=True))
    assert line["Envoi (O/N)"] == "Oui" and line["Certifiable (O/N)"] == "Non"
    assert line["Date de l'envoi"] == participation.shared_at.strftime("%Y-%m-%d")
    assert sum(1 for h in header if h.startswith("Niveau pour la compétence")) == 16


def test_the_students_list_export_has_one_row_per_student_of_the_filter(teacher_client, school, pupil):
    LearnerFactory(organization=school, first_name="Paul", last_name="Durand", division="5B",
                   birthdate=date(2011, 3, 4))
    response = teacher_client.get(reverse("orga:learners_export", args=[school.pk]), {"division": "5B"})
    assert response["Content-Disposition"].startswith('attachment; filename="Eleves-')
    header, *rows = read(response)
    assert header == ["Nom", "Prénom", "Date de naissance", "Classe", "Identifiant", "Adresse e-mail",
                      "Certifiable", "Date de certificabilité"]
    assert rows == [["Durand", "Paul", "04/03/2011", "5B", "", "", "Non communiqué", ""]]


def _assessment(client, school, campaign, pupil, value):
    sent_participation(campaign, pupil.organization_learners.get(), validated_share=1.0)
    pupil.organization_learners.update(last_name=value)
    return export(client, school, campaign)


def _collection(client, school, collection, pupil, value):
    services.participation_share(participation=services.participation_start(campaign=collection, user=pupil))
    pupil.organization_learners.update(last_name=value)
    return export(client, school, collection)


def _students(client, school, pupil, value):
    pupil.organization_learners.update(last_name=value)
    return read(client.get(reverse("orga:learners_export", args=[school.pk])))


def _credentials(client, school, value):
    learner = LearnerFactory(organization=school, last_name=value)
    generated = client.post(reverse("orga:generate_accounts", args=[school.pk]), {"learner": [learner.pk]})
    token = generated.url.rstrip("/").rsplit("/", 1)[-1]
    return read(client.get(reverse("orga:credentials_csv", args=[school.pk, token])))


@pytest.mark.parametrize("start", FORMULA_STARTS)
@pytest.mark.parametrize("which", ["assessment", "collection", "students", "credentials"])
def test_no_cell_of_any_export_starts_a_formula(teacher_client, school, campaign, collection, pupil, start, which):
    value = f"{start}SOMME(A1)"
    produce = {"assessment": lambda: _assessment(teacher_client, school, campaign, pupil, value),
               "collection": lambda: _collection(teacher_client, school, collection, pupil, value),
               "students": lambda: _students(teacher_client, school, pupil, value),
               "credentials": lambda: _credentials(teacher_client, school, value)}[which]
    cells = [cell for row in produce() for cell in row]
    assert f"'{value}" in cells
    assert not any(cell.startswith(FORMULA_STARTS) for cell in cells)
