"""Benchmarks of Pix Certif's documents and bulk import, through Django's test client.

One command, from the repository root (a temporary SQLite database unless --database-url):
    .venv/bin/python bench/certif/run.py
    .venv/bin/python bench/certif/run.py --repeat 9 --database-url postgres://postgres@127.0.0.1:5432/pix_bench

Measures, each the median of --repeat runs after one warm-up (the first PDF of a process loads the
fonts), the whole request (middleware, access check, queries, rendering):
- the attendance sheet of a 35-candidate session (target <= 300 ms);
- the ZIP of every document of 10 such sessions (target <= 3 s);
- a 500-line bulk CSV (50 sessions of 10 candidates, birthplaces by INSEE code, postal code and
  city, and abroad) uploaded and validated, without confirming (target <= 2 s).
Prints a table and the machine's load; writes a JSON summary to --results.
"""

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

TARGETS = {"attendance sheet, 35 candidates": 0.300, "ZIP of 10 sessions of 35": 3.0,
           "500-line CSV validated": 2.0}
BIRTHPLACES = (
    {"Code INSEE de la commune de naissance": "75115"},
    {"Code postal de la commune de naissance": "51300", "Nom de la commune de naissance": "vitry le francois"},
    {"Code postal de la commune de naissance": "42100", "Nom de la commune de naissance": "St Etienne"},
    {"Code INSEE de la commune de naissance": "2A004"},
    {"Nom de la commune de naissance": "Bruxelles", "* Pays de naissance": "Belgique"},
)


def setup_django(database_url):
    os.environ.update({"DJANGO_SETTINGS_MODULE": "pix.settings", "DATABASE_URL": database_url,
                       "DEBUG": "0", "ALLOWED_HOSTS": "testserver,127.0.0.1",
                       "SECRET_KEY": "bench-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz"})
    os.environ.pop("REDIS_URL", None)
    import django
    from django.conf import settings

    django.setup()
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}


def build_world():
    from datetime import date, time, timedelta

    from django.core.management import call_command
    from django.utils import timezone

    from certif.codes import generate_access_code, generate_invigilator_password
    from certif.insee.loader import load_insee_referential
    from certif.models import CertificationCandidate, CertificationSession
    from certif.services.centers import (
        certif_terms_accept,
        certification_center_provide,
        membership_provide,
    )
    from learners.models import User

    call_command("migrate", verbosity=0)
    load_insee_referential()
    center, _ = certification_center_provide(type="PRO", name="Centre de formation du banc d'essai",
                                             external_id="BENCH-1")
    user, _ = User.objects.get_or_create(username="bench.certif", defaults={"terms_accepted_at": timezone.now()})
    membership_provide(center=center, user=user, role="ADMIN")
    certif_terms_accept(user=user)
    day = timezone.localdate() + timedelta(days=30)
    sessions = []
    for n in range(10):
        session = CertificationSession.objects.create(
            center=center, address="Centre de formation, 12 avenue de la République", room=f"Salle {n + 1}",
            date=day, time=time(8 + n, 0), examiner="Mme Martin-Lefèvre, M. Dubois",
            access_code=generate_access_code(), invigilator_password=generate_invigilator_password())
        CertificationCandidate.objects.bulk_create([CertificationCandidate(
            session=session, last_name=f"Candidat-Nom-De-Famille-{i:02d}", first_name="Marie-Christine",
            sex="F", birthdate=date(1990, 1, 1) + timedelta(days=97 * i), birth_country="France",
            birth_insee_code="75115", birth_city="Paris 15e Arrondissement", external_id=f"EXT-{n:02d}-{i:02d}",
            extra_time_percentage=33 if i % 9 == 0 else 0, billing_mode="FREE") for i in range(35)])
        sessions.append(session)
    return center, user, sessions, day


