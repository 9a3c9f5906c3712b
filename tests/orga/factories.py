from datetime import date

import factory

from orga.models import Membership, Organization, OrganizationLearner
from tests.factories import UserFactory


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    name = factory.Sequence(lambda n: f"Collège numéro {n}")
    type = Organization.Type.SCO
    external_id = factory.Sequence(lambda n: f"{n:07d}A")
    is_managing_students = True


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    organization = factory.SubFactory(OrganizationFactory)
    user = factory.SubFactory(UserFactory)
    role = Membership.Role.ADMIN


class LearnerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OrganizationLearner

    organization = factory.SubFactory(OrganizationFactory)
    first_name = "Jean"
    last_name = factory.Sequence(lambda n: f"Dupont{n}")
    birthdate = date(2012, 12, 5)
    division = "6A"
    sex = OrganizationLearner.Sex.MALE
    national_student_id = factory.Sequence(lambda n: f"{n:09d}XY")
    birth_country_code = "100"
    birth_city_code = "75056"


def target_profile_over(competence, *, level=3, name="Recherche d'information", stages=True, **fields):
    """A public profile over every tube of the competence up to `level`, with three stages."""
    from orga.models import Stage, TargetProfile, TargetProfileTube

    profile = TargetProfile.objects.create(name=name, category=TargetProfile.Category.TARGETED,
                                           is_public=True, **fields)
    for tube in competence.tubes.all():
        TargetProfileTube.objects.create(target_profile=profile, tube=tube, level=level)
    if stages:
        for threshold, title in ((0, "Premiers pas"), (50, "En route"), (100, "Expert")):
            Stage.objects.create(target_profile=profile, threshold=threshold, title=title,
                                 message=f"Message {title}", prescriber_title=f"Palier {title}")
    return profile
