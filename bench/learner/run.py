"""Benchmark the learner's answer-then-next-challenge cycle: locust against gunicorn + PostgreSQL.

For each gunicorn configuration, from a clean state: create a fresh PostgreSQL database, migrate,
load the framework, create the bench accounts, start gunicorn (DEBUG off, static files collected
by whitenoise's manifest storage to a temporary directory), warm up, run locust headless, count the
SQL queries of one cycle, then stop gunicorn and drop the database. Prints a table per run and
writes locust's CSV files and a JSON summary to --results (default bench/results/).

Run from the repository root, on an otherwise idle machine (PostgreSQL on 127.0.0.1:5432 with
trust auth for user postgres; locust installed: pip install "locust>=2.20,<3"):
    .venv/bin/python bench/learner/run.py                                  # sync:3, 50 users, no pause
    .venv/bin/python bench/learner/run.py --think 5,15 --run-time 90 --config sync:3
    .venv/bin/python bench/learner/run.py --think 1,3 --config sync:3 --config sync:5 --config gthread:3x4

The floor (`--floor`): in the same run, bench/floor/floor.py (a bare Django view doing one locked
read and one insert, no middleware, no ORM) is served by gunicorn with the same workers and loaded
by locust with the same users, spawn rate and duration (bench/learner/locustfile_floor.py); the
platform's answer cycle is then reported as a ratio of it (requests per second of the cycle's
answer and next-challenge requests, over the floor's):
    .venv/bin/python bench/learner/run.py --floor --users 32 --config sync:4           # no pause
    .venv/bin/python bench/learner/run.py --floor --users 32 --config sync:4 --think 5,15 --run-time 90

A configuration is `sync:WORKERS` or `gthread:WORKERSxTHREADS`. --think "min,max" is each
student's pause between two cycles, in seconds (0,0: every student answers as fast as the server
lets it, which measures capacity rather than the latency of a class at work). The statistics
start --measure-after seconds (20) after launch, once the class has logged in. On a shared
machine, --retries N measures again when other programs used more than --max-other-percent of a
core during the run, and --wait-quiet S waits up to S seconds for a quiet machine first; every
summary records the CPU used by gunicorn, PostgreSQL, locust and the rest of the machine.
"""

import argparse
import csv
import json
import os
import platform
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

import psutil
import psycopg2

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
LOCUSTFILE = Path(__file__).with_name("locustfile.py")
FLOOR_LOCUSTFILE = Path(__file__).with_name("locustfile_floor.py")
FLOOR_APP = ROOT / "bench" / "floor" / "floor.py"
PASSWORD = "Bench-Passw0rd"

# The accounts, each with a Django session already open: a simulated student finishes its 16
# short tests in about half a minute and moves on to the next account; logging in by password
# there (about 0.2 s of CPU each) took a fifth of the server's CPU away from the measured cycle,
# while a real class logs in once in a lesson. The password check is measured apart (COUNT_QUERIES).
CREATE_ACCOUNTS = """
import json
from datetime import timedelta
from importlib import import_module
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.auth.hashers import make_password
from django.utils import timezone
from django.utils.crypto import get_random_string
from learners.models import User
hashed, now = make_password({password!r}), timezone.now()
users = User.objects.bulk_create([User(username=f"bench{{i:05d}}", password=hashed, terms_accepted_at=now)
                                  for i in range({count})], batch_size=2000)
store = import_module(settings.SESSION_ENGINE).SessionStore()
expires = now + timedelta(seconds=settings.SESSION_COOKIE_AGE)
keys = {{user.username: get_random_string(32, "abcdefghijklmnopqrstuvwxyz0123456789") for user in users}}
Session = store.get_model_class()
Session.objects.bulk_create([Session(session_key=keys[user.username], expire_date=expires, user_id=user.pk,
    session_data=store.encode({{SESSION_KEY: str(user.pk), BACKEND_SESSION_KEY: settings.AUTHENTICATION_BACKENDS[0],
    HASH_SESSION_KEY: user.get_session_auth_hash()}})) for user in users], batch_size=2000)
with open({sessions!r}, "w") as out:
    json.dump(keys, out)
"""

