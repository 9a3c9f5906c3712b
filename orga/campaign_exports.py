"""The results of a campaign as a CSV file, streamed: participations are read in batches, so
memory stays flat with the number of rows. Columns and formats are the domain's."""

from zoneinfo import ZoneInfo

from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from learners import selectors as learner_selectors
from orga.constants import EXPORT_BATCH_SIZE, EXPORT_FILENAME_TIME_ZONE, EXPORT_TIME_ZONE
from orga.exports import csv_lines
from orga.models import CampaignParticipation, ParticipationResult
from referentiel.models import Competence

PARIS = ZoneInfo(EXPORT_TIME_ZONE)
NA = "NA"


def filename(campaign, now=None):
    moment = (now or timezone.now()).astimezone(ZoneInfo(EXPORT_FILENAME_TIME_ZONE))
    return f"Resultats-{slugify(campaign.name) or 'campagne'}-{campaign.pk}-{moment:%Y-%m-%d-%H%M}.csv"


def _date(value):
    return value.astimezone(PARIS).strftime("%d/%m/%Y %H:%M") if value else NA


def _yes(value):
    return _("Oui") if value else _("Non")


def campaign_csv(campaign):
    organization = campaign.organization
    competences = list(Competence.objects.select_related("area").order_by("code"))
    stages, skills_by_competence = 0, {}
    if campaign.is_assessment:
        for competence_id in campaign.skills.values_list("skill__competence_id", flat=True):
            skills_by_competence[competence_id] = skills_by_competence.get(competence_id, 0) + 1
        competences = [c for c in competences if c.pk in skills_by_competence]
        stages = campaign.target_profile.stages.count()
    header = [_("Nom de l'organisation"), _("ID Campagne"), _("Code"), _("Nom de la campagne")]
    if campaign.is_assessment:
        header.append(_("Parcours"))
    header += [_("Nom du Participant"), _("Prénom du Participant")]
    if campaign.is_assessment:
        if organization.imports_siecle:
            header.append(_("Classe"))
        if organization.imports_students_csv:
            header += [_("Groupe"), _("Numéro Étudiant")]
    else:  # the domain's order differs for a profile collection
        if organization.imports_students_csv:
            header.append(_("Groupe"))
        if organization.imports_siecle:
            header.append(_("Classe"))
        if organization.imports_students_csv:
            header.append(_("Numéro Étudiant"))
    if campaign.external_id_label:
        header.append(campaign.external_id_label)
    if campaign.is_assessment:
        header += [_("% de progression"), _("Date de début"), _("Partage (O/N)"), _("Date du partage")]
        if stages:
            header.append(_("Palier obtenu (/%(count)s)") % {"count": stages - 1})
        header.append(_("% maitrise de l'ensemble des acquis du profil"))
        for c in competences:
            header += [_("%% de maitrise des acquis de la compétence %(name)s") % {"name": c.name},
                       _("Nombre d'acquis du profil cible dans la compétence %(name)s") % {"name": c.name},
                       _("Acquis maitrisés dans la compétence %(name)s") % {"name": c.name}]
        for area in _areas(competences):
            header += [_("%% de maitrise des acquis du domaine %(name)s") % {"name": area.title},
                       _("Nombre d'acquis du profil cible du domaine %(name)s") % {"name": area.title},
                       _("Acquis maitrisés du domaine %(name)s") % {"name": area.title}]
    else:
        header += [_("Envoi (O/N)"), _("Date de l'envoi"), _("Nombre de pix total"), _("Certifiable (O/N)"),
                   _("Nombre de compétences certifiables")]
        for c in competences:
            header += [_("Niveau pour la compétence %(name)s") % {"name": c.name},
                       _("Nombre de pix pour la compétence %(name)s") % {"name": c.name}]
    return csv_lines(header, _rows(campaign, competences, stages, skills_by_competence))


def _areas(competences):
    """The areas of these competences, in order, each once."""
    areas = {}
    for competence in competences:
        areas.setdefault(competence.area_id, competence.area)
    return list(areas.values())


