"""A demo world of learners whose profiles were earned through real positioning tests.

Simulated learners answer through the same services as real ones: right up to their level,
wrong above it, so their profiles, results and knowledge elements are all genuine.
"""

from dataclasses import dataclass

from django.db import transaction

from learners import services
from learners.assessments.answers import correct_value, wrong_value
from learners.models import Assessment, User
from referentiel.models import Competence


def take_competence_test(user, competence, level, max_answers=60):
    """Run a positioning test to its end, answering right exactly the skills up to `level`."""
    assessment = services.competence_evaluation_start(user=user, competence=competence)
    for _ in range(max_answers):
        challenge = services.assessment_next_challenge(assessment=assessment)
        if challenge is None:
            break
        knows = challenge.skill.level <= level
        value = correct_value(challenge) if knows else wrong_value(challenge)
        services.answer_submit(assessment=assessment, challenge_id=challenge.pk, value=value)
    return assessment


@dataclass(frozen=True)
class DemoLearner:
    username: str
    first_name: str
    last_name: str
    password: str
    levels: dict  # competence code -> level the learner really has
    must_change_password: bool = False
    description: str = ""


DEMO_LEARNERS = (
    DemoLearner("eleve.demo", "Camille", "Bernard", "Demo-Pix-2026",
                {"1.1": 3, "2.1": 2, "3.1": 1},
                description="profil partiel : trois compétences évaluées"),
    DemoLearner("lea.martin", "Léa", "Martin", "Demo-Pix-2026",
                {"1.1": 4, "1.2": 3, "1.3": 2, "2.1": 5, "2.2": 3, "3.1": 2, "4.1": 3, "5.1": 1},
                description="profil certifiable : huit compétences évaluées"),
    DemoLearner("hugo.petit", "Hugo", "Petit", "Demo-Pix-2026", {"4.2": 1},
                description="débutant : une compétence à peine entamée"),
    DemoLearner("ines.nouvelle", "Inès", "Nouvelle", "Provisoire-2026", {},
                must_change_password=True,
                description="compte créé par un enseignant : mot de passe provisoire à changer"),
)


def seed_demo_learners():
    """Create the demo learners and their profiles; a second run changes nothing."""
    created = []
    for demo in DEMO_LEARNERS:
        with transaction.atomic():
            user, is_new = User.objects.get_or_create(
                username=demo.username,
                defaults={"first_name": demo.first_name, "last_name": demo.last_name,
                          "must_change_password": demo.must_change_password},
            )
            if not is_new:
                continue
            user.set_password(demo.password)
            if not demo.must_change_password:
                services.terms_accept(user=user)
            user.save()
        for code, level in demo.levels.items():
            competence = Competence.objects.get(code=code)
            if not Assessment.objects.filter(user=user, competence=competence).exists():
                take_competence_test(user, competence, level)
        created.append(demo)
    return created


def seed_demo():
    """The learners' part of the demo world; the login rows to print."""
    seed_demo_learners()
    return [(demo.username, demo.password, demo.description) for demo in DEMO_LEARNERS]