# One learner's cycles through the Django test client, with every query captured: the query count
# of each answer (POST) and next challenge (GET), and the median time of each, without load.
COUNT_QUERIES = """
import json, random, statistics, time
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from learners.assessments.answers import correct_value, wrong_value
from learners.models import User

random.seed(1)
user = User.objects.create(username="benchqueries", terms_accepted_at=timezone.now())
client = Client(HTTP_HOST="127.0.0.1")
client.force_login(user)
rows = {{"answer": [], "next challenge (200)": [], "next challenge (end, 302)": []}}
for code in {codes!r}:
    start = client.post(f"/competences/{{code}}/commencer/")
    url = start["Location"]
    client.get(url)
    for _ in range(60):
        challenge = user.assessments.get(pk=int(url.strip("/").split("/")[-1])).last_challenge
        value = (correct_value if random.random() < 0.5 else wrong_value)(challenge)
        data = {{"challenge": challenge.pk}}
        if challenge.has_proposals:
            data["answer"] = value.split(",")
        else:
            data.update({{f"field_{{k}}": v for k, v in value.items()}})
        for label, call in (("answer", lambda: client.post(url, data)), ("next", lambda: client.get(url))):
            with CaptureQueriesContext(connection) as queries:
                began = time.perf_counter()
                response = call()
                elapsed = time.perf_counter() - began
            if label == "next":
                label = "next challenge (200)" if response.status_code == 200 else "next challenge (end, 302)"
            rows[label].append((len(queries), elapsed * 1000))
        if response.status_code != 200:
            break
summary = {{}}
for label, values in rows.items():
    if values:
        counts = sorted({{v[0] for v in values}})
        summary[label] = {{"samples": len(values), "queries": counts,
                          "median_ms": round(statistics.median(v[1] for v in values), 1)}}
from django.contrib.auth.hashers import check_password, make_password
hashed = make_password("Bench-Passw0rd")
began = time.perf_counter()
check_password("Bench-Passw0rd", hashed)
summary["login: password check"] = {{"ms": round((time.perf_counter() - began) * 1000)}}
print("QUERIES " + json.dumps(summary))
"""


def code_version():
    """The commit measured, and whether the app's code differs from it (read-only git calls)."""
    def git(*command):
        return subprocess.run(["git", *command], cwd=ROOT, capture_output=True, text=True).stdout.strip()

    changed = git("status", "--porcelain", "--", "learners", "referentiel", "pix", "templates", "adaptive")
    return {"commit": git("rev-parse", "--short", "HEAD"), "app_code_modified": bool(changed)}


def parse_config(text):
    kind, _, size = text.partition(":")
    if kind == "sync":
        return {"name": f"sync-{int(size)}w", "args": ["--workers", str(int(size))], "text": text}
    if kind == "gthread":
        workers, threads = (int(x) for x in size.split("x"))
        return {"name": f"gthread-{workers}w{threads}t", "text": text,
                "args": ["--workers", str(workers), "--worker-class", "gthread", "--threads", str(threads),
                         # idle connections kept longer than a student's pause: otherwise the server
                         # may close one just as locust reuses it (a spurious "status 0" failure)
                         "--keep-alive", "20"]}
    raise SystemExit(f"unknown configuration {text!r}: use sync:N or gthread:NxT")


def django_env(args, static_root):
    env = {key: value for key, value in os.environ.items() if key != "REDIS_URL"}
    env.update({
        "DJANGO_SETTINGS_MODULE": "bench.learner.settings",
        "BENCH_STATIC_ROOT": str(static_root),
        "DATABASE_URL": f"postgres://{args.pg_user}@{args.pg_host}:{args.pg_port}/{args.database}",
        "DEBUG": "0",
        "SECRET_KEY": "bench-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "LOG_LEVEL": "WARNING",
        "PYTHONPATH": str(ROOT),
    })
    return env


def manage(env, *command, capture=False):
    result = subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT, env=env, check=True,
                            text=True, capture_output=capture)
    return result.stdout if capture else None


def admin_connection(args):
    connection = psycopg2.connect(host=args.pg_host, port=args.pg_port, user=args.pg_user,
                                  dbname="postgres")
    connection.autocommit = True
    return connection


def drop_database(args, create_again=False):
    connection = admin_connection(args)  # no `with connection`: it would open a transaction
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{args.database}" WITH (FORCE)')
        if create_again:
            cursor.execute(f'CREATE DATABASE "{args.database}"')
    connection.close()


def wait_until_up(url, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"gunicorn did not answer {url} within {timeout} s")


