"""Reading a test's page as a browser would, shared by the learner's and the certification's load
tests and profiles: the answer form's parts and the « Afficher la question » form of a timed
question (its announcement comes first; the question is shown once its time starts, in the
response to the page's script, which asks with htmx's header)."""

import re
from urllib.parse import urlencode

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
CHALLENGE = re.compile(r'name="challenge" value="(\d+)"')
SELECT = re.compile(r'<select [^>]*name="(field_[^"]+)">(.*?)</select>', re.S)
OPTION = re.compile(r'<option value="([^"]+)"')
ANSWER_FORM_ID = 'id="formulaire-reponse"'
FORM_HEADERS = {"Content-Type": "application/x-www-form-urlencoded"}
# « Afficher la question » as the page's script sends it: the question comes back in its response.
SCRIPT_HEADERS = {**FORM_HEADERS, "HX-Request": "true"}


def answer_form(html):
    """The markup of the page's answer form, or "" when the page has none."""
    start = html.find(ANSWER_FORM_ID)
    return html[start:html.find("</form>", start)] if start >= 0 else ""


def timer_pairs(html):
    """The "Afficher la question" form of a timed question, as (name, value) pairs, or None."""
    start = html.find('name="start_timer"')
    if start < 0:
        return None
    form = html[html.rfind("<form", 0, start):start]
    challenge, token = CHALLENGE.search(form), CSRF.search(form)
    if not challenge or not token:
        return None
    return [("csrfmiddlewaretoken", token.group(1)), ("challenge", challenge.group(1)), ("start_timer", "1")]


def question_shown(client, url, html, name):
    """The page with the question on screen: a timed question's announcement is clicked through
    first (« Afficher la question »: one request, named `name`, that brings the question)."""
    timer = timer_pairs(html)
    if timer is None:
        return html
    return client.post(url, data=urlencode(timer), headers=SCRIPT_HEADERS, name=name).text or ""
