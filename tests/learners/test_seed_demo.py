import pytest
from django.core.management import CommandError, call_command

from learners import selectors
from learners.models import Answer, User

pytestmark = pytest.mark.django_db


def test_the_demo_world_gives_learners_real_profiles_and_prints_their_logins(competence, capsys):
    call_command("seed_demo")
    printed = capsys.readouterr().out
    assert "eleve.demo" in printed and "Demo-Pix-2026" in printed and "admin" in printed
    demo = User.objects.get(username="eleve.demo")
    assert selectors.scorecard(demo, competence).level == 3  # the small bank stops at level 3
    assert Answer.objects.filter(assessment__user=demo).exists()
    assert User.objects.get(username="ines.nouvelle").must_change_password


def test_running_the_demo_seed_twice_changes_nothing(competence):
    call_command("seed_demo")
    counts = (User.objects.count(), Answer.objects.count())
    call_command("seed_demo")
    assert (User.objects.count(), Answer.objects.count()) == counts


def test_the_demo_seed_asks_for_the_referentiel_first(db):
    with pytest.raises(CommandError, match="load_referentiel"):
        call_command("seed_demo")
