"""Load test of the exam day: candidates in rooms enter the access code at the same moment, then
each answers the 32 questions of the certification test, thinking between two, and one in ten
of their answers is sent twice at once (a double click on a slow network).

Each simulated candidate takes a prepared entry of BENCH_EXAM_ENTRIES (a JSON list written by
bench/certif/exam_run.py: the Django session of a logged-in, joined and authorised candidate), so
that the measure is the exam and not the logins before it. It waits for every candidate of the
run to be ready, then all enter at once.

Requests reported by locust:
    enter page       GET  /certification/candidats/<id>/code-d-acces/
    start            POST the access code (302 to the test)
    first question   GET  /tests/<id>/
    answer           POST /tests/<id>/ (302 back to the test)
    double answer    the second copy of a double-submitted answer
    next question    GET  /tests/<id>/ after an answer (200, or 302 to the end screen)
    show timed question  POST « Afficher la question » of a timed question, as the page's
                     script sends it (200 with the question)
    end screen       GET  /certification/tests/<id>/fin/

What each candidate saw acknowledged (an answer whose next page carries no refusal message) is
written to BENCH_EXAM_ACKS (one JSON line per candidate) for the runner to check against the
database: no acknowledged answer lost, no answer stored twice or stored while refused.
"""

import json
import os
import random
import threading
import time
from urllib.parse import urlencode

import gevent
import gevent.event
from exam_forms import (  # beside this file: locust puts its folder on the path
    CSRF,
    FORM_HEADERS,
    answer_pairs,
    form_of,
    question_shown,
)
from gevent.lock import Semaphore
from locust import between, events, task
from locust.contrib.fasthttp import FastHttpSession, FastHttpUser
from locust.exception import StopUser
from requests.cookies import create_cookie

ENTRIES = json.loads(open(os.environ["BENCH_EXAM_ENTRIES"]).read())
ACKS_PATH = os.environ["BENCH_EXAM_ACKS"]
THINK = tuple(float(x) for x in os.environ.get("BENCH_THINK", "3,8").split(","))
DOUBLE_RATE = float(os.environ.get("BENCH_DOUBLE_RATE", "0.1"))
SLOW_PATH = os.environ.get("BENCH_EXAM_SLOW")  # where the requests slower than SLOW_MS are listed
SLOW_MS = float(os.environ.get("BENCH_EXAM_SLOW_MS", "200"))  # set by exam_run.py (its SLOW_MS)
REFUSAL = "fr-alert--sm fr-alert--warning fr-mb-1w"  # a message of the messages framework

_lock = threading.Lock()
_next = iter(range(len(ENTRIES)))
_ready = {"count": 0}
_all_ready = gevent.event.Event()
_acks_lock = Semaphore()
_slow = []  # (when it was sent, request name, milliseconds): to tell when the tail happens


def answer_body(*form, skip=False):
    return urlencode(answer_pairs(*form, skip=skip))


