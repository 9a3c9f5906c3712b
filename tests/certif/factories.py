from datetime import date, time, timedelta

import factory
from django.utils import timezone

from certif.codes import (
    draw_verification_code,
    generate_access_code,
    generate_invigilator_password,
)
from certif.models import (
    BillingMode,
    CertificationCandidate,
    CertificationCenter,
    CertificationCenterMembership,
    CertificationCourse,
    CertificationSession,
    CertificationVersion,
    CertifTermsAcceptance,
    VersionStatus,
)
from learners.models import Assessment
from referentiel.models import CalibrationVersion
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


class CalibrationVersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CalibrationVersion

    name = factory.Sequence(lambda n: f"Calibration {n}")


class VersionFactory(factory.django.DjangoModelFactory):
    """A certification version with the domain's seed settings and intervals."""

    class Meta:
        model = CertificationVersion

    status = VersionStatus.DRAFT
    calibration_version = factory.SubFactory(CalibrationVersionFactory)
    global_scoring = factory.LazyFunction(lambda: [
        {"mesh_level": i, "min": low, "max": high} for i, (low, high) in enumerate(
            [(-4.67, -1.4), (-1.4, -0.519), (-0.519, 0.6), (0.6, 1.5), (1.5, 2.25),
             (2.25, 3.1), (3.1, 4), (4, 8)])])
    competences_scoring = factory.LazyFunction(lambda: {
        f"{area}.{n}": [{"level": level, "min": low, "max": high} for level, (low, high) in
                        enumerate([(-8, -2), (-2, -1), (-1, 0.5), (0.5, 1), (1, 2), (2, 3),
                                   (3, 4), (4, 8)])]
        for area, count in ((1, 3), (2, 4), (3, 4), (4, 3), (5, 2)) for n in range(1, count + 1)})


class CourseFactory(factory.django.DjangoModelFactory):
    """A started course of a linked candidate, its certification assessment created with it."""

    class Meta:
        model = CertificationCourse

    candidate = factory.SubFactory(CandidateFactory, user=factory.SubFactory(UserFactory),
                                   reconciled_at=factory.LazyFunction(timezone.now))
    session = factory.SelfAttribute("candidate.session")
    user = factory.SelfAttribute("candidate.user")
    assessment = factory.LazyAttribute(lambda course: Assessment.objects.create(
        user=course.user, type=Assessment.Type.CERTIFICATION))
    version = factory.SubFactory(VersionFactory)
    seed = factory.Sequence(lambda n: 1000 + n)
    verification_code = factory.LazyFunction(draw_verification_code)
    first_name = factory.SelfAttribute("candidate.first_name")
    last_name = factory.SelfAttribute("candidate.last_name")
    birthdate = factory.SelfAttribute("candidate.birthdate")
    birthplace = factory.SelfAttribute("candidate.birth_city")
    sex = factory.SelfAttribute("candidate.sex")
    deadline = factory.LazyFunction(lambda: timezone.now() + timedelta(minutes=105))
