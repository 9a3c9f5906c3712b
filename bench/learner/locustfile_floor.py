"""The floor's load: the same locust client as the learner benchmark, posting an answer to the
floor's bare view (one locked read, one insert) as fast as it answers.

Run by bench/learner/run.py --floor, with the same number of users, spawn rate and duration as
the platform's measured run, so that the two throughputs make a ratio.
"""

from locust import task
from locust.contrib.fasthttp import FastHttpUser

FORM_HEADERS = {"Content-Type": "application/x-www-form-urlencoded"}


class FloorClient(FastHttpUser):
    @task
    def answer(self):
        self.client.post("/answer", data="value=x", headers=FORM_HEADERS, name="floor answer")
