"""The challenge form of the admin: proposals, fields, solution and tolerances as plain text
fields with help, checked by the content loader's own rules (`parse_challenge`), so that what
the admin accepts, the loader would accept too, and the checker can always read."""

from django import forms
from django.utils.translation import gettext_lazy as _

from referentiel.checking import ALL_TOLERANCES
from referentiel.loader.parse import ContentError, parse_challenge
from referentiel.models import Challenge

VARIANT_SEPARATOR = "|"
OPTION_SEPARATOR = ";"

# Where each part of a content file is edited in the form (for the loader's error messages).
FORM_FIELD_BY_CONTENT_FIELD = {
    "id": "slug", "type": "type", "instruction": "instruction", "explanation": "explanation",
    "proposals": "proposals_text", "fields": "fields_text", "key": "fields_text",
    "label": "fields_text", "options": "fields_text", "placeholder": "fields_text",
    "solution": "solution_text", "tolerances": "tolerances", "format": "format", "timer": "timer",
    "attachments": "attachments_text", "illustration": "illustration", "file": "illustration",
    "alt": "illustration_alt",
    "locale": "locale", "status": "status", "blindness": "blindness",
    "color_blindness": "color_blindness",
}
TOLERANCE_CHOICES = [
    ("t1", _("t1 : majuscules, accents et espaces ignorés")),
    ("t2", _("t2 : ponctuation ignorée")),
    ("t3", _("t3 : petites fautes de frappe acceptées (une lettre sur quatre au plus)")),
]


def _lines(text):
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def _split(text, separator):
    return [part.strip() for part in text.split(separator) if part.strip()]


def fields_as_text(fields):
    rows = []
    for field in fields or []:
        parts = [field.get("key", ""), field.get("label", ""), field.get("placeholder", ""),
                 f" {OPTION_SEPARATOR} ".join(field.get("options") or [])]
        rows.append(f" {VARIANT_SEPARATOR} ".join(parts).rstrip(f" {VARIANT_SEPARATOR}"))
    return "\n".join(rows)


def fields_from_text(text):
    fields = []
    for line in _lines(text):
        key, label, placeholder, options = ([p.strip() for p in line.split(VARIANT_SEPARATOR)] + [""] * 4)[:4]
        fields.append({"key": key, "label": label, "placeholder": placeholder,
                       "options": _split(options, OPTION_SEPARATOR)})
    return fields


def solution_as_text(challenge_type, solution):
    if challenge_type in (Challenge.Type.QCU, Challenge.Type.QCM):
        return ", ".join(str(n) for n in solution or [])
    if challenge_type == Challenge.Type.QROCM_DEP:
        return "\n".join(f" {VARIANT_SEPARATOR} ".join(group) for group in solution or [])
    return "\n".join(f"{key} = " + f" {VARIANT_SEPARATOR} ".join(variants)
                     for key, variants in (solution or {}).items())


def solution_from_text(challenge_type, text):
    """The solution as a content file would write it; what cannot be read stays as text for
    the loader's rules to refuse with their message."""
    if challenge_type in (Challenge.Type.QCU, Challenge.Type.QCM):
        numbers = _split((text or "").replace(";", ","), ",")
        if not all(n.isdigit() for n in numbers):
            raise forms.ValidationError(
                _("Écrivez les numéros des bonnes propositions, séparés par des virgules (par exemple 1, 3)."))
        return [int(n) for n in numbers]
    if challenge_type == Challenge.Type.QROCM_DEP:
        return [_split(line, VARIANT_SEPARATOR) for line in _lines(text)]
    solution = {}
    for line in _lines(text):
        key, equals, variants = line.partition("=")
        if not equals:
            raise forms.ValidationError(
                _("« %(line)s » : écrivez « clé = variante | autre variante ».") % {"line": line})
        solution[key.strip()] = _split(variants, VARIANT_SEPARATOR)
    return solution


