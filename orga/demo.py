"""The demo school: an SCO organisation with its teachers, three classes imported from a SIECLE
export through the real import, and one class with generated accounts.

A second run changes nothing: the organisation, the memberships, the import and the accounts are
found again. The demo passes the account generation a password maker derived from each
student's INE, so that the login it prints stays true from one run to the next.
"""

import hashlib

from django.db import transaction
from django.utils import timezone

from learners.accounts.passwords import TEMPORARY_PASSWORD_LETTERS as PASSWORD_LETTERS
from learners.assessments.answers import correct_value, wrong_value
from learners.models import User
from learners.services import answer_submit, assessment_next_challenge
from orga import services
from orga.imports import sample
from orga.models import Campaign, LearnerImport, Membership, Organization, OrganizationLearner
from orga.target_profiles import ready_target_profiles_load

UAI = "0751234A"
NAME = "Collège Jean Moulin"
TEACHER_PASSWORD = "Demo-Orga-2026"
TEACHERS = (
    # username, e-mail, first name, last name, description
    ("prof.durand", "claire.durand@college-demo.fr", "Claire", "Durand",
     "enseignante administratrice de Pix Orga (Collège Jean Moulin)"),
    ("prof.leroy", "marc.leroy@college-demo.fr", "Marc", "Leroy",
     "enseignant membre de Pix Orga (Collège Jean Moulin)"),
)
DIVISIONS = ("6A", "6B", "5A")
ACCOUNTS_DIVISION = "6A"
STUDENTS = 75


def demo_password(learner):
    """A temporary password in the domain's alphabet, the same at every run for this student."""
    digest = hashlib.sha256(f"pix-demo:{learner.national_student_id}".encode()).digest()
    letters = "".join(PASSWORD_LETTERS[b % len(PASSWORD_LETTERS)] for b in digest[:6])
    return f"{letters}{digest[6] % 100:02d}"


def _teacher(username, email, first_name, last_name):
    user, created = User.objects.get_or_create(
        username=username, defaults={"email": email, "first_name": first_name,
                                     "last_name": last_name, "terms_accepted_at": timezone.now()})
    if created:
        user.set_password(TEACHER_PASSWORD)
        user.save()
    return user


def _join(organization, user):
    if Membership.objects.filter(organization=organization, user=user).exists():
        return
    invitation = services.invitation_create(organization=organization, email=user.email, notify=False)
    services.invitation_accept(invitation=invitation, user=user)


def _import(organization, admin):
    if organization.imports.filter(status=LearnerImport.Status.IMPORTED).exists():
        return
    document = sample.siecle_xml(UAI, sample.students(STUDENTS, divisions=DIVISIONS, seed=2026))
    job = services.learner_import_create(organization=organization, user=admin,
                                         filename="ElevesSansAdresses.xml", content=document,
                                         format=LearnerImport.Format.SIECLE_XML)
    services.learner_import_run(import_id=job.pk)


DEMO_CAMPAIGN = "Rechercher l'information (démo)"
DEMO_COLLECTION = "Collecte de profils (démo)"


def _campaigns(organization, teacher, learners):
    """An assessment campaign and a profile collection, with participations in every state,
    earned through real tests by students of the class with accounts (the first one's is left
    untouched, so that the printed login tries the campaign from the start)."""
    profiles = {p.slug: p for p in ready_target_profiles_load()}
    if Campaign.objects.filter(organization=organization, name=DEMO_CAMPAIGN).exists():
        return
    campaign = services.campaign_create(organization=organization, creator=teacher, type="ASSESSMENT",
                                        name=DEMO_CAMPAIGN, title="Chercher et évaluer l'information",
                                        target_profile=profiles["cible-recherche-information"])
    collection = services.campaign_create(organization=organization, creator=teacher,
                                          type="PROFILES_COLLECTION", name=DEMO_COLLECTION)
    ordered = sorted(learners, key=lambda learner: (learner.last_name, learner.first_name, learner.pk))[1:10]
    for number, learner in enumerate(ordered):
        learner.refresh_from_db()
        participation = services.participation_start(campaign=campaign, user=learner.user)
        level = 1 + number % 3
        for _ in range(0 if number % 4 == 3 else 80):  # one in four stays "en cours"
            challenge = assessment_next_challenge(assessment=participation.assessment)
            if challenge is None:
                break
            value = correct_value(challenge) if challenge.skill.level <= level else wrong_value(challenge)
            answer_submit(assessment=participation.assessment, challenge_id=challenge.pk, value=value)
        participation.refresh_from_db()
        if participation.is_to_share and number % 2 == 0:
            services.participation_share(participation=participation)
        shared = services.participation_start(campaign=collection, user=learner.user)
        if number % 3:
            services.participation_share(participation=shared)


def seed_demo():
    organization, _created = services.organization_create(type=Organization.Type.SCO, name=NAME,
                                                          external_id=UAI)
    teachers = [_teacher(*row[:4]) for row in TEACHERS]
    with transaction.atomic():
        for teacher in teachers:  # the first to join becomes the administrator
            _join(organization, teacher)
            services.terms_accept(user=teacher)
    _import(organization, teachers[0])
    learners = list(OrganizationLearner.objects.filter(organization=organization, is_disabled=False,
                                                       division=ACCOUNTS_DIVISION))
    services.accounts_generate(organization=organization, learners=learners,
                               make_password=demo_password)
    _campaigns(organization, teachers[0], learners)
    student = min(learners, key=lambda learner: (learner.last_name, learner.first_name, learner.pk))
    student.refresh_from_db()
    rows = [(row[0], TEACHER_PASSWORD, row[4]) for row in TEACHERS]
    rows.append((student.user.username, demo_password(student),
                 f"élève de {ACCOUNTS_DIVISION}, compte généré : mot de passe provisoire à changer"))
    codes = dict(organization.campaigns.values_list("name", "code"))
    rows.append(("code", codes.get(DEMO_CAMPAIGN, ""), "campagne d'évaluation de démo (page « J'ai un code »)"))
    rows.append(("code", codes.get(DEMO_COLLECTION, ""), "collecte de profils de démo"))
    return rows
