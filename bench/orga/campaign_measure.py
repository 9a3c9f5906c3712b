"""One measurement of the campaign benchmarks, in a process of its own (its peak memory is its own).

Run by bench/orga/campaigns.py with DATABASE_URL set to a migrated database with the content
loaded; prints one JSON line.
    python bench/orga/campaign_measure.py seed --participants 1000 6000
    python bench/orga/campaign_measure.py export CAMPAIGN_ID
    python bench/orga/campaign_measure.py dashboard CAMPAIGN_ID --repeat 50
"""

import argparse
import json
import os
import random
import resource
import statistics
import sys
import time
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.orga.settings")

import django  # noqa: E402

django.setup()

from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

from learners.models import KnowledgeElement, User  # noqa: E402
from orga import results as figures  # noqa: E402
from orga import services  # noqa: E402
from orga.models import (  # noqa: E402
    Campaign,
    CampaignParticipation,
    Membership,
    Organization,
    OrganizationLearner,
    ParticipationResult,
)
from orga.services.participations import campaign_skills  # noqa: E402
from orga.target_profiles import ready_target_profiles_load  # noqa: E402

UAI = "0751234A"
DIVISIONS = [f"{level}{n:02d}" for level in ("6E", "5E", "4E", "3E") for n in range(1, 11)]  # 40 classes
BATCH = 1000


def rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def teacher_of(organization):
    teacher, _ = User.objects.get_or_create(username="bench.prof", defaults={
        "email": "bench@prof.fr", "terms_accepted_at": timezone.now()})
    Membership.objects.get_or_create(organization=organization, user=teacher,
                                     defaults={"role": Membership.Role.ADMIN})
    services.terms_accept(user=teacher)
    return teacher


def _learners(organization, count):
    """`count` students with an account each, spread over 40 classes (made once, reused)."""
    have = OrganizationLearner.objects.filter(organization=organization).count()
    for start in range(have, count, BATCH):
        size = min(BATCH, count - start)
        users = User.objects.bulk_create([User(username=f"eleve.bench{start + i}", email=None,
                                               first_name="Élève", last_name=f"Banc{start + i:05d}",
                                               terms_accepted_at=timezone.now()) for i in range(size)])
        OrganizationLearner.objects.bulk_create([
            OrganizationLearner(organization=organization, user=user, first_name=user.first_name,
                                last_name=user.last_name, birthdate=date(2012, 1, 1) + timedelta(days=i % 365),
                                division=DIVISIONS[(start + i) % len(DIVISIONS)],
                                national_student_id=f"{start + i:09d}BE")
            for i, user in enumerate(users)])
    return list(OrganizationLearner.objects.filter(organization=organization).select_related("user")
                .order_by("pk")[:count])


def _participations(campaign, learners, rng):
    """70 % sent (results by tube as the share writes them), 15 % to send, 15 % in progress with a
    few knowledge elements on the campaign's skills (the export computes their progression)."""
    skills = campaign_skills(campaign)
    stages = list(campaign.target_profile.stages.all())
    by_tube = {}
    for skill in skills:
        by_tube.setdefault(skill.tube_id, []).append(skill)
    now = timezone.now()
    for start in range(0, len(learners), BATCH):
        chunk = learners[start:start + BATCH]
        rows, results, elements = [], [], []
        for learner in chunk:
            draw = rng.random()
            status = (CampaignParticipation.Status.SHARED if draw < 0.7 else
                      CampaignParticipation.Status.TO_SHARE if draw < 0.85 else CampaignParticipation.Status.STARTED)
            participation = CampaignParticipation(campaign=campaign, user=learner.user, organization_learner=learner,
                                                  status=status)
            if status == CampaignParticipation.Status.SHARED:
                ability = rng.random()
                mine, validated_total = [], 0
                for tube_id, tube_skills in by_tube.items():
                    validated = sum(1 for _ in tube_skills if rng.random() < ability)
                    validated_total += validated
                    mine.append(ParticipationResult(competence_id=tube_skills[0].competence_id, tube_id=tube_id,
                                                    validated=validated, total=len(tube_skills)))
                mastery = figures.Mastery(validated_total, len(skills))
                reached = figures.stage_reached(stages, skills, mastery.percent)
                participation.shared_at = now - timedelta(days=rng.randrange(30))
                participation.validated_skills_count = validated_total
                participation.mastery_rate = mastery.rate
                participation.pix_score = validated_total * 4
                participation.stage_number = reached.number if reached else None
                results.append((participation, mine))
            elif status == CampaignParticipation.Status.STARTED:
                for skill in rng.sample(skills, 5):
                    elements.append(KnowledgeElement(user=learner.user, skill_id=skill.pk,
                                                     competence_id=skill.competence_id, source="direct",
                                                     status=rng.choice(["validated", "invalidated"]), earned_pix=0))
            rows.append(participation)
        with transaction.atomic():
            CampaignParticipation.objects.bulk_create(rows)
            for participation, mine in results:
                for result in mine:
                    result.participation = participation
            ParticipationResult.objects.bulk_create([r for _, mine in results for r in mine], batch_size=5000)
            KnowledgeElement.objects.bulk_create(elements, batch_size=5000)


