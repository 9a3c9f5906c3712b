"""Load test of the learner's hot path: answer a challenge, then get the next one.

Each simulated student takes a pre-made account (bench00000, bench00001, ... created by
bench/learner/run.py, each with a session already open: BENCH_SESSIONS; without it, it logs in
by password), starts the positioning test of a competence, then loops: read the challenge
page, answer it (a random proposal, random text, sometimes "Je passe"), follow the redirect to the
next challenge. At the end of a test it opens the results page and starts another competence;
when every competence is done or refused, it moves on to the next pre-made account.

Requests reported by locust:
    answer            POST /tests/<id>/            (302 back to the test; 422 with the same question
                                                    when a field refuses the value, answered again)
    next challenge    GET  /tests/<id>/ after an answer (200, or 302 to the results at the end)
    show timed challenge  a timed challenge's announcement: « Afficher la question » (POST, as
                          the page's script sends it: 200 with the question)
    answer+next       custom CYCLE entry: the two above, back to back, as the student waits
    first challenge, start competence, results, login page, login, profile: the rest of the journey

Environment (all optional):
    BENCH_USERS        size of the account pool (default 2000)
    BENCH_USER_OFFSET  first account index (default 0), to keep the warm-up's accounts apart
    BENCH_PASSWORD     the accounts' password
    BENCH_SESSIONS     a JSON file {username: session key}: the students start logged in
    BENCH_THINK        "min,max" seconds of thinking between two cycles (default "0,0")
    BENCH_SKIP_RATE    share of challenges skipped with "Je passe" (default 0.1)
    BENCH_MEASURE_AFTER  seconds after which the statistics are reset (default 0): leaves out the
                       first logins (each checks a PBKDF2 hash, about 0.3 s of CPU) of the class

Run by bench/learner/run.py; alone (against a server already loaded with the accounts):
    locust -f bench/learner/locustfile.py --headless -u 50 -r 10 -t 60s --host http://127.0.0.1:8765
"""

import itertools
import json
import logging
import os
import random
import re
import time
from urllib.parse import urlencode

import gevent
from locust import between, events, task
from locust.contrib.fasthttp import FastHttpUser
from locust.exception import StopUser
from locust.runners import WorkerRunner
from requests.cookies import create_cookie

from adaptive.framework import COMPETENCE_CODES
from bench.pages import CHALLENGE, CSRF, FORM_HEADERS, OPTION, SELECT, answer_form, question_shown

PASSWORD = os.environ.get("BENCH_PASSWORD", "Bench-Passw0rd")
POOL = int(os.environ.get("BENCH_USERS", "2000"))
OFFSET = int(os.environ.get("BENCH_USER_OFFSET", "0"))
THINK = tuple(float(x) for x in os.environ.get("BENCH_THINK", "0,0").split(","))
SKIP_RATE = float(os.environ.get("BENCH_SKIP_RATE", "0.1"))
MEASURE_AFTER = float(os.environ.get("BENCH_MEASURE_AFTER", "0"))
SESSIONS = os.environ.get("BENCH_SESSIONS", "")
# With --processes, worker w takes accounts w, w + STRIDE, w + 2 * STRIDE...: no account is shared.
STRIDE = 16
FALLBACK_CODES = list(COMPETENCE_CODES)

START = re.compile(r'action="/competences/([^/"]+)/commencer/"')
TEST_URL = re.compile(r"^/tests/(\d+)/$")
RESULTS_URL = re.compile(r"^/tests/\d+/resultats/$")
CHOICE = re.compile(r'type="(radio|checkbox)" [^>]*name="answer" value="(\d+)"')
TEXT = re.compile(r'<input class="fr-input" type="text" [^>]*name="(field_[^"]+)"([^>]*)>')
WORDS = ["42", "3,5", "oui", "non", "mot de passe", "https://exemple.fr", "Paris", "2024", "abc"]
# A number field refuses letters with a message (422), as a student would see: answer numbers there.
NUMBERS = ["42", "3,5", "2024", "0", "12.5"]

_accounts = None
_sessions = None


def opened_session(username):
    """The session key opened beforehand for this account, or None (log in by password)."""
    global _sessions
    if _sessions is None:
        _sessions = json.loads(open(SESSIONS).read()) if SESSIONS else {}
    return _sessions.get(username)


@events.test_start.add_listener
def schedule_stats_reset(environment, **_kwargs):
    """Measure from MEASURE_AFTER seconds on (in the master or the only process: it aggregates)."""
    if MEASURE_AFTER <= 0 or isinstance(environment.runner, WorkerRunner):
        return

    def reset():
        gevent.sleep(MEASURE_AFTER)
        environment.runner.stats.reset_all()
        logging.warning("statistics reset after %s s: measuring from now on", MEASURE_AFTER)

    gevent.spawn(reset)


def next_account(environment):
    """The next pre-made account name for this process, or None when the pool is used up."""
    global _accounts
    if _accounts is None:
        runner = environment.runner
        worker = runner.worker_index if isinstance(runner, WorkerRunner) else 0
        _accounts = itertools.count(OFFSET + worker, STRIDE if isinstance(runner, WorkerRunner) else 1)
    index = next(_accounts)
    return f"bench{index:05d}" if index < OFFSET + POOL else None


