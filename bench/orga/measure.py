"""One measurement of Orga's benchmarks, in a process of its own (so that its peak memory is its own).

Run by bench/orga/run.py with DATABASE_URL set to a migrated database; prints one JSON line.
    python bench/orga/measure.py parse FILE
    python bench/orga/measure.py import FILE
    python bench/orga/measure.py list --repeat 50
"""

import argparse
import json
import os
import resource
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.orga.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from learners.models import User  # noqa: E402
from orga import services  # noqa: E402
from orga.imports import read_learners  # noqa: E402
from orga.models import LearnerImport, Membership, Organization  # noqa: E402

UAI = "0751234A"


def rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def school():
    organization, _ = services.organization_create(type=Organization.Type.SCO, name="Lycée du banc d'essai",
                                                   external_id=UAI)
    return organization


def parse(path):
    content = Path(path).read_bytes()
    times, cpu = [], time.process_time()
    for _ in range(3):
        began = time.perf_counter()
        reading = read_learners(content, filename=Path(path).name, format=LearnerImport.Format.SIECLE_XML,
                                uai=UAI)
        times.append(time.perf_counter() - began)
    return {"students": len(reading.rows), "problems": len(reading.problems),
            "seconds_median": round(statistics.median(times), 3),
            "cpu_seconds_mean": round((time.process_time() - cpu) / 3, 3), "peak_rss_mb": round(rss_mb(), 1)}


def run_import(path):
    organization = school()
    content = Path(path).read_bytes()
    before = rss_mb()
    began, cpu = time.perf_counter(), time.process_time()
    job = services.learner_import_create(organization=organization, user=None, filename=Path(path).name,
                                         content=content, format=LearnerImport.Format.SIECLE_XML)
    job = services.learner_import_run(import_id=job.pk)
    elapsed, cpu = time.perf_counter() - began, time.process_time() - cpu
    job.refresh_from_db()
    return {"status": job.status, "seconds": round(elapsed, 3), "cpu_seconds": round(cpu, 3), "created": job.created_count,
            "updated": job.updated_count, "disabled": job.disabled_count, "active": job.active_count,
            "file_mb": round(len(content) / 1e6, 2), "rss_before_mb": round(before, 1),
            "peak_rss_mb": round(rss_mb(), 1)}


QUERIES = {
    "first page": {},
    "page 40": {"page": "40"},
    "one class": {"division": "2NDE07"},
    "search": {"q": "mar"},
    "no account, by birthdate": {"connection": "none", "sort": "-birthdate"},
}


def learner_list(repeat):
    organization = school()
    teacher, _ = User.objects.get_or_create(username="bench.prof", defaults={
        "email": "bench@prof.fr", "terms_accepted_at": timezone.now()})
    Membership.objects.get_or_create(organization=organization, user=teacher)
    services.terms_accept(user=teacher)
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(teacher)
    url = f"/orga/{organization.pk}/eleves/"
    results, every = {}, []
    for label, query in QUERIES.items():
        for _ in range(3):
            client.get(url, query)  # warm-up
        times = []
        for _ in range(repeat):
            with CaptureQueriesContext(connection) as queries:
                began = time.perf_counter()
                response = client.get(url, query)
                times.append((time.perf_counter() - began) * 1000)
            assert response.status_code == 200, (response.status_code, response.get("Location"))
        times.sort()
        every.extend(times)
        results[label] = {"queries": len(queries), "p50_ms": round(statistics.median(times), 1),
                          "p95_ms": round(times[int(0.95 * (len(times) - 1))], 1)}
    every.sort()
    results["all"] = {"p50_ms": round(statistics.median(every), 1),
                      "p95_ms": round(every[int(0.95 * (len(every) - 1))], 1), "samples": len(every)}
    return results


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("what", choices=["parse", "import", "list"])
    parser.add_argument("file", nargs="?")
    parser.add_argument("--repeat", type=int, default=50)
    args = parser.parse_args()
    result = {"parse": lambda: parse(args.file), "import": lambda: run_import(args.file),
              "list": lambda: learner_list(args.repeat)}[args.what]()
    print("RESULT " + json.dumps(result))


if __name__ == "__main__":
    main()