def seed(sizes):
    rng = random.Random(12)
    organization, _ = services.organization_create(type=Organization.Type.SCO, name="Collège du banc d'essai",
                                                   external_id=UAI)
    teacher = teacher_of(organization)
    profile = next(p for p in ready_target_profiles_load() if p.slug == "rentree-16-competences")
    out = {}
    began = time.perf_counter()
    for size in sizes:
        campaign = services.campaign_create(organization=organization, creator=teacher, type=Campaign.Type.ASSESSMENT,
                                            name=f"Rentrée {size}", target_profile=profile)
        _participations(campaign, _learners(organization, size), rng)
        out[str(size)] = {"campaign": campaign.pk, "skills": campaign.skills.count(),
                          "results_rows": ParticipationResult.objects.filter(participation__campaign=campaign).count()}
    # Fresh statistics, as autovacuum's analyze gives within a minute of a bulk load: without them,
    # PostgreSQL plans the dashboard's joins on empty tables (seconds instead of milliseconds).
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    out["seconds"] = round(time.perf_counter() - began, 1)
    return out


def export(campaign_id):
    campaign = Campaign.objects.get(pk=campaign_id)
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(teacher_of(campaign.organization))
    before = rss_mb()
    began, cpu = time.perf_counter(), time.process_time()
    response = client.get(f"/orga/{campaign.organization_id}/campagnes/{campaign.pk}/resultats.csv")
    assert response.status_code == 200 and response.streaming
    size, lines = 0, 0
    for chunk in response.streaming_content:
        size += len(chunk)
        lines += 1
    elapsed, cpu = time.perf_counter() - began, time.process_time() - cpu
    return {"rows": lines - 1, "mb": round(size / 1e6, 2), "seconds": round(elapsed, 2), "cpu_seconds": round(cpu, 2),
            "rss_before_mb": round(before, 1), "peak_rss_mb": round(rss_mb(), 1)}


def dashboard(campaign_id, repeat):
    campaign = Campaign.objects.get(pk=campaign_id)
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(teacher_of(campaign.organization))
    base = f"/orga/{campaign.organization_id}/campagnes/{campaign.pk}/"
    one = CampaignParticipation.objects.filter(campaign=campaign, status=CampaignParticipation.Status.SHARED).first()
    cases = {
        "dashboard (page)": (base, {}, {}),
        "live part (htmx poll)": (base, {}, {"HX-Request": "true"}),
        "one class": (base, {"classe": DIVISIONS[3]}, {}),
        "sent, by stage and name": (base, {"etat": "SHARED", "palier": "1", "q": "banc"}, {}),
        "one participant": (f"{base}participants/{one.pk}/", {}, {}),
    }
    results, every = {}, []
    for label, (url, query, headers) in cases.items():
        for _ in range(3):
            client.get(url, query, headers=headers)  # warm-up
        queries = []

        def count(execute, sql, *rest, queries=queries):
            queries.append(sql)
            return execute(sql, *rest)

        with connection.execute_wrapper(count):
            response = client.get(url, query, headers=headers)
        assert response.status_code == 200, (label, response.status_code)
        times = []
        for _ in range(repeat):
            began = time.perf_counter()
            client.get(url, query, headers=headers)
            times.append((time.perf_counter() - began) * 1000)
        times.sort()
        every.extend(times)
        results[label] = {"queries": len(queries), "p50_ms": round(statistics.median(times), 1),
                          "p95_ms": round(times[int(0.95 * (len(times) - 1))], 1)}
    from orga import campaign_selectors

    competences = campaign_selectors.competences(campaign)
    times = []
    for _ in range(repeat):
        began = time.perf_counter()
        campaign_selectors.heatmap(campaign, competences)
        times.append((time.perf_counter() - began) * 1000)
    times.sort()
    results["heatmap query alone"] = {"queries": 1, "p50_ms": round(statistics.median(times), 1),
                                      "p95_ms": round(times[int(0.95 * (len(times) - 1))], 1)}
    results["participants"] = CampaignParticipation.objects.filter(campaign=campaign).count()
    return results


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("what", choices=["seed", "export", "dashboard"])
    parser.add_argument("campaign", nargs="?", type=int)
    parser.add_argument("--participants", type=int, nargs="*", default=[1000, 6000])
    parser.add_argument("--repeat", type=int, default=50)
    args = parser.parse_args()
    result = {"seed": lambda: seed(args.participants), "export": lambda: export(args.campaign),
              "dashboard": lambda: dashboard(args.campaign, args.repeat)}[args.what]()
    print("RESULT " + json.dumps(result))


if __name__ == "__main__":
    main()
