"""The parts of the page layout that every page renders the same, and the content that every
learner is shown the same: worked out once per process."""

import weakref

from django import template
from django.conf import settings
from django.template.base import FilterExpression, TokenType, Variable
from django.template.defaulttags import CsrfTokenNode, ForNode
from django.template.loader_tags import BlockNode
from django.template.smartif import TokenBase
from django.templatetags.i18n import BlockTranslateNode
from django.urls import get_script_prefix, get_urlconf
from django.utils.translation import get_language

register = template.Library()

# A fragment keeps one rendering per combination of the values it varies on; a value that took
# more combinations than this (a misuse: an id, a name) stops being kept, never grows memory.
FIXED_RENDERINGS_PER_FRAGMENT = 64


class FixedNode(template.Node):
    """A part of the layout rendered once per process for each language and each combination of
    the values it varies on (`{% fixed nav user.is_authenticated %}…{% endfixed %}`), then
    given as it is: most of a page's header, navigation and footer is the same HTML on every
    page, and rendering it again costs a few hundred microseconds on each. Its content may use
    no other variable and no `{% csrf_token %}` (checked when the template is read: they would
    be shown to everyone), and holds no block, which `{% extends %}` could not find inside. An
    included template or a tag that reads the context by itself is not looked into: keep them
    out of a fragment unless they give the same HTML on every page."""

    # `{% extends %}` looks for blocks in every node's child node lists on every page: none here.
    child_nodelists = ()

    def __init__(self, nodelist, vary_on):
        self.nodelist = nodelist
        self.vary_on = vary_on
        self.renderings = {}

    def render(self, context):
        key = (*_page_key(context), *(value.resolve(context) for value in self.vary_on))
        html = self.renderings.get(key)
        if html is None:
            html = self.nodelist.render(context)
            if len(self.renderings) < FIXED_RENDERINGS_PER_FRAGMENT:
                self.renderings[key] = html
        return html


def _page_key(context):
    """What every fragment of a page varies on (its language, its URLs' configuration), worked
    out once per page: a page holds some twenty fragments, and each of these reads costs about
    as much as giving a fragment. Kept in the render context's first level, which lasts for the
    whole page, its included and extended templates too: a context is rendered once (Django's
    template engines make one per rendering), and no fragment stands inside `{% language %}`
    (refused in the same template; keep included fragments out of one too)."""
    page = context.render_context.dicts[0]
    key = page.get(_PAGE_KEY)
    if key is None:
        key = page[_PAGE_KEY] = (get_language(), settings.ROOT_URLCONF, get_urlconf(),
                                 get_script_prefix())
    return key


_PAGE_KEY = object()  # no template variable can name it


class FixedForNode(template.Node):
    """A part of a page that shows one piece of content and nothing else (a tutorial's card, a
    question's statement on the results page): the same HTML for every learner, rendered once
    per language and kept for as long as the content object lives
    (`{% fixed_for tutorial %}…{% endfixed_for %}`). The objects of the process's content snapshot
    are new after each content load, so a rendering never outlives the content it shows, and
    there are as many as there are pieces of content, no more. The fragment may use only that
    object (`tutorial.title`, `tutorial.pk`), with the same rules as `{% fixed %}`."""

    child_nodelists = ()

    def __init__(self, nodelist, content):
        self.nodelist = nodelist
        self.content = content

    def render(self, context):
        renderings = _renderings_of(self.content.resolve(context))
        if renderings is None:  # not an object that can be followed (None, a dict): each time
            return self.nodelist.render(context)
        key = (self, *_page_key(context))
        html = renderings.get(key)
        if html is None:
            html = renderings[key] = self.nodelist.render(context)
        return html


# The renderings of each content object while it lives, by its identity: not by its primary key,
# which the same question keeps from one content version to the next, and not in the object,
# which may be copied or pickled.
_renderings_by_object: dict[int, tuple[weakref.ref, dict]] = {}


