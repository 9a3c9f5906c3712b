"""Orga's benchmarks on PostgreSQL, in one command: the SIECLE import and the students list.

    .venv/bin/python bench/orga/run.py                 # 4,000 students, 50 requests per list query
    .venv/bin/python bench/orga/run.py --students 8000 --repeat 100

From a clean state: a fresh PostgreSQL database (127.0.0.1:5432, trust auth, user postgres) is
created and migrated; a SIECLE XML export of N students in 120 classes is written (ISO-8859-15,
with the fields SIECLE adds and Orga ignores); then, each in a process of its own so that its peak
memory (max RSS, whole Django process included) is its own:
  1. the streaming parse alone (median of 3);
  2. the import end to end (upload recorded, validation, writes, outcome), on the empty school;
  3. the re-import of an export with 10 % changes (3.5 % left, 3.25 % new, 3.25 % changed class);
  4. the students list of the school, through the Django test client (no network, DEBUG off):
     p50 / p95 over --repeat requests for each of five queries, and the number of SQL queries.
The database is dropped at the end. Prints a table and writes bench/results/orga.json.
"""

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pix.settings")

import django  # noqa: E402

django.setup()  # to write the exports with the project's own writer; no database is opened here

from orga.imports import sample  # noqa: E402

MEASURE = Path(__file__).with_name("measure.py")


def divisions():
    return [f"{level}{n:02d}" for level in ("2NDE", "1RE", "TLE") for n in range(1, 41)]


def exports(count, folder):
    rows = sample.students(count, divisions=divisions(), seed=11, birth_year=2009)
    first = folder / "siecle-initial.xml"
    first.write_bytes(sample.siecle_xml("0751234A", rows))
    left, new, moved = int(count * 0.035), int(count * 0.0325), int(count * 0.0325)
    kept = rows[left:]
    kept = [sample.changed(s, division=divisions()[(i + 7) % len(divisions())]) if i < moved else s
            for i, s in enumerate(kept)]
    kept += sample.students(new, divisions=divisions(), seed=12, birth_year=2009, start=count + 1)
    second = folder / "siecle-reimport.xml"
    second.write_bytes(sample.siecle_xml("0751234A", kept))
    return first, second, {"left": left, "new": new, "moved": moved}


def env_for(database):
    env = {k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "DEBUG")}
    env.update({"DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{database}", "DEBUG": "0",
                "SECRET_KEY": "bench-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz",
                "DJANGO_SETTINGS_MODULE": "bench.orga.settings"})
    return env


def measure(env, *args):
    done = subprocess.run([sys.executable, str(MEASURE), *map(str, args)], env=env, cwd=ROOT,
                          capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(f"{args[0]} failed:\n{done.stderr}")
    output = done.stdout
    line = next(line for line in output.splitlines() if line.startswith("RESULT "))
    return json.loads(line[len("RESULT "):])


def psql(command):
    subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-q", "-c", command], check=True,
                   capture_output=True)


def load_average():
    return [round(x, 2) for x in os.getloadavg()]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--students", type=int, default=4000)
    parser.add_argument("--repeat", type=int, default=50)
    parser.add_argument("--results", type=Path, default=ROOT / "bench" / "results")
    args = parser.parse_args()
    database = f"pix_bench_orga_{os.getpid()}"
    psql(f"CREATE DATABASE {database}")
    env = env_for(database)
    summary = {"students": args.students, "python": platform.python_version(),
               "load_before": load_average(), "at": time.strftime("%Y-%m-%d %H:%M")}
    try:
        subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], env=env, cwd=ROOT, check=True)
        with tempfile.TemporaryDirectory() as folder:
            first, second, changes = exports(args.students, Path(folder))
            summary["changes"] = changes
            summary["parse"] = measure(env, "parse", first)
            summary["import"] = measure(env, "import", first)
            summary["reimport"] = measure(env, "import", second)
            summary["list"] = measure(env, "list", "--repeat", args.repeat)
    finally:
        psql(f"DROP DATABASE IF EXISTS {database}")
    summary["load_after"] = load_average()
    report(summary)
    args.results.mkdir(parents=True, exist_ok=True)
    (args.results / "orga.json").write_text(json.dumps(summary, indent=2))


def report(s):
    print(f"SIECLE XML, {s['students']} students ({s['import']['file_mb']} MB), PostgreSQL, "
          f"load {s['load_before']} -> {s['load_after']}")
    print(f"  parse alone            {s['parse']['seconds_median']:.3f} s  "
          f"(CPU {s['parse']['cpu_seconds_mean']:.3f} s)")
    for key, label in (("import", "import end to end"), ("reimport", "re-import, 10 % changes")):
        r = s[key]
        print(f"  {label:<22} {r['seconds']:.3f} s  (CPU {r['cpu_seconds']:.3f} s)  peak RSS {r['peak_rss_mb']:.0f} MB "
              f"(before {r['rss_before_mb']:.0f} MB)  created {r['created']}, updated {r['updated']}, "
              f"disabled {r['disabled']}, active {r['active']}  [{r['status']}]")
    print("Students list:")
    for label, r in s["list"].items():
        queries = f"{r['queries']} queries" if "queries" in r else f"{r['samples']} requests"
        print(f"  {label:<26} p50 {r['p50_ms']:6.1f} ms  p95 {r['p95_ms']:6.1f} ms  {queries}")


if __name__ == "__main__":
    main()
