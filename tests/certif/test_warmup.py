"""A web process builds the certification engine when it starts, and starts whatever happens."""

import logging

from certif import warmup
from referentiel import catalogue, engines


def test_a_starting_process_builds_the_engine_of_the_current_version(version):
    engines.clear_cache()
    assert warmup.warm_up() is True
    assert len(engines._engines) == 1


def test_a_started_process_serves_any_question_of_the_bank_without_reading_it_again(
        version, django_assert_num_queries):
    engines.clear_cache()
    content = catalogue.current_version()
    assert warmup.warm_up() is True  # and it closes its connection: the process opens its own later
    (built,) = engines._engines.values()
    with django_assert_num_queries(0):
        served = [catalogue.challenge(challenge_id, content) for challenge_id in built.challenge_ids]
    assert [challenge.pk for challenge in served] == list(built.challenge_ids)
    assert len(served) == 96 and all(challenge.skill.tube_id for challenge in served)


def test_without_a_certification_version_nothing_is_built_and_the_process_starts(db):
    engines.clear_cache()
    assert warmup.warm_up() is False
    assert not engines._engines


def test_a_failure_while_building_is_logged_and_the_process_starts(version, monkeypatch, caplog):
    def broken(*args, **kwargs):
        raise RuntimeError("base indisponible")

    monkeypatch.setattr(warmup, "certification_engine", broken)
    with caplog.at_level(logging.ERROR, logger="certif.warmup"):
        assert warmup.warm_up() is False
    assert "first use" in caplog.text


def test_a_started_process_shows_any_question_of_the_bank_without_rendering_its_text_again(version):
    from referentiel.templatetags import content as rendering

    engines.clear_cache()
    rendering._rendered.cache_clear()
    rendering._rendered_inline.cache_clear()
    content = catalogue.current_version()
    assert warmup.warm_up() is True
    (built,) = engines._engines.values()
    challenges = [catalogue.challenge(pk, content) for pk in built.challenge_ids]
    misses = rendering._rendered.cache_info().misses, rendering._rendered_inline.cache_info().misses
    for challenge in challenges:
        assert "<" in rendering.markdown(challenge.instruction)
        for text in challenge.proposals:
            rendering.inline_markdown(text)
    assert (rendering._rendered.cache_info().misses,
            rendering._rendered_inline.cache_info().misses) == misses
    assert any(challenge.proposals for challenge in challenges)
