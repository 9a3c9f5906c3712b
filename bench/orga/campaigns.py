"""Campaign benchmarks on PostgreSQL, in one command: the streamed results export and the dashboard.

    .venv/bin/python bench/orga/campaigns.py                  # exports of 1,000 and 6,000, dashboard of 1,000
    .venv/bin/python bench/orga/campaigns.py --repeat 100

From a clean state: a fresh PostgreSQL database (127.0.0.1:5432, trust auth, user postgres) is
created and migrated, the content loaded, and the shipped back-to-school target profile (16
competences) used by two assessment campaigns of a school of 40 classes: one of 1,000 and one of
6,000 participations (70 % sent with their results by tube, 15 % to send, 15 % in progress with
knowledge on the campaign's skills). Then, each in a process of its own so that its peak memory
(max RSS, whole Django process included) is its own:
  1. the CSV export of each campaign through the Django test client (no network, DEBUG off), the
     streamed body read to its end: time, size, peak memory — memory should not grow with rows;
  2. the dashboard of the 1,000-participant campaign: p50 / p95 over --repeat requests for the
     page, its live part (the htmx poll), a class, filters, one participant, and the heatmap's
     query alone, with the number of SQL queries of each.
The database is dropped at the end. Prints a table and writes bench/results/orga_campaigns.json.
"""

import argparse
import json
import os
import platform
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MEASURE = Path(__file__).with_name("campaign_measure.py")


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
    line = next(line for line in done.stdout.splitlines() if line.startswith("RESULT "))
    return json.loads(line[len("RESULT "):])


def psql(command):
    subprocess.run(["psql", "-h", "127.0.0.1", "-U", "postgres", "-q", "-c", command], check=True,
                   capture_output=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=50)
    parser.add_argument("--results", type=Path, default=ROOT / "bench" / "results")
    args = parser.parse_args()
    database = f"pix_bench_campaigns_{os.getpid()}"
    psql(f"CREATE DATABASE {database}")
    env = env_for(database)
    summary = {"python": platform.python_version(), "load_before": [round(x, 2) for x in os.getloadavg()],
               "at": time.strftime("%Y-%m-%d %H:%M")}
    try:
        subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], env=env, cwd=ROOT, check=True)
        subprocess.run([sys.executable, "manage.py", "load_referentiel", "-v0"], env=env, cwd=ROOT, check=True,
                       capture_output=True)
        seeded = measure(env, "seed", "--participants", 1000, 6000)
        summary["seed"] = seeded
        summary["export"] = {size: measure(env, "export", seeded[size]["campaign"]) for size in ("1000", "6000")}
        summary["dashboard"] = measure(env, "dashboard", seeded["1000"]["campaign"], "--repeat", args.repeat)
    finally:
        psql(f"DROP DATABASE IF EXISTS {database}")
    summary["load_after"] = [round(x, 2) for x in os.getloadavg()]
    report(summary)
    args.results.mkdir(parents=True, exist_ok=True)
    (args.results / "orga_campaigns.json").write_text(json.dumps(summary, indent=2))


def report(s):
    print(f"Campaign benchmarks, PostgreSQL, load {s['load_before']} -> {s['load_after']}; "
          f"{s['seed']['1000']['skills']} campaign skills, seeded in {s['seed']['seconds']} s")
    for size, r in s["export"].items():
        print(f"  export {size:>5} participations  {r['seconds']:6.2f} s (CPU {r['cpu_seconds']:.2f} s)  "
              f"{r['mb']} MB  peak RSS {r['peak_rss_mb']:.0f} MB (before {r['rss_before_mb']:.0f} MB)  rows {r['rows']}")
    print(f"Dashboard, {s['dashboard']['participants']} participants:")
    for label, r in s["dashboard"].items():
        if isinstance(r, dict):
            print(f"  {label:<26} p50 {r['p50_ms']:6.1f} ms  p95 {r['p95_ms']:6.1f} ms  {r['queries']} queries")


if __name__ == "__main__":
    main()
