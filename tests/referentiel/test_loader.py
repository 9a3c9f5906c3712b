import copy

import pytest
from django.core import serializers
from django.core.management import CommandError, call_command

from referentiel.loader.load import load_referentiel
from referentiel.loader.parse import ContentError, parse_content
from referentiel.models import Area, Challenge, Competence, Skill, Tutorial
from tests.fixtures.content import SMALL_COMPETENCE, write_competence

pytestmark = pytest.mark.django_db

CONTENT_MODELS = [Area, Competence, Skill, Challenge, Tutorial]


def snapshot():
    return {m.__name__: serializers.serialize("json", m.objects.order_by("pk")) for m in CONTENT_MODELS}


def test_loading_twice_leaves_the_database_identical(content_dir):
    load_referentiel(parse_content(content_dir))
    before = snapshot()
    report = load_referentiel(parse_content(content_dir))
    assert not report.changed
    assert snapshot() == before


def test_the_command_says_when_nothing_changed(content_dir, capsys):
    call_command("load_referentiel", content_dir=str(content_dir))
    call_command("load_referentiel", content_dir=str(content_dir))
    assert "aucun changement" in capsys.readouterr().out


def test_all_16_competences_are_loaded_under_their_5_areas(content_dir):
    load_referentiel(parse_content(content_dir))
    assert Area.objects.count() == 5
    assert Competence.objects.count() == 16
    assert list(Competence.objects.filter(area__code="2").values_list("code", flat=True)) == [
        "2.1", "2.2", "2.3", "2.4"]


def test_a_removed_challenge_is_archived_not_deleted(content_dir):
    load_referentiel(parse_content(content_dir))
    reduced = copy.deepcopy(SMALL_COMPETENCE)
    reduced["thematics"][0]["tubes"][0]["skills"][1]["challenges"].append({
        "id": "t-motscles-2-b", "type": "QCU", "instruction": "Autre ?", "proposals": ["a", "b"],
        "solution": [2], "explanation": "b.",
    })
    write_competence(content_dir, reduced)
    load_referentiel(parse_content(content_dir))
    write_competence(content_dir, SMALL_COMPETENCE)
    report = load_referentiel(parse_content(content_dir))
    assert report.archived["challenge"] == 1
    assert Challenge.objects.get(slug="t-motscles-2-b").status == Challenge.Status.ARCHIVED


def test_a_corrupted_file_is_refused_whole_and_nothing_is_half_loaded(content_dir):
    load_referentiel(parse_content(content_dir))
    before = snapshot()
    broken = copy.deepcopy(SMALL_COMPETENCE)
    broken["thematics"][0]["tubes"][0]["skills"][0]["challenges"][0]["instruction"] = "Changé"
    broken["thematics"][0]["tubes"][0]["skills"][1]["challenges"][0]["solution"] = {"autre": ["x"]}
    write_competence(content_dir, broken)
    with pytest.raises(CommandError) as error:
        call_command("load_referentiel", content_dir=str(content_dir))
    message = str(error.value)
    assert "1.1.yaml" in message and "t-motscles-2-a" in message and "solution" in message
    assert snapshot() == before


def test_unreadable_yaml_is_reported_with_its_line(content_dir):
    (content_dir / "competences" / "1.2.yaml").write_text("competence: '1.2'\nthematics: [\n")
    with pytest.raises(ContentError) as error:
        parse_content(content_dir)
    assert "1.2.yaml" in str(error.value) and "ligne" in str(error.value)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (lambda c: c.update(type="QCX"), "type"),
        (lambda c: c.update(solution=[3]), "solution"),
        (lambda c: c.pop("explanation"), "explanation"),
        (lambda c: c.update(id="Pas un slug"), "id"),
        (lambda c: c.update(illustration={"file": "absente.png", "alt": "x"}), "illustration"),
        (lambda c: c.update(proposals=[{"Texte": "suite"}, "chien"]), "proposals"),
        (lambda c: c.update(proposals=[True, "chien"]), "proposals"),
    ],
)
def test_each_invalid_field_is_named_in_the_message(content_dir, change, field):
    broken = copy.deepcopy(SMALL_COMPETENCE)
    change(broken["thematics"][0]["tubes"][0]["skills"][0]["challenges"][0])
    write_competence(content_dir, broken)
    with pytest.raises(ContentError) as error:
        parse_content(content_dir)
    assert error.value.field == field


def test_a_duplicate_id_is_refused(content_dir):
    broken = copy.deepcopy(SMALL_COMPETENCE)
    skills = broken["thematics"][0]["tubes"][0]["skills"]
    skills[1]["challenges"][0]["id"] = skills[0]["challenges"][0]["id"]
    write_competence(content_dir, broken)
    with pytest.raises(ContentError, match="déjà utilisé"):
        parse_content(content_dir)


def test_each_level_of_a_competence_is_worth_8_pix_capped_at_4_per_skill(content_dir):
    load_referentiel(parse_content(content_dir))
    assert Skill.objects.get(name="@motsCles1").pix_value == 4


def test_new_challenges_get_an_initial_calibration_from_their_level(content_dir):
    load_referentiel(parse_content(content_dir))
    easy = Challenge.objects.get(slug="t-motscles-1-a")
    harder = Challenge.objects.get(slug="t-motscles-2-a")
    assert easy.difficulty < harder.difficulty
    assert easy.discrimination > 0


def test_skills_link_to_the_tutorials_of_their_tube(content_dir):
    load_referentiel(parse_content(content_dir))
    skill = Skill.objects.get(name="@motsCles2")
    assert list(skill.tutorials.values_list("slug", flat=True)) == ["t-tuto-motscles"]
