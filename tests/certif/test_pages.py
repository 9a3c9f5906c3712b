"""What a centre's staff sees in Pix Certif, from the gates to the downloads."""

import io
import zipfile

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from certif.models import CertificationCandidate, CertificationSession
from certif.views.portal import CURRENT_CENTER_KEY
from tests.certif.conftest import member_of
from tests.certif.csvfiles import candidate_columns, import_file, session_columns
from tests.certif.factories import (
    CandidateFactory,
    CenterFactory,
    MembershipFactory,
    SessionFactory,
    in_days,
)
from tests.certif.pdf_reading import pdf_text, without_spaces
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def text_of(response):
    return response.content.decode().replace("&#x27;", "'").replace("&quot;", '"')




def test_a_visitor_is_sent_to_the_login_page(client):
    response = client.get(reverse("certif:sessions"))
    assert response.status_code == 302 and response.url.startswith("/comptes/login/")


def test_a_user_without_a_centre_reads_why_they_cannot_enter(client):
    client.force_login(UserFactory())
    response = client.get(reverse("certif:home"), follow=True)
    assert response.redirect_chain[-1][0] == reverse("certif:no_access")
    assert "Pix Certif est réservé aux centres de certification" in text_of(response)
    assert "Votre compte n'est membre d'aucun centre de certification" in text_of(response)


def test_a_new_member_accepts_pix_certif_s_own_terms_once(client, center):
    user = UserFactory()
    MembershipFactory(center=center, user=user)
    client.force_login(user)
    response = client.get(reverse("certif:sessions"))
    assert response.url == reverse("certif:accept_terms") + "?next=%2Fcertif%2Fsessions%2F"
    page = text_of(client.get(response.url))
    assert "Conditions d'utilisation de Pix Certif" in page and "Vos engagements" in page
    refused = client.post(response.url, {})
    assert "Acceptez les conditions d'utilisation pour continuer." in text_of(refused)
    accepted = client.post(response.url, {"accept_terms": "on"})
    assert accepted.url == reverse("certif:sessions")
    assert client.get(reverse("certif:sessions")).status_code == 200


def test_a_member_of_several_centres_picks_one_and_sees_only_its_sessions(client):
    first, second = CenterFactory(name="Centre Alpha"), CenterFactory(name="Centre Bêta")
    user = member_of(first)
    MembershipFactory(center=second, user=user)
    SessionFactory(center=first, room="Salle Alpha")
    SessionFactory(center=second, room="Salle Bêta")
    client.force_login(user)
    response = client.get(reverse("certif:sessions"))
    assert response.url.startswith(reverse("certif:choose_center"))
    page = text_of(client.get(response.url))
    assert "Centre Alpha" in page and "Centre Bêta" in page
    chosen = client.post(reverse("certif:choose_center"), {"center": second.pk, "next": "/certif/sessions/"})
    assert chosen.url == "/certif/sessions/"
    page = text_of(client.get(chosen.url))
    assert "Salle Bêta" in page and "Salle Alpha" not in page and "Changer de centre" in page


def test_choosing_a_centre_one_is_not_a_member_of_is_404(client, center, other_center):
    client.force_login(member_of(center))
    assert client.post(reverse("certif:choose_center"), {"center": other_center.pk}).status_code == 404
    assert client.post(reverse("certif:choose_center"), {"center": "9" * 40}).status_code == 302


def test_an_admin_creates_a_session_and_reads_its_codes_and_status(admin_client, center):
    day = in_days(30)
    response = admin_client.post(reverse("certif:create_session"), {
        "address": "Centre Horizon", "room": "Salle 4", "date": day.isoformat(), "time": "13:30",
        "examiner": "M. Bernard", "description": ""})
    session = CertificationSession.objects.get()
    assert response.url == reverse("certif:session", args=[session.pk])
    page = text_of(admin_client.get(response.url))
    assert f"Session {session.pk}" in page and "Créée" in page
    assert session.access_code in page and session.invigilator_password in page
    assert session.created_by.first_name == "Claire"


def test_a_session_whose_test_has_begun_says_so_beside_its_status_until_it_is_finalised(admin_client, session):
    session.started_at = timezone.now()
    session.save()
    for url in (reverse("certif:session", args=[session.pk]), reverse("certif:sessions")):
        page = text_of(admin_client.get(url))
        assert "Créée" in page and "Commencée" in page
    session.finalized_at = timezone.now()
    session.save()
    page = text_of(admin_client.get(reverse("certif:session", args=[session.pk])))
    assert "Finalisée" in page and "Commencée" not in page


def test_the_session_form_shows_each_refusal_beside_its_field(admin_client):
    response = admin_client.post(reverse("certif:create_session"), {
        "address": "", "room": "Salle 4", "date": "2020-01-01", "time": "13:30", "examiner": ""})
    page = text_of(response)
    assert response.status_code == 200 and not CertificationSession.objects.exists()
    assert "Le nom du site est obligatoire." in page and "Indiquez le ou les surveillants." in page


