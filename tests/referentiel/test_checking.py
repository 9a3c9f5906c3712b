"""Answer checking, table-driven: each row is a situation a learner could be in."""

import pytest

from referentiel.checking import (
    KO,
    OK,
    SKIPPED,
    SolutionSpec,
    check_answer,
    levenshtein,
    matches_variants,
    t1,
    t2,
)

QCU = SolutionSpec("QCU", [2])
QCM = SolutionSpec("QCM", [1, 3])
QROC = SolutionSpec("QROC", {"reponse": ["moteur de recherche", "moteur"]})
QROC_CODE = SolutionSpec("QROC", {"formule": ["=SOMME(A1:A3)"]}, tolerances=("t1",))
QROC_NUMBER = SolutionSpec("QROC", {"total": ["42.5"]}, is_number=True)
QROC_SELECT = SolutionSpec("QROC", {"choix": ["Lyon"]}, select_keys=("choix",))
QROCM_IND = SolutionSpec("QROCM-ind", {"nom": ["dupont"], "ville": ["Paris"]})
QROCM_DEP = SolutionSpec("QROCM-dep", [["Firefox"], ["Chrome", "Google Chrome"], ["Edge"]])


@pytest.mark.parametrize(
    ("spec", "answer", "expected"),
    [
        (QCU, "2", OK),
        (QCU, "1", KO),
        (QCU, "1,2", KO),
        (QCM, "1,3", OK),
        (QCM, "3, 1", OK),
        (QCM, [3, 1], OK),
        (QCM, "1", KO),
        (QCM, "1,2,3", KO),
        (QROC, "Moteur de recherche", OK),
        (QROC, "  MOTEUR  ", OK),
        (QROC, "moteur de recherche !", OK),
        (QROC, "moteur de recherhe", OK),
        (QROC, "navigateur", KO),
        (QROC, "", KO),
        (QROC_CODE, "=somme(a1:a3)", OK),
        (QROC_CODE, "=SOMME(A1;A3)", KO),
        (QROC_CODE, "=SOMME(A1:A4)", KO),
        (QROC_NUMBER, "42,5", OK),
        (QROC_NUMBER, "42.50", OK),
        (QROC_NUMBER, "425", KO),
        (QROC_SELECT, "Lyon", OK),
        (QROC_SELECT, "lyon", KO),
        (QROCM_IND, {"nom": "Dupont", "ville": "paris"}, OK),
        (QROCM_IND, {"nom": "Dupont", "ville": "Lyon"}, KO),
        (QROCM_IND, {"nom": "Dupont"}, KO),
        (QROCM_DEP, {"n1": "Edge", "n2": "firefox"}, OK),
        (QROCM_DEP, {"n1": "Google Chrome", "n2": "Chrome"}, KO),
        (QROCM_DEP, {"n1": "Firefox", "n2": "Opera"}, KO),
        (QROCM_DEP, {"n1": "", "n2": ""}, KO),
        (QCU, "#ABAND#", SKIPPED),
        (QROC, None, SKIPPED),
    ],
)
def test_each_type_checks_an_answer_with_its_own_rules(spec, answer, expected):
    assert check_answer(spec, answer).status == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("  Élève Été ", "eleveete"), ("A\u00a0B", "ab"), ("Ça va", "cava")],
)
def test_t1_ignores_case_accents_and_spaces(text, expected):
    from referentiel.checking import treat

    assert treat(text, ("t1",)) == expected


def test_t2_ignores_punctuation_but_keeps_words_apart():
    assert t2("bonjour, le monde !") == "bonjour le monde "
    assert t1("L'ÉTÉ") == "l'ete"


@pytest.mark.parametrize(
    ("answer", "accepted"),
    [("chaton", True), ("chatons", True), ("chat", False), ("chiens", False)],
)
def test_typos_are_accepted_up_to_a_quarter_of_the_answer_length(answer, accepted):
    assert matches_variants(answer, ["chaton"]) is accepted


def test_levenshtein_counts_insertions_deletions_and_substitutions():
    assert levenshtein("kitten", "sitting") == 3
    assert levenshtein("", "abc") == 3
    assert levenshtein("same", "same") == 0


def test_qrocm_ind_reports_which_fields_are_right():
    result = check_answer(QROCM_IND, {"nom": "Dupont", "ville": "Lyon"})
    assert result.details == {"nom": True, "ville": False}


def test_an_unknown_challenge_type_is_refused_loudly():
    with pytest.raises(ValueError):
        check_answer(SolutionSpec("QCX", [1]), "1")
