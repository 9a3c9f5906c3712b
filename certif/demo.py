"""The certification part of the demo world: a school's centre and a training centre, with sessions.

Everything goes through the real services (birthplaces checked against the INSEE referential),
and a second run changes nothing. The school's centre is linked to the demo school of Orga by
their shared UAI and enrols a whole class of its imported students (birthplaces from SIECLE); the
training centre enrols free candidates one by one.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from certif import selectors
from certif.codes import generate_access_code, generate_invigilator_password
from certif.demo_certificates import demo_rows, seed_published_session
from certif.insee.loader import load_insee_referential
from certif.models import (
    CertificationCandidate,
    CertificationCenter,
    CertificationCenterMembership,
    CertificationSession,
)
from certif.services import exam, invigilation
from certif.services.candidates import candidate_add, students_enrol
from certif.services.centers import (
    certif_terms_accept,
    certification_center_provide,
    membership_provide,
)
from certif.services.sessions import session_create
from certif.services.versions import ensure_active_version
from learners import services as learner_services
from learners.assessments.answers import correct_value, wrong_value
from learners.models import User
from orga import selectors as orga_selectors
from referentiel.engines import EngineUnavailableError, certification_engine

PASSWORD = "Demo-Certif-2026"
SCO_UAI = "0751234A"
# The class of the demo school (orga/demo.py) whose students the school's centre enrols.
SCO_DIVISION = "5A"


@dataclass(frozen=True)
class DemoCenter:
    type: str
    name: str
    external_id: str
    admin: tuple  # username, first name, last name
    session: dict
    days_ahead: int
    candidates: tuple
    description: str
    division: str = ""


def _candidate(last_name, first_name, sex, birthdate, country="France", **birthplace):
    return {"last_name": last_name, "first_name": first_name, "sex": sex, "birthdate": birthdate,
            "birth_country": country, **birthplace}


SCO = DemoCenter(
    type=CertificationCenter.Type.SCO, name="Collège Jean Moulin (démo)", external_id=SCO_UAI,
    admin=("certif.sco", "Nadia", "Benali"),
    session={"address": "Collège Jean Moulin", "room": "Salle informatique B12", "time": "09:00",
             "examiner": "M. Lefèbvre, Mme Roche", "description": f"Classe de {SCO_DIVISION}"},
    days_ahead=14,
    # Without the demo school (Orga's demo not seeded), these are enrolled by hand instead.
    candidates=(
        _candidate("Bernard", "Camille", "F", "12/03/2011", birth_insee_code="75115"),
        _candidate("Petit", "Hugo", "M", "23/01/2011", country="Belgique", birth_city="Bruxelles"),
    ),
    division=SCO_DIVISION,
    description=(f"administratrice du centre de certification du collège : /certif/ (session de la "
                 f"classe {SCO_DIVISION} ; les classes 6A et 6B restent à inscrire)"),
)
PRO = DemoCenter(
    type=CertificationCenter.Type.PRO, name="Horizon Numérique, centre de formation (démo)",
    external_id="PRO-HORIZON-01", admin=("certif.pro", "Marc", "Delmas"),
    session={"address": "Horizon Numérique, 12 rue des Écoles, Lille", "room": "Salle 2", "time": "14:00",
             "examiner": "Mme Vasseur", "description": ""},
    days_ahead=21,
    candidates=(
        _candidate("Lambert", "Sophie", "F", "02/04/1986", birth_postal_code="59000", birth_city="Lille",
                   billing_mode="Gratuite", email="sophie.lambert@exemple.fr"),
        _candidate("Garcia", "Antoine", "M", "19/10/1979", country="Espagne", birth_city="Valence",
                   billing_mode="Payante"),
        _candidate("Diallo", "Aminata", "F", "07/07/1995", country="Sénégal", birth_city="Dakar",
                   billing_mode="Prépayée", prepayment_code="HORIZON-2026-17"),
    ),
    description="administrateur d'un centre de formation (candidats libres) : /certif/",
)
DEMO_CENTERS = (SCO, PRO)


def _admin(demo):
    username, first_name, last_name = demo.admin
    user, created = User.objects.get_or_create(username=username, defaults={
        "first_name": first_name, "last_name": last_name, "terms_accepted_at": timezone.now()})
    if created:
        user.set_password(PASSWORD)
        user.save()
    certif_terms_accept(user=user)
    return user


@transaction.atomic
def seed_demo_center(demo):
    center, _ = certification_center_provide(type=demo.type, name=demo.name, external_id=demo.external_id)
    user = _admin(demo)
    membership_provide(center=center, user=user, role=CertificationCenterMembership.Role.ADMIN, is_referer=True)
    if center.sessions.exists():
        return center
    day = timezone.localdate() + timedelta(days=demo.days_ahead)
    session = session_create(center=center, user=user, raw={**demo.session, "date": day.isoformat()})
    school = selectors.linked_school(center) if demo.division else None
    if school is not None:
        learners = orga_selectors.learners_of_division(school, demo.division)
        students_enrol(session=session, learner_ids=[learner.pk for learner in learners])
        return center
    for candidate in demo.candidates:
        candidate_add(session=session, raw=candidate)
    return center


# --- the exam day: a session in progress --------------------------------------------------------

LIVE_SESSION_MARK = "Session de démonstration en cours (surveillance en direct)"
# (username, first name, last name, birthdate, what happens to them): one candidate per status.
LIVE_CANDIDATES = (
    ("candidat.arrivee", "Léa", "Martin", "12/03/1990", "not_arrived"),
    ("candidat.attente", "Karim", "Haddad", "04/11/1988", "waiting"),
    ("candidat.autorise", "Julie", "Moreau", "23/06/1992", "authorized"),
    ("candidat.entest", "Thomas", "Petit", "15/01/1985", "in_test"),
    ("candidat.alerte", "Inès", "Roux", "30/09/1994", "alert"),
    ("candidat.fini", "Paul", "Fournier", "08/02/1979", "finished"),
    ("candidat.arrete", "Emma", "Girard", "19/07/1991", "ended_by_invigilator"),
)
LIVE_QUESTIONS_ANSWERED = 7


def _live_user(username, first_name, last_name):
    user, created = User.objects.get_or_create(username=username, defaults={
        "first_name": first_name, "last_name": last_name, "terms_accepted_at": timezone.now()})
    if created:
        user.set_password(PASSWORD)
        user.save()
    return user


def _answer(course, count, *, right_every=2):
    """Answer `count` questions of the course (one in `right_every` wrong); False when its test
    ended first (a bank too small for the whole test)."""
    for number in range(count):
        challenge = learner_services.assessment_next_challenge(assessment=course.assessment)
        if challenge is None:
            return False
        value = wrong_value(challenge) if number % right_every else correct_value(challenge)
        learner_services.answer_submit(assessment=course.assessment, challenge_id=challenge.pk, value=value)
    return True


def seed_demo_session_in_progress():
    """Today's session of the training centre, with a candidate in each status of the
    invigilator's page; taken through the real services (joining, authorising, answering). None
    when the training centre is not there."""
    center = CertificationCenter.objects.filter(external_id=PRO.external_id).first()
    if center is None:
        return None
    session = CertificationSession.objects.filter(center=center, description=LIVE_SESSION_MARK).first()
    if session is not None:
        return session
    version = ensure_active_version()  # fits the exposure control once (about a minute)
    try:
        certification_engine(version.calibration_version)
        can_test = True
    except EngineUnavailableError:  # a content too small to certify: the candidates only join
        can_test = False
    now = timezone.localtime()
    # Today, already begun: created directly (the session form refuses a start time in the past).
    session = CertificationSession.objects.create(
        center=center, address=PRO.session["address"], room="Salle 3", date=now.date(),
        time=now.time().replace(second=0, microsecond=0), examiner="Mme Vasseur",
        description=LIVE_SESSION_MARK, access_code=generate_access_code(),
        invigilator_password=generate_invigilator_password())
    for username, first_name, last_name, birthdate, fate in LIVE_CANDIDATES:
        candidate = candidate_add(session=session, raw=_candidate(
            last_name, first_name, "F" if first_name in ("Léa", "Julie", "Inès", "Emma") else "M",
            birthdate, birth_postal_code="59000", birth_city="Lille", billing_mode="Gratuite"))
        if fate == "not_arrived":
            _live_user(username, first_name, last_name)  # can join the session in the demo
            continue
        user = _live_user(username, first_name, last_name)
        candidate = exam.candidate_join(user=user, session_number=session.pk, first_name=first_name,
                                        last_name=last_name, birthdate=candidate.birthdate)
        exam.instructions_confirm(candidate=candidate, confirmed=True)
        if fate == "waiting" or not can_test:
            continue
        invigilation.candidate_authorize(candidate=candidate)
        if fate == "authorized":
            continue
        course = exam.candidate_enter(candidate=candidate, access_code=session.access_code)
        if fate == "finished":
            _answer(course, 32)
            continue
        if not _answer(course, LIVE_QUESTIONS_ANSWERED):
            continue
        if fate == "alert":
            learner_services.assessment_next_challenge(assessment=course.assessment)
            exam.live_alert_raise(course=course)
        elif fate == "ended_by_invigilator":
            invigilation.certification_end(candidate=CertificationCandidate.objects.get(pk=candidate.pk))
    return session


# --- after the exam day: a session to finalise ----------------------------------------------------

FINISHED_SESSION_MARK = "Session de démonstration terminée (à finaliser)"
# (username, first name, last name, birthdate, questions answered): three finished, one left.
FINISHED_CANDIDATES = (
    ("candidat.termine1", "Nicolas", "Lefebvre", "03/05/1987", 32),
    ("candidat.termine2", "Sarah", "Benoît", "21/12/1993", 32),
    ("candidat.termine3", "Louis", "Mercier", "14/08/1990", 32),
    ("candidat.inacheve", "Camille", "Renaud", "09/04/1996", 11),
)
FINISHED_HOURS_AGO = 3


def seed_demo_session_to_finalise():
    """A session of the training centre that took place this morning: three candidates finished
    their test, one left before the end; the centre's administrator can finalise it. None when
    the training centre is not there or the content cannot certify."""
    center = CertificationCenter.objects.filter(external_id=PRO.external_id).first()
    if center is None:
        return None
    session = CertificationSession.objects.filter(center=center, description=FINISHED_SESSION_MARK).first()
    if session is not None:
        return session
    version = ensure_active_version()
    try:
        certification_engine(version.calibration_version)
    except EngineUnavailableError:
        return None
    began = timezone.localtime() - timedelta(hours=FINISHED_HOURS_AGO)
    session = CertificationSession.objects.create(
        center=center, address=PRO.session["address"], room="Salle 1", date=began.date(),
        time=began.time().replace(second=0, microsecond=0), examiner="M. Caron",
        description=FINISHED_SESSION_MARK, access_code=generate_access_code(),
        invigilator_password=generate_invigilator_password())
    for username, first_name, last_name, birthdate, answered in FINISHED_CANDIDATES:
        candidate = candidate_add(session=session, raw=_candidate(
            last_name, first_name, "F" if first_name in ("Sarah", "Camille") else "M", birthdate,
            birth_postal_code="59000", birth_city="Lille", billing_mode="Gratuite"))
        user = _live_user(username, first_name, last_name)
        candidate = exam.candidate_join(user=user, session_number=session.pk, first_name=first_name,
                                        last_name=last_name, birthdate=candidate.birthdate)
        exam.instructions_confirm(candidate=candidate, confirmed=True)
        invigilation.candidate_authorize(candidate=candidate)
        course = exam.candidate_enter(candidate=candidate, access_code=session.access_code)
        _answer(course, answered)
    return session


def seed_demo():
    """The certification part of the demo world; the login rows to print."""
    load_insee_referential()
    centers = [seed_demo_center(demo) for demo in DEMO_CENTERS]
    rows = [(demo.admin[0], PASSWORD, demo.description) for demo in DEMO_CENTERS]
    live = seed_demo_session_in_progress()
    if live is not None:
        rows.append((f"session {live.pk}", live.invigilator_password,
                     "espace surveillant : /certif/surveillance/ (numéro de session et mot de passe "
                     "surveillant ; une session en cours, un candidat dans chaque état)"))
        rows.append(("candidat.arrivee", PASSWORD,
                     f"candidate pas encore arrivée : /certification/rejoindre/, session {live.pk}, "
                     f"Léa Martin née le 12/03/1990 (code d'accès {live.access_code})"))
    to_finalise = seed_demo_session_to_finalise()
    if to_finalise is not None:
        rows.append((PRO.admin[0], PASSWORD,
                     f"session {to_finalise.pk} terminée ce matin, à finaliser : "
                     f"/certif/sessions/{to_finalise.pk}/finaliser/ (trois tests terminés, un "
                     f"inachevé)"))
    published = seed_published_session(centers[0], _admin(SCO))
    return rows + demo_rows(published)
