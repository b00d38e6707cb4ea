"""Member Markdown: what it renders, and that no XSS payload survives it."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from app.rendering import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, C0_AND_SPACE, render_markdown

XSS_DIR = Path(__file__).parent / "data" / "xss"
PAYLOADS = sorted(
    {
        line.strip()
        for path in XSS_DIR.glob("*.txt")
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines()
        if line.strip()
    }
)
SAFE_SCHEMES = {"http", "https", "mailto"}
SCHEME = re.compile(r"^([a-z][a-z0-9+.\-]*):")


class Audit(HTMLParser):
    """Collects every tag and attribute the browser would see."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in ALLOWED_TAGS:
            self.problems.append(f"tag <{tag}>")
        for name, value in attrs:
            if name not in ALLOWED_ATTRIBUTES.get(tag, set()) and name != "rel":
                self.problems.append(f"attribute {name} on <{tag}>")
            if name in ("href", "src") and value is not None:
                # Browsers drop tabs and newlines anywhere, and trim controls and spaces.
                squashed = re.sub(r"[\t\n\r]", "", value).strip(C0_AND_SPACE).lower()
                match = SCHEME.match(squashed)
                if match and match.group(1) not in SAFE_SCHEMES:
                    self.problems.append(f"{name}={value!r}")

    handle_startendtag = handle_starttag


def audit(html: str) -> list[str]:
    parser = Audit()
    parser.feed(html)
    parser.close()
    return parser.problems


def test_payload_lists_are_there():
    assert len(PAYLOADS) > 1500


@pytest.mark.parametrize(
    "template",
    ["{}", "[click]({})", "![image]({})", "[ref]\n\n[ref]: {}", "<{}>"],
    ids=["raw", "link", "image", "reference-link", "autolink"],
)
def test_no_payload_survives(template):
    failures = {}
    for payload in PAYLOADS:
        html = str(render_markdown(template.format(payload)))
        problems = audit(html)
        if problems:
            failures[payload] = problems
    assert not failures, f"{len(failures)} payloads got through, e.g. {list(failures.items())[:3]}"


def test_markdown_features_survive():
    html = str(
        render_markdown(
            "## Prijs\n\n**vet** and *schuin*\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n"
            "```\ncode\n```\n\nnoot[^1]\n\n[^1]: voetnoot\n\n"
            "[site](https://example.org) [mail](mailto:an@example.org) [local](/members)"
        )
    )
    assert '<h2 id="prijs">Prijs</h2>' in html
    assert "<strong>vet</strong>" in html
    assert "<table>" in html
    assert "<pre><code>code" in html
    assert 'class="footnote"' in html
    assert 'href="https://example.org" rel="nofollow noopener"' in html
    assert 'href="mailto:an@example.org"' in html
    assert 'href="/members"' in html


@pytest.mark.parametrize(
    "source",
    [
        "<style>body{display:none}</style>",
        "<iframe src='https://evil.example'></iframe>",
        "<svg><script>alert(1)</script></svg>",
        "<math><mi xlink:href='javascript:alert(1)'>x</mi></math>",
        '<p style="position:fixed">x</p>',
        '<div class="alert alert-danger">fake notice</div>',
        "![x](data:image/png;base64,AAAA)",
        "[x](vbscript:msgbox)",
        "<object data='x'></object>",
    ],
)
def test_dangerous_markup_is_removed(source):
    html = str(render_markdown(source))
    for needle in (
        "<style",
        "<iframe",
        "<svg",
        "<math",
        "style=",
        "alert-danger",
        "data:",
        "vbscript",
        "<object",
    ):
        assert needle not in html


def test_empty_and_odd_input():
    assert str(render_markdown(None)) == ""
    assert str(render_markdown("")) == ""
    assert "‮" in str(render_markdown("a\u202eb")) or "a" in str(render_markdown("a\u202eb"))
    assert audit(str(render_markdown("\x00\x01<b>x</b>" * 1000))) == []