class Candidate(FastHttpUser):
    wait_time = between(*THINK)

    def on_start(self):
        self.written = True
        self.start_next(wait_for_the_room=True)
        # Locust pauses after a task, not before the first one: without this, the room would answer
        # its first question the instant it is shown, which no candidate does (it is read first).
        gevent.sleep(self.wait_time())

    def start_next(self, wait_for_the_room=False):
        """Take the next prepared candidate and enter the test; stop when none is left."""
        with _lock:
            index = next(_next, None)
        if index is None:
            raise StopUser()
        entry = ENTRIES[index]
        self.candidate_id, self.acked, self.refused, self.written = entry["candidate"], [], [], False
        self.form = None
        self.client.cookiejar.clear()
        self.client.cookiejar.set_cookie(create_cookie("sessionid", entry["session"], domain="127.0.0.1"))
        page = self.client.get(f"/certification/candidats/{self.candidate_id}/code-d-acces/", name="enter page")
        token = CSRF.search(page.text or "")
        if wait_for_the_room:
            _ready["count"] += 1
            if _ready["count"] >= min(self.environment.runner.target_user_count, len(ENTRIES)):
                _all_ready.set()
            _all_ready.wait()  # the room starts at the same second
        with self.client.post(f"/certification/candidats/{self.candidate_id}/code-d-acces/", name="start",
                              data=urlencode({"csrfmiddlewaretoken": token.group(1) if token else "",
                                              "access_code": entry["access_code"]}),
                              headers=FORM_HEADERS, allow_redirects=False, catch_response=True) as response:
            self.test_url = response.headers.get("Location", "") if response.headers else ""
            if response.status_code != 302 or not self.test_url.startswith("/tests/"):
                response.failure(f"start refused: {response.status_code}")
                return
        with self.client.get(self.test_url, name="first question", catch_response=True) as response:
            self.form = self.question_form(response.text or "")
            if self.form is None:
                response.failure("no question on the first page")

    def question_form(self, html):
        """The answer form of the page; a timed question is shown first, as a candidate clicks."""
        return form_of(question_shown(self.client, self.test_url, html, "show timed question"))

    def second_client(self):
        """The double click's second request, on its own connection, with the same cookies."""
        second = getattr(self, "_second", None)
        if second is None:
            second = FastHttpSession(self.host, request_event=self.environment.events.request, user=self)
            second.cookiejar = second.client.cookiejar = self.client.cookiejar
            self._second = second
        return second

    def post_answer(self, body, name, client=None):
        with (client or self.client).post(self.test_url, data=body, headers=FORM_HEADERS, name=name,
                              allow_redirects=False, catch_response=True) as response:
            if response.status_code == 422:
                response.success()  # refused in words (an answer the page could not read): asked again
            elif response.status_code != 302:
                response.failure(f"{name}: {response.status_code}")
            return response.status_code

    @task
    def answer(self):
        if self.form is None:
            self.finish()
            return
        challenge_id = self.form[0]
        # A question refused once (an answer the page could not read) is skipped, as a candidate would.
        body = answer_body(*self.form, skip=int(challenge_id) in self.refused)
        if random.random() < DOUBLE_RATE:
            twice = [gevent.spawn(self.post_answer, body, "answer"),
                     gevent.spawn(self.post_answer, body, "double answer", self.second_client())]
            gevent.joinall(twice)
            codes = [job.value for job in twice]
        else:
            codes = [self.post_answer(body, "answer")]
        with self.client.get(self.test_url, name="next question", allow_redirects=False,
                             catch_response=True) as response:
            html = response.text or ""
            if 302 in codes and REFUSAL not in html:
                self.acked.append(int(challenge_id))
            else:
                self.refused.append(int(challenge_id))
            if response.status_code == 200:
                self.form = self.question_form(html)
                if self.form is None:
                    response.failure("next question: no question form")
                return
            location = response.headers.get("Location", "") if response.headers else ""
            if response.status_code == 302 and "/fin/" in location:
                self.client.get(location, name="end screen")
            else:
                response.failure(f"next question: {response.status_code} {location}")
            self.form = None
            self.finish()

    def write_acks(self, finished):
        if self.written:
            return
        self.written = True
        with _acks_lock, open(ACKS_PATH, "a") as handle:
            # A refused answer asked again and then acknowledged counts as acknowledged.
            refused = [challenge for challenge in self.refused if challenge not in self.acked]
            handle.write(json.dumps({"candidate": self.candidate_id, "acked": self.acked,
                                     "refused": refused, "finished": finished,
                                     "at": time.time()}) + "\n")

    def finish(self):
        self.write_acks(finished=True)
        self.start_next()

    def on_stop(self):
        self.write_acks(finished=False)


@events.request.add_listener
def _timed(name, response_time, **_kwargs):
    if response_time > SLOW_MS:
        _slow.append((round(time.time() - response_time / 1000, 3), name, round(response_time)))


@events.test_stop.add_listener
def _stopped(environment, **_kwargs):
    _all_ready.set()
    if SLOW_PATH:
        with open(SLOW_PATH, "w") as handle:
            json.dump(_slow, handle)
