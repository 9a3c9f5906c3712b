"""What the dashboard's server-rendered charts need besides the figures: the heatmap's legend."""

from django.conf import settings
from django.utils.translation import gettext as _

from orga.constants import HEATMAP_BANDS


def heatmap_legend(campaign) -> list[tuple[int, str]]:
    """[(band, what it means)]: the colour of a cell is never the only carrier of its value (the
    number is written in the cell), the legend tells the bands apart."""
    width = 100 / HEATMAP_BANDS
    legend = []
    for band in range(HEATMAP_BANDS):
        low, high = band * width, (band + 1) * width
        if campaign.is_assessment:
            text = _("de %(low)s à %(high)s %%") % {"low": round(low), "high": round(high) - (band < HEATMAP_BANDS - 1)}
        else:
            level = settings.MAX_REACHABLE_LEVEL
            text = _("niveau moyen de %(low)s à %(high)s") % {
                "low": f"{low * level / 100:.1f}".replace(".", ","), "high": f"{high * level / 100:.1f}".replace(".", ",")}
        legend.append((band, text))
    return legend
