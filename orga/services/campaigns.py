"""Campaigns: creation with its checks and a fresh code, the frozen skills, archive, owner, edits.

Every rule of creation is checked by `campaign_problems`, which the form shows field by field and
`campaign_create` enforces again; a refusal is a `CampaignError` with a French message, a stable
code and the field at fault.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from orga.constants import (
    CAMPAIGN_CODE_ATTEMPTS,
    CAMPAIGN_CODE_DIGIT_COUNT,
    CAMPAIGN_CODE_DIGITS,
    CAMPAIGN_CODE_LETTER_COUNT,
    CAMPAIGN_CODE_LETTERS,
    CAMPAIGN_TEXT_MAX_LENGTH,
)
from orga.errors import CampaignError
from orga.models import Campaign, CampaignSkill, Membership, TargetProfile
from referentiel.models import Skill


class Codes:
    """Stable codes of the creation refusals (the reference's names)."""

    TYPE_REQUIRED = "CAMPAIGN_PURPOSE_IS_REQUIRED"
    NAME_REQUIRED = "CAMPAIGN_NAME_IS_REQUIRED"
    OWNER_REQUIRED = "MISSING_OWNER"
    LANDING_TEXT_TOO_LONG = "CUSTOM_LANDING_PAGE_TEXT_IS_TOO_LONG"
    EXTERNAL_ID_TYPE_REQUIRED = "MISSING_ID_PIX_TYPE"
    TARGET_PROFILE_REQUIRED = "TARGET_PROFILE_IS_REQUIRED"
    TARGET_PROFILE_FORBIDDEN = "TARGET_PROFILE_NOT_ALLOWED"
    TARGET_PROFILE_NOT_SHARED = "TARGET_PROFILE_NOT_SHARED"
    TARGET_PROFILE_EMPTY = "TARGET_PROFILE_WITHOUT_SKILLS"
    TITLE_FORBIDDEN = "TITLE_NOT_ALLOWED"
    OWNER_NOT_MEMBER = "OWNER_NOT_MEMBER"
    MULTIPLE_SENDINGS_LOCKED = "MULTIPLE_SENDINGS_UPDATE"
    ARCHIVED = "CAMPAIGN_ARCHIVED"


@dataclass(frozen=True)
class Problem:
    field: str
    code: str
    message: str


def campaign_code() -> str:
    """A code in the domain's alphabet, not used by any campaign, ever."""
    for _attempt in range(CAMPAIGN_CODE_ATTEMPTS):
        code = ("".join(secrets.choice(CAMPAIGN_CODE_LETTERS) for _ in range(CAMPAIGN_CODE_LETTER_COUNT))
                + "".join(secrets.choice(CAMPAIGN_CODE_DIGITS) for _ in range(CAMPAIGN_CODE_DIGIT_COUNT)))
        if not Campaign.objects.filter(code=code).exists():
            return code
    raise CampaignError(_("Aucun code libre n'a été trouvé : réessayez."), "CODE_UNAVAILABLE")


def normalize_code(value) -> str:
    return "".join((value or "").split()).upper()


def target_profiles_for(organization):
    """The profiles an organisation may use: the public ones and those shared with it."""
    return (TargetProfile.objects.filter(Q(is_public=True) | Q(organizations=organization), outdated=False)
            .distinct().order_by("category", "name"))


def campaign_problems(*, organization, type, name, title="", target_profile=None, landing_text="",
                      external_id_label="", external_id_type="", owner=None) -> list[Problem]:
    """Every reason the campaign cannot be created, each with its field, code and message."""
    problems = []
    if type not in Campaign.Type.values:
        problems.append(Problem("type", Codes.TYPE_REQUIRED, _("Choisissez le type de la campagne.")))
    if not (name or "").strip():
        problems.append(Problem("name", Codes.NAME_REQUIRED, _("Donnez un nom à la campagne.")))
    if owner is None:
        problems.append(Problem("owner", Codes.OWNER_REQUIRED,
                                _("Choisissez le propriétaire de la campagne.")))
    elif not Membership.objects.filter(organization=organization, user=owner).exists():
        problems.append(Problem("owner", Codes.OWNER_NOT_MEMBER,
                                _("Le propriétaire doit être membre de l'organisation.")))
    if len(landing_text or "") > CAMPAIGN_TEXT_MAX_LENGTH:
        problems.append(Problem("landing_text", Codes.LANDING_TEXT_TOO_LONG, _(
            "Le texte de la page d'accueil ne doit pas dépasser %(max)s caractères (il en a %(count)s).")
            % {"max": CAMPAIGN_TEXT_MAX_LENGTH, "count": len(landing_text)}))
    if (external_id_label or "").strip() and external_id_type not in Campaign.ExternalIdType.values:
        problems.append(Problem("external_id_type", Codes.EXTERNAL_ID_TYPE_REQUIRED, _(
            "Choisissez le type de l'identifiant externe (texte ou adresse e-mail).")))
    if type == Campaign.Type.ASSESSMENT:
        if target_profile is None:
            problems.append(Problem("target_profile", Codes.TARGET_PROFILE_REQUIRED,
                                    _("Choisissez le profil cible de la campagne d'évaluation.")))
        elif not target_profiles_for(organization).filter(pk=target_profile.pk).exists():
            problems.append(Problem("target_profile", Codes.TARGET_PROFILE_NOT_SHARED,
                                    _("Ce profil cible n'est pas proposé à votre organisation.")))
        elif not frozen_skill_ids(target_profile):
            problems.append(Problem("target_profile", Codes.TARGET_PROFILE_EMPTY,
                                    _("Ce profil cible ne contient aucun acquis actif : choisissez-en un autre.")))
    elif type == Campaign.Type.PROFILES_COLLECTION:
        if target_profile is not None:
            problems.append(Problem("target_profile", Codes.TARGET_PROFILE_FORBIDDEN, _(
                "Une collecte de profils ne porte pas sur un profil cible : laissez ce champ vide.")))
        if (title or "").strip():
            problems.append(Problem("title", Codes.TITLE_FORBIDDEN, _(
                "Le titre du parcours ne concerne que les campagnes d'évaluation : laissez-le vide.")))
    return problems


def frozen_skill_ids(target_profile) -> list[int]:
    """The skills a campaign takes from the profile: the active skills of each chosen tube up to
    its level."""
    caps = list(target_profile.tubes.values_list("tube_id", "level"))
    if not caps:
        return []
    condition = Q()
    for tube_id, level in caps:
        condition |= Q(tube_id=tube_id, level__lte=level)
    return list(Skill.objects.filter(condition, status=Skill.Status.ACTIVE).order_by("pk")
                .values_list("pk", flat=True))


def _raise_first(problems):
    if problems:
        problem = problems[0]
        raise CampaignError(problem.message, problem.code, problem.field)


@transaction.atomic
def campaign_create(*, organization, creator, type, name, title="", target_profile=None,
                    landing_text="", external_id_label="", external_id_type="",
                    multiple_sendings=False, owner=None) -> Campaign:
    owner = owner or creator
    label = (external_id_label or "").strip()
    _raise_first(campaign_problems(
        organization=organization, type=type, name=name, title=title, target_profile=target_profile,
        landing_text=landing_text, external_id_label=label, external_id_type=external_id_type,
        owner=owner))
    fields = dict(organization=organization, type=type, name=name.strip(), title=(title or "").strip(),
                  target_profile=target_profile, landing_text=landing_text or "",
                  external_id_label=label, external_id_type=external_id_type if label else "",
                  multiple_sendings=bool(multiple_sendings), creator=creator, owner=owner)
    for _attempt in range(CAMPAIGN_CODE_ATTEMPTS):
        try:
            with transaction.atomic():
                campaign = Campaign.objects.create(code=campaign_code(), **fields)
            break
        except IntegrityError:  # the same code drawn by two creations at once
            continue
    else:
        raise CampaignError(_("Aucun code libre n'a été trouvé : réessayez."), "CODE_UNAVAILABLE")
    if campaign.is_assessment:
        CampaignSkill.objects.bulk_create([CampaignSkill(campaign=campaign, skill_id=skill_id)
                                           for skill_id in frozen_skill_ids(target_profile)])
    return campaign


def campaign_duplicate_initial(campaign) -> dict:
    """What the creation form starts from when a teacher duplicates a campaign."""
    return {"type": campaign.type, "name": _("Copie de %(name)s") % {"name": campaign.name},
            "title": campaign.title, "target_profile": campaign.target_profile_id,
            "landing_text": campaign.landing_text, "external_id_label": campaign.external_id_label,
            "external_id_type": campaign.external_id_type,
            "multiple_sendings": campaign.multiple_sendings}


@transaction.atomic
def campaign_update(*, campaign, name, title="", landing_text="", multiple_sendings=None) -> Campaign:
    locked = Campaign.objects.select_for_update().get(pk=campaign.pk)
    problems = []
    if not (name or "").strip():
        problems.append(Problem("name", Codes.NAME_REQUIRED, _("Donnez un nom à la campagne.")))
    if len(landing_text or "") > CAMPAIGN_TEXT_MAX_LENGTH:
        problems.append(Problem("landing_text", Codes.LANDING_TEXT_TOO_LONG, _(
            "Le texte de la page d'accueil ne doit pas dépasser %(max)s caractères (il en a %(count)s).")
            % {"max": CAMPAIGN_TEXT_MAX_LENGTH, "count": len(landing_text)}))
    if locked.is_profiles_collection and (title or "").strip():
        problems.append(Problem("title", Codes.TITLE_FORBIDDEN, _(
            "Le titre du parcours ne concerne que les campagnes d'évaluation : laissez-le vide.")))
    if (multiple_sendings is not None and bool(multiple_sendings) != locked.multiple_sendings
            and locked.participations.exists()):
        problems.append(Problem("multiple_sendings", Codes.MULTIPLE_SENDINGS_LOCKED, _(
            "L'envoi multiple ne peut plus être changé : des élèves ont déjà rejoint la campagne.")))
    _raise_first(problems)
    locked.name, locked.title, locked.landing_text = name.strip(), (title or "").strip(), landing_text or ""
    if multiple_sendings is not None:
        locked.multiple_sendings = bool(multiple_sendings)
    locked.save(update_fields=["name", "title", "landing_text", "multiple_sendings"])
    return locked


@transaction.atomic
def campaign_archive(*, campaign, by) -> Campaign:
    locked = Campaign.objects.select_for_update().get(pk=campaign.pk)
    if locked.archived_at is None:
        locked.archived_at, locked.archived_by = timezone.now(), by
        locked.save(update_fields=["archived_at", "archived_by"])
    return locked


@transaction.atomic
def campaign_unarchive(*, campaign) -> Campaign:
    locked = Campaign.objects.select_for_update().get(pk=campaign.pk)
    locked.archived_at, locked.archived_by = None, None
    locked.save(update_fields=["archived_at", "archived_by"])
    return locked


@transaction.atomic
def campaign_change_owner(*, campaign, owner) -> Campaign:
    if not Membership.objects.filter(organization_id=campaign.organization_id, user=owner).exists():
        raise CampaignError(_("Le propriétaire doit être membre de l'organisation."),
                            Codes.OWNER_NOT_MEMBER, "owner")
    Campaign.objects.filter(pk=campaign.pk).update(owner=owner)
    campaign.owner = owner
    return campaign


def external_id_problem(campaign, value) -> str | None:
    """Why this external id cannot be used for the campaign (a French message), or None."""
    if not campaign.external_id_label:
        return None
    value = (value or "").strip()
    if not value:
        return _("Indique ton %(label)s pour commencer.") % {"label": campaign.external_id_label}
    if len(value) > 255:
        return _("Ton %(label)s est trop long (255 caractères au plus).") % {"label": campaign.external_id_label}
    if campaign.external_id_type == Campaign.ExternalIdType.EMAIL:
        try:
            validate_email(value)
        except ValidationError:
            return _("Écris une adresse e-mail valide, par exemple prenom.nom@exemple.fr.")
    return None
