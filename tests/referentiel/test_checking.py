"""Answer checking, table-driven: each row is a situation a learner could be in."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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


def test_an_unknown_challenge_type_scores_ko_and_is_logged_as_an_error(caplog):
    assert check_answer(SolutionSpec("QCX", [1]), "1").status == KO
    assert caplog.records[-1].levelname == "ERROR"


# Whatever is stored (hand-edited JSON, an old format) and whatever is posted, the checker answers.
_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=8),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=4), children, max_size=4),
    max_leaves=12,
)


@settings(max_examples=400, deadline=None)
@given(type_=st.sampled_from(["QCU", "QCM", "QROC", "QROCM-ind", "QROCM-dep", "", "autre"]),
       solution=_json, answer=_json, tolerances=_json, is_number=st.booleans())
def test_the_checker_never_raises_on_stored_content_or_answers(type_, solution, answer, tolerances, is_number):
    spec = SolutionSpec(type_, solution, tolerances=tolerances if isinstance(tolerances, tuple) else (),
                        is_number=is_number)
    assert check_answer(spec, answer).status in (OK, KO, SKIPPED)


@settings(max_examples=200, deadline=None)
@given(fields=_json, tolerances=_json, solution=_json)
def test_a_challenge_with_fields_of_any_shape_still_gets_a_result(fields, tolerances, solution):
    from referentiel.models import Challenge

    challenge = Challenge(type="QROC", fields=fields, tolerances=tolerances, solution=solution)
    assert check_answer(challenge.solution_spec(), {"reponse": "x"}).status in (OK, KO)


def test_a_solution_the_checker_cannot_read_scores_ko_and_is_logged(caplog):
    result = check_answer(SolutionSpec("QROC", ["pas", "une", "table"]), {"reponse": "pas"})
    assert result.status == KO and result.details == {"content_error": True}
    assert "Solution illisible" in caplog.text


def test_a_proposal_written_in_markdown_shows_its_code_and_emphasis_inline():
    from referentiel.templatetags.content import inline_markdown

    assert inline_markdown("`https://mabanque.fr/`") == "<code>https://mabanque.fr/</code>"
    assert inline_markdown("Le **seul** bon choix") == "Le <strong>seul</strong> bon choix"
    assert inline_markdown("Voir [lien](https://ailleurs.example)") == "Voir lien"
    unsafe = inline_markdown("<script>alert(1)</script>")
    assert "<script" not in unsafe and "alert(1)" in unsafe
    assert inline_markdown("1. Ouvrir le menu") == "1. Ouvrir le menu"
    assert inline_markdown("- moins") == "- moins"
