"""Content edits made in the admin are never lost: the loader names them as conflicts and waits
for a choice, and the export writes them back to the files."""

import copy

import pytest
from django.core.management import CommandError, call_command

from referentiel.loader.export import export_referentiel
from referentiel.loader.load import ConflictChoice, ContentConflicts, load_referentiel
from referentiel.loader.parse import CONTENT_DIR, parse_content
from referentiel.models import Area, Challenge, Competence, Skill, Thematic, Tube, Tutorial
from tests.fixtures.content import SMALL_COMPETENCE, write_competence

pytestmark = pytest.mark.django_db

CONTENT_MODELS = [Area, Competence, Thematic, Tube, Skill, Challenge, Tutorial]


def snapshot():
    """The content as the learners see it (the loader's own bookkeeping left out)."""
    fields = {m: [f.attname for f in m._meta.concrete_fields if f.name != "content_fingerprint"]
              for m in CONTENT_MODELS}
    content = {m.__name__: list(m.objects.order_by("pk").values_list(*fields[m])) for m in CONTENT_MODELS}
    content["skill tutorials"] = list(Skill.tutorials.through.objects.order_by("pk").values_list())
    return content


def edit_in_admin(slug, **values):
    Challenge.objects.filter(slug=slug).update(**values)


def test_an_admin_edit_survives_a_load_and_is_named_as_a_conflict(content_dir):
    load_referentiel(parse_content(content_dir))
    edit_in_admin("t-motscles-1-a", instruction="Quel mot-clé garderais-tu ?")
    changed = copy.deepcopy(SMALL_COMPETENCE)
    changed["thematics"][0]["tubes"][0]["skills"][0]["challenges"][0]["instruction"] = "Autre texte."
    write_competence(content_dir, changed)

    with pytest.raises(ContentConflicts) as refused:
        load_referentiel(parse_content(content_dir))
    assert "t-motscles-1-a" in str(refused.value) and "consigne" in str(refused.value)
    assert Challenge.objects.get(slug="t-motscles-1-a").instruction == "Quel mot-clé garderais-tu ?"


def test_keeping_the_admin_edits_loads_everything_else(content_dir):
    load_referentiel(parse_content(content_dir))
    edit_in_admin("t-motscles-1-a", instruction="Version de l'administration")
    changed = copy.deepcopy(SMALL_COMPETENCE)
    changed["thematics"][0]["tubes"][0]["skills"][0]["challenges"][0]["instruction"] = "Version du fichier"
    changed["thematics"][0]["tubes"][0]["skills"][1]["challenges"][0]["explanation"] = "Nouvelle explication."
    write_competence(content_dir, changed)

    report = load_referentiel(parse_content(content_dir), choice=ConflictChoice.KEEP_ADMIN_EDITS)
    assert [c.key for c in report.conflicts] == ["t-motscles-1-a"]
    assert Challenge.objects.get(slug="t-motscles-1-a").instruction == "Version de l'administration"
    assert Challenge.objects.get(slug="t-motscles-2-a").explanation == "Nouvelle explication."


def test_overwriting_puts_the_files_back(content_dir):
    load_referentiel(parse_content(content_dir))
    edit_in_admin("t-motscles-1-a", solution=[2])
    load_referentiel(parse_content(content_dir), choice=ConflictChoice.OVERWRITE)
    assert Challenge.objects.get(slug="t-motscles-1-a").solution == [1]
    assert not load_referentiel(parse_content(content_dir)).conflicts


def test_an_admin_edit_the_files_do_not_contradict_is_no_conflict(content_dir):
    load_referentiel(parse_content(content_dir))
    edit_in_admin("t-motscles-1-a", timer=30)
    report = load_referentiel(parse_content(content_dir), choice=ConflictChoice.KEEP_ADMIN_EDITS)
    assert [c.key for c in report.conflicts] == ["t-motscles-1-a"]  # the file says "no timer"
    edit_in_admin("t-motscles-1-a", timer=None)
    assert load_referentiel(parse_content(content_dir)).conflicts == []


def test_a_challenge_created_in_the_admin_is_not_archived_silently(content_dir):
    load_referentiel(parse_content(content_dir))
    skill = Skill.objects.get(name="@motsCles1")
    Challenge.objects.create(slug="t-ajout-admin", skill=skill, type="QCU", instruction="?",
                             proposals=["a", "b"], solution=[1])
    with pytest.raises(ContentConflicts) as refused:
        load_referentiel(parse_content(content_dir))
    assert "t-ajout-admin" in str(refused.value) and "absent des fichiers" in str(refused.value)
    load_referentiel(parse_content(content_dir), choice=ConflictChoice.KEEP_ADMIN_EDITS)
    assert Challenge.objects.get(slug="t-ajout-admin").status == Challenge.Status.VALIDATED


def test_a_calibration_is_not_mistaken_for_an_admin_edit(content_dir):
    load_referentiel(parse_content(content_dir))
    edit_in_admin("t-motscles-1-a", difficulty=1.7, discrimination=0.8)
    changed = copy.deepcopy(SMALL_COMPETENCE)
    changed["thematics"][0]["tubes"][0]["skills"][0]["challenges"][0]["instruction"] = "Nouveau."
    write_competence(content_dir, changed)
    load_referentiel(parse_content(content_dir))
    challenge = Challenge.objects.get(slug="t-motscles-1-a")
    assert (challenge.instruction, challenge.difficulty) == ("Nouveau.", 1.7)


def test_the_command_names_the_conflicts_and_the_two_choices(content_dir):
    call_command("load_referentiel", content_dir=str(content_dir))
    edit_in_admin("t-motscles-1-a", explanation="Réécrite dans l'administration.")
    with pytest.raises(CommandError) as refused:
        call_command("load_referentiel", content_dir=str(content_dir))
    message = str(refused.value)
    assert "t-motscles-1-a" in message and "rien n'a été chargé" in message
    assert "--keep-admin-edits" in message and "--overwrite" in message
    call_command("load_referentiel", "--keep-admin-edits", content_dir=str(content_dir))
    assert Challenge.objects.get(slug="t-motscles-1-a").explanation == "Réécrite dans l'administration."


def test_a_start_of_the_production_stack_does_not_reload_over_staff_edits(content_dir, capsys):
    call_command("load_referentiel", content_dir=str(content_dir), if_empty=True)
    edit_in_admin("t-motscles-1-a", explanation="Réécrite dans l'administration.")
    call_command("load_referentiel", content_dir=str(content_dir), if_empty=True)
    assert "rien à faire" in capsys.readouterr().out
    assert Challenge.objects.get(slug="t-motscles-1-a").explanation == "Réécrite dans l'administration."


def test_export_then_load_changes_nothing_on_the_whole_bank(tmp_path):
    load_referentiel(parse_content(CONTENT_DIR))
    edit_in_admin("c11-requete-1-a", instruction="Une consigne\n\nsur deux paragraphes.", timer=45)
    before = snapshot()
    export_referentiel(tmp_path, media_from=CONTENT_DIR / "media")
    report = load_referentiel(parse_content(tmp_path))
    assert not report.changed and report.conflicts == []
    assert snapshot() == before


def test_the_export_command_writes_the_files(tmp_path, content_dir):
    load_referentiel(parse_content(content_dir))
    target = tmp_path / "export"
    call_command("export_referentiel", content_dir=str(target))
    assert (target / "framework.yaml").exists() and (target / "competences" / "1.1.yaml").exists()
    assert [c.id for c in parse_content(target).challenges()] == ["t-motscles-1-a", "t-motscles-2-a"]
