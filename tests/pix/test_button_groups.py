"""DSFR draws an icon button inside a button group as an icon alone (its label cut off) unless the
group itself says where the icons go (`fr-btns-group--icon-left` or `--icon-right`): the button's
own `fr-btn--icon-left` does not count there. Every template is read for such a group."""

from html.parser import HTMLParser
from pathlib import Path

from django.conf import settings

# The header's tools: DSFR's header lays its own group out, with the labels shown.
HEADER_TOOLS = Path("includes/header_tools.html")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


class IconButtonsInPlainGroups(HTMLParser):
    def __init__(self):
        super().__init__()
        self.open, self.found = [], []

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            return
        classes = (dict(attrs).get("class") or "").split()
        groups = [c for _tag, c in self.open if "fr-btns-group" in c]
        if ("fr-btn" in classes and any(c.startswith(("fr-icon-", "fr-fi-")) for c in classes)
                and groups and not any(c.startswith("fr-btns-group--icon-") for c in groups[-1])):
            self.found.append(self.getpos()[0])
        self.open.append((tag, classes))

    def handle_endtag(self, tag):
        for index in range(len(self.open) - 1, -1, -1):
            if self.open[index][0] == tag:
                del self.open[index:]
                break


def test_an_icon_button_in_a_button_group_shows_its_label_in_every_template():
    root = Path(settings.BASE_DIR) / "templates"
    cut_off = []
    for path in sorted(root.rglob("*.html")):
        if path.relative_to(root) == HEADER_TOOLS:
            continue
        scan = IconButtonsInPlainGroups()
        scan.feed(path.read_text(encoding="utf-8"))
        cut_off += [f"{path.relative_to(root)}:{line}" for line in scan.found]
    assert cut_off == []
