"""Each request reads its session and its signed-in user in one query, with Django's checks kept."""

import pytest
from django.apps import apps
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore as DjangoSessionStore
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from learners.accounts.sessions import SessionStore
from learners.models import LearnerSession, User
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

copy_open_sessions = __import__("learners.migrations.0002_learner_sessions",
                                fromlist=["copy_open_sessions"]).copy_open_sessions


def signed_in(client, user):
    client.force_login(user)
    return LearnerSession.objects.get(session_key=client.session.session_key)


def user_reads(client, url):
    """The queries of one page that read a session or a user."""
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    return [q["sql"] for q in captured.captured_queries
            if "learners_learnersession" in q["sql"] or 'FROM "learners_user"' in q["sql"]]


def test_signing_in_stores_the_user_with_the_session_and_signing_out_removes_it(client, student):
    row = signed_in(client, student)
    assert row.user_id == student.pk
    client.post(reverse("account_logout"))
    assert not LearnerSession.objects.filter(pk=row.pk).exists()


def test_a_page_reads_the_session_and_its_user_in_one_query(client, student, settings):
    settings.DATABASE_PREPARED_STATEMENTS = False  # the SQL is seen as it is sent
    signed_in(client, student)
    client.get(reverse("learners:profile"))
    reads = user_reads(client, reverse("learners:profile"))
    assert len(reads) == 1 and "JOIN" in reads[0], reads


def test_the_user_read_with_the_session_is_the_one_signed_in(client, student):
    signed_in(client, student)
    response = client.get(reverse("learners:profile"))
    assert response.status_code == 200 and response.wsgi_request.user.pk == student.pk


def test_a_session_row_naming_another_user_than_its_data_gives_the_data_s_user(client, student):
    other = UserFactory()
    row = signed_in(client, student)
    LearnerSession.objects.filter(pk=row.pk).update(user=other)
    response = client.get(reverse("learners:profile"))
    assert response.wsgi_request.user.pk == student.pk


def test_a_password_changed_elsewhere_signs_the_session_out(client, student):
    signed_in(client, student)
    student.set_password("Un-autre-mot-de-passe-2026")
    student.save()
    response = client.get(reverse("learners:profile"))
    assert response.status_code == 302 and "/comptes/login/" in response.url


def test_a_deactivated_account_is_signed_out_even_with_its_row_read_with_the_session(client, student):
    signed_in(client, student)
    User.objects.filter(pk=student.pk).update(is_active=False)
    response = client.get(reverse("learners:profile"))
    assert response.status_code == 302 and "/comptes/login/" in response.url


def test_a_session_without_a_user_reads_no_user(client):
    store = SessionStore()
    store["langue"] = "fr"
    store.create()
    assert LearnerSession.objects.get(pk=store.session_key).user_id is None
    loaded = SessionStore(store.session_key)
    assert loaded["langue"] == "fr" and loaded.user_row is None


def test_the_open_sessions_of_the_former_table_are_kept_with_their_users(student):
    def old_session(key, data, expires):
        store = DjangoSessionStore()
        Session.objects.create(session_key=key, session_data=store.encode(data), expire_date=expires)

    later = timezone.now() + timezone.timedelta(days=1)
    old_session("session-ouverte", {SESSION_KEY: str(student.pk), BACKEND_SESSION_KEY: "x", HASH_SESSION_KEY: "y"}, later)
    old_session("session-anonyme", {"langue": "en"}, later)
    old_session("session-compte-supprime", {SESSION_KEY: "999999"}, later)
    old_session("session-expiree", {SESSION_KEY: str(student.pk)}, timezone.now() - timezone.timedelta(days=1))
    copy_open_sessions(apps, None)
    copied = dict(LearnerSession.objects.values_list("session_key", "user_id"))
    assert copied == {"session-ouverte": student.pk, "session-anonyme": None, "session-compte-supprime": None}
    assert SessionStore("session-ouverte")[SESSION_KEY] == str(student.pk)


def test_a_session_saved_for_a_user_deleted_meanwhile_is_stored_and_signs_no_one_in(client, student):
    store = SessionStore()
    store[SESSION_KEY], store[BACKEND_SESSION_KEY] = "987654321", "learners.accounts.backends.AuthenticationBackend"
    store.create()  # a constraint on the user would make Django try other keys forever
    assert LearnerSession.objects.get(pk=store.session_key).user_id == 987654321
    client.cookies["sessionid"] = store.session_key
    response = client.get(reverse("learners:profile"))
    assert response.status_code == 302 and "/comptes/login/" in response.url


def test_deleting_a_user_deletes_their_sessions(client, student):
    row = signed_in(client, student)
    student.delete()
    assert not LearnerSession.objects.filter(pk=row.pk).exists()


def test_clearsessions_deletes_the_expired_sessions_only(client, student):
    from django.core.management import call_command

    kept = signed_in(client, student)
    expired = SessionStore()
    expired["langue"] = "fr"
    expired.create()
    LearnerSession.objects.filter(pk=expired.session_key).update(expire_date=timezone.now())
    call_command("clearsessions")
    assert list(LearnerSession.objects.values_list("pk", flat=True)) == [kept.pk]


def test_a_session_s_data_is_decoded_once_while_it_does_not_change(client, student, monkeypatch):
    from django.core import signing

    signed_in(client, student)
    client.get(reverse("learners:profile"))
    calls = []
    original = signing.loads
    monkeypatch.setattr(signing, "loads", lambda *a, **k: calls.append(1) or original(*a, **k))
    for _ in range(3):
        assert client.get(reverse("learners:profile")).status_code == 200
    assert calls == []


def test_session_data_changed_in_the_database_is_read_anew(client, student):
    row = signed_in(client, student)
    client.get(reverse("learners:profile"))
    store = SessionStore(row.session_key)
    store["seen_notice"] = "oui"
    store.save()
    assert SessionStore(row.session_key)["seen_notice"] == "oui"


def test_session_data_whose_signature_fails_signs_no_one_in(client, student):
    row = signed_in(client, student)
    client.get(reverse("learners:profile"))
    LearnerSession.objects.filter(pk=row.pk).update(session_data=row.session_data[:-3] + "abc")
    response = client.get(reverse("learners:profile"))
    assert response.status_code == 302 and not response.wsgi_request.user.is_authenticated


def test_a_change_a_request_makes_to_its_session_without_saving_it_is_not_seen_by_the_next(student):
    store = SessionStore()
    store.update({SESSION_KEY: str(student.pk), "steps": ["login"]})
    store.create()
    first = SessionStore(store.session_key)
    first["steps"].append("unsaved")
    first[SESSION_KEY] = "0"  # changed in memory only
    second = SessionStore(store.session_key)
    assert second["steps"] == ["login"] and second[SESSION_KEY] == str(student.pk)


def test_a_new_secret_key_makes_the_old_sessions_unreadable(client, student, settings):
    row = signed_in(client, student)
    assert client.get(reverse("learners:profile")).status_code == 200
    settings.SECRET_KEY = "another-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz"
    assert SessionStore(row.session_key).load() == {}
