"""The starter bank: what students meet. Coverage and sanity of the real content files."""

import re
from collections import Counter

import pytest

from referentiel.loader.parse import COMPETENCE_CODES, parse_content

CHALLENGE_TYPES = {"QCU", "QCM", "QROC", "QROCM-ind", "QROCM-dep"}


@pytest.fixture(scope="module")
def bank():
    return parse_content()


def tubes_of(competence):
    return [tube for thematic in competence.thematics for tube in thematic.tubes]


def test_the_bank_holds_at_least_192_challenges(bank):
    assert len(bank.challenges()) >= 192


def test_every_competence_has_two_tubes_with_skills_at_levels_1_to_6(bank):
    for competence in bank.competences():
        tubes = tubes_of(competence)
        assert len(tubes) >= 2, competence.code
        for tube in tubes:
            levels = {skill.level for skill in tube.skills if skill.challenges}
            assert set(range(1, 7)) <= levels, f"{competence.code} {tube.name}: {sorted(levels)}"


def test_all_16_competences_have_content(bank):
    assert sorted(c.code for c in bank.competences() if c.thematics) == sorted(COMPETENCE_CODES)


def test_all_five_challenge_types_are_present(bank):
    assert {c.type for c in bank.challenges()} == CHALLENGE_TYPES


def test_every_tube_has_a_tutorial(bank):
    for competence in bank.competences():
        for tube in tubes_of(competence):
            assert tube.tutorials, f"{competence.code} {tube.name}"


def test_challenges_are_answerable_offline(bank):
    for challenge in bank.challenges():
        assert not re.search(r"https?://", challenge.instruction), challenge.id


def test_every_illustration_has_a_text_alternative(bank):
    for challenge in bank.challenges():
        if challenge.illustration:
            assert len(challenge.illustration["alt"]) >= 15, challenge.id


def test_number_answers_only_accept_numbers(bank):
    number = re.compile(r"^[+-]?\d+(?:[.,]\d+)?$")
    for challenge in bank.challenges():
        if challenge.format == "nombre":
            variants = challenge.solution.values() if isinstance(challenge.solution, dict) else challenge.solution
            for group in variants:
                assert all(number.match(v.strip()) for v in group), challenge.id


def test_proposals_have_no_catch_all_answer(bank):
    for challenge in bank.challenges():
        for proposal in challenge.proposals:
            assert "toutes les réponses" not in proposal.lower(), challenge.id


def test_challenge_ids_are_unique_across_the_bank(bank):
    counts = Counter(c.id for c in bank.challenges())
    assert [cid for cid, n in counts.items() if n > 1] == []
