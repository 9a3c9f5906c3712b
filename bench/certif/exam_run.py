"""Load test of the exam day: locust against gunicorn + PostgreSQL + Redis on this machine.

From a clean state: a fresh PostgreSQL database, migrated, the shipped referential loaded, the
active certification version made (its exposure control fitted, about a minute), then sessions of
--room candidates (30) with their accounts, each candidate joined, having read the instructions
and authorised by the invigilator, logged in already (a Django session per candidate: the logins
before the exam are not what is measured). Then, with gunicorn serving the project:

1. the exam: --candidates (200) enter the access code at the same second, then each answers its
   32 questions with --think seconds between two, one answer in ten sent twice at once; latency of
   every request, and a check against the database of what each client saw acknowledged: no
   acknowledged answer missing, none stored twice, none stored that the client saw refused;
2. the capacity: --concurrency (32) candidates answering without a pause, one test after another,
   for --run-time seconds: answers and next questions per second;
3. the floor (../shared/bench-floor, the same as bench/floor/floor.py: a bare Django view doing
   one locked read and one insert), served by the same gunicorn workers and loaded by the same
   locust client with the same users and duration: the ratio of 2 over 3.

Run from the repository root (locust installed: pip install "locust>=2.20,<3"):
    .venv/bin/python bench/certif/exam_run.py
    .venv/bin/python bench/certif/exam_run.py --config sync:4 --candidates 200 --think 2,6
Writes locust's CSV files and a JSON summary to --results (default bench/results/).
"""

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from bench.learner import run as learner_run  # noqa: E402  (the same harness helpers)

LOCUSTFILE = Path(__file__).with_name("exam_locustfile.py")
SLOW_MS = 200  # the exam's target for the p99 of an answer: the slower requests are listed
ANSWERS = ("answer", "double answer")  # the locust names of an answer's requests

SETUP = """
import json, datetime
from importlib import import_module
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.utils import timezone
from certif.codes import generate_access_code, generate_invigilator_password
from certif.models import CertificationCandidate, CertificationCenter, CertificationSession
from certif.services.versions import ensure_active_version
from learners.models import User
ensure_active_version()
store = import_module(settings.SESSION_ENGINE).SessionStore
center = CertificationCenter.objects.create(name="Centre du banc d'essai", type="PRO", external_id="BENCH-1")
groups = {{"exam": {exam}, "capacity": {capacity}}}
entries = {{}}
now = timezone.localtime()
for group, count in groups.items():
    entries[group] = []
    for first in range(0, count, {room}):
        session = CertificationSession.objects.create(
            center=center, address="Banc d'essai", room=f"{{group}} {{first // {room}}}", date=now.date(),
            time=now.time().replace(second=0, microsecond=0), examiner="Banc",
            access_code=generate_access_code(), invigilator_password=generate_invigilator_password())
        for number in range(first, min(first + {room}, count)):
            user = User.objects.create(username=f"{{group}}{{number:05d}}", first_name="Cand",
                                       last_name=f"{{group}}{{number}}", terms_accepted_at=timezone.now())
            candidate = CertificationCandidate.objects.create(
                session=session, last_name=user.last_name, first_name="Cand", sex="F",
                birthdate=datetime.date(2008, 1, 1), birth_country="France", birth_insee_code="75115",
                birth_city="Paris", billing_mode="FREE", user=user, reconciled_at=timezone.now(),
                has_seen_instructions=True, authorized_to_start=True)
            auth = store()
            auth[SESSION_KEY] = str(user.pk)
            auth[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
            auth[HASH_SESSION_KEY] = user.get_session_auth_hash()
            auth.create()
            entries[group].append({{"candidate": candidate.pk, "session": auth.session_key,
                                    "access_code": session.access_code}})
print("ENTRIES " + json.dumps(entries))
"""

