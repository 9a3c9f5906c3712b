import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from adaptive.positioning import (
    KnowledgeElement,
    Skill,
    competence_score,
    hash_int,
    knowledge_elements_for_answer,
    next_skill_candidates,
    pick,
    pix_value,
    pix_values,
    predicted_level,
)


def tube(name, levels, **flags):
    return [Skill(id=f"{name}{level}", tube=name, level=level, **flags) for level in levels]


def direct(skill_id, validated=True):
    status = "validated" if validated else "invalidated"
    return KnowledgeElement(skill_id=skill_id, status=status, source="direct")


# --- deterministic pick ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "hashed"),
    [(0, 0), (1, 3266786691), (2, 3910079064), (42, 3941539072), (1234, 3059133242),
     (123456789, 3018598323), (2**31 - 1, 3609731332), (2**32 - 1, 3582354520), (-1, 3582354520)],
)  # fmt: skip
def test_hash_int_matches_the_reference_package(value, hashed):
    assert hash_int(value) == hashed


def test_the_pick_is_the_same_for_the_same_assessment():
    assert pick(1234, 7) == pick(1234, 7) == 3059133242 % 7
    assert pick(1234, 5, salt=1) == hash_int(1235) % 5


def test_there_is_nothing_to_pick_from_an_empty_list():
    with pytest.raises(ValueError):
        pick(3, 0)


@given(st.integers(min_value=0, max_value=2**40), st.integers(min_value=1, max_value=500))
def test_the_pick_is_always_a_valid_index(seed, count):
    assert 0 <= pick(seed, count) < count


# --- predicted level ------------------------------------------------------------------------


def test_without_answers_the_predicted_level_sits_between_the_virtual_answers():
    assert predicted_level([]) == 3.5


def test_successes_raise_the_predicted_level_and_failures_lower_it():
    assert predicted_level([(4, True), (5, True)]) > predicted_level([])
    assert predicted_level([(2, False), (3, False)]) < predicted_level([])


@given(st.lists(st.tuples(st.integers(1, 8), st.booleans()), max_size=30))
def test_the_predicted_level_is_one_of_the_candidate_levels(observations):
    level = predicted_level(observations)
    assert 0.5 <= level <= 7.5 and (2 * level).is_integer()


# --- first question -------------------------------------------------------------------------


def test_the_first_question_prefers_level_two_in_easy_tubes():
    skills = tube("hard", [1, 2, 3, 4, 5]) + tube("easy", [1, 2, 3])
    assert next_skill_candidates(skills, [], is_first_question=True) == ["easy2"]


def test_the_first_question_takes_the_easiest_level_when_there_is_no_level_two():
    skills = tube("a", [3, 5]) + tube("b", [4, 6])
    assert next_skill_candidates(skills, [], is_first_question=True) == ["a3"]


def test_the_first_question_avoids_timed_skills_unless_only_timed_ones_are_left():
    timed = tube("t", [2], timed=True)
    assert next_skill_candidates(timed + tube("u", [2]), [], is_first_question=True) == ["u2"]
    assert next_skill_candidates(timed, [], is_first_question=True) == ["t2"]


# --- following questions --------------------------------------------------------------------


def test_skills_too_far_above_the_predicted_level_are_not_asked():
    skills = tube("a", [1, 2, 3, 4, 5, 6, 7, 8])
    failed_low = [direct("a2", False)]  # predicted level drops to 1.5
    candidates = next_skill_candidates(skills, failed_low)
    assert candidates and all(int(skill_id[1:]) <= 3.5 for skill_id in candidates)


def test_the_skill_settling_the_most_of_its_tube_is_chosen():
    skills = tube("a", [1, 2, 3, 4, 5, 6]) + tube("b", [1, 2, 3, 4, 5, 6])
    knowledge = [direct("b1"), direct("b2"), direct("b3")]
    # Three successes predict level 5.5, where a level-5 question splits the six-skill tube a
    # best; tube b has only three skills left to settle.
    assert predicted_level([(1, True), (2, True), (3, True)]) == 5.5
    assert next_skill_candidates(skills, knowledge) == ["a5"]


