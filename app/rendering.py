"""User Markdown rendered to HTML, then sanitised with an explicit allowlist."""

from __future__ import annotations

import re

import markdown
import nh3
from markupsafe import Markup

MARKDOWN_EXTENSIONS = ["extra", "sane_lists", "toc"]

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "dd", "del", "div", "dl", "dt", "em",
    "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "li", "ol", "p", "pre", "s",
    "strong", "sub", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "id"},
    "abbr": {"title"},
    "img": {"src", "alt", "title"},
    "h1": {"id"}, "h2": {"id"}, "h3": {"id"}, "h4": {"id"}, "h5": {"id"}, "h6": {"id"},
    "li": {"id"},
    "sup": {"id"},
    "div": {"class"},
    "th": {"align"},
    "td": {"align"},
    "ol": {"start"},
}  # fmt: skip
URL_SCHEMES = {"http", "https", "mailto"}
# Only the footnote container's class is kept; every other class could restyle the page.
ALLOWED_CLASSES = {"footnote"}


# Browsers delete tabs and newlines anywhere in a URL and trim control characters and
# spaces around it, so "jav&#9;ascript:" is "javascript:" to them.
_URL_IGNORED = re.compile(r"[\t\n\r]")
C0_AND_SPACE = "".join(chr(code) for code in range(0x21))
_URL_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")


def _keep_attribute(tag: str, attribute: str, value: str) -> str | None:
    if attribute == "class":
        return value if value in ALLOWED_CLASSES else None
    if attribute in ("href", "src"):
        url = _URL_IGNORED.sub("", value).strip(C0_AND_SPACE)
        scheme = _URL_SCHEME.match(url)
        if scheme and scheme.group(1).lower() not in URL_SCHEMES:
            return None
        return url
    return value


def sanitise_html(html: str) -> str:
    """Keep only the allowlisted tags, attributes and URL schemes."""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="nofollow noopener",
        strip_comments=True,
        attribute_filter=_keep_attribute,
    )


def render_markdown(text: str | None) -> Markup:
    """Render member-written Markdown to safe HTML."""
    if not text:
        return Markup("")
    html = markdown.markdown(text, extensions=MARKDOWN_EXTENSIONS, output_format="html")
    return Markup(sanitise_html(html))  # noqa: S704 - sanitised by nh3 just above