def csv_file(center, day, lines=500, per_session=10):
    import csv
    import io

    from certif.bulk.template import columns_for

    headers = [c.header for c in columns_for(center)]
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerow(headers)
    for i in range(lines):
        row = {"* Nom de naissance": f"Nom{i:04d}", "* Prénom": "Léa", "* Sexe (M ou F)": "F",
               "* Date de naissance (format: JJ/MM/AAAA)": f"{1 + i % 28:02d}/{1 + i % 12:02d}/2008",
               "* Pays de naissance": "France", "Temps majoré ? (exemple format: 33%)": "33%" if i % 20 == 0 else "",
               "* Tarification part Pix (Gratuite, Prépayée ou Payante)": "Gratuite", **BIRTHPLACES[i % 5]}
        if i % per_session == 0:
            row.update({"* Nom du site": "Centre", "* Nom de la salle": f"Salle {i // per_session}",
                        "* Date de début (format: JJ/MM/AAAA)": (day).strftime("%d/%m/%Y"),
                        "* Heure de début (heure locale format: HH:MM)": f"{(i // per_session) // 4 % 24:02d}:"
                                                                         f"{(i // per_session) % 4 * 15:02d}",
                        "* Surveillant(s)": "Mme Martin"})
        writer.writerow([row.get(h, "") for h in headers])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def timed(call, repeat):
    """Wall-clock and CPU seconds of each run: on a shared machine the CPU time is the steadier one."""
    call()  # warm-up: fonts, templates, connection
    walls, cpus = [], []
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        call()
        walls.append(time.perf_counter() - start)
        cpus.append(time.process_time() - start_cpu)
    return walls, cpus


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--database-url", default="")
    parser.add_argument("--results", default=str(ROOT / "bench" / "results" / "certif.json"))
    args = parser.parse_args()
    tmp = tempfile.TemporaryDirectory()
    setup_django(args.database_url or f"sqlite:///{tmp.name}/bench.sqlite3")

    from datetime import timedelta

    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test import Client
    from django.urls import reverse

    from certif.models import SessionImport
    from certif.views.portal import CURRENT_CENTER_KEY

    center, user, sessions, day = build_world()
    client = Client()
    client.force_login(user)
    client_session = client.session
    client_session[CURRENT_CENTER_KEY] = center.pk
    client_session.save()
    content = csv_file(center, day + timedelta(days=1))

    def sheet():
        response = client.get(reverse("certif:attendance_sheet", args=[sessions[0].pk]))
        assert response.status_code == 200 and response.content.startswith(b"%PDF")

    def archive():
        response = client.get(reverse("certif:sessions_archive"), {"sessions": [s.pk for s in sessions]})
        assert response.status_code == 200 and len(response.content) > 10_000

    def validate():
        response = client.post(reverse("certif:import"), {"file": SimpleUploadedFile("f.csv", content)})
        assert response.status_code == 302, response.content[:500]

    results = {}
    for label, call in (("attendance sheet, 35 candidates", sheet), ("ZIP of 10 sessions of 35", archive),
                        ("500-line CSV validated", validate)):
        walls, cpus = timed(call, args.repeat)
        results[label] = {"median_s": statistics.median(walls), "min_s": min(walls), "max_s": max(walls),
                          "cpu_median_s": statistics.median(cpus), "target_s": TARGETS[label]}
    last = SessionImport.objects.order_by("-created_at").first()
    assert not last.has_errors and last.candidate_count == 500, last.report[:3]

    load = os.getloadavg()
    print(f"{'benchmark':<34} {'median':>9} {'min':>9} {'max':>9} {'CPU':>9} {'target':>8}")
    for label, r in results.items():
        print(f"{label:<34} {r['median_s'] * 1000:>7.0f}ms {r['min_s'] * 1000:>7.0f}ms "
              f"{r['max_s'] * 1000:>7.0f}ms {r['cpu_median_s'] * 1000:>7.0f}ms {r['target_s'] * 1000:>6.0f}ms")
    print(f"load average during the run: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} on {os.cpu_count()} cores; "
          f"database: {'PostgreSQL' if args.database_url.startswith('postgres') else 'SQLite'}")
    Path(args.results).parent.mkdir(parents=True, exist_ok=True)
    Path(args.results).write_text(json.dumps({"results": results, "load": load, "repeat": args.repeat,
                                              "database": args.database_url or "sqlite"}, indent=2))


if __name__ == "__main__":
    main()