def test_a_session_is_edited_and_deleted_until_a_test_starts(admin_client, session):
    data = {"address": "Nouveau site", "room": session.room, "date": session.date.isoformat(),
            "time": session.time.strftime("%H:%M"), "examiner": "Mme Martin"}
    assert admin_client.post(reverse("certif:edit_session", args=[session.pk]), data).status_code == 302
    session.refresh_from_db()
    assert session.address == "Nouveau site"
    session.started_at = timezone.now()
    session.save()
    response = admin_client.post(reverse("certif:delete_session", args=[session.pk]), follow=True)
    assert "ne peut plus être modifiée ni supprimée" in text_of(response)
    session.started_at = None
    session.save()
    admin_client.post(reverse("certif:delete_session", args=[session.pk]))
    assert not CertificationSession.objects.exists()


def test_the_list_filters_sessions_by_status_and_date(admin_client, center):
    SessionFactory(center=center, room="Salle Créée", date=in_days(5))
    SessionFactory(center=center, room="Salle Finalisée", date=in_days(40), finalized_at=timezone.now())
    SessionFactory(center=center, room="Salle Publiée", date=in_days(60), finalized_at=timezone.now(),
                   published_at=timezone.now())
    url = reverse("certif:sessions")
    page = text_of(admin_client.get(url, {"status": "finalized"}))
    assert "Salle Finalisée" in page and "Salle Créée" not in page and "Salle Publiée" not in page
    page = text_of(admin_client.get(url, {"date_to": in_days(10).isoformat()}))
    assert "Salle Créée" in page and "Salle Finalisée" not in page
    page = text_of(admin_client.get(url))
    assert page.count("Résultats publiés") >= 1 and "3 sessions" in page


def test_a_candidate_added_by_postal_code_and_city_and_a_wrong_city_explained(insee, admin_client, session):
    url = reverse("certif:add_candidate", args=[session.pk])
    data = {"last_name": "Moreau", "first_name": "Jade", "sex": "F", "birthdate": "2010-03-04",
            "birth_country": "99100", "birthplace_mode": "postal", "birth_insee_code": "75115",
            "birth_postal_code": "51300", "birth_city": "Reims", "billing_mode": "FREE"}
    page = text_of(admin_client.post(url, data))
    assert "Aucune commune de ce nom n'a le code postal 51300" in page and "Vitry-le-François" in page
    assert admin_client.post(url, {**data, "birth_city": "vitry le francois"}).status_code == 302
    candidate = CertificationCandidate.objects.get()
    assert (candidate.birth_insee_code, candidate.birth_city) == ("51649", "Vitry-le-François")
    assert "Vitry-le-François" in text_of(admin_client.get(reverse("certif:session", args=[session.pk])))


def test_the_communes_of_a_postal_code_are_offered_to_the_city_field(insee, admin_client):
    page = text_of(admin_client.get(reverse("certif:commune_options"), {"birth_postal_code": "51300"}))
    assert '<option value="Blacy">' in page and '<option value="Vitry-le-François">' in page
    assert admin_client.get(reverse("certif:commune_options"), {"birth_postal_code": "1" * 9}).status_code == 404


def test_a_candidate_is_withdrawn_after_confirmation(admin_client, session):
    candidate = CandidateFactory(session=session)
    url = reverse("certif:remove_candidate", args=[session.pk, candidate.pk])
    assert "ne pourra plus rejoindre la session" in text_of(admin_client.get(url))
    admin_client.post(url)
    assert not CertificationCandidate.objects.exists()


def test_the_import_page_validates_then_confirms_a_file(insee, admin_client, center):
    rows = [{**session_columns(in_days(20)), **candidate_columns("Durand", sex="X")}]
    response = admin_client.post(reverse("certif:import"), {"file": import_file(center, rows)})
    report = text_of(admin_client.get(response.url))
    assert "1 erreur à corriger" in report and "Sexe" in report and "Le sexe doit être M ou F." in report
    assert "Confirmer l'import" not in report
    rows[0]["sex"] = "F"
    response = admin_client.post(reverse("certif:import"), {"file": import_file(center, rows)})
    assert "Le fichier est prêt à être importé" in text_of(admin_client.get(response.url))
    confirmed = admin_client.post(response.url, follow=True)
    assert "Import confirmé" in text_of(confirmed)
    assert CertificationCandidate.objects.get().last_name == "Durand"


def test_an_unreadable_file_is_refused_on_the_import_page(admin_client):
    from django.core.files.uploadedfile import SimpleUploadedFile
    response = admin_client.post(reverse("certif:import"), {"file": SimpleUploadedFile("f.csv", b"")})
    assert response.status_code == 200 and "Le fichier est vide" in text_of(response)


