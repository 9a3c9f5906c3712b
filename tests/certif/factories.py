from datetime import date, time, timedelta

import factory
from django.utils import timezone

from certif.codes import generate_access_code, generate_invigilator_password
from certif.models import (
    BillingMode,
    CertificationCandidate,
    CertificationCenter,
    CertificationCenterMembership,
    CertificationSession,
    CertifTermsAcceptance,
)
from tests.factories import UserFactory


def in_days(days):
    return timezone.localdate() + timedelta(days=days)


class CenterFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CertificationCenter

    name = factory.Sequence(lambda n: f"Centre de formation {n}")
    type = CertificationCenter.Type.PRO
    external_id = factory.Sequence(lambda n: f"PRO-{n}")


class ScoCenterFactory(CenterFactory):
    name = factory.Sequence(lambda n: f"Collège Jean Moulin {n}")
    type = CertificationCenter.Type.SCO
    external_id = factory.Sequence(lambda n: f"{n:07d}A")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CertificationCenterMembership

    center = factory.SubFactory(CenterFactory)
    user = factory.SubFactory(UserFactory)
    role = CertificationCenterMembership.Role.ADMIN


class TermsFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CertifTermsAcceptance

    user = factory.SubFactory(UserFactory)


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CertificationSession

    center = factory.SubFactory(CenterFactory)
    address = "Centre de formation, bâtiment A"
    room = factory.Sequence(lambda n: f"Salle {n}")
    date = factory.LazyFunction(lambda: in_days(14))
    time = factory.Sequence(lambda n: time(8 + n % 10, (n // 10) % 4 * 15))
    examiner = "Mme Martin"
    access_code = factory.LazyFunction(generate_access_code)
    invigilator_password = factory.LazyFunction(generate_invigilator_password)


class CandidateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CertificationCandidate

    session = factory.SubFactory(SessionFactory)
    last_name = factory.Sequence(lambda n: f"Durand{n}")
    first_name = "Lou"
    sex = "F"
    birthdate = date(2009, 5, 17)
    birth_country = "France"
    birth_insee_code = "75115"
    birth_city = "Paris 15e Arrondissement"
    billing_mode = BillingMode.FREE
