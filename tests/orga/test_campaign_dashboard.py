"""A campaign's dashboard as a teacher reads it: participants filtered and paged, one student's
page, the results by competence, the heatmap of classes, the topics to work on, and a number of
queries that does not grow with the class."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from orga import services
from orga.constants import PARTICIPANTS_PAGE_SIZE
from tests.factories import UserFactory
from tests.orga.factories import LearnerFactory, sent_participation
from tests.orga.test_campaign_rules import finish

pytestmark = pytest.mark.django_db


def pupils(school, count, division="6A", **fields):
    return [LearnerFactory(organization=school, user=UserFactory(), division=division, **fields)
            for _ in range(count)]


def dashboard(client, school, campaign, **query):
    return client.get(reverse("orga:campaign", args=[school.pk, campaign.pk]), query)


def rows(response):
    return response.content.decode().split("<tbody>")[-1].split("</tbody>")[0]


def test_participants_are_filtered_by_state_stage_and_name(teacher_client, school, campaign, pupil):
    [lea] = pupils(school, 1, first_name="Léa", last_name="Bernard")
    sent_participation(campaign, lea, validated_share=1.0)
    services.participation_start(campaign=campaign, user=pupil)
    assert "Bernard" in rows(dashboard(teacher_client, school, campaign, etat="SHARED"))
    assert "Martin" not in rows(dashboard(teacher_client, school, campaign, etat="SHARED"))
    assert "Martin" in rows(dashboard(teacher_client, school, campaign, etat="STARTED"))
    assert "Bernard" in rows(dashboard(teacher_client, school, campaign, palier="2"))  # 100 %: « Expert »
    assert "Bernard" not in rows(dashboard(teacher_client, school, campaign, palier="0"))
    found = rows(dashboard(teacher_client, school, campaign, q="zoé mart"))
    assert "Martin" in found and "Bernard" not in found


def test_an_unknown_filter_value_is_a_clear_message_not_an_error(teacher_client, school, campaign):
    response = dashboard(teacher_client, school, campaign, etat="PERDU", palier="abc")
    assert response.status_code == 200
    assert "Aucun participant ne correspond à ces critères" in response.content.decode()


def test_participants_come_page_by_page(teacher_client, school, campaign):
    for learner in pupils(school, PARTICIPANTS_PAGE_SIZE + 3):
        sent_participation(campaign, learner)
    first = dashboard(teacher_client, school, campaign)
    second = dashboard(teacher_client, school, campaign, page=2)
    assert f"{PARTICIPANTS_PAGE_SIZE + 3} participants" in first.content.decode()
    assert "1 sur 2" in first.content.decode() and "2 sur 2" in second.content.decode()
    assert rows(first).count("<tr>") == PARTICIPANTS_PAGE_SIZE and rows(second).count("<tr>") == 3


def test_the_results_by_competence_are_bars_with_their_numbers_in_text(teacher_client, school, campaign):
    for learner, share in zip(pupils(school, 2), (1.0, 0.0), strict=True):
        sent_participation(campaign, learner, validated_share=share)
    page = dashboard(teacher_client, school, campaign).content.decode()
    bars = page.split('class="orga-bars"')[1].split("</ul>")[0]
    assert "1.1" in bars and "50 %" in bars
    assert '<svg class="orga-bar__chart"' in bars and 'aria-hidden="true"' in bars
    assert 'width="50.0"' in bars  # the bar drawn at the share written beside it
    assert "Voir ces résultats sous forme de tableau" in page


def test_the_heatmap_gives_each_class_its_mastery_in_numbers_and_colour(teacher_client, school, campaign):
    for learner in pupils(school, 2, division="6A"):
        sent_participation(campaign, learner, validated_share=1.0)
    for learner in pupils(school, 1, division="5B"):
        sent_participation(campaign, learner, validated_share=0.0)
    page = dashboard(teacher_client, school, campaign).content.decode()
    heatmap = page.split("orga-heatmap")[1].split("</table>")[0]
    six_a = heatmap.split('<th scope="row">6A</th>')[1].split("</tr>")[0]
    five_b = heatmap.split('<th scope="row">5B</th>')[1].split("</tr>")[0]
    assert "<td>2</td>" in six_a and 'orga-heat--4">100 %' in six_a
    assert "<td>1</td>" in five_b and 'orga-heat--0">0 %' in five_b
    assert "Légende des couleurs" in page and "de 80 à 100 %" in page


def test_the_class_filter_narrows_the_results_to_that_class(teacher_client, school, campaign):
    for learner in pupils(school, 1, division="6A"):
        sent_participation(campaign, learner, validated_share=1.0)
    for learner in pupils(school, 1, division="5B"):
        sent_participation(campaign, learner, validated_share=0.0)
    page = dashboard(teacher_client, school, campaign, classe="5B").content.decode()
    assert "Résultats reçus de la classe 5B" in page
    assert "0 %" in page.split('class="orga-bars"')[1].split("</ul>")[0]


def test_the_topics_to_work_on_are_the_tubes_least_mastered(teacher_client, school, campaign):
    learner = pupils(school, 1)[0]
    participation = sent_participation(campaign, learner, validated_share=1.0)
    weakest = participation.results.order_by("tube_id").first()
    participation.results.filter(pk=weakest.pk).update(validated=0)
    page = dashboard(teacher_client, school, campaign).content.decode()
    topics = page.split('class="orga-topics"')[1].split("</ol>")[0]
    assert topics.index(weakest.tube.title) < topics.index("100 %")
    assert f"0 % des acquis validés (0 sur {weakest.total})" in topics


def test_nothing_is_shown_in_detail_before_results_are_sent(teacher_client, school, campaign, pupil):
    services.participation_start(campaign=campaign, user=pupil)
    page = dashboard(teacher_client, school, campaign).content.decode()
    assert "Les résultats apparaîtront ici dès que des élèves les auront envoyés" in page
    assert "orga-heatmap" not in page


def test_a_profile_collection_shows_pix_certifiability_and_mean_levels(teacher_client, school, collection, pupil):
    participation = services.participation_start(campaign=collection, user=pupil)
    services.participation_share(participation=participation)
    page = dashboard(teacher_client, school, collection).content.decode()
    assert "Compétences certifiables" in page and "Niveau moyen par compétence" in page
    assert "non" in rows(dashboard(teacher_client, school, collection))


def queries_of(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
        assert client.get(url, headers={"HX-Request": "true"}).status_code == 200
    return len(captured)


def test_the_dashboard_takes_the_same_number_of_queries_whatever_the_number_of_participants(
        teacher_client, school, campaign):
    url = reverse("orga:campaign", args=[school.pk, campaign.pk])
    for learner in pupils(school, 3, division="6A"):
        sent_participation(campaign, learner, validated_share=0.5)
    few = queries_of(teacher_client, url)
    for division in ("6B", "5A", "5B"):
        for learner in pupils(school, 20, division=division):
            sent_participation(campaign, learner, validated_share=1.0)
    assert queries_of(teacher_client, url) == few
    assert queries_of(teacher_client, url + "?classe=5A&etat=SHARED") == few


def test_a_teacher_opens_a_student_s_results_by_competence_and_tube(teacher_client, school, campaign, pupil):
    participation = finish(services.participation_start(campaign=campaign, user=pupil),
                           knows=lambda c: c.skill.level <= 1)
    services.participation_share(participation=participation)
    url = reverse("orga:participant", args=[school.pk, campaign.pk, participation.pk])
    dashboard_page = dashboard(teacher_client, school, campaign).content.decode()
    assert url in dashboard_page
    page = teacher_client.get(url).content.decode()
    assert "Zoé Martin" in page and "État</dt><dd>envoyé</dd>" in page
    assert "Résultats par compétence" in page and "1.1" in page
    for result in participation.results.select_related("tube"):
        assert result.tube.title in page
    assert f"Réponses données</dt><dd>{participation.assessment.answers.count()}</dd>" in page
    assert "Palier atteint</dt><dd>0 sur 2 : Palier Premiers pas</dd>" in page


def test_a_participation_in_progress_shows_its_progression_but_no_results(teacher_client, school, campaign, pupil):
    participation = services.participation_start(campaign=campaign, user=pupil)
    page = teacher_client.get(reverse("orga:participant", args=[school.pk, campaign.pk, participation.pk]))
    text = page.content.decode()
    assert "Progression</dt><dd>0 %</dd>" in text
    assert "Les résultats détaillés apparaîtront ici quand l'élève les aura envoyés" in text


def test_a_participation_of_another_campaign_is_not_found_through_this_one(teacher_client, school, campaign,
                                                                          collection, pupil):
    participation = services.participation_start(campaign=collection, user=pupil)
    url = reverse("orga:participant", args=[school.pk, campaign.pk, participation.pk])
    assert teacher_client.get(url).status_code == 404
