"""The students list's search, filters and sorting (django-filter)."""

import django_filters
from django.db.models import Q, TextChoices
from django.utils.translation import gettext_lazy as _

from orga.models import CampaignParticipation


class Connection(TextChoices):
    NONE = "none", _("aucune")
    USERNAME = "username", _("identifiant")
    EMAIL = "email", _("adresse e-mail")


class Certifiability(TextChoices):
    YES = "yes", _("certifiable")
    NO = "no", _("non certifiable")
    UNKNOWN = "unknown", _("non communiquée")


CONNECTION_FILTERS = {
    Connection.NONE: Q(user__isnull=True),
    Connection.USERNAME: Q(user__username__isnull=False),
    Connection.EMAIL: Q(user__email__isnull=False),
}
CERTIFIABILITY_FILTERS = {
    Certifiability.YES: Q(is_certifiable=True),
    Certifiability.NO: Q(is_certifiable=False),
    Certifiability.UNKNOWN: Q(is_certifiable__isnull=True),
}


class LearnerFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Rechercher un élève"), method="search")
    division = django_filters.ChoiceFilter(label=_("Classe"), empty_label=_("Toutes"))
    connection = django_filters.ChoiceFilter(label=_("Méthode de connexion"),
                                             choices=Connection.choices, empty_label=_("Toutes"),
                                             method="filter_connection")
    certifiable = django_filters.ChoiceFilter(label=_("Certificabilité"),
                                              choices=Certifiability.choices,
                                              empty_label=_("Toutes"), method="filter_certifiable")
    # No empty choice: the list is sorted by name when none is chosen, which is the first choice.
    # The descending labels are given here: django-filter's own are translated once, at import.
    sort = django_filters.OrderingFilter(
        label=_("Trier par"), empty_label=None,
        fields=(("last_name", "last_name"), ("division", "division"), ("birthdate", "birthdate")),
        field_labels={"last_name": _("nom"), "-last_name": _("nom (décroissant)"),
                      "division": _("classe"), "-division": _("classe (décroissant)"),
                      "birthdate": _("date de naissance"),
                      "-birthdate": _("date de naissance (décroissant)")},
    )

    def __init__(self, *args, divisions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["division"].extra["choices"] = [(d, d) for d in divisions]

    def search(self, queryset, name, value):
        for word in value.split()[:5]:
            queryset = queryset.filter(Q(last_name__icontains=word) | Q(first_name__icontains=word)
                                       | Q(preferred_last_name__icontains=word))
        return queryset

    def filter_connection(self, queryset, name, value):
        return queryset.filter(CONNECTION_FILTERS[value])

    def filter_certifiable(self, queryset, name, value):
        return queryset.filter(CERTIFIABILITY_FILTERS[value])

    @property
    def qs(self):
        queryset = super().qs
        # A stable order under every sort, so that pages neither repeat nor skip a student.
        ordering = list(queryset.query.order_by) or ["last_name"]
        return queryset.order_by(*ordering, "first_name", "pk")


class ParticipantFilter(django_filters.FilterSet):
    """The participants of a campaign: by class, state, stage reached and name."""

    q = django_filters.CharFilter(label=_("Rechercher un participant"), method="search")
    classe = django_filters.ChoiceFilter(label=_("Classe"), empty_label=_("Toutes"),
                                         field_name="organization_learner__division")
    etat = django_filters.ChoiceFilter(label=_("État"), empty_label=_("Tous"), field_name="status")
    palier = django_filters.ChoiceFilter(label=_("Palier"), empty_label=_("Tous"), method="filter_stage")

    def __init__(self, *args, divisions=(), stages=(), states=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["classe"].extra["choices"] = [(d, d) for d in divisions]
        self.filters["etat"].extra["choices"] = list(states)
        self.filters["palier"].extra["choices"] = [(str(number), label) for number, label in stages]

    def search(self, queryset, name, value):
        for word in value.split()[:5]:
            queryset = queryset.filter(Q(organization_learner__last_name__icontains=word)
                                       | Q(organization_learner__first_name__icontains=word)
                                       | Q(organization_learner__preferred_last_name__icontains=word))
        return queryset

    def filter_stage(self, queryset, name, value):
        return queryset.filter(stage_number=int(value), status=CampaignParticipation.Status.SHARED)

    @property
    def qs(self):
        return super().qs.order_by("organization_learner__division", "organization_learner__last_name",
                                   "organization_learner__first_name", "pk")