class ChallengeAdminForm(forms.ModelForm):
    proposals_text = forms.CharField(
        label=_("Propositions"), required=False, widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("QCU et QCM : une proposition par ligne, dans l'ordre ; la première porte le numéro 1."))
    fields_text = forms.CharField(
        label=_("Champs de saisie"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("QROC et QROCM : une ligne par champ, « clé | libellé | exemple | option ; option ». "
                    "La clé (a-z, 0-9, _) relie le champ à la solution ; le libellé est lu par les "
                    "lecteurs d'écran ; l'exemple et les options sont facultatifs (des options font "
                    "une liste déroulante)."))
    solution_text = forms.CharField(
        label=_("Solution"), widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("QCU : le numéro de la bonne proposition (2). QCM : les numéros de toutes les "
                    "bonnes propositions (1, 3). QROC et QROCM-ind : une ligne par champ, « clé = "
                    "variante | autre variante acceptée ». QROCM-dep : une ligne par groupe de "
                    "variantes, « variante | autre variante » ; chaque réponse doit trouver un groupe "
                    "différent, dans n'importe quel ordre."))
    tolerances = forms.MultipleChoiceField(
        label=_("Tolérances"), required=False, choices=TOLERANCE_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Appliquées aux réponses écrites. Sans effet sur les réponses au format nombre "
                    "et les listes déroulantes. Pas de t3 pour un code ou une formule, où une lettre "
                    "change le sens."))
    locale = forms.ChoiceField(label=_("Langue"), choices=[("fr", _("français")), ("en", _("anglais"))],
                               help_text=_("La langue de la question ; une question en français montrée "
                                           "dans l'interface anglaise le signale."))
    attachments_text = forms.CharField(
        label=_("Pièces jointes"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Un nom de fichier par ligne, pris dans le dossier des médias du contenu."))

    class Meta:
        model = Challenge
        fields = ["slug", "skill", "type", "status", "locale", "instruction", "illustration",
                  "illustration_alt", "format", "shuffled", "timer", "focused", "blindness",
                  "color_blindness", "explanation"]
        help_texts = {
            "slug": _("Identifiant stable (a-z, 0-9, -), unique dans tout le référentiel : ne le "
                      "changez jamais, les réponses des élèves y renvoient."),
            "skill": _("Tapez le nom de l'acquis (par exemple @requeteMoteur3) pour le trouver."),
            "instruction": _("En Markdown. Tutoiement ; typographie française (espace avant : ; ? !)."),
            "explanation": _("Montrée avec la bonne réponse sur la page des résultats."),
            "illustration": _("Nom d'un fichier du dossier des médias (SVG, PNG…), facultatif."),
            "illustration_alt": _("Obligatoire avec une illustration : ce qu'elle apporte à la question."),
            "format": _("« nombre » : les réponses sont comparées comme des nombres (2,5 = 2.5)."),
            "shuffled": _("Les propositions sont mélangées, dans le même ordre à chaque affichage."),
            "timer": _("En secondes, de 5 à 3600 ; vide : pas de limite de temps."),
            "focused": _("L'élève ne doit pas quitter la page pendant la question."),
            "type": _("QCU : une seule bonne proposition. QCM : plusieurs. QROC : un champ à "
                      "remplir. QROCM-ind : plusieurs champs, chacun sa réponse. QROCM-dep : "
                      "plusieurs champs dont les réponses vont dans n'importe quel ordre."),
            "status": _("Seules les épreuves « validé » sont posées aux élèves ; « archivé » "
                        "ou « périmé » : elle ne l'est plus, les réponses déjà données restent."),
            "blindness": _("Peut-on répondre avec un lecteur d'écran ? « incompatible » écarte "
                           "l'épreuve des tests adaptés."),
            "color_blindness": _("Peut-on répondre sans distinguer les couleurs ?"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["explanation"].required = True
        challenge = self.instance
        if challenge.pk:
            self.initial.update({
                "proposals_text": "\n".join(challenge.proposals or []),
                "fields_text": fields_as_text(challenge.fields),
                "solution_text": solution_as_text(challenge.type, challenge.solution),
                "tolerances": list(challenge.tolerances or []),
                "attachments_text": "\n".join(challenge.attachments or []),
            })
        else:
            self.initial.setdefault("tolerances", list(ALL_TOLERANCES))

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        try:
            solution = solution_from_text(cleaned["type"], cleaned.get("solution_text"))
        except forms.ValidationError as error:
            self.add_error("solution_text", error)
            return cleaned
        try:
            self.parsed = parse_challenge(self._as_content(cleaned, solution))
        except ContentError as error:
            field = FORM_FIELD_BY_CONTENT_FIELD.get(error.field)
            self.add_error(field if field in self.fields else None, error.reason)
        return cleaned

    @staticmethod
    def _as_content(cleaned, solution):
        """The challenge as a content file would write it."""
        content = {
            "id": cleaned["slug"], "type": cleaned["type"], "instruction": cleaned["instruction"],
            "explanation": cleaned["explanation"], "solution": solution,
            "tolerances": sorted(cleaned.get("tolerances") or []), "format": cleaned["format"],
            "timer": cleaned.get("timer"), "focused": cleaned["focused"],
            "shuffled": cleaned["shuffled"], "locale": cleaned["locale"], "status": cleaned["status"],
            "attachments": _lines(cleaned.get("attachments_text")),
            "accessibility": {"blindness": cleaned["blindness"],
                              "color_blindness": cleaned["color_blindness"]},
        }
        if cleaned["type"] in (Challenge.Type.QCU, Challenge.Type.QCM):
            content["proposals"] = _lines(cleaned.get("proposals_text"))
        else:
            content["fields"] = fields_from_text(cleaned.get("fields_text"))
        if cleaned.get("illustration"):
            content["illustration"] = {"file": cleaned["illustration"],
                                       "alt": cleaned.get("illustration_alt")}
        return content

    def save(self, commit=True):
        challenge = super().save(commit=False)
        parsed = self.parsed
        challenge.instruction, challenge.explanation = parsed.instruction, parsed.explanation
        challenge.proposals, challenge.fields = parsed.proposals, parsed.fields
        challenge.solution, challenge.tolerances = parsed.solution, parsed.tolerances
        challenge.attachments = parsed.attachments
        challenge.illustration_alt = (parsed.illustration or {}).get("alt", "")
        if commit:
            challenge.save()
        return challenge


# Help for the other content forms of the admin, for editors who are not developers. Given to
# the forms by the admin (`ContentAdmin.help_texts`), so that the models and their migrations
# stay as they are.
AREA_HELP = {
    "code": _("Le numéro du domaine (1 à 5), tel qu'il s'affiche devant son titre."),
    "title_fr": _("Le titre montré aux élèves."),
    "title_en": _("Montré quand l'interface est en anglais ; vide : le titre en français."),
    "description_en": _("Vide : la description en français."),
    "color": _("Couleur du domaine sur les pages des élèves, en hexadécimal (par exemple "
               "#1D71B8) ; choisissez-la assez foncée pour un texte blanc."),
}
COMPETENCE_HELP = {
    "code": _("Le numéro de la compétence (par exemple 1.1) : ne le changez pas, les profils "
              "des élèves y renvoient."),
    "name_fr": _("Le nom montré aux élèves, sur leur profil et dans leurs tests."),
    "name_en": _("Montré quand l'interface est en anglais ; vide : le nom en français."),
    "description_en": _("Vide : la description en français."),
}
TUBE_HELP = {
    "slug": _("Identifiant stable, unique dans le référentiel : ne le changez pas."),
    "name": _("Le nom court des acquis du sujet, avec @ (par exemple @recherche) : les acquis "
              "s'appellent ensuite @recherche1, @recherche2…"),
    "title": _("Ce que le sujet évalue, en quelques mots, pour la rédaction et les enseignants."),
    "position": _("L'ordre du sujet dans sa thématique (1 en premier)."),
}
SKILL_HELP = {
    "name": _("Le nom du sujet suivi du niveau (par exemple @recherche3)."),
    "level": _("De 1 (le plus facile) à 8 : les niveaux d'un même sujet se suivent."),
    "pix_value": _("Calculée au chargement du contenu : les pix d'un niveau sont partagés "
                   "entre les acquis de ce niveau."),
    "hint": _("Montré à l'élève qui s'est trompé, pour l'aider à progresser (tutoiement)."),
    "status": _("Un acquis archivé n'est plus évalué ; les niveaux déjà obtenus restent."),
    "tutorials": _("Les tutoriels proposés à l'élève qui n'a pas encore cet acquis."),
}
TUTORIAL_HELP = {
    "title": _("Le titre montré à l'élève dans « Mes tutos »."),
    "description": _("Une phrase qui dit ce que l'élève va apprendre (tutoiement)."),
    "format": _("Vidéo, page, outil… : montré sur la carte du tutoriel."),
    "duration_minutes": _("Le temps qu'il faut pour le suivre, en minutes."),
    "source": _("Qui le publie (par exemple « Pix » ou le nom du site)."),
    "link": _("L'adresse complète (https://…) ; vérifiez qu'elle s'ouvre sans compte."),
    "is_active": _("Décochez pour ne plus le proposer, sans le supprimer des « Mes tutos » "
                   "où il est enregistré."),
}
THEMATIC_HELP = {
    "position": _("L'ordre de la thématique dans sa compétence (1 en premier)."),
}