class CpuMeter:
    """CPU seconds used by gunicorn, locust, the bench database's PostgreSQL backends, the rest.

    Samples every process twice a second, so that short-lived ones (a database backend replaced
    when CONN_MAX_AGE expires) still count up to their last sample.
    """

    def __init__(self, database, gunicorn_pid):
        self.database, self.gunicorn_pid = database, gunicorn_pid
        self.locust_pid = None
        self.first, self.last, self.groups = {}, {}, {}
        self.stop_event = threading.Event()

    def _group(self, process, gunicorn_tree, locust_tree):
        if process.pid in gunicorn_tree:
            return "gunicorn"
        if process.pid in locust_tree:
            return "locust"
        name = process.name()
        if name == "postgres" or name.startswith("postgres"):
            command = " ".join(process.cmdline())
            return "postgres (bench db)" if f" {self.database} " in command else "postgres (other)"
        return None

    def _tree(self, pid):
        if pid is None:
            return set()
        try:
            root = psutil.Process(pid)
            return {root.pid, *(child.pid for child in root.children(recursive=True))}
        except psutil.NoSuchProcess:
            return set()

    def sample(self, initial=False):
        gunicorn_tree, locust_tree = self._tree(self.gunicorn_pid), self._tree(self.locust_pid)
        for process in psutil.process_iter(["pid"]):
            try:
                group = self._group(process, gunicorn_tree, locust_tree)
                if group is None and process.pid not in self.groups:
                    continue
                times = process.cpu_times()
            except (psutil.NoSuchProcess, psutil.AccessDenied, psutil.ZombieProcess):
                continue
            used = times.user + times.system
            if group is not None:
                self.groups[process.pid] = group
            self.first.setdefault(process.pid, used if initial else 0.0)
            self.last[process.pid] = used

    def start(self):
        self.machine_start = psutil.cpu_times()
        self.wall_start = time.monotonic()
        self.sample(initial=True)
        self.thread = threading.Thread(target=self._loop, daemon=True)
        self.thread.start()

    def _loop(self):
        while not self.stop_event.wait(0.5):
            self.sample()

    def stop(self):
        self.stop_event.set()
        self.thread.join()
        self.sample()
        wall = time.monotonic() - self.wall_start
        end = psutil.cpu_times()
        busy = sum(end) - sum(self.machine_start) - (
            (end.idle + getattr(end, "iowait", 0)) - (self.machine_start.idle + getattr(self.machine_start, "iowait", 0)))
        seconds = {}
        for pid, group in self.groups.items():
            seconds[group] = seconds.get(group, 0.0) + self.last[pid] - self.first[pid]
        # everything else: other databases, other programs, this runner's own sampling
        seconds["rest of the machine"] = busy - sum(
            v for k, v in seconds.items() if k != "postgres (other)")
        seconds["machine total"] = busy
        # percent of ONE core (200 % = both cores of a 2-core machine busy)
        return {"wall_s": round(wall, 1),
                "cpu_percent_of_one_core": {k: round(100 * v / wall) for k, v in seconds.items()}}


def wait_for_quiet_machine(limit_percent, timeout):
    """Wait until the machine, our idle gunicorn aside, uses under limit_percent of one core."""
    deadline = time.monotonic() + timeout
    while True:
        before = psutil.cpu_times()
        time.sleep(5)
        after = psutil.cpu_times()
        busy = (sum(after) - sum(before)) - ((after.idle + getattr(after, "iowait", 0))
                                             - (before.idle + getattr(before, "iowait", 0)))
        percent = 100 * busy / 5
        if percent <= limit_percent or time.monotonic() > deadline:
            return round(percent)
        print(f"   machine busy ({percent:.0f} % of one core): waiting", flush=True)


def locust_command(args, users, spawn_rate, run_time, csv_prefix=None, locustfile=LOCUSTFILE, port=None):
    command = [str(BIN / "locust"), "-f", str(locustfile), "--headless", "-u", str(users),
               "-r", str(spawn_rate), "-t", f"{run_time}s", "--host", f"http://127.0.0.1:{port or args.port}",
               "--only-summary", "--stop-timeout", "5", "--loglevel", "WARNING"]
    if csv_prefix:
        command += ["--csv", str(csv_prefix)]
    if args.locust_processes:
        command += ["--processes", str(args.locust_processes)]
    return command


