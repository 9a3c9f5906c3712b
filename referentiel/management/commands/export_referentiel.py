from pathlib import Path

from django.core.management.base import BaseCommand

from referentiel.loader.export import export_referentiel
from referentiel.loader.parse import CONTENT_DIR


class Command(BaseCommand):
    help = ("Écrit le référentiel de la base (y compris les modifications faites dans "
            "l'administration) dans les fichiers de contenu, pour les relire et les versionner. "
            "Un load_referentiel juste après ne change rien.")

    def add_arguments(self, parser):
        parser.add_argument("--content-dir", default=str(CONTENT_DIR),
                            help="Dossier où écrire (par défaut : referentiel/content). Les médias y "
                                 "sont copiés s'il est ailleurs.")

    def handle(self, *args, content_dir, **options):
        written = export_referentiel(Path(content_dir), media_from=CONTENT_DIR / "media")
        self.stdout.write(self.style.SUCCESS(
            f"{len(written)} fichiers écrits dans {content_dir} : relisez les différences avant "
            "de les enregistrer."))