def parse_challenge(html):
    """(challenge id, csrf token, type, form fields) of a challenge page, or None."""
    form = answer_form(html)
    challenge, token = CHALLENGE.search(form), CSRF.search(form)
    if not challenge or not token:
        return None
    choices = CHOICE.findall(form)
    if choices:
        kind = "QCU" if choices[0][0] == "radio" else "QCM"
        return challenge.group(1), token.group(1), kind, [value for _, value in choices]
    selects = [(name, OPTION.findall(body)) for name, body in SELECT.findall(form)]
    texts = [(name, NUMBERS if 'inputmode="decimal"' in rest else None) for name, rest in TEXT.findall(form)]
    return challenge.group(1), token.group(1), "fields", selects + texts


def random_answer(challenge_id, token, kind, fields):
    data = [("csrfmiddlewaretoken", token), ("challenge", challenge_id), ("focused_out", "0")]
    if random.random() < SKIP_RATE:
        return data + [("skip", "1")]
    if kind == "QCU":
        return data + [("validate", "1"), ("answer", random.choice(fields))]
    if kind == "QCM":
        picked = random.sample(fields, random.randint(1, len(fields)))
        return data + [("validate", "1")] + [("answer", value) for value in sorted(picked)]
    for name, options in fields:
        data.append((name, random.choice(options) if options else random.choice(WORDS)))
    return data + [("validate", "1")]


class Student(FastHttpUser):
    wait_time = between(*THINK)

    def on_start(self):
        self.test_url = None
        self.page = None  # parsed current challenge
        self.codes = []
        self.log_in_next()

    # --- journey -------------------------------------------------------------------------

    def log_in_next(self):
        username = next_account(self.environment)
        if username is None:
            raise StopUser()
        self.client.cookiejar.clear()
        session = opened_session(username)
        if session is None:
            token = self.log_in(username)
        else:
            self.client.cookiejar.set_cookie(create_cookie("sessionid", session, domain="127.0.0.1"))
            token = None
        profile = self.client.get("/profil/", name="profile")
        found = CSRF.search(profile.text or "")
        self.token = found.group(1) if found else token
        self.codes = START.findall(profile.text or "") or list(FALLBACK_CODES)
        random.shuffle(self.codes)

    def log_in(self, username):
        """Log in by password as a student does; the login page's CSRF token."""
        page = self.client.get("/comptes/login/", name="login page")
        token = CSRF.search(page.text or "")
        for attempt in range(12):
            body = urlencode({"login": username, "password": PASSWORD,
                              "csrfmiddlewaretoken": token.group(1) if token else ""})
            with self.client.post("/comptes/login/", data=body, headers=FORM_HEADERS, name="login",
                                  allow_redirects=False, catch_response=True) as response:
                if response.status_code == 302:
                    break
                response.failure(f"login refused ({response.status_code})")
            if response.status_code != 429 or attempt == 11:
                raise StopUser()
            gevent.sleep(5)  # rate-limited (429): try again, as a student would
        return token.group(1) if token else None

    def start_competence(self):
        """Start the next competence of this account; log in as the next one when none is left."""
        for _attempt in range(100):
            if not self.codes:
                self.log_in_next()
            code = self.codes.pop()
            with self.client.post(f"/competences/{code}/commencer/", name="start competence",
                                  data=urlencode({"csrfmiddlewaretoken": self.token}),
                                  headers=FORM_HEADERS, allow_redirects=False,
                                  catch_response=True) as response:
                location = response.headers.get("Location", "") if response.headers else ""
                if response.status_code != 302:
                    response.failure(f"start {code}: {response.status_code}")
                    continue
                if not TEST_URL.match(location):
                    continue  # refused (done, wait before improving): redirected to the profile
            self.test_url = location
            with self.client.get(location, name="first challenge", catch_response=True) as response:
                self.page = self.question_page(response.text or "")
                if self.page is None:
                    response.failure(f"no challenge form on {location} ({response.status_code})")
                    continue
            return
        raise StopUser()

    def answer_then_next(self):
        body = urlencode(random_answer(*self.page))
        started = time.perf_counter()
        with self.client.post(self.test_url, data=body, headers=FORM_HEADERS, name="answer",
                              allow_redirects=False, catch_response=True) as response:
            location = response.headers.get("Location", "") if response.headers else ""
            if response.status_code == 422:
                # Refused in words (a value the field cannot read): the same question, answered again.
                response.success()
                self.page = parse_challenge(response.text or "")
                return
            if response.status_code != 302 or location != self.test_url:
                response.failure(f"answer: {response.status_code} {location}")
                self.page = None
                return
        with self.client.get(self.test_url, name="next challenge", allow_redirects=False,
                             catch_response=True) as response:
            elapsed_ms = (time.perf_counter() - started) * 1000
            location = response.headers.get("Location", "") if response.headers else ""
            if response.status_code == 200:
                self.page = self.question_page(response.text or "")
                if self.page is None:
                    response.failure("next challenge: no challenge form")
                    return
            elif response.status_code == 302 and RESULTS_URL.match(location):
                self.page = None
            else:
                response.failure(f"next challenge: {response.status_code} {location}")
                self.page = None
                return
        events.request.fire(request_type="CYCLE", name="answer+next", response_time=elapsed_ms,
                            response_length=0, exception=None, context={})
        if self.page is None:
            self.client.get(location, name="results")

    def question_page(self, html):
        """The challenge on screen (a timed one's « Afficher la question » is outside the answer+next
        cycle)."""
        return parse_challenge(question_shown(self.client, self.test_url, html, "show timed challenge"))

    def on_stop(self):
        self.page = None

    # one task: a cycle when a challenge is on screen, else start a competence

    @task
    def step(self):
        if self.page is None:
            self.start_competence()
        else:
            self.answer_then_next()
