"""User Markdown rendered to HTML, then sanitised with an explicit allowlist."""

from __future__ import annotations

import html as html_lib
import re
import threading
from typing import NamedTuple

import markdown
import nh3
from markdown.extensions.toc import TocExtension
from markdown.extensions.toc import slugify as toc_slugify
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


def sanitise_html(html: str, attribute_filter=_keep_attribute) -> str:
    """Keep only the allowlisted tags, attributes and URL schemes.

    ``attribute_filter`` may only narrow what ``_keep_attribute`` keeps.
    """
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="nofollow noopener",
        strip_comments=True,
        attribute_filter=attribute_filter,
    )


def render_markdown(text: str | None) -> Markup:
    """Render member-written Markdown to safe HTML."""
    if not text:
        return Markup("")
    html = markdown.markdown(text, extensions=MARKDOWN_EXTENSIONS, output_format="html")
    return Markup(sanitise_html(html))  # noqa: S704 - sanitised by nh3 just above


# --- articles ------------------------------------------------------------------------------------

#: Every id in an article starts with this, so that no heading of a member's text can take
#: the id of an element of the page around it (a form field, the skip link's target).
ARTICLE_ID_PREFIX = "s-"
#: A table of contents is shown from this many section headings (## and ###) on.
TOC_MIN_HEADINGS = 3
TOC_LEVELS = (2, 3)


class TocEntry(NamedTuple):
    """A heading of an article: its level (2 or 3), its anchor and its plain text."""

    level: int
    anchor: str
    title: str


class RenderedArticle(NamedTuple):
    html: Markup
    toc: list[TocEntry]


def _article_slug(value: str, separator: str) -> str:
    return ARTICLE_ID_PREFIX + (toc_slugify(value, separator) or "section")


def _prefixed(value: str) -> str:
    return value if value.startswith(ARTICLE_ID_PREFIX) else ARTICLE_ID_PREFIX + value


def _keep_article_attribute(tag: str, attribute: str, value: str) -> str | None:
    """The member allowlist, with every id and in-page link moved under ARTICLE_ID_PREFIX."""
    kept = _keep_attribute(tag, attribute, value)
    if kept is None:
        return None
    if attribute == "id":
        return _prefixed(kept)
    if attribute == "href" and kept.startswith("#"):
        return "#" + _prefixed(kept[1:])
    return kept


def _flatten_toc(tokens: list[dict]) -> list[TocEntry]:
    entries = []
    for token in tokens:
        if token["level"] in TOC_LEVELS:
            title = html_lib.unescape(re.sub(r"<[^>]*>", "", token["name"]))
            entries.append(TocEntry(token["level"], _prefixed(token["id"]), title))
        entries.extend(_flatten_toc(token["children"]))
    return entries


_per_thread = threading.local()


def _article_markdown(permalinks: bool, permalink_title: str) -> markdown.Markdown:
    """A reset Markdown converter for articles, one per thread and setting (building one costs
    as much as converting a page)."""
    converters = getattr(_per_thread, "article_converters", None)
    if converters is None:
        converters = _per_thread.article_converters = {}
    key = (permalinks, permalink_title)
    if key not in converters:
        toc = TocExtension(
            slugify=_article_slug,
            permalink="#" if permalinks else False,
            permalink_class="",
            permalink_title=permalink_title,
        )
        converters[key] = markdown.Markdown(
            extensions=["extra", "sane_lists", toc], output_format="html"
        )
    return converters[key].reset()


def render_article(
    text: str | None, *, permalinks: bool = True, permalink_title: str = "Link to this section"
) -> RenderedArticle:
    """An article or comment as safe HTML with heading anchors, and its table of contents.

    The same Markdown and the same allowlist as ``render_markdown``; in addition every
    heading gets an id (and, with ``permalinks``, a "#" link to itself), ids are prefixed,
    and the table of contents is empty for articles with fewer than TOC_MIN_HEADINGS.
    """
    if not text:
        return RenderedArticle(Markup(""), [])
    md = _article_markdown(permalinks, permalink_title)
    safe = sanitise_html(md.convert(text), _keep_article_attribute)
    entries = _flatten_toc(md.toc_tokens)
    if len(entries) < TOC_MIN_HEADINGS:
        entries = []
    return RenderedArticle(Markup(safe), entries)  # noqa: S704 - sanitised by nh3 just above
