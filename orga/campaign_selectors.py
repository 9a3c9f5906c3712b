"""Reads of a campaign's dashboard: its participants, the figures of the sent results, the
heatmap of classes × competences and the topics to work on.

Every figure is an aggregate computed by the database over the rows written once when a student
sent their results (`ParticipationResult`, the participation's own fields): the number of
queries of a dashboard is the same whatever the number of participants. Only the current
participation of each student counts (a retake hides the one it replaced), and only sent results
are shown in detail, as the domain says.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Avg, Count, F, FloatField, IntegerField, Sum
from django.db.models.functions import Cast, Floor, TruncDate

from orga import results as figures
from orga.constants import HEATMAP_BANDS, MASTERY_DISTRIBUTION_BANDS, TOPICS_TO_WORK_ON
from orga.models import CampaignParticipation, ParticipationResult
from orga.services.participations import campaign_skills
from referentiel.models import Competence

SHARED = CampaignParticipation.Status.SHARED


def current_participations(campaign):
    """The campaign's participations that count: the latest of each student."""
    return CampaignParticipation.objects.filter(campaign=campaign, is_improved=False)


def participants(campaign):
    """The participants list's base queryset (filtered by `orga.filters.ParticipantFilter`)."""
    return current_participations(campaign).select_related("organization_learner")


def status_counts(campaign) -> dict:
    return dict(current_participations(campaign).values_list("status").annotate(n=Count("pk"))
                .order_by())


def divisions(campaign) -> list[str]:
    return list(current_participations(campaign).exclude(organization_learner__division="")
                .order_by("organization_learner__division")
                .values_list("organization_learner__division", flat=True).distinct())


@dataclass(frozen=True)
class StageLabel:
    number: int  # as stored on a participation: acquired stages less the zero stage
    title: str  # the title the teacher sees
    threshold: int


def stage_labels(campaign, skills=None) -> list[StageLabel]:
    """The stages of an assessment campaign in order, numbered as participations store them."""
    if not campaign.is_assessment:
        return []
    stages = list(campaign.target_profile.stages.all())
    if not stages:
        return []
    skills = campaign_skills(campaign) if skills is None else skills
    return [StageLabel(number=index, title=stage.prescriber_title, threshold=threshold)
            for index, (threshold, stage) in enumerate(figures.stage_thresholds(stages, skills))]


def competences(campaign):
    """The competences the campaign measures (all 16 for a profile collection), with their area."""
    queryset = Competence.objects.select_related("area").order_by("code")
    if campaign.is_assessment:
        queryset = queryset.filter(pk__in=campaign.skills.values("skill__competence_id"))
    return list(queryset)


def _shared_results(campaign, division=""):
    results = ParticipationResult.objects.filter(participation__campaign=campaign,
                                                 participation__is_improved=False,
                                                 participation__status=SHARED)
    if division:
        results = results.filter(participation__organization_learner__division=division)
    return results


@dataclass
class Cell:
    """A mastery figure (assessment: percent of skills validated) or a mean level (collection)."""

    value: float | None  # percent 0..100, or mean level; None without sent results
    count: int = 0  # participants behind it
    band: int = 0  # 0 .. HEATMAP_BANDS - 1, for the colour (the number is always shown)

    @property
    def percent(self) -> int | None:
        return None if self.value is None else round(self.value)


