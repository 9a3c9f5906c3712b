"""Benchmark: scoring a 200-candidate certification session end to end in a Celery worker.

One command, from the repository root, with PostgreSQL and Redis running:
    .venv/bin/python bench/certif/scoring.py
    .venv/bin/python bench/certif/scoring.py --repeat 5 \
        --database-url postgres://postgres@127.0.0.1:5432/pix_bench_scoring --redis-url redis://127.0.0.1:6379/7

Builds its own world in the given database (dropped and created again): the shipped content bank,
a calibration version with its exposure control fitted, an active certification version, and a
finalised session of 200 candidates whose tests were played by the real engine (seeded answers):
170 full tests, 20 left by the candidate after 20 to 31 answers (degraded: the missing questions
are simulated with the engine), 10 stopped for a technical reason after 8 to 19 answers. Then
starts a real worker (`celery -A pix worker`, one process), and measures, from `delay()` to the
task's result, each run the median of --repeat after one warm-up:
- first scoring: every course's result written (the results are deleted before each run);
- scoring again: nothing changed, nothing written (a re-delivered task).
The target is 10 s for the first scoring. Prints a table and the machine's load; writes a JSON
summary to --results.
"""

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

TARGET_S = 10.0
CANDIDATES = 200
FAST_FIT = {"exposure_fit_examinees": 200, "price_fit_iterations": 5, "exposure_fit_iterations": 5}


def setup_django(database_url, redis_url):
    os.environ.update({"DJANGO_SETTINGS_MODULE": "pix.settings", "DATABASE_URL": database_url,
                       "REDIS_URL": redis_url, "DEBUG": "0",
                       "SECRET_KEY": "bench-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz"})
    import django

    django.setup()


def recreate_database(database_url):
    import psycopg2

    name = database_url.rsplit("/", 1)[1]
    connection = psycopg2.connect(database_url.rsplit("/", 1)[0] + "/postgres")
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}"')
    connection.close()


def build_world():
    from datetime import date, timedelta
    from datetime import time as clock

    from django.conf import settings
    from django.core.management import call_command
    from django.utils import timezone

    from adaptive.scoring import (
        COMPETENCE_CODES,
        SEED_COMPETENCE_LEVEL_INTERVALS,
        SEED_GLOBAL_INTERVALS,
    )
    from certif.codes import draw_verification_code
    from certif.models import (
        AbortReason,
        CertificationCandidate,
        CertificationCenter,
        CertificationCourse,
        CertificationSession,
        CertificationVersion,
        ServedChallenge,
        VersionStatus,
    )
    from learners.models import Answer, Assessment, User
    from referentiel import engines, services
    from referentiel.loader.load import load_referentiel
    from referentiel.loader.parse import parse_content
    from referentiel.models import CalibrationVersion

    call_command("migrate", verbosity=0)
    load_referentiel(parse_content())
    settings.CAT_EXPOSURE_FIT = FAST_FIT
    calibration = services.calibration_exposure_fit(
        version=CalibrationVersion.objects.create(name="Calibration du banc d'essai"))
    version = CertificationVersion.objects.create(
        status=VersionStatus.ACTIVE, calibration_version=calibration,
        global_scoring=[{"mesh_level": level, "min": interval.min, "max": interval.max}
                        for level, interval in enumerate(SEED_GLOBAL_INTERVALS)],
        competences_scoring={code: [{"level": row.level, "min": row.bounds.min, "max": row.bounds.max}
                                    for row in SEED_COMPETENCE_LEVEL_INTERVALS]
                             for code in COMPETENCE_CODES})
    center = CertificationCenter.objects.create(name="Centre du banc d'essai", type="PRO",
                                                external_id="BENCH-SCORING")
    session = CertificationSession.objects.create(
        center=center, address="Site", room="Salle 1", date=date(2026, 11, 5), time=clock(9, 0),
        examiner="Mme Martin", access_code="BCDF23", invigilator_password="abc234",
        finalized_at=timezone.now())
    built = engines.certification_engine(calibration)
    engine = built.engine
    rng = random.Random(20261105)
    served_rows, answer_rows = [], []
    now = timezone.now()
    for number in range(CANDIDATES):
        user = User.objects.create(username=f"bench.candidat.{number}", first_name="Candidat",
                                   last_name=f"Numéro {number}")
        candidate = CertificationCandidate.objects.create(
            session=session, last_name=f"Numéro {number}", first_name="Candidat", sex="F",
            birthdate=date(2009, 5, 17), birth_country="France", birth_insee_code="75115",
            birth_city="Paris", user=user, reconciled_at=now)
        assessment = Assessment.objects.create(user=user, type=Assessment.Type.CERTIFICATION)
        if number < 170:
            length, reason = 32, ""
        elif number < 190:
            length, reason = rng.randint(20, 31), AbortReason.CANDIDATE
        else:
            length, reason = rng.randint(8, 19), AbortReason.TECHNICAL
        course = CertificationCourse.objects.create(
            session=session, candidate=candidate, user=user, assessment=assessment, version=version,
            seed=number, verification_code=draw_verification_code(), first_name="Candidat",
            last_name=f"Numéro {number}", birthdate=date(2009, 5, 17), birthplace="Paris", sex="F",
            deadline=now + timedelta(minutes=105), abort_reason=reason)
        ability = rng.gauss(0.5, 1.2)
        state = engine.start(course.seed)
        for position in range(1, length + 1):
            index = engine.select(state)
            a, b = float(engine.discrimination[index]), float(engine.difficulty[index])
            correct = rng.random() < 1 / (1 + pow(2.718281828, a * (b - ability)))
            challenge_id = built.challenge_ids[index]
            served_rows.append(ServedChallenge(course=course, challenge_id=challenge_id, position=position,
                                               discrimination=a, difficulty=b))
            answer_rows.append(Answer(assessment=assessment, challenge_id=challenge_id,
                                      result=Answer.Result.OK if correct else Answer.Result.KO))
            engine.update(state, index, correct)
    ServedChallenge.objects.bulk_create(served_rows, batch_size=2000)
    Answer.objects.bulk_create(answer_rows, batch_size=2000)
    return session


