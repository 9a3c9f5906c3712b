"""Where the time of one answer-then-next-challenge cycle goes, request by request, without load.

Drives whole positioning tests through Django's test client (all the middleware, the views, the
templates; no network), and reports for the answer (POST) and the next challenge (GET): the SQL
query count, the time per request, the time spent executing SQL (psycopg2 round trips) and in the
main code paths. Optionally prints the SQL of one cycle (--sql) or a pyinstrument profile
(--pyinstrument, if pyinstrument is installed).

Needs a database with the framework loaded; by default it makes its own and drops it at the end:
    .venv/bin/python bench/learner/profile_cycle.py                 # 3 learners x 16 competences
    .venv/bin/python bench/learner/profile_cycle.py --sql --learners 1
    .venv/bin/python bench/learner/profile_cycle.py --pyinstrument next
"""

import argparse
import os
import random
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

# (label, module, attribute): wrapped to time them; called through the module, so patching works
PATHS = [
    ("session + user (auth middleware)", "django.contrib.auth", "get_user"),
    ("access.assessment_for_learner", "learners.access", "assessment_for_learner"),
    ("test core: serve (GET)", "learners.services", "assessment_serve"),
    ("  strategy.next_challenge", "learners.assessments.positioning", "PositioningStrategy.next_challenge"),
    ("  strategy._knowledge", "learners.assessments.positioning", "PositioningStrategy._knowledge"),
    ("test core: answer (POST)", "learners.services", "submission_record"),
    ("  strategy.answered (knowledge)", "learners.assessments.positioning", "PositioningStrategy.answered"),
    ("content snapshot (cached)", "referentiel.catalogue", "snapshot"),
    ("template rendering", "django.template.response", "SimpleTemplateResponse.render"),
    ("  markdown + nh3 (instruction)", "referentiel.templatetags.content", "markdown_lib.markdown"),
]


def setup_django(database_url):
    os.environ.update({
        "DJANGO_SETTINGS_MODULE": "bench.learner.settings", "BENCH_PLAIN_STATIC": "1",
        "DATABASE_URL": database_url, "DEBUG": "0", "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SECRET_KEY": "bench-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
    })
    os.environ.pop("REDIS_URL", None)
    import warnings

    import django

    warnings.filterwarnings("ignore", "No directory at", UserWarning)  # no collectstatic here
    django.setup()


class Timers:
    """Wall time per label for the current request; SQL round trips timed by a connection wrapper."""

    def __init__(self):
        self.current = None  # the running request's totals, or None between requests
        self.totals = defaultdict(lambda: defaultdict(float))
        self.depth = defaultdict(int)

    def wrap(self, label, owner, name):
        original = getattr(owner, name)
        timers = self

        def timed(*args, **kwargs):
            timers.depth[label] += 1
            began = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                timers.depth[label] -= 1
                if timers.current is not None and not timers.depth[label]:  # recursion counted once
                    timers.current[label] += time.perf_counter() - began

        setattr(owner, name, timed)

    def sql(self, execute, sql, params, many, context):
        began = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            if self.current is not None:
                self.current["SQL (psycopg2 execute)"] += time.perf_counter() - began
                self.current["SQL queries (BEGIN/COMMIT not counted)"] += 1

    def begin(self):
        self.current = defaultdict(float)

    def end(self, kind):
        for label, value in self.current.items():
            self.totals[kind][label] += value
        self.current = None


def resolve(dotted_module, attribute):
    import importlib

    owner = importlib.import_module(dotted_module)
    *path, name = attribute.split(".")
    for part in path:
        owner = getattr(owner, part)
    return owner, name


def answer_data(challenge, right):
    from learners.assessments.answers import correct_value, wrong_value

    value = (correct_value if right else wrong_value)(challenge)
    data = {"challenge": challenge.pk}
    if challenge.has_proposals:
        data["answer"] = value.split(",")
    else:
        data.update({f"field_{key}": text for key, text in value.items()})
    return data


