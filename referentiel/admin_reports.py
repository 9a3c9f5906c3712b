"""A calibration version's report and exposure parameters, as staff read them in the admin."""

from django.utils.formats import number_format
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import ngettext


def calibration_report_html(report: dict):
    """Convergence, volumes and the challenges whose parameters moved beyond the thresholds."""
    if not report or "iterations" not in report:
        return _("Pas de rapport.")
    if report.get("converged"):
        convergence = ngettext("Convergé en %(n)d itération.", "Convergé en %(n)d itérations.",
                               report["iterations"]) % {"n": report["iterations"]}
    else:
        convergence = _("Non convergé après %(n)d itérations : ne pas activer sans vérifier.") % {
            "n": report["iterations"]}
    volumes = _("%(items)d épreuves, %(responses)d réponses ; %(few)d épreuves ont moins de 50 "
                "réponses (leurs paramètres restent proches des valeurs a priori).") % {
        "items": report.get("items", 0), "responses": report.get("responses", 0),
        "few": report.get("items_with_fewer_than_50_responses", 0)}
    return format_html("<p>{}</p><p>{}</p>{}{}", convergence, volumes, _drift_html(report),
                       _exposure_line(report))


def _drift_html(report: dict):
    drifted = report.get("drifted", [])
    if not drifted:
        return format_html("<p>{}</p>", _("Aucune épreuve ne dérive au-delà des seuils."))
    caption = ngettext(
        "%(n)d épreuve dérive (écart de plus de %(z)s erreurs types, ou de %(absolute)s sans "
        "erreur connue) :",
        "%(n)d épreuves dérivent (écart de plus de %(z)s erreurs types, ou de %(absolute)s sans "
        "erreur connue) :", len(drifted)) % {
        "n": len(drifted), "z": _number(report.get("drift_threshold_z"), 1),
        "absolute": _number(report.get("drift_threshold_absolute"), 1)}
    rows = format_html_join("", "<tr><td>{}</td><td>{} → {}</td><td>{} → {}</td><td>{}</td></tr>", (
        (d["challenge"], *(_number(v, 2) for v in (*d["discrimination"], *d["difficulty"])), _z_text(d))
        for d in drifted))
    return format_html(
        '<table><caption>{}</caption><thead><tr><th scope="col">{}</th><th scope="col">{}</th>'
        '<th scope="col">{}</th><th scope="col">{}</th></tr></thead><tbody>{}</tbody></table>',
        caption, _("épreuve"), _("discrimination (avant → après)"),
        _("difficulté (avant → après)"), _("écart en erreurs types"), rows)


def _z_text(drift: dict) -> str:
    values = [abs(z) for z in (drift.get("difficulty_z"), drift.get("discrimination_z")) if z is not None]
    return _number(max(values), 1) if values else _("pas d'erreur connue")


def _number(value, decimals: int) -> str:
    """In the reader's language: 0,63 in French, 0.63 in English."""
    return "?" if value is None else number_format(round(value, decimals), decimals)  # it truncates


def _exposure_line(report: dict):
    line = report.get("exposure")
    return format_html("<p>{}</p>", line) if line else ""


def exposure_summary_text(version) -> str:
    """How many challenges the exposure control restrains, without printing its parameters."""
    parameters = version.exposure_parameters or {}
    eligibility = parameters.get("eligibility") or []
    prices = parameters.get("prices") or []
    if not eligibility:
        return _("Non calculé : voir la dernière ligne du rapport.")
    restrained = sum(1 for value in eligibility if value < 1)
    priced = sum(1 for value in prices if value > 0)
    return _("Calculé pour %(items)d épreuves : %(restrained)d tirées au sort dans une partie des "
             "tests, %(priced)d moins souvent choisies.") % {
        "items": len(eligibility), "restrained": restrained, "priced": priced}