def test_the_template_is_downloaded(admin_client):
    response = admin_client.get(reverse("certif:import_template"))
    assert response["Content-Type"].startswith("text/csv")
    assert response.content.startswith(b"\xef\xbb\xbf")


def test_the_attendance_sheet_holds_the_candidates_20_a_page(admin_client, session):
    for i in range(23):
        CandidateFactory(session=session, last_name=f"Nom{i:02d}", external_id=f"EXT-{i:02d}")
    CandidateFactory(session=session, last_name="Montgolfier-Delacroix-Saint", first_name="Anne")
    response = admin_client.get(reverse("certif:attendance_sheet", args=[session.pk]))
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) == 2
    first, second = (page.extract_text() for page in reader.pages)
    assert "Feuille d'émargement" in first and f"Session n° {session.pk}" in first
    # By birth name: Montgolfier, then Nom00 to Nom18 on the first page, Nom19 to Nom22 on the second.
    assert "Montgolfier-Delacroi…" in first and "Nom18" in first and "EXT-18" in first and "1/2" in first
    assert "Nom19" in second and "Nom22" in second and "Nom18" not in second and "2/2" in second
    assert session.date.strftime("%Y") in first and session.time.strftime("%H:%M") in first


def test_a_session_without_candidates_has_no_attendance_sheet_yet(admin_client, session):
    response = admin_client.get(reverse("certif:attendance_sheet", args=[session.pk]), follow=True)
    assert "sera disponible quand au moins un candidat sera inscrit" in text_of(response)


def test_the_invigilator_kit_holds_the_codes_timetable_and_extra_time(admin_client, session):
    CandidateFactory(session=session, last_name="Lent", extra_time_percentage=33)
    text = pdf_text(admin_client.get(reverse("certif:invigilator_kit", args=[session.pk])).content)
    joined = without_spaces(text)
    assert session.access_code in joined and session.invigilator_password in joined
    assert "Si un candidat a un problème" in text and "Lent" in text and "33 %" in text


def test_one_zip_holds_every_document_of_the_sessions_chosen(admin_client, center):
    first, second = SessionFactory(center=center), SessionFactory(center=center)
    CandidateFactory(session=first, last_name="Alpha")
    CandidateFactory(session=second, last_name="Bravo")
    response = admin_client.get(reverse("certif:sessions_archive"), {"sessions": [first.pk, second.pk]})
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    assert sorted(archive.namelist()) == sorted([
        f"session-{first.pk}/feuille-d-emargement-session-{first.pk}.pdf",
        f"session-{first.pk}/kit-surveillant-session-{first.pk}.pdf",
        f"session-{second.pk}/feuille-d-emargement-session-{second.pk}.pdf",
        f"session-{second.pk}/kit-surveillant-session-{second.pk}.pdf"])
    def text(session, name):
        return pdf_text(archive.read(f"session-{session.pk}/{name}-session-{session.pk}.pdf"))

    assert "Bravo" in text(second, "feuille-d-emargement") and "Alpha" not in text(second, "feuille-d-emargement")
    assert "Alpha" in text(first, "feuille-d-emargement") and "Bravo" not in text(first, "feuille-d-emargement")
    def codes(session):
        return without_spaces(text(session, "kit-surveillant"))

    assert first.access_code in codes(first) and second.access_code not in codes(first)
    assert second.invigilator_password in codes(second)


def test_a_zip_with_no_session_chosen_or_too_many_says_why(admin_client, center, settings):
    response = admin_client.get(reverse("certif:sessions_archive"), follow=True)
    assert "Cochez au moins une session" in text_of(response)
    many = [str(n) for n in range(1, 50)]
    assert "Choisissez au plus 40 sessions" in text_of(
        admin_client.get(reverse("certif:sessions_archive"), {"sessions": many}, follow=True))


def test_the_team_page_lists_the_members_and_the_referent(admin_client, center, admin):
    referent = member_of(center, first_name="Rémi", last_name="Référent")
    center.memberships.filter(user=referent).update(is_referer=True)
    page = text_of(admin_client.get(reverse("certif:team")))
    assert "Claire Lemaire" in page and "Rémi Référent" in page and "Référent Pix" in page


def test_opening_a_session_of_another_centre_of_one_s_own_switches_to_it(client):
    first, second = CenterFactory(), CenterFactory(name="Centre Bêta")
    user = member_of(first)
    MembershipFactory(center=second, user=user)
    theirs = SessionFactory(center=second)
    client.force_login(user)
    session = client.session
    session[CURRENT_CENTER_KEY] = first.pk
    session.save()
    assert "Centre Bêta" in text_of(client.get(reverse("certif:session", args=[theirs.pk])))
    assert client.session[CURRENT_CENTER_KEY] == second.pk


def test_the_kit_is_never_cached(admin_client, session):
    response = admin_client.get(reverse("certif:invigilator_kit", args=[session.pk]))
    assert response["Cache-Control"] == "no-store"
