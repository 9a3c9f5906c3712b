"""The layout's links are reversed once per process, and still follow the deployment's prefix."""

import pytest
from django.template import Context, Template
from django.urls import reverse, set_script_prefix

pytestmark = pytest.mark.django_db

LINK = Template("{% load layout %}{% fixed_url 'learners:account' %}|{% fixed_url 'set_language' %}")


def test_a_fixed_url_is_the_address_reverse_gives():
    assert LINK.render(Context()) == f"{reverse('learners:account')}|{reverse('set_language')}"


def test_a_fixed_url_follows_the_script_prefix_of_a_deployment_under_a_sub_path():
    LINK.render(Context())
    try:
        set_script_prefix("/ecole/")
        assert LINK.render(Context()) == "/ecole/mon-compte/|/ecole/langue/"
    finally:
        set_script_prefix("/")
    assert LINK.render(Context()) == "/mon-compte/|/langue/"


def test_the_header_of_a_signed_in_student_links_to_the_account_and_signs_out(student_client, student):
    page = student_client.get(reverse("learners:profile")).content.decode()
    assert f'href="{reverse("learners:account")}"' in page
    assert f'action="{reverse("account_logout")}"' in page and f'action="{reverse("set_language")}"' in page
