"""The layout's fixed parts are rendered once per process, for each language and each value they
vary on, and still follow the deployment's prefix; what differs from one visitor to the next
stays out of them."""

from unittest import mock

import pytest
from django.template import Context, Template, TemplateSyntaxError
from django.test import Client
from django.urls import reverse, set_script_prefix
from django.utils import translation

from pix.templatetags.layout import FIXED_RENDERINGS_PER_FRAGMENT, FixedNode

pytestmark = pytest.mark.django_db

LINKS = "{% load layout %}{% fixed %}<a href=\"{% url 'learners:account' %}\">{% url 'set_language' %}</a>{% endfixed %}"


def fragment_of(page):
    return next(node for node in page.nodelist if isinstance(node, FixedNode))


def test_a_fixed_fragment_gives_the_html_of_its_content():
    assert Template(LINKS).render(Context()) == f'<a href="{reverse("learners:account")}">{reverse("set_language")}</a>'


def test_a_fixed_fragment_is_rendered_once_then_given_as_it_is():
    page = Template(LINKS)
    with mock.patch.object(fragment_of(page).nodelist, "render", wraps=fragment_of(page).nodelist.render) as render:
        first, second = page.render(Context()), page.render(Context())
    assert first == second and render.call_count == 1


def test_a_fixed_fragment_is_rendered_in_each_language():
    page = Template("{% load i18n layout %}{% fixed %}{% translate 'Mon profil' %}{% endfixed %}")
    with translation.override("fr"):
        assert page.render(Context()) == "Mon profil"
    with translation.override("en"):
        assert page.render(Context()) == "My profile"
    with translation.override("fr"):
        assert page.render(Context()) == "Mon profil"


def test_the_fragments_of_one_page_are_rendered_in_its_language_and_in_the_next_page_s():
    page = Template("{% load i18n layout %}{% fixed %}{% translate 'Mon profil' %}{% endfixed %}"
                    " / {% fixed %}{% translate 'Mes tutos' %}{% endfixed %}")
    with translation.override("en"):
        assert page.render(Context()) == "My profile / My tutorials"
    with translation.override("fr"):
        assert page.render(Context()) == "Mon profil / Mes tutos"


def test_a_fixed_fragment_refuses_to_stand_inside_a_language_block_but_may_hold_one():
    with pytest.raises(TemplateSyntaxError, match="language"):
        Template("{% load i18n layout %}{% language 'en' %}{% fixed %}x{% endfixed %}{% endlanguage %}")
    page = Template("{% load i18n layout %}{% fixed %}{% language 'en' %}{% translate 'Mon profil' %}"
                    "{% endlanguage %}{% endfixed %}")
    with translation.override("fr"):
        assert page.render(Context()) == "My profile"


def test_a_fixed_fragment_follows_the_values_it_varies_on():
    page = Template('{% load layout %}{% fixed nav %}{% if nav == "profile" %}ici{% else %}ailleurs{% endif %}{% endfixed %}')
    assert [page.render(Context({"nav": nav})) for nav in ("profile", "code", "profile")] == ["ici", "ailleurs", "ici"]


def test_a_fixed_fragment_follows_the_script_prefix_of_a_deployment_under_a_sub_path():
    page = Template(LINKS)
    page.render(Context())
    try:
        set_script_prefix("/ecole/")
        assert page.render(Context()) == '<a href="/ecole/mon-compte/">/ecole/langue/</a>'
    finally:
        set_script_prefix("/")
    assert page.render(Context()) == '<a href="/mon-compte/">/langue/</a>'


def test_a_fragment_varying_on_too_many_values_stays_right_and_keeps_a_bounded_number():
    page = Template("{% load layout %}{% fixed number %}{{ number }}{% endfixed %}")
    numbers = range(FIXED_RENDERINGS_PER_FRAGMENT + 10)
    assert [page.render(Context({"number": n})) for n in numbers] == [str(n) for n in numbers]
    assert len(fragment_of(page).renderings) == FIXED_RENDERINGS_PER_FRAGMENT


@pytest.mark.parametrize("content", [
    "{{ user.first_name }}",
    "{{ nav|default:user }}",
    "{% if user.is_staff %}équipe{% endif %}",
    "{% url 'learners:assessment' assessment.pk %}",
    "{% for item in items %}{{ item }}{% endfor %}",
    "{% load i18n %}{% blocktranslate %}Bonjour {{ name }}{% endblocktranslate %}",
])
def test_a_fixed_fragment_refuses_a_variable_it_does_not_vary_on(content):
    with pytest.raises(TemplateSyntaxError, match="without varying on it"):
        Template("{% load layout %}{% fixed nav %}" + content + "{% endfixed %}")


def test_a_fixed_fragment_accepts_the_names_a_blocktranslate_defines_itself():
    page = Template("{% load i18n layout %}{% fixed nav %}{% blocktranslate with entry=nav count total=3 %}"
                    "{{ entry }} : {{ total }} élément{% plural %}{{ entry }} : {{ total }} éléments"
                    "{% endblocktranslate %}{% endfixed %}")
    assert page.render(Context({"nav": "Mes tutos"})) == "Mes tutos : 3 éléments"


def test_a_fixed_fragment_refuses_a_form_token_and_a_block():
    with pytest.raises(TemplateSyntaxError, match="csrf_token"):
        Template("{% load layout %}{% fixed %}<form>{% csrf_token %}</form>{% endfixed %}")
    with pytest.raises(TemplateSyntaxError, match="block"):
        Template("{% load layout %}{% fixed %}{% block content %}{% endblock %}{% endfixed %}")


def test_the_header_of_a_signed_in_student_links_to_the_account_and_signs_out(student_client, student):
    page = student_client.get(reverse("learners:profile")).content.decode()
    assert f'href="{reverse("learners:account")}">Zoé</a>' in page
    assert f'action="{reverse("account_logout")}"' in page and f'action="{reverse("set_language")}"' in page


def test_each_visitor_sees_their_own_name_form_token_and_address_in_the_layout(student_client, outsider):
    other = Client()
    other.force_login(outsider)
    mine = student_client.get(reverse("learners:profile"))
    theirs = other.get(reverse("learners:tutorials"))
    signed_out = Client().get(reverse("competences"))
    assert "Zoé" in mine.content.decode() and "Zoé" not in theirs.content.decode()
    assert "Intrus" in theirs.content.decode()
    assert f'name="next" value="{reverse("learners:tutorials")}"' in theirs.content.decode()
    assert 'aria-current="page">Mes tutos' in theirs.content.decode()
    assert 'aria-current="page">Mes tutos' not in mine.content.decode()
    assert mine.context["csrf_token"] != theirs.context["csrf_token"]
    assert str(mine.context["csrf_token"]) in mine.content.decode()
    assert "Se connecter" in signed_out.content.decode() and "Se déconnecter" not in signed_out.content.decode()
    assert "Mon profil" not in signed_out.content.decode()
