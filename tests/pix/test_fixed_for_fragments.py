"""A fragment that shows one piece of content is rendered once per object and language, and its
renderings go with the object: a new content version shows new HTML, and memory does not grow."""

import gc

import pytest
from django.template import Context, Template, TemplateSyntaxError
from django.utils import translation

from pix.templatetags import layout
from referentiel.models import Tutorial

CARD = "{% load i18n layout %}{% fixed_for tutorial %}<h3>{{ tutorial.title }}</h3>{% translate 'Mes tutos' %}{% endfixed_for %}"


def tutorial(title="Chercher sur le web", pk=7):
    return Tutorial(pk=pk, title=title)


def test_a_fragment_gives_the_html_of_its_object():
    assert Template(CARD).render(Context({"tutorial": tutorial()})) == "<h3>Chercher sur le web</h3>Mes tutos"


def test_a_fragment_is_rendered_once_for_an_object_then_given_as_it_is():
    page, shown = Template(CARD), tutorial()
    page.render(Context({"tutorial": shown}))
    shown.title = "changed in memory only"
    assert page.render(Context({"tutorial": shown})) == "<h3>Chercher sur le web</h3>Mes tutos"


def test_the_same_content_read_again_after_a_content_load_is_rendered_anew():
    page = Template(CARD)
    page.render(Context({"tutorial": tutorial("Ancien titre")}))
    assert "Nouveau titre" in page.render(Context({"tutorial": tutorial("Nouveau titre")}))  # same pk


def test_a_fragment_is_rendered_in_each_language():
    page, shown = Template(CARD), tutorial()
    with translation.override("en"):
        assert page.render(Context({"tutorial": shown})).endswith("My tutorials")
    with translation.override("fr"):
        assert page.render(Context({"tutorial": shown})).endswith("Mes tutos")


def test_the_renderings_of_an_object_go_with_it():
    page = Template(CARD)
    gc.collect()
    before = len(layout._renderings_by_object)
    for number in range(50):
        page.render(Context({"tutorial": tutorial(f"Tuto {number}", pk=number)}))
    gc.collect()
    assert len(layout._renderings_by_object) == before


def test_a_value_that_cannot_be_followed_is_rendered_each_time():
    page = Template("{% load layout %}{% fixed_for tutorial %}{{ tutorial.title }}{% endfixed_for %}")
    assert page.render(Context({"tutorial": {"title": "un"}})) == "un"
    assert page.render(Context({"tutorial": {"title": "deux"}})) == "deux"


@pytest.mark.parametrize("content", ["{{ user.first_name }}", "{% if saved %}x{% endif %}",
                                     "{{ tutorials }}", "{% for t in others %}{{ t }}{% endfor %}",
                                     "{% for t in tutorial.tags %}{% endfor %}{{ t }}"])
def test_a_fragment_refuses_anything_but_its_object(content):
    with pytest.raises(TemplateSyntaxError, match="tutorial"):
        Template("{% load layout %}{% fixed_for tutorial %}" + content + "{% endfixed_for %}")


def test_a_fragment_may_loop_over_its_object_s_values():
    page = Template("{% load layout %}{% fixed_for tutorial %}{% for word in tutorial.words %}"
                    "{{ forloop.counter }}:{{ word }} {% endfor %}{% endfixed_for %}")
    shown = tutorial()
    shown.words = ["chercher", "trier"]
    assert page.render(Context({"tutorial": shown})) == "1:chercher 2:trier "


def test_a_fragment_refuses_a_form_token_a_block_and_two_objects():
    with pytest.raises(TemplateSyntaxError, match="csrf_token"):
        Template("{% load layout %}{% fixed_for tutorial %}{% csrf_token %}{% endfixed_for %}")
    with pytest.raises(TemplateSyntaxError, match="block"):
        Template("{% load layout %}{% fixed_for tutorial %}{% block b %}{% endblock %}{% endfixed_for %}")
    with pytest.raises(TemplateSyntaxError, match="one content object"):
        Template("{% load layout %}{% fixed_for tutorial challenge %}{% endfixed_for %}")
