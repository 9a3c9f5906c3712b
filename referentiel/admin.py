"""The content in the admin. Calibration versions are in `learners.admin.calibration`: their
"calibrate now" button runs a task that reads the learners' answers."""

from django.contrib import admin

from referentiel import models


class CompetenceInline(admin.TabularInline):
    model = models.Competence
    extra = 0


@admin.register(models.Framework)
class FrameworkAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]


@admin.register(models.Area)
class AreaAdmin(admin.ModelAdmin):
    list_display = ["code", "title", "color"]
    inlines = [CompetenceInline]


@admin.register(models.Competence)
class CompetenceAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "area"]
    list_filter = ["area"]
    search_fields = ["code", "name"]


@admin.register(models.Thematic)
class ThematicAdmin(admin.ModelAdmin):
    list_display = ["name", "competence", "position"]
    list_filter = ["competence"]


class SkillInline(admin.TabularInline):
    model = models.Skill
    fields = ["name", "level", "pix_value", "status"]
    readonly_fields = ["pix_value"]
    extra = 0


@admin.register(models.Tube)
class TubeAdmin(admin.ModelAdmin):
    list_display = ["name", "title", "competence", "thematic"]
    list_filter = ["competence"]
    search_fields = ["name", "title"]
    inlines = [SkillInline]


@admin.register(models.Tutorial)
class TutorialAdmin(admin.ModelAdmin):
    list_display = ["title", "tube", "format", "duration_minutes", "is_active"]
    list_filter = ["format", "is_active", "tube__competence"]
    search_fields = ["title", "description"]


class ChallengeInline(admin.TabularInline):
    model = models.Challenge
    fields = ["slug", "type", "status", "locale"]
    show_change_link = True
    extra = 0


@admin.register(models.Skill)
class SkillAdmin(admin.ModelAdmin):
    list_display = ["name", "level", "pix_value", "competence", "status"]
    list_filter = ["status", "level", "competence"]
    search_fields = ["name"]
    filter_horizontal = ["tutorials"]
    inlines = [ChallengeInline]


@admin.register(models.Challenge)
class ChallengeAdmin(admin.ModelAdmin):
    list_display = ["slug", "type", "skill", "status", "locale", "timer", "focused",
                    "discrimination", "difficulty"]
    list_filter = ["status", "type", "locale", "focused", "skill__competence"]
    search_fields = ["slug", "instruction", "skill__name"]
    list_select_related = ["skill"]
