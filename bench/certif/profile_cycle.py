"""Where the time of one certification answer-then-next-question cycle goes, without load.

Drives whole certification tests through Django's test client (all the middleware, the views, the
templates; no network) on PostgreSQL, and reports per request kind the query count and the time,
then a cProfile of the answer and next-question requests (the top functions by cumulative time),
or a pyinstrument profile of one kind of request (--pyinstrument, if pyinstrument is installed).

    .venv/bin/python bench/certif/profile_cycle.py                  # 3 candidates x 32 questions
    .venv/bin/python bench/certif/profile_cycle.py --candidates 1 --sql
    .venv/bin/python bench/certif/profile_cycle.py --pyinstrument "next question"
Makes its own database (migrated, referential loaded, active version made: about 30 s of
exposure fit) and drops it at the end, unless --database-url names one already prepared.
"""

import argparse
import cProfile
import datetime
import io
import os
import pstats
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from bench.certif.exam_forms import answer_pairs, form_of, timer_pairs  # noqa: E402
from bench.learner.profile_cycle import setup_django  # noqa: E402

DATABASE = "pix_bench_certif_profile"


def prepare_candidates(count):
    from django.utils import timezone

    from certif.codes import generate_access_code, generate_invigilator_password
    from certif.models import CertificationCandidate, CertificationCenter, CertificationSession
    from certif.services.versions import ensure_active_version
    from learners.models import User

    ensure_active_version()
    center = CertificationCenter.objects.create(name="Centre du profil", type="PRO",
                                                external_id=f"PROFILE-{time.time_ns()}")
    now = timezone.localtime()
    session = CertificationSession.objects.create(
        center=center, address="Profil", room="1", date=now.date(),
        time=now.time().replace(second=0, microsecond=0), examiner="Profil",
        access_code=generate_access_code(), invigilator_password=generate_invigilator_password())
    candidates = []
    for number in range(count):
        user = User.objects.create(username=f"profile{number}-{time.time_ns()}", first_name="Cand",
                                   last_name=f"Profil{number}", terms_accepted_at=timezone.now())
        candidates.append(CertificationCandidate.objects.create(
            session=session, last_name=user.last_name, first_name="Cand", sex="F",
            birthdate=datetime.date(2008, 1, 1), birth_country="France", birth_insee_code="75115",
            birth_city="Paris", billing_mode="FREE", user=user, reconciled_at=timezone.now(),
            has_seen_instructions=True, authorized_to_start=True))
    return session, candidates