CHECK = """
import json
from collections import Counter
from certif.models import CertificationCourse
from learners.models import Answer
acks = [json.loads(line) for line in open({acks!r})]
courses = dict(CertificationCourse.objects.filter(candidate_id__in=[a["candidate"] for a in acks])
               .values_list("candidate_id", "assessment_id"))
stored = {{}}
for assessment, challenge in Answer.objects.filter(assessment_id__in=courses.values()).values_list(
        "assessment_id", "challenge_id"):
    stored.setdefault(assessment, []).append(challenge)
lost = duplicated = stored_refused = unacknowledged = 0
for ack in acks:
    answers = Counter(stored.get(courses.get(ack["candidate"]), []))
    duplicated += sum(n - 1 for n in answers.values() if n > 1)
    lost += sum(1 for challenge in ack["acked"] if challenge not in answers)
    stored_refused += sum(1 for challenge in ack["refused"] if challenge in answers)
    unacknowledged += sum(1 for challenge in answers if challenge not in ack["acked"]
                          and challenge not in ack["refused"])
print("CHECK " + json.dumps({{"candidates": len(acks), "finished": sum(a["finished"] for a in acks),
                             "acknowledged": sum(len(a["acked"]) for a in acks),
                             "refused": sum(len(a["refused"]) for a in acks),
                             "stored": sum(len(v) for v in stored.values()),
                             "lost": lost, "duplicated": duplicated, "stored_but_refused": stored_refused,
                             "stored_never_answered_back": unacknowledged}}))
"""


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--config", default="sync:4", help="gunicorn: sync:WORKERS or gthread:WORKERSxTHREADS")
    parser.add_argument("--candidates", type=int, default=200)
    parser.add_argument("--room", type=int, default=30)
    parser.add_argument("--think", default="2,6", help="min,max seconds between two answers")
    parser.add_argument("--double-rate", default="0.1")
    parser.add_argument("--exam-time", type=int, default=200, help="seconds allowed for the exam run")
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--capacity-tests", type=int, default=400)
    parser.add_argument("--run-time", type=int, default=30, help="seconds of the capacity and floor runs")
    parser.add_argument("--port", type=int, default=8105)
    parser.add_argument("--database", default="pix_exam_bench")
    parser.add_argument("--floor-database", default="pix_exam_floor")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/5")
    parser.add_argument("--pg-host", default="127.0.0.1")
    parser.add_argument("--pg-port", type=int, default=5432)
    parser.add_argument("--pg-user", default="postgres")
    parser.add_argument("--results", default=str(ROOT / "bench" / "results"))
    parser.add_argument("--locust-processes", type=int, default=0)
    parser.add_argument("--keep-db", action="store_true")
    args = parser.parse_args()
    args.tag = "exam-"
    return args


def run_group(args, env, results, name, entries, users, spawn_rate, run_time, think, gunicorn_pid):
    entries_path, acks_path = results / f"exam-{name}-entries.json", results / f"exam-{name}-acks.jsonl"
    entries_path.write_text(json.dumps(entries))
    acks_path.write_text("")
    prefix = results / f"exam-{name}"
    slow_path = results / f"exam-{name}-slow.json"
    slow_path.write_text("[]")
    locust_env = {**env, "BENCH_EXAM_ENTRIES": str(entries_path), "BENCH_EXAM_ACKS": str(acks_path),
                  "BENCH_EXAM_SLOW": str(slow_path), "BENCH_EXAM_SLOW_MS": str(SLOW_MS),
                  "BENCH_THINK": think, "BENCH_DOUBLE_RATE": args.double_rate}
    meter = learner_run.CpuMeter(args.database, gunicorn_pid)
    print(f"== {name}: {users} candidates, think {think} s, up to {run_time} s "
          f"(load average {os.getloadavg()[0]:.2f})", flush=True)
    code, cpu = learner_run.run_locust(
        learner_run.locust_command(args, users, spawn_rate, run_time, prefix, locustfile=LOCUSTFILE),
        locust_env, results / f"exam-{name}_locust.log", meter)
    stats = learner_run.read_stats(prefix)
    output = learner_run.manage(env, "shell", "-c", CHECK.format(acks=str(acks_path)), capture=True)
    check = json.loads(next(line for line in output.splitlines() if line.startswith("CHECK "))[6:])
    print("| request | count | failures | req/s | p50 ms | p95 ms | p99 ms | max ms |\n|---|---|---|---|---|---|---|---|")
    for request, s in stats.items():
        print(f"| {request} | {s['requests']} | {s['failures']} | {s['rps']} | {s['p50']} | {s['p95']} "
              f"| {s['p99']} | {s['max']} |")
    print(f"check against the database: {check}")
    slow = slow_requests(json.loads(slow_path.read_text()), stats)
    print(f"answers slower than {SLOW_MS} ms, by second after the first slow request: "
          f"{slow['answers_by_second']}")
    print(f"CPU: {cpu['cpu_percent_of_one_core'] if cpu else '-'}", flush=True)
    return {"users": users, "think_s": think, "run_time_s": run_time, "locust_exit_code": code,
            "stats": stats, "check": check, "cpu": cpu, "slow": slow}


