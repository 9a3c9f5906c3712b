import factory
from django.utils import timezone

from learners.models import User

PASSWORD = "Mot-de-passe-2026"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"eleve{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@exemple.fr")
    first_name = "Alex"
    last_name = factory.Sequence(lambda n: f"Élève{n}")
    terms_accepted_at = factory.LazyFunction(timezone.now)
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def _saved(obj, create, extracted, **kwargs):
        if create:
            obj.save()