def run_locust(command, env, log_path, meter=None, measure_after=0):
    with open(log_path, "w") as log:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        try:
            if meter is not None:
                meter.locust_pid = process.pid
                time.sleep(measure_after)  # the locustfile resets its statistics then too
                meter.start()
            process.wait()
        finally:
            if process.poll() is None:  # interrupted: stop locust too
                process.terminate()
                process.wait()
    cpu = meter.stop() if meter is not None else None
    return process.returncode, cpu


def read_stats(csv_prefix):
    with open(f"{csv_prefix}_stats.csv", newline="") as handle:
        rows = list(csv.DictReader(handle))
    stats = {}
    for row in rows:
        stats[row["Name"]] = {
            "type": row["Type"], "requests": int(row["Request Count"]),
            "failures": int(row["Failure Count"]), "rps": round(float(row["Requests/s"]), 1),
            "p50": row["50%"], "p95": row["95%"], "p99": row["99%"], "max": round(float(row["Max Response Time"])),
            "mean": round(float(row["Average Response Time"]), 1),
        }
    # locust's "Aggregated" row also counts the CYCLE entries: total the real HTTP requests apart
    http = [s for name, s in stats.items() if name != "Aggregated" and s["type"] != "CYCLE"]
    stats["HTTP requests"] = {"type": "", "requests": sum(s["requests"] for s in http),
                              "failures": sum(s["failures"] for s in http),
                              "rps": round(sum(s["rps"] for s in http), 1),
                              "p50": "", "p95": "", "p99": "", "max": max(s["max"] for s in http),
                              "mean": ""}
    stats.pop("Aggregated", None)
    return stats


def print_table(label, stats, cpu, queries):
    print(f"\n### {label}")
    print("| request | count | failures | req/s | p50 ms | p95 ms | p99 ms | max ms |")
    print("|---|---|---|---|---|---|---|---|")
    order = ["answer", "next challenge", "answer+next", "first challenge", "start competence",
             "results", "login page", "login", "profile", "HTTP requests"]
    for name in sorted(stats, key=lambda n: order.index(n) if n in order else 99):
        s = stats[name]
        print(f"| {name} | {s['requests']} | {s['failures']} | {s['rps']} | {s['p50']} | {s['p95']} "
              f"| {s['p99']} | {s['max']} |")
    print(f"CPU (% of one core, over {cpu['wall_s']} s): {cpu['cpu_percent_of_one_core']}")
    print(f"SQL queries per request (test client, one learner): {queries}")


def bench_floor(args, config, results):
    """The floor under the same load: same gunicorn workers, locust users, spawn rate, duration."""
    env = {key: value for key, value in os.environ.items() if key != "DJANGO_SETTINGS_MODULE"}
    env.update({"FLOOR_DB": args.floor_database, "PGUSER": args.pg_user, "PGHOST": args.pg_host,
                "PGPORT": str(args.pg_port), "PYTHONPATH": str(FLOOR_APP.parent)})
    connection = admin_connection(args)
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{args.floor_database}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{args.floor_database}"')
    connection.close()
    subprocess.run([sys.executable, str(FLOOR_APP)], cwd=FLOOR_APP.parent, env=env, check=True,
                   capture_output=True)
    port = args.port + 1
    tag = f"{args.tag}floor-{config['name']}"
    gunicorn = subprocess.Popen(
        [str(BIN / "gunicorn"), "floor:application", "--bind", f"127.0.0.1:{port}", "--log-level", "warning",
         *config["args"]], cwd=FLOOR_APP.parent, env=env)
    try:
        wait_until_up(f"http://127.0.0.1:{port}/hello")
        run_locust(locust_command(args, 10, 10, 5, locustfile=FLOOR_LOCUSTFILE, port=port), env,
                   results / f"{tag}_warmup.log")
        meter = CpuMeter(args.floor_database, gunicorn.pid)
        prefix = results / tag
        code, cpu = run_locust(
            locust_command(args, args.users, args.spawn_rate, args.run_time, prefix,
                           locustfile=FLOOR_LOCUSTFILE, port=port),
            env, results / f"{tag}_locust.log", meter)
        stats = read_stats(prefix)
    finally:
        gunicorn.send_signal(signal.SIGTERM)
        gunicorn.wait(timeout=30)
        connection = admin_connection(args)
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{args.floor_database}" WITH (FORCE)')
        connection.close()
    summary = {"config": config["text"], "users": args.users, "run_time_s": args.run_time,
               "locust_exit_code": code, "stats": stats, "cpu": cpu}
    (results / f"{tag}_summary.json").write_text(json.dumps(summary, indent=2) + "\n")
    print_table(f"floor, {config['text']}, {args.users} users, no pause", stats, cpu, "1 locked read + 1 insert")
    return summary


