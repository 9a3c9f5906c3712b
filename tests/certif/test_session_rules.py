"""Every session rule of the domain refuses its case with its code and its French message."""

from datetime import datetime, timedelta

import pytest
from django.utils import timezone

from certif.errors import CertifError, ErrorCode
from certif.rules.sessions import validate_session
from certif.services.sessions import session_create, session_delete, session_update
from tests.certif.factories import SessionFactory, in_days

pytestmark = pytest.mark.django_db

VALID = {"address": "Collège Jean Moulin", "room": "Salle 12", "date": "", "time": "09:30",
         "examiner": "Mme Martin", "description": ""}

CASES = [
    ({"address": " "}, ErrorCode.SESSION_ADDRESS_REQUIRED, "Le nom du site est obligatoire."),
    ({"room": ""}, ErrorCode.SESSION_ROOM_REQUIRED, "Le nom de la salle est obligatoire."),
    ({"date": ""}, ErrorCode.SESSION_DATE_REQUIRED, "La date de la session est obligatoire."),
    ({"date": "31/04/2030"}, ErrorCode.SESSION_DATE_NOT_VALID,
     "La date de la session n'est pas valide : écrivez-la au format JJ/MM/AAAA."),
    ({"time": ""}, ErrorCode.SESSION_TIME_REQUIRED, "L'heure de début est obligatoire."),
    ({"time": "9h30"}, ErrorCode.SESSION_TIME_NOT_VALID,
     "L'heure de début n'est pas valide : écrivez-la au format HH:MM sur 24 heures, par exemple 09:30."),
    ({"time": "24:00"}, ErrorCode.SESSION_TIME_NOT_VALID,
     "L'heure de début n'est pas valide : écrivez-la au format HH:MM sur 24 heures, par exemple 09:30."),
    ({"examiner": ""}, ErrorCode.SESSION_EXAMINER_REQUIRED, "Indiquez le ou les surveillants."),
    ({"date": "01/09/2020"}, ErrorCode.SESSION_SCHEDULED_IN_THE_PAST,
     "La session ne peut pas être programmée dans le passé."),
    ({"room": "S" * 256}, ErrorCode.SESSION_TEXT_TOO_LONG, "Ce texte est trop long : 255 caractères au plus."),
]


def valid(**change):
    return {**VALID, "date": in_days(10).strftime("%d/%m/%Y"), **change} if "date" not in change else {**VALID, **change}


@pytest.mark.parametrize(("change", "code", "message"), CASES, ids=[str(c[1]) + str(i) for i, c in enumerate(CASES)])
def test_each_session_rule_refuses_with_its_code_and_french_message(change, code, message):
    data, problems = validate_session(valid(**change))
    assert data is None
    assert [(p.code, p.message) for p in problems] == [(code, message)]


def test_a_session_takes_either_the_file_s_or_the_form_s_date_format():
    assert validate_session(valid(date="05/03/2031"))[0].date.isoformat() == "2031-03-05"
    assert validate_session(valid(date="2031-03-05"))[0].date.isoformat() == "2031-03-05"


def test_a_session_earlier_today_is_in_the_past_and_later_today_is_not():
    now = timezone.make_aware(datetime(2030, 6, 1, 10, 0))
    assert validate_session(valid(date="01/06/2030", time="09:59"), now=now)[1][0].code == ErrorCode.SESSION_SCHEDULED_IN_THE_PAST
    assert validate_session(valid(date="01/06/2030", time="10:30"), now=now)[1] == []


def test_two_sessions_of_a_centre_cannot_share_their_date_and_time(center, admin):
    session_create(center=center, user=admin, raw=valid(time="14:00"))
    with pytest.raises(CertifError) as refused:
        session_create(center=center, user=admin, raw=valid(time="14:00", room="Salle 13"))
    assert refused.value.code == ErrorCode.SESSION_WITH_DATE_AND_TIME_ALREADY_EXISTS
    assert refused.value.message == "Une autre session du centre est déjà programmée à cette date et à cette heure."


def test_another_centre_may_hold_a_session_at_the_same_date_and_time(center, other_center, admin):
    session_create(center=center, user=admin, raw=valid(time="14:00"))
    assert session_create(center=other_center, user=admin, raw=valid(time="14:00")).pk


def test_a_session_edited_keeps_its_slot_without_clashing_with_itself(center, admin):
    session = session_create(center=center, user=admin, raw=valid(time="14:00"))
    assert session_update(session=session, user=admin, raw=valid(time="14:00", room="Salle B")).room == "Salle B"


def test_a_started_session_can_be_neither_edited_nor_deleted(center, admin):
    session = SessionFactory(center=center, started_at=timezone.now() - timedelta(minutes=5))
    message = "Un candidat a commencé son test : cette session ne peut plus être modifiée ni supprimée."
    for action in (lambda: session_update(session=session, user=admin, raw=valid()),
                   lambda: session_delete(session=session, user=admin)):
        with pytest.raises(CertifError) as refused:
            action()
        assert (refused.value.code, refused.value.message) == (ErrorCode.SESSION_ALREADY_STARTED, message)
    assert session.__class__.objects.filter(pk=session.pk).exists()
