"""The certification part of the demo world: a school's centre and a training centre, with sessions.

Everything goes through the real services (birthplaces checked against the INSEE referential),
and a second run changes nothing. The school's centre is linked to the demo school of Orga by its
UAI once Orga's models are there; until then its candidates are enrolled one by one.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from certif.insee.loader import load_insee_referential
from certif.models import CertificationCenter, CertificationCenterMembership
from certif.services.candidates import candidate_add
from certif.services.centers import (
    certif_terms_accept,
    certification_center_provide,
    membership_provide,
)
from certif.services.sessions import session_create
from learners.models import User

PASSWORD = "Demo-Certif-2026"
SCO_UAI = "0751234A"


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


def _candidate(last_name, first_name, sex, birthdate, country="France", **birthplace):
    return {"last_name": last_name, "first_name": first_name, "sex": sex, "birthdate": birthdate,
            "birth_country": country, **birthplace}


SCO = DemoCenter(
    type=CertificationCenter.Type.SCO, name="Collège Jean Moulin (démo)", external_id=SCO_UAI,
    admin=("certif.sco", "Nadia", "Benali"),
    session={"address": "Collège Jean Moulin", "room": "Salle informatique B12", "time": "09:00",
             "examiner": "M. Lefèbvre, Mme Roche", "description": "Classe de 3e B"},
    days_ahead=14,
    candidates=(
        _candidate("Bernard", "Camille", "F", "12/03/2011", birth_insee_code="75115"),
        _candidate("Martin", "Léa", "F", "05/09/2010", birth_postal_code="69001", birth_city="Lyon 1er Arrondissement"),
        _candidate("Petit", "Hugo", "M", "23/01/2011", country="Belgique", birth_city="Bruxelles"),
        _candidate("Haddad", "Yanis", "M", "30/11/2010", birth_insee_code="13055"),
        _candidate("Nguyen", "Chloé", "F", "14/06/2011", birth_postal_code="97400", birth_city="Saint-Denis",
                   extra_time_percentage="33"),
    ),
    description="administratrice du centre de certification du collège : /certif/",
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
    for candidate in demo.candidates:
        candidate_add(session=session, raw=candidate)
    return center


def seed_demo():
    """The certification part of the demo world; the login rows to print."""
    load_insee_referential()
    for demo in DEMO_CENTERS:
        seed_demo_center(demo)
    return [(demo.admin[0], PASSWORD, demo.description) for demo in DEMO_CENTERS]
