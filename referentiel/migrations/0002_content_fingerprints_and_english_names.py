from django.db import migrations, models

FINGERPRINTED = ["framework", "area", "competence", "thematic", "tube", "tutorial", "skill", "challenge"]


class Migration(migrations.Migration):
    """The loader's fingerprints, and English names beside the French ones (the French columns
    keep their names: only the fields are renamed)."""

    dependencies = [("referentiel", "0001_initial")]

    operations = [
        *[migrations.AddField(model_name=model, name="content_fingerprint",
                              field=models.CharField(blank=True, editable=False, max_length=64))
          for model in FINGERPRINTED],
        migrations.RenameField("area", "title", "title_fr"),
        migrations.AlterField("area", "title_fr", models.CharField(db_column="title", max_length=200, verbose_name="titre")),
        migrations.RenameField("area", "description", "description_fr"),
        migrations.AlterField("area", "description_fr", models.TextField(blank=True, db_column="description", verbose_name="description")),
        migrations.AddField("area", "title_en", models.CharField(blank=True, max_length=200, verbose_name="titre en anglais")),
        migrations.AddField("area", "description_en", models.TextField(blank=True, verbose_name="description en anglais")),
        migrations.RenameField("competence", "name", "name_fr"),
        migrations.AlterField("competence", "name_fr", models.CharField(db_column="name", max_length=200, verbose_name="nom")),
        migrations.RenameField("competence", "description", "description_fr"),
        migrations.AlterField("competence", "description_fr", models.TextField(blank=True, db_column="description", verbose_name="description")),
        migrations.AddField("competence", "name_en", models.CharField(blank=True, max_length=200, verbose_name="nom en anglais")),
        migrations.AddField("competence", "description_en", models.TextField(blank=True, verbose_name="description en anglais")),
    ]
