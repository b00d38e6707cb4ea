"""The XSS lists in every text field of every form, and every page that shows them (issue 25).

The forms are found, not listed: every GET route of the URL map is opened as the owner,
the partner and staff (tests/access_scene.py), and every POST form with a text field on
those pages is submitted, so that a new form is covered as soon as a page shows it. Each
form gets the payloads in all its text fields at once, a batch a request (the re-shown
form is checked), and then one short payload a field with the form's other values as the
page gave them (so that it is stored). Then every page is opened again, by the owner and a
member: no payload may have become live markup anywhere.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from werkzeug.exceptions import MethodNotAllowed, NotFound

from app.rendering import C0_AND_SPACE
from app.search.indexer import apply_outbox
from tests.helpers import OUR_SCRIPTS
from tests.test_access_matrix import MATRIX, ROLES, Site, routes

XSS_DIR = Path(__file__).resolve().parents[2] / "shared" / "xss"
if not XSS_DIR.is_dir():
    XSS_DIR = Path("/work/shared/xss")


def sample() -> list[str]:
    """A representative sample: the short lists whole, every 25th line of the long one."""
    chosen: dict[str, None] = {}
    for path in sorted(XSS_DIR.glob("*.txt")):
        lines = [
            line.strip()
            for line in path.read_text(encoding="utf-8", errors="replace").splitlines()
            if line.strip()
        ]
        step = 25 if len(lines) > 1000 else 1
        chosen.update(dict.fromkeys(lines[::step]))
    return list(chosen)


PAYLOADS = sample()
#: Payloads short enough for any text field, so that they are stored (one a field).
SHORT = [payload for payload in PAYLOADS if len(payload) <= 60]
TEXT_INPUTS = {"text", "search", "url", "email", "tel"}
# Forms that would end the scene (the owner's account, address or password, signing out)
# or only sign in: their fields are not shown back to anyone.
SKIPPED_ACTIONS = re.compile(
    r"^/(settings/(delete|email|password)|login|logout|register|password/|partners/register)"
)
# Where a new object's form finds valid values: the edit form of the scene's object.
VALUES_FROM = {
    "/articles/new": "/articles/{article_id}/edit",
    "/needs/new": "/needs/{need_id}/edit",
    "/sessions/new": "/sessions/{session_id}/edit",
    "/partners/offers/new": "/partners/offers/{offer_id}/edit",
    "/guidance/offices/new": "/guidance/offices/{office_id}/edit",
}
# Text fields checked against a list (places, a session's skills) or a format: given
# alone, so that the form's other fields can be stored with their payloads.
CHECKED_NAMES = re.compile(r"(^|-)(place|skills|email|phone|website|portfolio|online_link)$")
# A skill name a member types becomes a community skill, and each new one costs a rebuild
# of the names index (a second): these get the batches, not the stored pass.
SKILL_NAMES = re.compile(r"^(skills|mentor_wishes)-\d+-name$")
FORM_ROLES = ("owner", "partner", "staff")
READERS = ("owner", "member")  # a visitor sees the member's pages, or fewer


class PageAudit(HTMLParser):
    """What in a page could run: scripts not ours, frames and objects, event handlers,
    script URLs, a refresh."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "script" and not (attributes.get("src") or "").startswith(OUR_SCRIPTS):
            self.problems.add(f"<script {sorted(attrs)}>")
        if tag in ("iframe", "frame", "frameset", "object", "embed", "base", "applet"):
            self.problems.add(f"<{tag} {sorted(attrs)}>")
        if tag == "meta" and "http-equiv" in attributes:
            self.problems.add(f"<meta {sorted(attrs)}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.add(f"{name} on <{tag}>")
            if value and name in ("href", "src", "action", "formaction", "xlink:href", "data"):
                squashed = re.sub(r"[\t\n\r]", "", value).strip(C0_AND_SPACE).lower()
                if squashed.startswith(("javascript:", "vbscript:", "data:")):
                    self.problems.add(f"{name}={value[:40]!r} on <{tag}>")

    handle_startendtag = handle_starttag


def problems(html: str) -> set[str]:
    """What could run in ``html``."""
    audit = PageAudit()
    audit.feed(html)
    audit.close()
    return audit.problems


class Forms(HTMLParser):
    """The POST forms of a page: action, the values it would send, its text fields."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[dict] = []
        self._form: dict | None = None
        self._textarea: str | None = None
        self._select: str | None = None

    def handle_starttag(self, tag, attrs):
        attributes = {name: value or "" for name, value in attrs}
        name = attributes.get("name")
        if tag == "form":
            if attributes.get("method", "get").lower() == "post":
                self._form = {
                    "action": attributes.get("action", ""),
                    "values": {},
                    "text": [],
                    "typed": [],  # a payload there refuses the form (CHECKED_NAMES)
                }
            return
        form = self._form
        if form is None or not name:
            return
        values = form["values"]
        if tag == "textarea":
            self._textarea = name
            values[name] = ""
            form["text"].append(name)
        elif tag == "select":
            self._select = name
            values.setdefault(name, None)
        elif tag == "option" and self._select:
            if "selected" in attributes or values.get(self._select) is None:
                values[self._select] = attributes.get("value", "")
        elif tag == "input":
            kind = attributes.get("type", "text").lower()
            if kind in ("checkbox", "radio"):
                if "checked" in attributes:
                    values.setdefault(name, [])
                    values[name] = [*values[name], attributes.get("value", "y")]
            elif kind == "submit":
                values.setdefault(name, attributes.get("value", ""))
            elif kind not in ("file", "button", "reset", "image", "password"):
                values[name] = attributes.get("value", "")
                if kind in TEXT_INPUTS and name != "csrf_token":
                    form["text"].append(name)
                if kind in ("url", "email", "tel") or CHECKED_NAMES.search(name):
                    form["typed"].append(name)
        elif tag == "button" and attributes.get("type", "submit") == "submit":
            values.setdefault(name, attributes.get("value", ""))

    def handle_data(self, data):
        if self._form is not None and self._textarea:
            self._form["values"][self._textarea] += data

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None
        elif tag == "form" and self._form is not None:
            self.forms.append(self._form)
            self._form = None


def forms_of(html: str) -> list[dict]:
    parser = Forms()
    parser.feed(html)
    return parser.forms


def batches(payloads: list[str], size: int = 150) -> list[str]:
    return ["\n".join(payloads[i : i + size]) for i in range(0, len(payloads), size)]


def as_form(values: dict) -> dict:
    return {name: value for name, value in values.items() if value is not None}


def get_pages(site: Site, role: str) -> dict[str, str]:
    """Every GET route the matrix lets ``role`` see: its URL and page."""
    column = ROLES.index(role)
    pages = {}
    for key, rule, method in routes(site.app):
        if method != "GET" or MATRIX[key][method].split()[column] != "200":
            continue
        if rule.endpoint in ("static", "bootstrap.static") or rule.rule.endswith(
            (".ics", ".atom", ".csv", ".json", "/suggest", "/search", "/export")
        ):
            continue
        url = site.url(rule, key)
        with site.clients[role].get(url) as response:
            if response.status_code == 200 and response.mimetype == "text/html":
                pages[url] = response.get_data(as_text=True)
    return pages


def test_no_payload_becomes_markup_in_any_form_or_page(app, world, database_url, tmp_path):
    if not database_url.startswith("sqlite"):
        pytest.skip("what is rendered does not depend on the database")
    site = Site(app, tmp_path)
    # The index is brought up to date once, before the pages are read, not after each save.
    app.config["SEARCH_INDEX_ON_COMMIT"] = False
    router = app.url_map.bind("localhost")
    failures: dict[str, list[str]] = {}
    covered: set[str] = set()
    saved: list[str] = []

    def check(where: str, html: str) -> None:
        found = problems(html)
        if found:
            failures.setdefault(where, sorted(found)[:3])

    for role in FORM_ROLES:
        client = site.clients[role]
        pages = get_pages(site, role)
        found: dict[str, dict] = {}
        for url, html in pages.items():
            for form in forms_of(html):
                action = form["action"] or url
                if form["text"] and not SKIPPED_ACTIONS.match(action):
                    found.setdefault(action, form)
        for action, form in found.items():
            try:
                endpoint, _arguments = router.match(action.split("?")[0], "POST")
            except (NotFound, MethodNotAllowed):
                continue
            if endpoint in covered:
                continue  # one form an endpoint: another role's, or another object's
            covered.add(endpoint)
            values = form["values"]
            source = VALUES_FROM.get(action)
            if source:
                with client.get(source.format(**site.values)) as response:
                    edit = forms_of(response.get_data(as_text=True))
                if edit:
                    values = {**values, **edit[0]["values"], "csrf_token": values["csrf_token"]}
            for batch in batches(PAYLOADS):
                data = as_form({**values, **dict.fromkeys(form["text"], batch)})
                with client.post(action, data=data) as response:
                    assert response.status_code < 500, (action, role, response.status_code)
                    check(f"POST {action} as {role} (batch)", response.get_data(as_text=True))
            # Stored: a short payload in each free text field, in one request (each save
            # that names a new skill costs a rebuild of the names index); then one
            # request for each typed field, which refuses the form when it holds one.
            free = [
                name
                for name in form["text"]
                if name not in form["typed"] and not SKILL_NAMES.search(name)
            ]
            attempts = [
                {name: SHORT[(number + len(covered) * 7) % len(SHORT)]}
                for number, name in enumerate(form["typed"])
            ]
            if free:
                offset = len(covered) * 7
                attempts.insert(
                    0, {name: SHORT[(offset + n) % len(SHORT)] for n, name in enumerate(free)}
                )
            for fields in attempts:
                with client.post(action, data=as_form({**values, **fields})) as response:
                    assert response.status_code < 500, (action, role, response.status_code)
                    check(
                        f"POST {action} {sorted(fields)} as {role}", response.get_data(as_text=True)
                    )
                    if response.status_code in (302, 303):
                        saved.append(action)

    apply_outbox(wait=True)
    for role in READERS:
        for url, html in get_pages(site, role).items():
            check(f"GET {url} as {role}", html)
    assert len(covered) > 25, sorted(covered)
    # Most fields refuse markup ("write plain text"); these forms stored their payloads.
    assert len(saved) >= 10, saved
    assert not failures, "\n".join(f"{where}: {found}" for where, found in failures.items())


def test_a_lazy_error_message_holding_typed_text_is_escaped(app):
    """A lazy_gettext message has __html__: without care Jinja shows what it holds as
    markup. The form macros make it a string first (app/templates/macros/forms.html)."""
    from types import SimpleNamespace

    from flask import render_template_string
    from flask_babel import lazy_gettext

    field = SimpleNamespace(
        id="tags", errors=[lazy_gettext("“%(tag)s”", tag="<script>alert(1)</script>")]
    )
    with app.test_request_context():
        html = render_template_string(
            '{% from "macros/forms.html" import field_errors %}{{ field_errors(field) }}',
            field=field,
        )
    assert "<script>" not in html and "&lt;script&gt;alert(1)" in html