def start_worker(database_url, redis_url):
    env = {**os.environ, "DATABASE_URL": database_url, "REDIS_URL": redis_url}
    worker = subprocess.Popen(
        [str(ROOT / ".venv" / "bin" / "celery"), "-A", "pix", "worker", "--concurrency=1",
         "--without-gossip", "--without-mingle", "--loglevel=warning"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    from pix.celery import app

    for _ in range(60):
        if app.control.ping(timeout=1.0):
            return worker
        time.sleep(1)
    worker.terminate()
    raise SystemExit("the worker did not answer within a minute")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/pix_bench_scoring")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/7")
    parser.add_argument("--results", default=str(ROOT / "bench" / "results" / "certif_scoring.json"))
    args = parser.parse_args()

    recreate_database(args.database_url)
    setup_django(args.database_url, args.redis_url)
    started = time.perf_counter()
    session = build_world()
    print(f"world built in {time.perf_counter() - started:.1f} s")

    from certif import tasks
    from certif.models import CertificationResult, ResultStatus

    worker = start_worker(args.database_url, args.redis_url)
    try:
        def run():
            begin = time.perf_counter()
            report = tasks.score_session.delay(session.pk).get(timeout=600)
            return time.perf_counter() - begin, report

        first, again = [], []
        for attempt in range(args.repeat + 1):
            CertificationResult.objects.filter(course__session=session).delete()
            wall, report = run()
            assert len(report["written"]) == CANDIDATES and not report["errors"], report
            wall_again, report_again = run()
            assert report_again["written"] == [] and len(report_again["unchanged"]) == CANDIDATES
            if attempt:  # the first one warms the worker (its engine, its connection)
                first.append(wall)
                again.append(wall_again)
            else:
                cold = wall
        statuses = dict.fromkeys(ResultStatus.values, 0)
        for status in CertificationResult.objects.filter(course__session=session).values_list("status", flat=True):
            statuses[status] += 1
    finally:
        worker.terminate()
        worker.wait(timeout=30)

    load = os.getloadavg()
    results = {
        "first scoring, 200 candidates": {"median_s": statistics.median(first), "min_s": min(first),
                                          "max_s": max(first), "cold_s": cold, "target_s": TARGET_S},
        "scoring again, nothing changed": {"median_s": statistics.median(again), "min_s": min(again),
                                           "max_s": max(again)},
    }
    print(f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}; results {statuses}")
    print("| Benchmark | Target | Wall (median) | range |")
    print("|---|---|---|---|")
    for label, row in results.items():
        target = f"≤ {row['target_s']:.0f} s" if "target_s" in row else "—"
        print(f"| {label} | {target} | {row['median_s']:.2f} s | {row['min_s']:.2f}–{row['max_s']:.2f} s |")
    print(f"cold worker (first task of the process): {cold:.2f} s")
    Path(args.results).parent.mkdir(parents=True, exist_ok=True)
    Path(args.results).write_text(json.dumps({"results": results, "statuses": statuses, "load": load,
                                              "repeat": args.repeat}, indent=2))


if __name__ == "__main__":
    main()