def run(args):
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from certif.warmup import warm_up

    session, candidates = prepare_candidates(args.candidates)
    warm_up()  # as each server process does when it starts (gunicorn.conf.py)
    durations, cpu_times, queries = defaultdict(list), defaultdict(list), defaultdict(list)
    if args.pyinstrument:
        from pyinstrument import Profiler

        profiler = Profiler(interval=0.0005)
    else:
        profiler = cProfile.Profile()
    printed = set()

    def timed(kind, call, *call_args):
        if args.pyinstrument == kind:
            _resume(profiler)
        with CaptureQueriesContext(connection) as captured:
            began, cpu = time.perf_counter(), time.process_time()
            response = call(*call_args)
            durations[kind].append(time.perf_counter() - began)
            cpu_times[kind].append(time.process_time() - cpu)
        if args.pyinstrument == kind:
            _pause(profiler)
        record_queries(kind, captured)
        return response

    def record_queries(kind, captured):
        queries[kind].append(len(captured))
        if args.sql and kind not in printed:
            print(f"-- {kind}: {len(captured)} queries")
            for query in captured:
                print("   ", query["sql"][:args.sql_width])
            printed.add(kind)

    for candidate in candidates:
        client = Client(HTTP_HOST="127.0.0.1")
        client.force_login(candidate.user)
        entry = f"/certification/candidats/{candidate.pk}/code-d-acces/"
        client.get(entry)
        url = timed("start", client.post, entry, {"access_code": session.access_code})["Location"]
        html = timed("first question", client.get, url).content.decode()
        for _ in range(40):
            timer = timer_pairs(html)
            if timer is not None:  # a timed question: show it first, as a candidate clicks
                html = client.post(url, dict(timer), HTTP_HX_REQUEST="true").content.decode()
            form = form_of(html)
            if form is None:
                if args.verbose:
                    print("no form in the page:", html[html.find("<main"):][:4000])
                break
            data = {}
            for name, value in answer_pairs(*form):
                data.setdefault(name, []).append(value)
            response = None
            for kind in ("answer", "next question"):
                profiling = args.pyinstrument in (None, kind)
                with CaptureQueriesContext(connection) as captured:
                    if profiling:
                        _resume(profiler)
                    began, cpu = time.perf_counter(), time.process_time()
                    response = client.post(url, data) if kind == "answer" else client.get(url)
                    durations[kind].append(time.perf_counter() - began)
                    cpu_times[kind].append(time.process_time() - cpu)
                    if profiling:
                        _pause(profiler)
                record_queries(kind, captured)
            if response.status_code != 200:
                if args.verbose:
                    print("stopped:", response.status_code, response.get("Location"))
                break
            html = response.content.decode()
    # Wall time includes the database's work; CPU time is this process's alone (Django's).
    print(f"\n{'request':16}{'count':>8}{'median ms':>12}{'mean ms':>12}{'CPU ms':>10}{'queries':>10}")
    for kind, values in durations.items():
        counts = queries.get(kind)
        print(f"{kind:16}{len(values):>8}{1000 * statistics.median(values):>12.2f}"
              f"{1000 * statistics.mean(values):>12.2f}{1000 * statistics.median(cpu_times[kind]):>10.2f}"
              f"{(statistics.mean(counts) if counts else float('nan')):>10.1f}")
    if args.pyinstrument:
        print(profiler.output_text(unicode=True, color=False, show_all=False))
        return
    profiler.create_stats()
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats(args.sort).print_stats(args.top)
    print(out.getvalue())


def _resume(profiler):
    if isinstance(profiler, cProfile.Profile):
        profiler.enable()
    else:
        profiler.start()


def _pause(profiler):
    if isinstance(profiler, cProfile.Profile):
        profiler.disable()
    else:
        profiler.stop()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", help="a prepared database (default: make one, then drop it)")
    parser.add_argument("--candidates", type=int, default=3)
    parser.add_argument("--sql", action="store_true", help="print the SQL of one request of each kind")
    parser.add_argument("--sql-width", type=int, default=160)
    parser.add_argument("--verbose", action="store_true", help="say why a test stopped")
    parser.add_argument("--top", type=int, default=45, help="functions shown in the profile")
    parser.add_argument("--sort", default="cumulative", choices=("cumulative", "tottime"),
                        help="the order of cProfile's functions: by cumulative or by own time")
    parser.add_argument("--pyinstrument", choices=("start", "first question", "answer", "next question"),
                        help="a pyinstrument profile of this kind of request instead of cProfile")
    args = parser.parse_args()
    own = args.database_url is None
    url = args.database_url or f"postgres://postgres@127.0.0.1:5432/{DATABASE}"
    os.environ["PGOPTIONS"] = "-c client_min_messages=warning"
    admin = ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "postgres", "-q", "-c"]
    if own:
        env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "pix.settings", "DEBUG": "0"}
        env.pop("REDIS_URL", None)
        subprocess.run([*admin, f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)"], check=True)
        subprocess.run([*admin, f"CREATE DATABASE {DATABASE}"], check=True)
        for command in (["migrate", "-v", "0"], ["load_referentiel"]):
            subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT, env=env, check=True,
                           stdout=subprocess.DEVNULL)
    try:
        setup_django(url)
        run(args)
    finally:
        if own:
            from django.db import connections

            connections.close_all()
            subprocess.run([*admin, f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)"], check=True)


if __name__ == "__main__":
    main()