def slow_requests(slow, stats):
    """When the slow requests were sent: the answers slower than SLOW_MS counted by second after
    the first slow request (the start storm, when there is one), and every kind counted."""
    first = min((sent for sent, _name, _ms in slow), default=0)
    by_second = Counter(int(sent - first) for sent, name, _ms in slow if name in ANSWERS)
    return {"answers_by_second": dict(sorted(by_second.items())),
            "by_request": dict(Counter(name for _sent, name, _ms in slow)),
            "answers": sum(stats[name]["requests"] for name in ANSWERS if name in stats)}


def main():
    args = parse_args()
    config = learner_run.parse_config(args.config)
    results = Path(args.results)
    results.mkdir(parents=True, exist_ok=True)
    static_root = Path(tempfile.mkdtemp(prefix="pix-exam-static-"))
    env = learner_run.django_env(args, static_root)
    env["REDIS_URL"] = args.redis_url
    learner_run.drop_database(args, create_again=True)
    gunicorn = None
    summary = {"config": config["text"], "code": learner_run.code_version(), "machine_cores": os.cpu_count()}
    try:
        learner_run.manage(env, "migrate", "--noinput", "-v", "0")
        learner_run.manage(env, "collectstatic", "--noinput", "-v", "0")
        learner_run.manage(env, "load_referentiel")
        started = time.monotonic()
        output = learner_run.manage(env, "shell", "-c", SETUP.format(
            exam=args.candidates, capacity=args.capacity_tests, room=args.room), capture=True)
        entries = json.loads(next(line for line in output.splitlines() if line.startswith("ENTRIES "))[8:])
        print(f"   version, calibration and {args.candidates} + {args.capacity_tests} candidates ready "
              f"in {time.monotonic() - started:.0f} s", flush=True)
        gunicorn = subprocess.Popen(
            [str(learner_run.BIN / "gunicorn"), "pix.wsgi", "--bind", f"127.0.0.1:{args.port}",
             "--chdir", str(ROOT), "--log-level", "warning",
             "--error-logfile", str(results / "exam_gunicorn.log"), *config["args"]], cwd=ROOT, env=env)
        learner_run.wait_until_up(f"http://127.0.0.1:{args.port}/comptes/login/")
        summary["exam"] = run_group(args, env, results, "exam", entries["exam"], args.candidates,
                                    args.candidates, args.exam_time, args.think, gunicorn.pid)
        summary["capacity"] = run_group(args, env, results, "capacity", entries["capacity"],
                                        args.concurrency, args.concurrency, args.run_time, "0,0",
                                        gunicorn.pid)
    finally:
        if gunicorn is not None:
            gunicorn.send_signal(signal.SIGTERM)
            gunicorn.wait(timeout=30)
        if not args.keep_db:
            learner_run.drop_database(args)
    args.users, args.spawn_rate = args.concurrency, args.concurrency
    floor = learner_run.bench_floor(args, config, results)
    summary["floor"] = floor
    stats = summary["capacity"]["stats"]
    cycle = sum(stats[name]["rps"] for name in ("answer", "next question") if name in stats)
    bare = floor["stats"]["floor answer"]["rps"]
    summary["ratio_percent"] = round(100 * cycle / bare, 1) if bare else None
    print(f"\n== answer cycle at {args.concurrency} connections: {cycle:.1f} req/s (answer + next "
          f"question); floor {bare:.1f} req/s; ratio {summary['ratio_percent']} % (target >= 25 %)")
    (results / "exam_summary.json").write_text(json.dumps(summary, indent=2, default=str) + "\n")


if __name__ == "__main__":
    main()