def _batches(campaign, skill_ids):
    """Participations in batches, each with its sent results and, for those still in progress,
    the number of campaign skills already assessed (the progression): a few queries a batch."""
    ids = list(CampaignParticipation.objects.filter(campaign=campaign, is_improved=False)
               .order_by("organization_learner__last_name", "organization_learner__first_name", "pk")
               .values_list("pk", flat=True))
    for start in range(0, len(ids), EXPORT_BATCH_SIZE):
        chunk = ids[start:start + EXPORT_BATCH_SIZE]
        rows = {p.pk: p for p in CampaignParticipation.objects.filter(pk__in=chunk)
                .select_related("organization_learner")}
        results = {}
        for r in ParticipationResult.objects.filter(participation_id__in=chunk).values_list(
                "participation_id", "competence_id", "validated", "total", "pix", "level"):
            results.setdefault(r[0], []).append(r[1:])
        in_progress = [p.user_id for p in rows.values() if p.is_started]
        assessed = {}
        if in_progress and skill_ids:
            assessed = {user_id: len(known) for user_id, known in
                        learner_selectors.current_knowledge_elements_of_users(in_progress, skill_ids=skill_ids).items()}
        yield [rows[pk] for pk in chunk], results, assessed


def _rows(campaign, competences, stages, skills_by_competence):
    organization = campaign.organization
    skill_count = sum(skills_by_competence.values())
    skill_ids = list(campaign.skills.values_list("skill_id", flat=True)) if campaign.is_assessment else []
    areas = _areas(competences)
    for participations, results, assessed in _batches(campaign, skill_ids):
        for p in participations:
            learner = p.organization_learner
            row = [organization.name, campaign.pk, campaign.code, campaign.name]
            if campaign.is_assessment:
                row.append(campaign.target_profile.name)
            row += [learner.display_last_name, learner.first_name]
            if campaign.is_assessment:
                if organization.imports_siecle:
                    row.append(learner.division)
                if organization.imports_students_csv:
                    row += [learner.group, learner.student_number]
            else:
                if organization.imports_students_csv:
                    row.append(learner.group)
                if organization.imports_siecle:
                    row.append(learner.division)
                if organization.imports_students_csv:
                    row.append(learner.student_number)
            if campaign.external_id_label:
                row.append(p.participant_external_id)
            mine = results.get(p.pk, [])
            if campaign.is_assessment:
                # 1 once the test is over, else the share of the campaign's skills already assessed.
                progress = 1 if not p.is_started else (
                    round(assessed.get(p.user_id, 0) / skill_count, 3) if skill_count else 0)
                row += [progress, _date(p.created_at), _yes(p.is_shared), _date(p.shared_at)]
                if not p.is_shared:
                    row += [NA] * ((1 if stages else 0) + 1 + 3 * (len(competences) + len(areas)))
                else:
                    if stages:
                        row.append(p.stage_number if p.stage_number is not None else 0)
                    row.append(round(p.mastery_rate or 0, 2))
                    by_competence = {}
                    for competence_id, validated, total, _pix, _level in mine:
                        v, t = by_competence.get(competence_id, (0, 0))
                        by_competence[competence_id] = (v + validated, t + total)
                    by_area = {}
                    for c in competences:
                        validated, total = by_competence.get(c.pk, (0, skills_by_competence.get(c.pk, 0)))
                        row += [round(validated / total, 2) if total else 0, total, validated]
                        v, t = by_area.get(c.area_id, (0, 0))
                        by_area[c.area_id] = (v + validated, t + total)
                    for area in areas:
                        validated, total = by_area.get(area.pk, (0, 0))
                        row += [round(validated / total, 2) if total else 0, total, validated]
            else:
                row += [_yes(p.is_shared), p.shared_at.strftime("%Y-%m-%d") if p.shared_at else NA]
                if not p.is_shared:
                    row += [NA] * (3 + 2 * len(competences))
                else:
                    row += [p.pix_score, _yes(p.is_certifiable), p.certifiable_competences_count]
                    by_competence = {r[0]: r for r in mine}
                    for c in competences:
                        r = by_competence.get(c.pk)
                        row += [r[4] if r else 0, r[3] if r else 0]
            yield row
