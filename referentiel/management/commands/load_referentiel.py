from django.core.management.base import BaseCommand, CommandError

from referentiel.loader.load import load_referentiel
from referentiel.loader.parse import CONTENT_DIR, ContentError, parse_content


class Command(BaseCommand):
    help = "Valide et charge le référentiel depuis referentiel/content/ (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--content-dir", default=str(CONTENT_DIR),
                            help="Dossier du contenu (par défaut : referentiel/content).")

    def handle(self, *args, content_dir, **options):
        from pathlib import Path

        try:
            referentiel = parse_content(Path(content_dir))
        except ContentError as error:
            raise CommandError(f"Contenu refusé, rien n'a été chargé. {error}") from error
        report = load_referentiel(referentiel)
        challenges = len(referentiel.challenges())
        if not report.changed:
            self.stdout.write(f"Référentiel à jour ({challenges} épreuves) : aucun changement.")
            return
        for line in report.lines():
            self.stdout.write(line)
        self.stdout.write(self.style.SUCCESS(f"Référentiel chargé : {challenges} épreuves."))