def cycle_rps(stats):
    """Requests per second of the answer cycle: its answers and its next challenges."""
    return sum(stats[name]["rps"] for name in ("answer", "next challenge") if name in stats)


def print_ratio(platform, floor):
    cycle, bare = cycle_rps(platform["stats"]), floor["stats"]["floor answer"]["rps"]
    ratio = 100 * cycle / bare if bare else 0
    print(f"\n== answer cycle: {cycle:.1f} req/s (answer + next challenge); floor: {bare:.1f} req/s; "
          f"ratio {ratio:.1f} % (target >= 25 %)")
    return round(ratio, 1)


def bench_one(args, config, static_root, results, attempt=1):
    env = django_env(args, static_root)
    tag = f"{args.tag}{config['name']}" + (f"-try{attempt}" if attempt > 1 else "")
    print(f"== {config['text']}: fresh database {args.database}", flush=True)
    drop_database(args, create_again=True)
    version = code_version()
    print(f"   code: {version}", flush=True)
    gunicorn = None
    try:
        manage(env, "migrate", "--noinput", "-v", "0")
        manage(env, "load_referentiel")
        sessions = results / f"{tag}_sessions.json"
        manage(env, "shell", "-c", CREATE_ACCOUNTS.format(password=PASSWORD, sessions=str(sessions),
                                                          count=args.accounts + args.warmup_accounts))
        print(f"   {args.accounts} + {args.warmup_accounts} accounts created", flush=True)
        gunicorn = subprocess.Popen(
            [str(BIN / "gunicorn"), "pix.wsgi", "--bind", f"127.0.0.1:{args.port}", "--chdir", str(ROOT),
             "--log-level", "warning", "--error-logfile", str(results / f"{tag}_gunicorn.log"),
             *config["args"]],
            cwd=ROOT, env=env)
        wait_until_up(f"http://127.0.0.1:{args.port}/comptes/login/")
        locust_env = {**env, "BENCH_PASSWORD": PASSWORD, "BENCH_THINK": args.think,
                      "BENCH_SESSIONS": "" if args.logins else str(sessions)}
        if args.warmup:
            print(f"   warm-up: {args.warmup} s, 10 users", flush=True)
            run_locust(locust_command(args, 10, 10, args.warmup),
                       {**locust_env, "BENCH_USERS": str(args.warmup_accounts),
                        "BENCH_USER_OFFSET": str(args.accounts), "BENCH_THINK": "0,0"},
                       results / f"{tag}_warmup.log")
        quiet = wait_for_quiet_machine(args.quiet_percent, args.wait_quiet) if args.wait_quiet else None
        load = os.getloadavg()
        print(f"   load average before the run: {load[0]:.2f}; running {args.users} users for "
              f"{args.run_time} s (think {args.think})", flush=True)
        meter = CpuMeter(args.database, gunicorn.pid)
        prefix = results / tag
        code, cpu = run_locust(
            locust_command(args, args.users, args.spawn_rate, args.measure_after + args.run_time, prefix),
            {**locust_env, "BENCH_USERS": str(args.accounts), "BENCH_MEASURE_AFTER": str(args.measure_after)},
            results / f"{tag}_locust.log", meter, args.measure_after)
        stats = read_stats(prefix)
        stopped = (results / f"{tag}_locust.log").read_text().count("locust.exception.StopUser")
        output = manage(env, "shell", "-c", COUNT_QUERIES.format(codes=["1.1", "2.1", "3.1"]),
                        capture=True)
        queries = json.loads(next(line for line in output.splitlines()
                                  if line.startswith("QUERIES "))[len("QUERIES "):])
    finally:
        if gunicorn is not None:
            gunicorn.send_signal(signal.SIGTERM)
            try:
                gunicorn.wait(timeout=30)
            except subprocess.TimeoutExpired:
                gunicorn.kill()
                gunicorn.wait()
        if not args.keep_db:
            drop_database(args)
    summary = {"config": config["text"], "code": version, "users": args.users, "spawn_rate": args.spawn_rate,
               "run_time_s": args.run_time, "measure_after_s": args.measure_after, "think_s": args.think,
               "locust_processes": args.locust_processes or 1, "logins_by_password": args.logins,
               "locust_exit_code": code, "users_stopped": stopped,
               "load_average_before": round(load[0], 2), "busy_percent_before": quiet, "stats": stats, "cpu": cpu,
               "queries": queries, "machine": {"cores": os.cpu_count(), "python": platform.python_version()}}
    (results / f"{tag}_summary.json").write_text(json.dumps(summary, indent=2) + "\n")
    print_table(f"{config['text']}, {args.users} users, think {args.think} s", stats, cpu, queries)
    if stopped:
        print(f"WARNING: {stopped} simulated students stopped (see {tag}_locust.log)")
    return summary


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config", action="append", help="sync:N or gthread:NxT (repeatable)")
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--spawn-rate", type=float, default=10)
    parser.add_argument("--run-time", type=int, default=75, help="seconds measured")
    parser.add_argument("--measure-after", type=int, default=20,
                        help="seconds of run before measuring (the class's first pages; with --logins, "
                             "their logins, one PBKDF2 check each)")
    parser.add_argument("--warmup", type=int, default=15, help="seconds of warm-up (0: none)")
    parser.add_argument("--think", default="0,0", help="min,max seconds between two cycles")
    parser.add_argument("--locust-processes", type=int, default=0, help="locust --processes")
    parser.add_argument("--accounts", type=int, default=2000, help="accounts for the measured run")
    parser.add_argument("--warmup-accounts", type=int, default=300)
    parser.add_argument("--wait-quiet", type=int, default=0,
                        help="wait up to this many seconds for a quiet machine before measuring")
    parser.add_argument("--quiet-percent", type=int, default=15,
                        help="quiet: under this CPU %% of one core used by other programs")
    parser.add_argument("--retries", type=int, default=0,
                        help="measure again (fresh database) when other programs used more than "
                             "--max-other-percent of a core during the run")
    parser.add_argument("--max-other-percent", type=int, default=25)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--database", default="pix_bench")
    parser.add_argument("--pg-host", default="127.0.0.1")
    parser.add_argument("--pg-port", type=int, default=5432)
    parser.add_argument("--pg-user", default="postgres")
    parser.add_argument("--results", type=Path, default=ROOT / "bench" / "results")
    parser.add_argument("--tag", default="", help="prefix of the result files")
    parser.add_argument("--static-root", type=Path,
                        help="reuse static files collected there (default: collect to a temporary directory)")
    parser.add_argument("--logins", action="store_true",
                        help="students log in by password when they change account (no session opened beforehand)")
    parser.add_argument("--keep-db", action="store_true", help="leave the database for inspection")
    parser.add_argument("--floor", action="store_true",
                        help="also measure the floor (bench/floor) under the same load and print the ratio")
    parser.add_argument("--floor-database", default="pix_bench_floor")
    args = parser.parse_args()
    # stop cleanly (gunicorn stopped, database dropped) on SIGTERM, and on Ctrl-C in the background
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    signal.signal(signal.SIGINT, signal.default_int_handler)
    configs = [parse_config(text) for text in (args.config or ["sync:3"])]
    args.results.mkdir(parents=True, exist_ok=True)

    static_root = args.static_root or Path(tempfile.mkdtemp(prefix="pix-bench-static-"))
    try:
        if not (static_root / "staticfiles.json").exists():
            print(f"collectstatic to {static_root}", flush=True)
            manage(django_env(args, static_root), "collectstatic", "--noinput", "-v", "0")
        summaries = []
        for config in configs:
            for attempt in range(1, args.retries + 2):
                summary = bench_one(args, config, static_root, args.results, attempt)
                other = summary["cpu"]["cpu_percent_of_one_core"]["rest of the machine"]
                if other <= args.max_other_percent or attempt > args.retries:
                    break
                print(f"   other programs used {other} % of a core during the run: measuring again",
                      flush=True)
            if args.floor:
                summary["floor"] = bench_floor(args, config, args.results)
                summary["ratio_to_floor_percent"] = print_ratio(summary, summary["floor"])
            summaries.append(summary)
    finally:
        if args.static_root is None:
            shutil.rmtree(static_root, ignore_errors=True)
    (args.results / f"{args.tag}last_run.json").write_text(json.dumps(summaries, indent=2) + "\n")


if __name__ == "__main__":
    main()