def test_ties_between_equally_useful_skills_are_all_kept():
    skills = tube("a", [1, 2, 3, 4, 5, 6]) + tube("b", [1, 2, 3, 4, 5, 6])
    # At the predicted level 3.5, levels 3 and 4 split a 1..6 tube equally well.
    assert next_skill_candidates(skills, []) == ["a3", "a4", "b3", "b4"]


def test_easy_tubes_are_asked_before_the_others():
    skills = tube("a", [1, 2, 3, 4, 5, 6]) + tube("easy", [1, 2, 3])
    assert next_skill_candidates(skills, []) == ["easy3"]


def test_a_timed_question_is_not_followed_by_another():
    skills = tube("a", [1, 2, 3, 4, 5, 6], timed=True) + tube("b", [1, 2, 3, 4, 5, 6])
    assert next_skill_candidates(skills, [], last_answer_timed=True) == ["b3", "b4"]
    assert next_skill_candidates(skills, [], last_answer_timed=False) == ["a3", "a4", "b3", "b4"]


def test_skills_without_a_remaining_challenge_are_never_proposed():
    skills = tube("a", [1, 2, 3, 4], playable=False) + tube("b", [1, 2, 3, 4])
    assert all(skill_id.startswith("b") for skill_id in next_skill_candidates(skills, []))


def test_the_test_is_over_when_every_skill_is_known():
    skills = tube("a", [1, 2, 3])
    knowledge = [direct("a3")] + [
        KnowledgeElement(f"a{level}", "validated", "inferred") for level in (1, 2)
    ]
    assert next_skill_candidates(skills, knowledge) == []


# --- knowledge elements ---------------------------------------------------------------------


def test_a_success_validates_the_easier_skills_of_the_tube():
    skills = tube("a", [1, 2, 3, 4]) + tube("b", [1])
    elements = knowledge_elements_for_answer(skills, [], "a3", correct=True)
    assert elements[0] == KnowledgeElement("a3", "validated", "direct")
    assert {(e.skill_id, e.status, e.source) for e in elements[1:]} == {
        ("a1", "validated", "inferred"),
        ("a2", "validated", "inferred"),
    }


def test_a_failure_invalidates_the_harder_skills_of_the_tube():
    skills = tube("a", [1, 2, 3, 4, 5])
    elements = knowledge_elements_for_answer(skills, [], "a3", correct=False)
    assert [(e.skill_id, e.status) for e in elements] == [
        ("a3", "invalidated"), ("a4", "invalidated"), ("a5", "invalidated"),
    ]  # fmt: skip


def test_skills_already_assessed_in_the_assessment_get_no_new_knowledge():
    skills = tube("a", [1, 2, 3])
    assert knowledge_elements_for_answer(skills, ["a3"], "a3", correct=True) == []
    elements = knowledge_elements_for_answer(skills, ["a1"], "a3", correct=True)
    assert [e.skill_id for e in elements] == ["a3", "a2"]


def test_an_answer_on_a_skill_outside_the_targets_gives_no_knowledge():
    assert knowledge_elements_for_answer(tube("a", [1, 2]), [], "elsewhere", correct=True) == []


def test_only_validated_knowledge_earns_the_pix_value():
    skills = [Skill("a1", "a", 1, pix_value=4.0), Skill("a2", "a", 2, pix_value=2.5)]
    success = knowledge_elements_for_answer(skills, [], "a2", correct=True)
    assert [e.earned_pix for e in success] == [2.5, 4.0]
    failure = knowledge_elements_for_answer(skills, [], "a1", correct=False)
    assert [e.earned_pix for e in failure] == [0.0, 0.0]


# --- property tests over whole assessments --------------------------------------------------


@st.composite
def referentials(draw):
    """A few tubes with distinct levels each; some skills timed."""
    skills = []
    for number in range(draw(st.integers(1, 5))):
        levels = draw(st.sets(st.integers(1, 8), min_size=1, max_size=8))
        skills += [
            Skill(f"t{number}-{level}", f"t{number}", level, timed=draw(st.booleans()))
            for level in sorted(levels)
        ]
    return skills


