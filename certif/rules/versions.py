"""Rules of a certification version's scoring intervals (domain §1.7 steps 4 and 6, §1.9).

Global: one interval per mesh level 0..7 (CORE), each with max > min, contiguous (each starts where
the previous one ends). Competences: the 16 competences, each with its levels' intervals, also
with max > min and contiguous. A list of French messages, empty when all is well.
"""

from django.utils.translation import gettext as _

from adaptive.framework import COMPETENCE_CODES

GLOBAL_INTERVALS_COUNT = 8  # CORE mesh levels 0..7 (domain §1.7 step 4)


def _number(value) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _interval_problems(rows, level_key, where) -> list[str]:
    if not isinstance(rows, list) or not rows:
        return [_("%(where)s : une liste d'intervalles est attendue.") % {"where": where}]
    problems = []
    for row in rows:
        if not isinstance(row, dict) or not all(_number(row.get(key)) for key in ("min", "max")) \
                or not isinstance(row.get(level_key), int) or isinstance(row.get(level_key), bool):
            return [_("%(where)s : chaque intervalle a un niveau « %(key)s » entier et des bornes "
                      "« min » et « max » numériques.") % {"where": where, "key": level_key}]
    levels = [row[level_key] for row in rows]
    if len(set(levels)) != len(levels):
        problems.append(_("%(where)s : un niveau apparaît deux fois.") % {"where": where})
    ordered = sorted(rows, key=lambda row: row[level_key])
    for row in ordered:
        if not row["max"] > row["min"]:
            problems.append(_("%(where)s, niveau %(level)s : le maximum doit dépasser le minimum.")
                            % {"where": where, "level": row[level_key]})
    for before, after in zip(ordered, ordered[1:]):
        if after["min"] != before["max"]:
            problems.append(_("%(where)s : les intervalles des niveaux %(a)s et %(b)s ne se suivent "
                              "pas (%(max)s puis %(min)s).") % {
                "where": where, "a": before[level_key], "b": after[level_key],
                "max": before["max"], "min": after["min"]})
    return problems


def global_scoring_problems(rows) -> list[str]:
    where = _("Score")
    problems = _interval_problems(rows, "mesh_level", where)
    if problems:
        return problems
    levels = sorted(row["mesh_level"] for row in rows)
    if levels != list(range(GLOBAL_INTERVALS_COUNT)):
        problems.append(_("%(where)s : %(count)s intervalles sont attendus, un par niveau de 0 à "
                          "%(last)s.") % {"where": where, "count": GLOBAL_INTERVALS_COUNT,
                                          "last": GLOBAL_INTERVALS_COUNT - 1})
    return problems


def competences_scoring_problems(mapping) -> list[str]:
    if not isinstance(mapping, dict):
        return [_("Compétences : un objet par code de compétence est attendu.")]
    problems = []
    missing = [code for code in COMPETENCE_CODES if code not in mapping]
    unknown = sorted(code for code in mapping if code not in COMPETENCE_CODES)
    if missing:
        problems.append(_("Compétences manquantes : %(codes)s.") % {"codes": ", ".join(missing)})
    if unknown:
        problems.append(_("Compétences inconnues : %(codes)s.") % {"codes": ", ".join(unknown)})
    for code in COMPETENCE_CODES:
        if code in mapping:
            problems += _interval_problems(mapping[code], "level",
                                           _("Compétence %(code)s") % {"code": code})
    return problems


def scoring_problems(global_scoring, competences_scoring) -> list[str]:
    return global_scoring_problems(global_scoring) + competences_scoring_problems(competences_scoring)