def _renderings_of(content):
    identity = id(content)
    entry = _renderings_by_object.get(identity)
    if entry is not None and entry[0]() is content:
        return entry[1]
    try:
        followed = weakref.ref(content, lambda _dead: _renderings_by_object.pop(identity, None))
    except TypeError:
        return None
    renderings = {}
    _renderings_by_object[identity] = (followed, renderings)
    return renderings


@register.tag
def fixed(parser, token):
    _refuse_inside_language(parser, "fixed")
    vary_on = [parser.compile_filter(bit) for bit in token.split_contents()[1:]]
    nodelist = parser.parse(("endfixed",))
    parser.delete_first_token()
    allowed = {"LANGUAGE_CODE", *(value.token for value in vary_on)}
    _check_fragment(nodelist, "fixed", lambda name: name in allowed,
                    "without varying on it: add it to the tag or move it out of the fragment")
    return FixedNode(nodelist, vary_on)


@register.tag
def fixed_for(parser, token):
    _refuse_inside_language(parser, "fixed_for")
    bits = token.split_contents()
    if len(bits) != 2 or not bits[1].isidentifier():
        raise template.TemplateSyntaxError("{% fixed_for %} takes the name of one content object: "
                                           "{% fixed_for tutorial %}.")
    name = bits[1]
    nodelist = parser.parse(("endfixed_for",))
    parser.delete_first_token()
    _check_fragment(nodelist, "fixed_for",
                    lambda used: used in (name, "LANGUAGE_CODE") or used.startswith(f"{name}."),
                    f"which is not « {name} »: move it out of the fragment")
    return FixedForNode(nodelist, parser.compile_filter(name))


def _refuse_inside_language(parser, tag):
    if any(command == "language" for command, _token in parser.command_stack):
        raise template.TemplateSyntaxError(  # the page's language is read once per page
            f"{{% {tag} %}} cannot stand inside {{% language %}}: put the fragment around it.")


def _check_fragment(nodelist, tag, allowed, refusal):
    """What no fragment may hold: a block, a form's token, a variable it is not kept for (the
    names a `{% for %}` of the fragment defines are its own, inside that loop)."""
    for node in nodelist:
        if isinstance(node, BlockNode):
            raise template.TemplateSyntaxError(
                f"{{% {tag} %}} cannot hold {{% block {node.name} %}}: a page could not replace it.")
        if isinstance(node, CsrfTokenNode):
            raise template.TemplateSyntaxError(f"{{% {tag} %}} cannot hold {{% csrf_token %}}: "
                                               "each visitor has their own.")
        for name in _variables_of(node):
            if not allowed(name):
                raise template.TemplateSyntaxError(f"{{% {tag} %}} uses « {name} » {refusal}.")
        for attribute in node.child_nodelists:
            inside = allowed
            if isinstance(node, ForNode) and attribute == "nodelist_loop":
                inside = _with_loop_names(allowed, {*node.loopvars, "forloop"})
            _check_fragment(getattr(node, attribute, None) or (), tag, inside, refusal)


def _with_loop_names(allowed, names):
    return lambda name: name.split(".", 1)[0] in names or allowed(name)


def _variables_of(node):
    """The context variables a node reads: those of its filter expressions, its conditions
    (`{% if %}`) and their arguments (`{% url %}`, simple tags), and the `{{ name }}` of a
    `{% blocktranslate %}` that its `with` or `count` does not define."""
    if isinstance(node, BlockTranslateNode):
        own = {*node.extra_context, node.countervar}
        for token in (*node.singular, *(node.plural or ())):
            if token.token_type == TokenType.VAR and token.contents not in own:
                yield token.contents
    pending = list(vars(node).values())
    while pending:
        value = pending.pop()
        if isinstance(value, FilterExpression):
            if isinstance(value.var, Variable) and value.var.literal is None:
                yield value.var.var
            pending.extend(argument for _has_arg, argument in value.filters if argument)
        elif isinstance(value, Variable):
            if value.literal is None:
                yield value.var
        elif isinstance(value, (list, tuple)):
            pending.extend(value)
        elif isinstance(value, dict):
            pending.extend(value.values())
        elif isinstance(value, TokenBase):  # a condition of `{% if %}`, or one of its operands
            pending.extend((value.value, value.first, value.second))
