"""Staff in the Orga and Certif portals accept those portals' terms, never the learner app's."""

import pytest
from django.urls import reverse

from certif.views.portal import CURRENT_CENTER_KEY
from tests.certif.factories import CenterFactory, MembershipFactory, TermsFactory
from tests.factories import UserFactory
from tests.orga.factories import MembershipFactory as OrgaMembershipFactory

pytestmark = pytest.mark.django_db


def test_a_centre_member_who_never_used_the_learner_app_enters_pix_certif(client):
    center = CenterFactory()
    user = UserFactory(terms_accepted_at=None)
    MembershipFactory(center=center, user=user)
    client.force_login(user)
    response = client.get(reverse("certif:sessions"))
    assert response.url.startswith(reverse("certif:accept_terms"))  # Pix Certif's own terms
    TermsFactory(user=user)
    session = client.session
    session[CURRENT_CENTER_KEY] = center.pk
    session.save()
    assert client.get(reverse("certif:sessions")).status_code == 200


def test_an_orga_member_who_never_used_the_learner_app_reaches_orga_s_own_terms(client):
    user = UserFactory(terms_accepted_at=None)
    OrgaMembershipFactory(user=user)
    client.force_login(user)
    response = client.get("/orga/", follow=True)
    assert not any(url.startswith(reverse("learners:accept_terms")) for url, _ in response.redirect_chain)
    assert response.redirect_chain and response.redirect_chain[-1][0].startswith("/orga/")


def test_the_learner_app_still_asks_for_its_own_terms_and_a_temporary_password_is_changed_everywhere(client):
    user = UserFactory(terms_accepted_at=None)
    client.force_login(user)
    assert client.get("/").url.startswith(reverse("learners:accept_terms"))
    user.terms_accepted_at, user.must_change_password = None, True
    user.save()
    assert client.get(reverse("certif:sessions")).url == reverse("account_change_password")


def test_orga_and_certif_keep_their_terms_in_one_shared_kind_of_row():
    from certif.models import CertifTermsAcceptance
    from learners.accounts.terms import PortalTermsAcceptance
    from orga.models import TermsAcceptance

    user = UserFactory()
    for model in (TermsAcceptance, CertifTermsAcceptance):
        assert issubclass(model, PortalTermsAcceptance) and not model.has_accepted(user)
        first = model.accept(user)
        assert model.accept(user) == first and model.has_accepted(user)
    assert TermsAcceptance.objects.count() == CertifTermsAcceptance.objects.count() == 1


def test_each_portals_footer_links_to_its_own_terms_of_use(client):
    membership = OrgaMembershipFactory()
    client.force_login(membership.user)
    page = client.get(reverse("orga:learners", args=[membership.organization.pk]), follow=True).content.decode()
    assert f'href="{reverse("orga:terms")}"' in page and "Conditions d'utilisation de Pix Orga" in page
    assert f'href="{reverse("learners:terms")}"' not in page
    student = UserFactory()
    client.force_login(student)
    page = client.get(reverse("learners:profile")).content.decode()
    assert f'href="{reverse("learners:terms")}"' in page and f'href="{reverse("orga:terms")}"' not in page
