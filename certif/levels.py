"""The global levels of the certification (domain §1.7 step 5): one label per mesh level of the
CORE framework, index 0 (Pré-initié) to 8 (Expert 8, not reachable yet)."""

from django.utils.translation import gettext_lazy as _

MESH_LEVEL_LABELS = (
    _("Pré-initié"),
    _("Initié 1"),
    _("Initié 2"),
    _("Indépendant 3"),
    _("Indépendant 4"),
    _("Avancé 5"),
    _("Avancé 6"),
    _("Expert 7"),
    _("Expert 8"),
)
# A rejected v3 certification reaches no level (domain §8.5).
BELOW_MINIMUM_LABEL = _("Niveau insuffisant")


def mesh_level_label(index) -> str:
    return "" if index is None else str(MESH_LEVEL_LABELS[index])
