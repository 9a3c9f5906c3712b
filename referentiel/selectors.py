"""Reads on the referentiel for pages and the API."""

from django.db.models import Prefetch

from referentiel.models import Area, Competence


def areas_with_competences():
    return Area.objects.prefetch_related(
        Prefetch("competences", queryset=Competence.objects.order_by("code"))
    ).order_by("code")
