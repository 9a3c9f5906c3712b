"""schemathesis against /api/schema/: every operation of the API, with generated inputs (valid
and invalid), never a server error and every response as the schema says.

Run by CI with a few examples per operation (`-m schemathesis`); the full run's figures are in
docs/ROBUSTNESS.md. `SCHEMATHESIS_MAX_EXAMPLES` sets the examples per operation."""

import json
import os
from collections import Counter
from pathlib import Path

import pytest
import schemathesis
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from rest_framework.authtoken.models import Token

from learners import services
from learners.models import Assessment
from orga import services as orga_services
from pix.wsgi import application
from referentiel.models import Tutorial
from tests.factories import UserFactory
from tests.orga.factories import (
    LearnerFactory,
    MembershipFactory,
    OrganizationFactory,
    target_profile_over,
)

pytestmark = [pytest.mark.schemathesis, pytest.mark.django_db]

MAX_EXAMPLES = int(os.environ.get("SCHEMATHESIS_MAX_EXAMPLES", "10"))
# Where to write the run's figures (operation, generation mode, status: count), if set.
REPORT = os.environ.get("SCHEMATHESIS_REPORT")
TALLY: Counter = Counter()

# A schema-valid answer may still not fit the question asked (empty, a proposal it does not
# have): the API says so with a 422, which the positive-data check must accept.
CONFIG = schemathesis.Config.from_dict({"checks": {"positive_data_acceptance": {
    "expected-statuses": ["2xx", "401", "403", "404", "409", "422", "429"]}}})
schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", application, config=CONFIG)


@pytest.fixture
def wsgi_keeps_the_test_database():
    """Calls go through the real WSGI application; like Django's test client, keep the test's
    database connection open between requests (it holds the test's transaction)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def world(wsgi_keeps_the_test_database, student, competence):
    """A student with a token, a test in progress, a saved tutorial, and a campaign of their
    school with a participation in progress."""
    assessment = services.competence_evaluation_start(user=student, competence=competence)
    services.assessment_serve(assessment=assessment)
    school = OrganizationFactory()
    LearnerFactory(organization=school, user=student, first_name="Zoé", last_name="Martin")
    teacher = MembershipFactory(organization=school, user=UserFactory()).user
    campaign = orga_services.campaign_create(organization=school, creator=teacher, type="ASSESSMENT",
                                             name="Rentrée", target_profile=target_profile_over(competence))
    participation = orga_services.participation_start(campaign=campaign, user=student)
    return {"token": Token.objects.create(user=student).key, "assessment_id": assessment.pk,
            "code": competence.code, "tutorial_id": Tutorial.objects.first().pk,
            "campaign_code": campaign.code, "participation_id": participation.pk}


@pytest.fixture(scope="module", autouse=True)
def figures():
    yield
    if REPORT:
        rows = [{"operation": op, "mode": mode, "status": status, "count": count}
                for (op, mode, status), count in sorted(TALLY.items())]
        Path(REPORT).write_text(json.dumps(rows, indent=1))


@schema.parametrize()
@schema.given(own_ids=st.booleans(), authenticated=st.sampled_from([True, True, True, False]))
@settings(max_examples=MAX_EXAMPLES, deadline=None, derandomize=True,
          suppress_health_check=list(HealthCheck))
def test_the_api_never_fails_and_answers_as_its_schema_says(case, world, own_ids, authenticated):
    """Half the valid cases aim at the student's own test, competence and tutorial, and name
    the question being asked, so that the operations' work is fuzzed too, not only their 404s."""
    if own_ids and case.meta and case.meta.generation.mode.is_positive:
        for name in ("assessment_id", "code", "tutorial_id", "campaign_code", "participation_id"):
            if name in (case.path_parameters or {}):
                case.path_parameters[name] = world[name]
        if isinstance(case.body, dict) and "challenge" in case.body:
            case.body["challenge"] = Assessment.objects.get(pk=world["assessment_id"]).last_challenge_id
    cache.clear()  # the login's rate limit would otherwise answer most token requests
    headers = {"Authorization": f"Token {world['token']}"} if authenticated else {}
    try:
        response = case.call_and_validate(headers=headers)
    finally:
        status = getattr(locals().get("response"), "status_code", "failed")
        TALLY[(f"{case.method} {case.path}", case.meta.generation.mode.value if case.meta else "?",
               str(status))] += 1
