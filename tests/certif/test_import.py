"""The bulk import: every line checked and reported by line and field, then everything created at once."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from certif.bulk.template import template_csv
from certif.bulk.validation import report_rows
from certif.errors import CertifError, ErrorCode
from certif.models import CertificationCandidate, CertificationSession, SessionImport
from certif.services.imports import session_import_confirm, session_import_validate
from tests.certif.csvfiles import candidate_columns, import_file, session_columns
from tests.certif.factories import CandidateFactory, SessionFactory, in_days

pytestmark = pytest.mark.django_db


def validate(center, admin, rows, **kwargs):
    return session_import_validate(center=center, user=admin, uploaded=import_file(center, rows, **kwargs))


def problems(session_import):
    return [(p["line"], p["field"], p["code"], p["message"], p["blocking"])
            for p in report_rows(session_import.report)]


def test_the_template_is_utf8_with_a_bom_semicolons_and_quoted_headers(center, sco_center):
    content = template_csv(center).decode("utf-8")
    assert content.startswith('\ufeff"Numéro de session préexistante";"* Nom du site";"* Nom de la salle"')
    assert content.rstrip().endswith('"* Tarification part Pix (Gratuite, Prépayée ou Payante)";'
                                     '"Code de prépaiement (si Tarification part Pix Prépayée)"')
    assert content.count(";") == 20
    assert "Tarification" not in template_csv(sco_center).decode("utf-8")


def test_a_valid_file_is_checked_then_creates_its_sessions_and_candidates_on_confirmation(insee, center, admin):
    day = in_days(20)
    rows = [{**session_columns(day, "09:00"), **candidate_columns("Durand")},
            candidate_columns("Martin", birth_insee_code="", birth_postal_code="51300", birth_city="vitry le francois"),
            {**session_columns(day, "14:00", room="Salle 2"), **candidate_columns("Petit", extra_time_percentage="33%")},
            candidate_columns("Roux", billing_mode="Prépayée", prepayment_code="PREPA-1")]
    session_import = validate(center, admin, rows)
    assert problems(session_import) == []
    assert (session_import.session_count, session_import.candidate_count) == (2, 4)
    assert not CertificationSession.objects.exists()

    confirmed = session_import_confirm(session_import=session_import, user=admin)
    assert confirmed.status == SessionImport.Status.CONFIRMED
    morning, afternoon = CertificationSession.objects.order_by("time")
    assert [c.last_name for c in morning.candidates.all()] == ["Durand", "Martin"]
    assert morning.candidates.get(last_name="Martin").birth_city == "Vitry-le-François"
    assert afternoon.candidates.get(last_name="Petit").extra_time_percentage == 33
    assert afternoon.candidates.get(last_name="Roux").prepayment_code == "PREPA-1"
    assert len(morning.access_code) == 6 and len(morning.invigilator_password) == 6
    assert confirmed.created_session_ids == [morning.pk, afternoon.pk]


def test_every_error_is_reported_with_its_line_and_field_and_nothing_is_created(insee, center, admin):
    day = in_days(20)
    rows = [{**session_columns(day, "9h"), **candidate_columns("Durand", sex="H")},
            candidate_columns("", birth_postal_code="42000", birth_insee_code="", birth_city="Lyon")]
    session_import = validate(center, admin, rows)
    assert problems(session_import) == [
        (2, "Heure de début", "SESSION_TIME_NOT_VALID",
         "L'heure de début n'est pas valide : écrivez-la au format HH:MM sur 24 heures, par exemple 09:30.", True),
        (2, "Sexe", "CANDIDATE_SEX_NOT_VALID", "Le sexe doit être M ou F.", True),
        (3, "Nom de naissance", "CANDIDATE_LAST_NAME_REQUIRED", "Le nom de naissance est obligatoire.", True),
        (3, "Nom de la commune de naissance", "CANDIDATE_BIRTH_POSTAL_CODE_CITY_NOT_VALID",
         "Aucune commune de ce nom n'a le code postal 42000. Communes de ce code postal : Saint-Étienne.", True),
    ]
    with pytest.raises(CertifError) as refused:
        session_import_confirm(session_import=session_import, user=admin)
    assert refused.value.code == ErrorCode.IMPORT_HAS_ERRORS
    assert not CertificationSession.objects.exists() and not CertificationCandidate.objects.exists()


SESSION_CASES = [
    ({"existing_session_id": "12a"}, "Numéro de session préexistante", ErrorCode.SESSION_ID_NOT_VALID,
     "Le numéro de session n'est pas valide : c'est un nombre, par exemple 1234."),
    ({"existing_session_id": "99999999999999999999999"}, "Numéro de session préexistante",
     ErrorCode.SESSION_ID_NOT_VALID, "Le numéro de session n'est pas valide : c'est un nombre, par exemple 1234."),
    ({"existing_session_id": "987654"}, "Numéro de session préexistante", ErrorCode.SESSION_ID_NOT_EXISTING,
     "Aucune session de votre centre ne porte ce numéro."),
]


@pytest.mark.parametrize(("columns", "field", "code", "message"), SESSION_CASES)
def test_an_existing_session_number_must_be_a_number_of_the_centre(insee, center, admin, columns, field, code, message):
    [problem] = problems(validate(center, admin, [{**columns, **candidate_columns("Durand")}]))
    assert problem == (2, field, code, message, True)


def test_a_session_of_another_centre_is_not_found_by_its_number(insee, center, admin, other_center):
    theirs = SessionFactory(center=other_center)
    [problem] = problems(validate(center, admin, [{"existing_session_id": str(theirs.pk),
                                                  **candidate_columns("Durand")}]))
    assert problem[2] == "SESSION_ID_NOT_EXISTING"


def test_an_existing_session_number_comes_without_session_columns(insee, center, admin, session):
    rows = [{"existing_session_id": str(session.pk), "room": "Salle 9", **candidate_columns("Durand")}]
    [problem] = problems(validate(center, admin, rows))
    assert problem == (2, "Numéro de session préexistante", "INFORMATION_NOT_ALLOWED_WITH_SESSION_ID",
                       "Avec un numéro de session préexistante, laissez vides les colonnes de la session "
                       "(site, salle, date, heure, surveillants, observations).", True)


def test_an_existing_session_is_filled_but_not_once_started(insee, center, admin, session):
    CandidateFactory(session=session, last_name="Durand", first_name="Lou")
    rows = [{"existing_session_id": str(session.pk), **candidate_columns("Martin")},
            candidate_columns("DURAND", first_name="lou")]
    report = problems(validate(center, admin, rows))
    assert report == [(3, "Nom de naissance", "DUPLICATE_CANDIDATE_NOT_ALLOWED_IN_SESSION",
                       "Ce candidat est déjà inscrit à cette session.", True)]
    session_import = validate(center, admin, rows[:1])
    session_import_confirm(session_import=session_import, user=admin)
    assert sorted(session.candidates.values_list("last_name", flat=True)) == ["Durand", "Martin"]

    session.started_at = timezone.now()
    session.save()
    [problem] = problems(validate(center, admin, [{"existing_session_id": str(session.pk),
                                                  **candidate_columns("Petit")}]))
    assert problem == (2, "Numéro de session préexistante", "CANDIDATE_NOT_ALLOWED_FOR_STARTED_SESSION",
                       "Cette session a déjà commencé : on ne peut plus y inscrire de candidats par import.", True)


def test_a_new_session_at_the_date_and_time_of_another_is_refused(insee, center, admin):
    day = in_days(20)
    SessionFactory(center=center, date=day, time=timezone.datetime(2000, 1, 1, 9, 0).time())
    rows = [{**session_columns(day, "09:00"), **candidate_columns("Durand")},
            {**session_columns(day, "10:00", room="A"), **candidate_columns("Petit")},
            {**session_columns(day, "10:00", room="B"), **candidate_columns("Roux")}]
    report = problems(validate(center, admin, rows))
    message = "Une autre session du centre est déjà programmée à cette date et à cette heure."
    assert report == [(2, "Heure de début", "SESSION_WITH_DATE_AND_TIME_ALREADY_EXISTS", message, True),
                      (4, "Heure de début", "SESSION_WITH_DATE_AND_TIME_ALREADY_EXISTS", message, True)]


def test_warnings_do_not_block_an_empty_session_and_a_candidate_repeated_in_the_file(insee, center, admin):
    day = in_days(20)
    rows = [session_columns(day, "08:00"),
            {**session_columns(day, "10:00"), **candidate_columns("Durand")},
            candidate_columns("durand")]
    session_import = validate(center, admin, rows)
    assert problems(session_import) == [
        (2, "", "EMPTY_SESSION", "Cette session n'a aucun candidat.", False),
        (4, "Nom de naissance", "DUPLICATE_CANDIDATE_IN_SESSION",
         "Ce candidat figure déjà plus haut dans le fichier pour la même session : cette ligne est ignorée.", False)]
    session_import_confirm(session_import=session_import, user=admin)
    assert CertificationSession.objects.count() == 2 and CertificationCandidate.objects.count() == 1


def test_a_candidate_before_any_session_line_is_refused(insee, center, admin):
    [problem] = problems(validate(center, admin, [candidate_columns("Durand")]))
    assert problem[2:4] == ("IMPORT_NO_SESSION_FOR_CANDIDATE",
                            "Cette ligne n'indique pas de session, et aucune ligne de session ne la précède.")


def test_an_sco_centre_s_file_refuses_billing(insee, sco_center, admin):
    from tests.certif.conftest import member_of
    sco_admin = member_of(sco_center)
    rows = [{**session_columns(in_days(20)), **candidate_columns("Durand")}]
    uploaded = SimpleUploadedFile("f.csv", import_file(sco_center, rows).read()
                                  .replace(b'"Surveillant(s)"', b'"Surveillant(s)"'))
    session_import = session_import_validate(center=sco_center, user=sco_admin, uploaded=uploaded)
    assert problems(session_import) == []  # the SCO template has no billing columns at all


def test_a_double_confirmation_creates_everything_once(insee, center, admin):
    session_import = validate(center, admin, [{**session_columns(in_days(20)), **candidate_columns("Durand")}])
    session_import_confirm(session_import=session_import, user=admin)
    with pytest.raises(CertifError) as refused:
        session_import_confirm(session_import=session_import, user=admin)
    assert refused.value.message == "Cet import a déjà été confirmé."
    assert CertificationSession.objects.count() == 1 and CertificationCandidate.objects.count() == 1


def test_a_file_made_stale_by_a_new_session_is_checked_again_at_confirmation(insee, center, admin):
    day = in_days(20)
    session_import = validate(center, admin, [{**session_columns(day, "09:00"), **candidate_columns("Durand")}])
    SessionFactory(center=center, date=day, time=timezone.datetime(2000, 1, 1, 9, 0).time())
    with pytest.raises(CertifError):
        session_import_confirm(session_import=session_import, user=admin)
    session_import.refresh_from_db()
    assert [p[2] for p in problems(session_import)] == ["SESSION_WITH_DATE_AND_TIME_ALREADY_EXISTS"]
    assert CertificationSession.objects.count() == 1


FILE_CASES = [
    (b"", "Le fichier est vide : il ne contient aucune ligne de session."),
    ("\ufeff\"Nom\";\"Prénom\"\r\n\"A\";\"B\"\r\n".encode(),
     "Les colonnes du fichier ne sont pas celles du modèle (colonnes manquantes : « Numéro de session "
     "préexistante », « * Nom du site »"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "Ce fichier n'est pas un fichier CSV lisible."),
]


@pytest.mark.parametrize(("content", "message"), FILE_CASES)
def test_a_file_that_is_not_the_template_is_refused_with_a_clear_reason(insee, center, admin, content, message):
    with pytest.raises(CertifError) as refused:
        session_import_validate(center=center, user=admin, uploaded=SimpleUploadedFile("f.csv", content))
    assert refused.value.message.startswith(message)


def test_a_header_only_file_and_an_oversized_file_are_refused(insee, center, admin, settings):
    with pytest.raises(CertifError) as refused:
        validate(center, admin, [])
    assert refused.value.code == ErrorCode.IMPORT_FILE_EMPTY
    big = SimpleUploadedFile("f.csv", b"x" * (5 * 1024 * 1024 + 1))
    with pytest.raises(CertifError) as refused:
        session_import_validate(center=center, user=admin, uploaded=big)
    assert refused.value.message == "Le fichier dépasse la taille permise (5 Mo)."


def test_too_many_lines_are_refused(insee, center, admin, monkeypatch):
    monkeypatch.setattr("certif.bulk.parsing.IMPORT_MAX_LINES", 3)
    rows = [{**session_columns(in_days(20)), **candidate_columns(f"Nom{i}")} for i in range(5)]
    with pytest.raises(CertifError) as refused:
        validate(center, admin, rows)
    assert refused.value.message == "Le fichier a trop de lignes : 3 au plus. Découpez-le en plusieurs fichiers."


def test_a_windows_1252_file_from_a_spreadsheet_is_read(insee, center, admin):
    rows = [{**session_columns(in_days(20), address="Lycée"), **candidate_columns("Hélène")}]
    session_import = validate(center, admin, rows, encoding="cp1252")
    session_import_confirm(session_import=session_import, user=admin)
    assert CertificationCandidate.objects.get().last_name == "Hélène"
    assert CertificationSession.objects.get().address == "Lycée"


def test_a_session_in_the_past_in_the_file_is_refused(insee, center, admin):
    rows = [{**session_columns(timezone.localdate() - timedelta(days=1)), **candidate_columns("Durand")}]
    assert [p[2] for p in problems(validate(center, admin, rows))] == ["SESSION_SCHEDULED_IN_THE_PAST"]