def run(args):
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from learners.models import Assessment, User
    from referentiel.models import Competence

    timers = Timers()
    for label, module, attribute in PATHS:
        timers.wrap(label, *resolve(module, attribute))
    profiler = None
    if args.pyinstrument:
        from pyinstrument import Profiler

        profiler = Profiler(interval=0.0005)
    random.seed(args.seed)
    codes = list(Competence.objects.order_by("code").values_list("code", flat=True))
    durations = defaultdict(list)
    printed_sql = False
    with connection.execute_wrapper(timers.sql):
        for number in range(args.learners):
            user = User.objects.create(username=f"profile{number}-{time.time_ns()}",
                                       terms_accepted_at=timezone.now())
            client = Client(HTTP_HOST="127.0.0.1")
            client.force_login(user)
            def timed(kind, call, *call_args):
                """One request of the journey outside the cycle, timed and profiled like it."""
                profiling = profiler is not None and kind == args.pyinstrument
                timers.begin()
                if profiling:
                    profiler.start()
                began = time.perf_counter()
                response = call(*call_args)
                durations[kind].append(time.perf_counter() - began)
                if profiling:
                    profiler.stop()
                timers.end(kind)
                return response

            for code in codes:
                url = timed("start", client.post, f"/competences/{code}/commencer/")["Location"]
                assessment_id = int(url.strip("/").split("/")[-1])
                timed("first", client.get, url)
                for _ in range(100):
                    challenge = Assessment.objects.get(pk=assessment_id).last_challenge
                    data = answer_data(challenge, random.random() < 0.5)
                    captured = {}
                    for kind in ("answer", "next"):
                        profiling = profiler is not None and kind == args.pyinstrument
                        timers.begin()
                        with CaptureQueriesContext(connection) as captured[kind]:
                            if profiling:
                                profiler.start()
                            began = time.perf_counter()
                            response = client.post(url, data) if kind == "answer" else client.get(url)
                            elapsed = time.perf_counter() - began
                            if profiling:
                                profiler.stop()
                        if kind == "next" and response.status_code != 200:
                            kind = "next (end, 302)"  # the test is over: no page rendered
                        timers.end(kind)
                        durations[kind].append(elapsed)
                    if args.sql and not printed_sql and response.status_code == 200:
                        printed_sql = True
                        for kind in ("answer", "next"):
                            print(f"-- {kind}: {len(captured[kind])} queries")
                            for query in captured[kind]:
                                print("   ", query["sql"][:args.sql_width])
                    if response.status_code != 200:
                        timed("results", client.get, response["Location"])
                        break
    report(durations, timers)
    if profiler is not None:
        print(profiler.output_text(unicode=False, color=False))


def report(durations, timers):
    print(f"\n{'per request (ms, means)':46}" + "".join(f"{kind:>20}" for kind in durations))
    print(f"{'requests':46}" + "".join(f"{len(v):>20}" for v in durations.values()))
    print(f"{'median time':46}" + "".join(f"{1000 * statistics.median(v):>20.2f}" for v in durations.values()))
    print(f"{'mean time':46}" + "".join(f"{1000 * statistics.mean(v):>20.2f}" for v in durations.values()))
    labels = ["SQL queries (BEGIN/COMMIT not counted)", "SQL (psycopg2 execute)"] + [label for label, _m, _a in PATHS]
    for label in labels:
        cells = []
        for kind, values in durations.items():
            total = timers.totals[kind].get(label, 0.0)
            cells.append(f"{total / len(values):>20.1f}" if label.startswith("SQL queries")
                         else f"{1000 * total / len(values):>20.2f}")
        print(f"{label:46}" + "".join(cells))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", help="a database with the framework loaded "
                        "(default: create postgres://postgres@127.0.0.1:5432/pix_bench_profile, then drop it)")
    parser.add_argument("--learners", type=int, default=3, help="learners, each taking all 16 tests")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--sql", action="store_true", help="print the SQL of one cycle")
    parser.add_argument("--sql-width", type=int, default=160)
    parser.add_argument("--pyinstrument", choices=["answer", "next", "start", "first", "results"], help="profile these requests")
    args = parser.parse_args()
    own = args.database_url is None
    url = args.database_url or "postgres://postgres@127.0.0.1:5432/pix_bench_profile"
    os.environ["PGOPTIONS"] = "-c client_min_messages=warning"
    if own:
        env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "pix.settings", "DEBUG": "0"}
        env.pop("REDIS_URL", None)
        admin = ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "postgres", "-q", "-c"]
        subprocess.run([*admin, "DROP DATABASE IF EXISTS pix_bench_profile WITH (FORCE)"], check=True)
        subprocess.run([*admin, "CREATE DATABASE pix_bench_profile"], check=True)
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
            subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "postgres", "-q", "-c",
                            "DROP DATABASE IF EXISTS pix_bench_profile WITH (FORCE)"], check=True)


if __name__ == "__main__":
    main()