def _band(percent: float) -> int:
    return min(HEATMAP_BANDS - 1, int(percent * HEATMAP_BANDS // 100))


def _cell(campaign, validated, total, level_sum, count):
    if campaign.is_assessment:
        if not total:
            return Cell(None, count)
        percent = 100 * validated / total
        return Cell(percent, count, _band(percent))
    if not count:
        return Cell(None, count)
    level = level_sum / count
    return Cell(round(level, 1), count, _band(100 * level / settings.MAX_REACHABLE_LEVEL))


def competence_mastery(campaign, competence_list, division="") -> list[tuple]:
    """[(competence, Cell)] over the sent results (of one class if given), in one query."""
    rows = {r["competence_id"]: r for r in _shared_results(campaign, division).values("competence_id")
            .annotate(validated=Sum("validated"), total=Sum("total"), levels=Sum("level"),
                      count=Count("participation_id", distinct=True)).order_by()}
    out = []
    for competence in competence_list:
        r = rows.get(competence.pk)
        out.append((competence, _cell(campaign, r["validated"], r["total"], r["levels"], r["count"])
                    if r else Cell(None)))
    return out


@dataclass
class Heatmap:
    competences: list
    rows: list = field(default_factory=list)  # [(division, participants count, [Cell per competence])]


def heatmap(campaign, competence_list) -> Heatmap:
    """Classes × competences over the sent results, in one query whatever the class sizes."""
    division_key = "participation__organization_learner__division"
    cells = {}
    for r in (_shared_results(campaign).values(division_key, "competence_id")
              .annotate(validated=Sum("validated"), total=Sum("total"), levels=Sum("level"),
                        count=Count("participation_id", distinct=True)).order_by()):
        cells[(r[division_key], r["competence_id"])] = r
    result = Heatmap(competences=competence_list)
    for division in sorted({key[0] for key in cells}):
        line, count = [], 0
        for competence in competence_list:
            r = cells.get((division, competence.pk))
            if r:
                count = max(count, r["count"])
                line.append(_cell(campaign, r["validated"], r["total"], r["levels"], r["count"]))
            else:
                line.append(Cell(None))
        result.rows.append((division, count, line))
    return result


@dataclass(frozen=True)
class Topic:
    tube_id: int
    title: str
    competence: str
    percent: int
    validated: int
    total: int


def topics_to_work_on(campaign, division="", limit=TOPICS_TO_WORK_ON) -> list[Topic]:
    """The tubes with the lowest mastery over the sent results (assessment campaigns)."""
    if not campaign.is_assessment:
        return []
    rows = (_shared_results(campaign, division).filter(tube__isnull=False)
            .values("tube_id", "tube__title", "competence__code")
            .annotate(validated_sum=Sum("validated"), total_sum=Sum("total"))
            .filter(total_sum__gt=0)
            .annotate(rate=Cast(F("validated_sum"), FloatField()) / Cast(F("total_sum"), FloatField()))
            .order_by("rate", "competence__code", "tube_id")[:limit])
    return [Topic(r["tube_id"], r["tube__title"], r["competence__code"],
                  round(100 * r["validated_sum"] / r["total_sum"]), r["validated_sum"], r["total_sum"])
            for r in rows]


def mastery_distribution(campaign, division="") -> list[tuple[int, int, int]]:
    """[(from percent, to percent, participants)] of the sent results' mastery, in bands."""
    shared = current_participations(campaign).filter(status=SHARED, mastery_rate__isnull=False)
    if division:
        shared = shared.filter(organization_learner__division=division)
    width = 100 // MASTERY_DISTRIBUTION_BANDS
    counts = dict(shared.annotate(band=Cast(Floor(F("mastery_rate") * MASTERY_DISTRIBUTION_BANDS),
                                            IntegerField()))
                  .values_list("band").annotate(n=Count("pk")).order_by())
    counts[MASTERY_DISTRIBUTION_BANDS - 1] = (counts.get(MASTERY_DISTRIBUTION_BANDS - 1, 0)
                                              + counts.pop(MASTERY_DISTRIBUTION_BANDS, 0))  # 100 %
    return [(band * width, 100 if band == MASTERY_DISTRIBUTION_BANDS - 1 else (band + 1) * width - 1,
             counts.get(band, 0)) for band in range(MASTERY_DISTRIBUTION_BANDS)]


def stage_counts(campaign, labels, division="") -> list[tuple[StageLabel, int]]:
    if not labels:
        return []
    shared = current_participations(campaign).filter(status=SHARED)
    if division:
        shared = shared.filter(organization_learner__division=division)
    counts = dict(shared.values_list("stage_number").annotate(n=Count("pk")).order_by())
    return [(label, counts.get(label.number, 0)) for label in labels]


def activity(campaign) -> list[tuple]:
    """[(day, started that day, sent that day, started so far, sent so far)], days with activity."""
    started = dict(current_participations(campaign).annotate(day=TruncDate("created_at"))
                   .values_list("day").annotate(n=Count("pk")).order_by())
    sent = dict(current_participations(campaign).filter(shared_at__isnull=False)
                .annotate(day=TruncDate("shared_at")).values_list("day").annotate(n=Count("pk")).order_by())
    rows, total_started, total_sent = [], 0, 0
    for day in sorted(set(started) | set(sent)):
        total_started += started.get(day, 0)
        total_sent += sent.get(day, 0)
        rows.append((day, started.get(day, 0), sent.get(day, 0), total_started, total_sent))
    return rows


@dataclass
class Dashboard:
    competences: list
    mastery: list
    heatmap: Heatmap
    topics: list
    distribution: list
    stages: list
    activity: list
    average: float | None


def dashboard(campaign, labels, division="") -> Dashboard:
    competence_list = competences(campaign)
    shared = current_participations(campaign).filter(status=SHARED)
    if division:
        shared = shared.filter(organization_learner__division=division)
    average = shared.aggregate(mean=Avg("mastery_rate"))["mean"] if campaign.is_assessment else None
    return Dashboard(
        competences=competence_list,
        mastery=competence_mastery(campaign, competence_list, division),
        heatmap=heatmap(campaign, competence_list),
        topics=topics_to_work_on(campaign, division),
        distribution=mastery_distribution(campaign, division) if campaign.is_assessment else [],
        stages=stage_counts(campaign, labels, division),
        activity=activity(campaign),
        average=average,
    )


# --- one participant ------------------------------------------------------------------------------

@dataclass
class ParticipantDetail:
    by_competence: list  # [(competence, Mastery or CompetenceProfile, [(tube, Mastery)])]
    progress: float  # 0..1
    answers: int
    stage: StageLabel | None


def participant_detail(participation, labels) -> ParticipantDetail:
    """What a teacher sees of one participant: progression and answers always, the results by
    competence and tube once sent."""
    from learners import selectors as learner_selectors
    from learners.models import Answer
    from referentiel.models import Tube

    campaign = participation.campaign
    answers = (Answer.objects.filter(assessment_id=participation.assessment_id).count()
               if participation.assessment_id else 0)
    by_competence = []
    if not participation.is_started:
        progress = 1.0
    else:
        skill_ids = list(campaign.skills.values_list("skill_id", flat=True))
        known = learner_selectors.current_knowledge_elements(participation.user_id, skill_ids=skill_ids)
        progress = round(len(known) / len(skill_ids), 3) if skill_ids else 0.0
    if participation.is_shared:
        rows = list(participation.results.all())
        competence_by_id = {c.pk: c for c in Competence.objects.filter(
            pk__in={r.competence_id for r in rows}).order_by("code")}
        tubes = {t.pk: t for t in Tube.objects.filter(pk__in={r.tube_id for r in rows if r.tube_id})}
        for competence in competence_by_id.values():
            mine = [r for r in rows if r.competence_id == competence.pk]
            if campaign.is_assessment:
                total = figures.Mastery(sum(r.validated for r in mine), sum(r.total for r in mine))
                tube_rows = sorted(((tubes[r.tube_id], figures.Mastery(r.validated, r.total)) for r in mine),
                                   key=lambda pair: pair[0].position)
                by_competence.append((competence, total, tube_rows))
            else:
                by_competence.append((competence, figures.CompetenceProfile(pix=mine[0].pix, level=mine[0].level),
                                      []))
    stage = None
    if participation.is_shared and participation.stage_number is not None:
        stage = next((label for label in labels if label.number == participation.stage_number), None)
    return ParticipantDetail(by_competence=by_competence, progress=progress, answers=answers, stage=stage)
