"""The ready-made target profiles shipped with the content: a back-to-school profile over the 16
competences and two targeted ones. `ready_target_profiles_load` writes them (found again by
slug: a second run changes nothing); staff build others in the admin."""

from django.db import transaction

from orga.models import Stage, TargetProfile, TargetProfileTube
from referentiel.models import Tube

STAGES = (
    # threshold, student title, student message, teacher title
    (0, "Premiers pas", "Tu découvres ces savoirs : les tutoriels t'aideront à démarrer.", "Découverte"),
    (40, "En progrès", "Tu maîtrises déjà une bonne partie du parcours.", "Intermédiaire"),
    (80, "Solide", "Tu maîtrises presque tout le parcours : bravo !", "Confirmé"),
)

READY_PROFILES = (
    # slug, name, category, description, {competence code: level}
    ("rentree-16-competences", "Rentrée : les 16 compétences", TargetProfile.Category.BACK_TO_SCHOOL,
     "Un premier positionnement sur les 16 compétences du référentiel, jusqu'au niveau 2.",
     {code: 2 for code in ("1.1", "1.2", "1.3", "2.1", "2.2", "2.3", "2.4", "3.1", "3.2", "3.3", "3.4",
                           "4.1", "4.2", "4.3", "5.1", "5.2")}),
    ("cible-recherche-information", "Rechercher et évaluer l'information", TargetProfile.Category.TARGETED,
     "Mener une recherche et évaluer ses sources, jusqu'au niveau 3.", {"1.1": 3, "1.2": 3}),
    ("cible-securite-numerique", "Se protéger en ligne", TargetProfile.Category.TARGETED,
     "Sécuriser ses équipements et protéger ses données personnelles, jusqu'au niveau 3.",
     {"4.1": 3, "4.2": 3}),
)


@transaction.atomic
def ready_target_profiles_load():
    loaded = []
    for slug, name, category, description, caps in READY_PROFILES:
        profile, created = TargetProfile.objects.get_or_create(
            slug=slug, defaults={"name": name, "category": category, "description": description,
                                 "is_public": True})
        if created:
            TargetProfileTube.objects.bulk_create([
                TargetProfileTube(target_profile=profile, tube=tube, level=caps[tube.competence.code])
                for tube in Tube.objects.select_related("competence").filter(competence__code__in=caps)])
            Stage.objects.bulk_create([
                Stage(target_profile=profile, threshold=threshold, title=title, message=message,
                      prescriber_title=teacher) for threshold, title, message, teacher in STAGES])
        loaded.append(profile)
    return loaded
