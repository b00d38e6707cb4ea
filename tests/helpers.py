"""Plain factories and form helpers for the tests."""

from __future__ import annotations

import re

from app.accounts.models import Role, User
from app.clock import utcnow
from app.extensions import db

PASSWORD = "paardenbloem-regenjas-17"
#: What the test apps hash passwords with: one round, since scrypt costs ~50 ms a user.
FAST_HASH_METHOD = "pbkdf2:sha256:1"
#: Where the scripts our pages load come from: our static files and the packages we serve.
OUR_SCRIPTS = ("/static/", "/bootstrap/static/", "/map/vendor/")
CSRF_RE = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def make_user(
    email: str = "an@example.org",
    name: str = "An Peeters",
    password: str = PASSWORD,
    role: Role = Role.MEMBER,
    **fields,
) -> User:
    """Add and commit a user (with a confirmed address unless told otherwise)."""
    fields.setdefault("email_verified_at", utcnow())
    user = User(email=email, name=name, role=role, **fields)
    user.set_password(password)
    db.session.add(user)
    db.session.commit()
    return user


def csrf_token(client, url: str = "/") -> str:
    """The CSRF token the page at ``url`` gives this client."""
    page = client.get(url).get_data(as_text=True)
    match = CSRF_RE.search(page)
    assert match, f"no CSRF token on {url}"
    return match.group(1)


def post_form(client, url: str, data: dict | None = None, *, page: str | None = None, **kwargs):
    """POST ``data`` to ``url`` with the CSRF token taken from ``page`` (default: ``url``)."""
    data = dict(data or {})
    data.setdefault("csrf_token", csrf_token(client, page or url))
    return client.post(url, data=data, **kwargs)


def add_synonyms(runner, tmp_path, skill: str, synonyms: dict[str, list[str]]) -> None:
    """A taxonomy update, as `flask skills load --file` applies one: the skill's own entry
    in content/skills.yaml, with these synonyms added (by language)."""
    import yaml

    from app.skills.commands import default_taxonomy_path

    taxonomy = yaml.safe_load(default_taxonomy_path().read_text(encoding="utf-8"))
    (entry,) = [each for each in taxonomy["skills"] if each["id"] == skill]
    for lang, words in synonyms.items():
        entry["synonyms"][lang] = [*entry["synonyms"].get(lang, []), *words]
    categories = [each for each in taxonomy["categories"] if each["id"] == entry["category"]]
    path = tmp_path / "skills.yaml"
    path.write_text(
        yaml.safe_dump({"categories": categories, "skills": [entry]}, allow_unicode=True),
        encoding="utf-8",
    )
    result = runner.invoke(args=["skills", "load", "--file", str(path)])
    assert result.exit_code == 0, result.output


def search_api(client, headers: dict | None = None, **params) -> dict:
    """GET /api/v1/search with these parameters; it must answer 200. Its JSON."""
    response = client.get("/api/v1/search", query_string=params, headers=headers)
    assert response.status_code == 200, response.get_data(as_text=True)
    return response.json


def found_titles(data: dict) -> set[str]:
    """The titles of a search answer's results."""
    return {hit["title"] for hit in data["results"]}


def sign_in_directly(client, user: User) -> None:
    """Sign ``client`` in as ``user`` without the form: a sign-in row and its cookie id,
    as login_user makes them (a bare session token no longer signs in)."""
    from app.accounts.models import SignIn
    from app.accounts.signins import cookie_id

    sign_in = SignIn(user_id=user.id)
    db.session.add(sign_in)
    db.session.commit()
    with client.session_transaction() as session:
        session["_user_id"] = cookie_id(user, sign_in)
        session["_fresh"] = True
