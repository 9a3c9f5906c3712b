import pytest
from django.core.management import call_command

from certif.demo import FINISHED_SESSION_MARK, LIVE_SESSION_MARK
from certif.models import CertificationCandidate, CertificationCenter, CertificationSession
from orga.models import OrganizationLearner

pytestmark = pytest.mark.django_db


def test_the_demo_gives_a_school_centre_and_a_training_centre_their_sessions(competence, capsys):
    call_command("seed_demo")
    printed = capsys.readouterr().out
    assert "certif.sco" in printed and "certif.pro" in printed and "Demo-Certif-2026" in printed
    school = CertificationCenter.objects.get(type="SCO")
    assert school.uai == "0751234A" and school.memberships.get().is_referer
    session = CertificationSession.objects.get(center=school, published_at__isnull=True)
    students = OrganizationLearner.objects.filter(organization__external_id=school.uai, division="5A",
                                                  is_disabled=False)
    assert session.candidates.count() == students.count() > 0
    assert set(session.candidates.values_list("division", flat=True)) == {"5A"}
    assert set(session.candidates.values_list("organization_learner", flat=True)) == set(
        students.values_list("pk", flat=True))
    assert not session.candidates.exclude(billing_mode="").exists()
    assert set(session.candidates.values_list("birth_country", flat=True)) == {"France"}
    training = CertificationSession.objects.exclude(
        description__in=[LIVE_SESSION_MARK, FINISHED_SESSION_MARK]).get(center__type="PRO")
    assert set(training.candidates.values_list("billing_mode", flat=True)) == {"FREE", "PAID", "PREPAID"}
    counts = (CertificationSession.objects.count(), CertificationCandidate.objects.count())
    call_command("seed_demo")
    assert (CertificationSession.objects.count(), CertificationCandidate.objects.count()) == counts


def test_the_demo_has_a_session_in_progress_with_a_candidate_in_each_status(certification_bank, capsys):
    from certif.rules.candidate_status import CandidateStatus
    from certif.selectors import invigilated_candidates

    call_command("seed_demo")
    session = CertificationSession.objects.get(description=LIVE_SESSION_MARK)
    printed = capsys.readouterr().out
    assert f"session {session.pk}" in printed and session.invigilator_password in printed
    statuses = {row.candidate.last_name: row.status for row in invigilated_candidates(session)}
    assert statuses == {
        "Martin": CandidateStatus.NOT_ARRIVED, "Haddad": CandidateStatus.WAITING,
        "Moreau": CandidateStatus.AUTHORIZED, "Petit": CandidateStatus.IN_TEST,
        "Roux": CandidateStatus.ALERT, "Fournier": CandidateStatus.FINISHED,
        "Girard": CandidateStatus.ENDED_BY_INVIGILATOR}
    # The session that took place this morning, to finalise: three finished, one left.
    finished = CertificationSession.objects.get(description=FINISHED_SESSION_MARK)
    assert f"/certif/sessions/{finished.pk}/finaliser/" in printed
    assert not finished.is_finalized and finished.has_started
    states = sorted(finished.courses.values_list("assessment__state", flat=True))
    assert states == ["completed", "completed", "completed", "started"]
    call_command("seed_demo")
    assert CertificationSession.objects.filter(description=LIVE_SESSION_MARK).count() == 1
    assert CertificationSession.objects.filter(description=FINISHED_SESSION_MARK).count() == 1
    assert finished.courses.count() == 4
def test_the_demo_has_a_published_session_whose_students_have_certificates(competence, capsys, client):
    from certif import certificates
    from certif.models import CertificationCourse

    call_command("seed_demo")
    printed = capsys.readouterr().out
    session = CertificationSession.objects.get(description__startswith="Session de démonstration publiée")
    assert session.published_at and session.finalized_at and session.date < session.published_at.date()
    assert session.courses.count() == session.candidates.count() > 0
    found = certificates.certificates_of(session.courses.all())
    assert len(found) >= session.courses.count() - 1
    code = found[0].verification_code
    printed_codes = [line.split()[1] for line in printed.splitlines() if line.strip().startswith("code ")]
    assert any(c.startswith("P-") for c in printed_codes)
    printed_code = next(c for c in printed_codes if c.startswith("P-"))
    assert CertificationCourse.objects.filter(verification_code=printed_code).exists()
    page = client.get(f"/verification/{printed_code}/")
    assert page.status_code == 200 and "Ce certificat est authentique." in page.content.decode()
    assert code
    courses = CertificationCourse.objects.count()
    call_command("seed_demo")
    assert CertificationCourse.objects.count() == courses
