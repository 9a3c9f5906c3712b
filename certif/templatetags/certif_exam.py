"""The certification test page's additions to the test core's page."""

from django import template

from certif.assessment import course_of
from certif.views.exam import alert_context

register = template.Library()


@register.inclusion_tag("certif/exam/includes/presence.html")
def certification_alert_box(assessment):
    """The live alert's state, refreshed by the page's presence signal."""
    return alert_context(course_of(assessment), assessment)


@register.simple_tag
def certification_course(assessment):
    return course_of(assessment)
