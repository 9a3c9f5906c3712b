"""What the shared form field template (`includes/field.html`) needs from a field."""

from django import template
from django.forms.utils import flatatt

register = template.Library()

# Written by the template itself, with the DSFR's classes and the ids it links together.
TEMPLATE_ATTRIBUTES = frozenset({"class", "id", "name", "type", "value", "checked", "required",
                                 "aria-describedby", "aria-invalid"})


@register.filter
def widget_attributes(bound_field):
    """The field's own attributes that the template does not write (escaped, with a leading
    space): `maxlength` from the field's length, `disabled`, and what its widget declares
    (`autocomplete`, `spellcheck`, `inputmode`, `autocapitalize`, `min`, `rows`...)."""
    attributes = bound_field.build_widget_attrs(dict(bound_field.field.widget.attrs))
    return flatatt({name: value for name, value in attributes.items()
                    if name not in TEMPLATE_ATTRIBUTES})