@given(referentials(), st.booleans(), st.data())
def test_inferred_knowledge_never_contradicts_the_direct_answer(skills, correct, data):
    answered = data.draw(st.sampled_from(skills))
    elements = knowledge_elements_for_answer(skills, [], answered.id, correct)
    level_of = {skill.id: skill.level for skill in skills}
    assert elements[0].source == "direct" and elements[0].skill_id == answered.id
    for element in elements[1:]:
        assert element.status == elements[0].status and element.source == "inferred"
        easier = level_of[element.skill_id] < answered.level
        assert easier if correct else not easier


def _run_assessment(skills, answers_right, seed):
    """Plays a whole assessment; returns the proposed skills in order and the final knowledge."""
    by_id = {skill.id: skill for skill in skills}
    knowledge, proposed, last_timed = [], [], False
    for step in range(len(skills) + 1):
        remaining = [
            Skill(s.id, s.tube, s.level, playable=s.id not in proposed, timed=s.timed)
            for s in skills
        ]
        candidates = next_skill_candidates(
            remaining, knowledge, last_answer_timed=last_timed, is_first_question=step == 0
        )
        if not candidates:
            return proposed, knowledge
        chosen = by_id[candidates[pick(seed, len(candidates))]]
        assessed = {element.skill_id for element in knowledge}
        knowledge += knowledge_elements_for_answer(
            skills, assessed, chosen.id, answers_right(chosen)
        )
        proposed.append(chosen.id)
        last_timed = chosen.timed
    raise AssertionError("the assessment never ended")


@settings(max_examples=60)
@given(referentials(), st.integers(0, 9), st.integers(0, 2**31))
def test_the_stop_rule_always_ends_an_assessment(skills, learner_level, seed):
    proposed, knowledge = _run_assessment(skills, lambda s: s.level <= learner_level, seed)
    assert len(proposed) == len(set(proposed)) <= len(skills)
    assert len({element.skill_id for element in knowledge}) == len(knowledge)


@settings(max_examples=60)
@given(referentials(), st.integers(0, 2**31), st.data())
def test_a_validated_skill_makes_its_easier_skills_never_proposed_again(skills, seed, data):
    outcomes = data.draw(st.fixed_dictionaries({skill.id: st.booleans() for skill in skills}))
    proposed, knowledge = _run_assessment(skills, lambda s: outcomes[s.id], seed)
    by_id = {skill.id: skill for skill in skills}
    for position, skill_id in enumerate(proposed):
        if not outcomes[skill_id]:
            continue
        validated = by_id[skill_id]
        for later in proposed[position + 1 :]:
            other = by_id[later]
            assert not (other.tube == validated.tube and other.level < validated.level)


# --- pix and levels -------------------------------------------------------------------------


def test_each_level_of_a_competence_is_worth_eight_pix_at_most_four_per_skill():
    assert [pix_value(count) for count in (0, 1, 2, 3, 4)] == [0.0, 4.0, 4.0, 8 / 3, 2.0]
    values = pix_values([("a", "1.1", 2), ("b", "1.1", 2), ("c", "1.1", 2), ("d", "1.2", 2)])
    assert values == {"a": 8 / 3, "b": 8 / 3, "c": 8 / 3, "d": 4.0}


def test_a_competence_score_reads_the_level_on_the_unfloored_total():
    score = competence_score(23.7)
    assert (score.pix, score.level, score.pix_ahead) == (23, 2, 7)
    assert score.remaining_pix_to_next_level == 1
    assert score.percentage_ahead == pytest.approx(87.5)


def test_a_whole_level_made_of_thirds_counts_as_a_level():
    assert competence_score(sum([8 / 3] * 3)).level == 1
    assert competence_score(sum([0.1] * 80)).level == 1


def test_pix_and_level_are_capped_at_the_reachable_level():
    capped = competence_score(57.0, max_level=5)
    assert (capped.pix, capped.level, capped.pix_ahead) == (40, 5, 0)
    free = competence_score(57.0, max_level=5, allow_excess_pix=True, allow_excess_level=True)
    assert (free.pix, free.level) == (57, 7)


@given(st.floats(0, 100), st.floats(0, 100))
def test_more_pix_never_lowers_the_competence_level(low, high):
    low, high = min(low, high), max(low, high)
    assert competence_score(low, max_level=7).level <= competence_score(high, max_level=7).level
