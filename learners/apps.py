from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LearnersConfig(AppConfig):
    name = "learners"
    verbose_name = _("Élèves et comptes")

    def ready(self):
        from django.urls import register_converter

        from learners.ids import CodeConverter, IdConverter

        # `<pk:name>` in every URL of the apps: a database id, any other value matches no URL;
        # `<code:name>`: a code, without control characters.
        register_converter(IdConverter, "pk")
        register_converter(CodeConverter, "code")
        from learners.accounts import signals  # noqa: F401  (connects the account signal receivers)
        from learners.assessments import strategies
        from learners.assessments.competence import CompetenceEvaluationStrategy

        strategies.register(CompetenceEvaluationStrategy())
