from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from referentiel.loader.load import ConflictChoice, ContentConflicts, load_referentiel
from referentiel.loader.parse import CONTENT_DIR, ContentError, parse_content
from referentiel.models import Challenge


class Command(BaseCommand):
    help = ("Valide et charge le référentiel depuis referentiel/content/ (idempotent). Un contenu "
            "modifié dans l'administration depuis le dernier chargement n'est jamais remplacé sans "
            "un choix explicite : --keep-admin-edits ou --overwrite.")

    def add_arguments(self, parser):
        parser.add_argument("--content-dir", default=str(CONTENT_DIR),
                            help="Dossier du contenu (par défaut : referentiel/content).")
        choice = parser.add_mutually_exclusive_group()
        choice.add_argument("--keep-admin-edits", action="store_const", dest="choice",
                            const=ConflictChoice.KEEP_ADMIN_EDITS,
                            help="Garder les modifications faites dans l'administration ; charger le reste.")
        choice.add_argument("--overwrite", action="store_const", dest="choice",
                            const=ConflictChoice.OVERWRITE,
                            help="Remplacer les modifications faites dans l'administration par les fichiers.")
        parser.add_argument("--if-empty", action="store_true",
                            help="Ne charger que si la base ne contient encore aucune épreuve "
                                 "(premier démarrage) : les démarrages suivants ne touchent à rien.")

    def handle(self, *args, content_dir, choice, if_empty, **options):
        if if_empty and Challenge.objects.exists():
            self.stdout.write("Référentiel déjà chargé : rien à faire (--if-empty).")
            return
        try:
            referentiel = parse_content(Path(content_dir))
        except ContentError as error:
            raise CommandError(f"Contenu refusé, rien n'a été chargé. {error}") from error
        try:
            report = load_referentiel(referentiel, choice=choice)
        except ContentConflicts as conflicts:
            raise CommandError(self._conflicts_message(conflicts.conflicts)) from conflicts
        for conflict in report.conflicts:
            verb = "gardé" if choice is ConflictChoice.KEEP_ADMIN_EDITS else "remplacé"
            self.stdout.write(self.style.WARNING(f"{verb} : {conflict}"))
        challenges = len(referentiel.challenges())
        if not report.changed:
            self.stdout.write(f"Référentiel à jour ({challenges} épreuves) : aucun changement.")
            return
        for line in report.lines():
            self.stdout.write(line)
        self.stdout.write(self.style.SUCCESS(f"Référentiel chargé : {challenges} épreuves."))

    @staticmethod
    def _conflicts_message(conflicts):
        lines = "\n".join(f"  - {conflict}" for conflict in conflicts)
        return (f"{len(conflicts)} contenu(s) modifié(s) dans l'administration depuis le dernier "
                f"chargement diffèrent des fichiers ; rien n'a été chargé.\n{lines}\n"
                "Relancez avec --keep-admin-edits pour garder ces modifications (puis "
                "export_referentiel pour les reporter dans les fichiers), ou avec --overwrite pour "
                "les remplacer par le contenu des fichiers.")
