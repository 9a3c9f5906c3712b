"""Benchmarks of the certificates, through Django's test client (the whole request).

One command, from the repository root (a temporary SQLite database unless --database-url):
    .venv/bin/python bench/certif/certificates.py
    .venv/bin/python bench/certif/certificates.py --repeat 9 --database-url postgres://postgres@127.0.0.1:5432/pix_bench

Measures, each the median of --repeat runs after one warm-up (the first PDF of a process loads the
fonts):
- one student's certificate PDF, 2 pages with its QR code (target <= 150 ms);
- the 35 certificates of a class in one PDF, 70 pages, from the school's Orga page (target <= 3 s);
- the class's results CSV (no target: for the record).
Prints a table and the machine's load; writes a JSON summary to --results.
"""

import argparse
import json
import os
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from bench.certif.run import setup_django, timed  # noqa: E402

CLASS_SIZE = 35
DIVISION = "3B"
TARGETS = {"one certificate PDF": 0.150, f"{CLASS_SIZE} certificates of a class, one PDF": 3.0,
           "results CSV of the class": None}


def build_world():
    import random
    from datetime import date, time, timedelta

    from django.core.management import call_command
    from django.utils import timezone

    from adaptive.scoring import confidence_band, score_certification
    from certif.codes import (
        draw_verification_code,
        generate_access_code,
        generate_invigilator_password,
    )
    from certif.models import (
        CertificationCandidate,
        CertificationCenter,
        CertificationCourse,
        CertificationResult,
        CertificationSession,
        CertificationVersion,
        CompetenceMark,
        ResultStatus,
        VersionStatus,
    )
    from learners.models import Assessment, User
    from orga.models import Membership, Organization, OrganizationLearner
    from orga.services import terms_accept
    from referentiel.models import CalibrationVersion

    call_command("migrate", verbosity=0)
    call_command("load_referentiel", verbosity=0)
    now = timezone.now()
    school = Organization.objects.create(type=Organization.Type.SCO, name="Collège du banc d'essai",
                                         external_id="0999999B", is_managing_students=True)
    teacher = User.objects.create(username="bench.teacher", terms_accepted_at=now)
    Membership.objects.create(organization=school, user=teacher, role=Membership.Role.ADMIN)
    terms_accept(user=teacher)
    center = CertificationCenter.objects.create(type="SCO", name="Collège du banc d'essai",
                                                external_id="0999999B")
    session = CertificationSession.objects.create(
        center=center, address="Collège du banc d'essai", room="Salle B12", date=date.today() - timedelta(days=20),
        time=time(9, 0), examiner="Mme Martin", access_code=generate_access_code(),
        invigilator_password=generate_invigilator_password(), published_at=now)
    version = CertificationVersion.objects.create(
        status=VersionStatus.ARCHIVED, calibration_version=CalibrationVersion.objects.create(name="Banc"))
    draw = random.Random(7)
    users = []
    for i in range(CLASS_SIZE):
        user = User.objects.create(username=f"bench.eleve{i:02d}", first_name="Marie-Christine",
                                   last_name=f"Élève-Nom-De-Famille-{i:02d}", terms_accepted_at=now)
        learner = OrganizationLearner.objects.create(
            organization=school, user=user, first_name=user.first_name, last_name=user.last_name,
            birthdate=date(2010, 1, 1) + timedelta(days=11 * i), division=DIVISION,
            national_student_id=f"{i:09d}BE", sex="F")
        candidate = CertificationCandidate.objects.create(
            session=session, organization_learner=learner, user=user, reconciled_at=now,
            last_name=user.last_name, first_name=user.first_name, sex="F", birthdate=learner.birthdate,
            birth_country="France", birth_insee_code="75115", birth_city="Paris 15e Arrondissement",
            division=DIVISION)
        course = CertificationCourse.objects.create(
            session=session, candidate=candidate, user=user, version=version, seed=i,
            assessment=Assessment.objects.create(user=user, type=Assessment.Type.CERTIFICATION),
            verification_code=draw_verification_code(), first_name=user.first_name,
            last_name=user.last_name, birthdate=learner.birthdate, birthplace=candidate.birthplace,
            sex="F", deadline=now, is_published=True)
        capacity = draw.uniform(-1, 4)
        score = score_certification(capacity)
        low, high = confidence_band(capacity, 0.3)
        result = CertificationResult.objects.create(
            course=course, version=version, status=ResultStatus.VALIDATED, pix_score=score.pix_score,
            capacity=capacity, standard_error=0.3, score_low=low, score_high=high,
            reached_mesh_index=score.mesh_index, answers_count=32)
        CompetenceMark.objects.bulk_create(CompetenceMark(result=result, competence_code=code, level=level)
                                           for code, level in score.competence_levels.items())
        users.append((user, course))
    return school, teacher, users


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--database-url", default="")
    parser.add_argument("--results", default=str(ROOT / "bench" / "results" / "certificates.json"))
    args = parser.parse_args()
    tmp = tempfile.TemporaryDirectory()
    setup_django(args.database_url or f"sqlite:///{tmp.name}/bench.sqlite3")

    from django.test import Client
    from django.urls import reverse
    from pypdf import PdfReader

    school, teacher, users = build_world()
    student, course = users[0]
    student_client, teacher_client = Client(), Client()
    student_client.force_login(student)
    teacher_client.force_login(teacher)

    def one():
        response = student_client.get(reverse("certificates:certificate_pdf", args=[course.pk]))
        assert response.status_code == 200 and response.content.startswith(b"%PDF")

    def whole_class():
        response = teacher_client.get(reverse("certificates:division_pdf", args=[school.pk]),
                                      {"classe": DIVISION})
        assert response.status_code == 200 and response.content.startswith(b"%PDF")
        whole_class.pages = len(PdfReader(__import__("io").BytesIO(response.content)).pages)

    def results_csv():
        response = teacher_client.get(reverse("certificates:division_csv", args=[school.pk]),
                                      {"classe": DIVISION})
        assert response.status_code == 200
        assert len(b"".join(response.streaming_content).splitlines()) == CLASS_SIZE + 1

    results = {}
    for label, call in zip(TARGETS, (one, whole_class, results_csv)):
        walls, cpus = timed(call, args.repeat)
        results[label] = {"median_s": statistics.median(walls), "min_s": min(walls), "max_s": max(walls),
                          "cpu_median_s": statistics.median(cpus), "target_s": TARGETS[label]}
    assert whole_class.pages == 2 * CLASS_SIZE, whole_class.pages

    load = os.getloadavg()
    print(f"{'benchmark':<40} {'median':>9} {'min':>9} {'max':>9} {'CPU':>9} {'target':>8}")
    for label, r in results.items():
        target = f"{r['target_s'] * 1000:>6.0f}ms" if r["target_s"] else f"{'-':>8}"
        print(f"{label:<40} {r['median_s'] * 1000:>7.0f}ms {r['min_s'] * 1000:>7.0f}ms "
              f"{r['max_s'] * 1000:>7.0f}ms {r['cpu_median_s'] * 1000:>7.0f}ms {target}")
    print(f"load average during the run: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} on {os.cpu_count()} cores; "
          f"database: {'PostgreSQL' if args.database_url.startswith('postgres') else 'SQLite'}")
    Path(args.results).parent.mkdir(parents=True, exist_ok=True)
    Path(args.results).write_text(json.dumps({"results": results, "load": load, "repeat": args.repeat,
                                              "database": args.database_url or "sqlite"}, indent=2))


if __name__ == "__main__":
    main()
