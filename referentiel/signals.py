"""Every save or deletion of content (in the admin, a shell, a migration) is a content change."""

from django.db.models.signals import m2m_changed, post_delete, post_save

from referentiel import catalogue
from referentiel.models import Area, Challenge, Competence, Skill, Thematic, Tube, Tutorial

CONTENT_MODELS = (Area, Competence, Thematic, Tube, Skill, Challenge, Tutorial)


def _changed(sender, **kwargs):
    if kwargs.get("raw"):  # loading fixtures: no version row may exist yet
        return
    catalogue.content_changed()


def connect():
    for model in CONTENT_MODELS:
        post_save.connect(_changed, sender=model, dispatch_uid=f"content-save-{model.__name__}")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"content-delete-{model.__name__}")
    m2m_changed.connect(_changed, sender=Skill.tutorials.through, dispatch_uid="content-skill-tutorials")
