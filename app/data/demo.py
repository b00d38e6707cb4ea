"""The demo community: loaded on a first run, with one account to sign in with."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from flask import current_app
from sqlalchemy import select, update

from app.accounts.models import Role, User
from app.clock import utcnow
from app.data.importer import Progress, import_text
from app.extensions import db

DEMO_FILE = Path("content") / "demo" / "community.json"
#: The demo member to sign in as (a mentor in Gent with a public profile).
DEMO_EMAIL = "demo@demo.gilde.example"
#: Documented in the README: anyone trying the demo signs in with it. Never in production.
DEMO_PASSWORD = "welkom-bij-gilde"  # noqa: S105


@dataclass(frozen=True)
class DemoResult:
    """What ``load_demo`` did."""

    #: False when the database had members already, so nothing was loaded.
    loaded: bool
    summary: str = ""
    #: How many entries were created.
    created: int = 0
    #: The demo account's address, if it exists and still has the demo password.
    email: str | None = None


def default_demo_file() -> Path:
    """content/demo/community.json in the project directory."""
    return Path(current_app.root_path).parent / DEMO_FILE


def has_members() -> bool:
    return db.session.scalar(select(User.id).where(User.role == Role.MEMBER).limit(1)) is not None


def load_demo(path: Path | None = None, progress: Progress | None = None) -> DemoResult:
    """Import the demo community into a database without members; give the demo account
    its known password. A database with members is left alone (a second start loads
    nothing twice, and real data never mixes with the demo)."""
    summary, created = "", 0
    loaded = not has_members()
    if loaded:
        result = import_text((path or default_demo_file()).read_bytes(), progress)
        summary, created = result.summary(), result.total_created
        from app.circles.demo import add_demo_circles
        from app.guidance.demo import load_guidance_demo
        from app.proposals.demo import add_demo_proposals
        from app.sessions.demo import add_demo_sessions

        load_guidance_demo()
        created += add_demo_sessions()
        created += add_demo_circles()
        created += add_demo_proposals()
        # A demo community is one to try out: its members may post and write at once.
        db.session.execute(
            update(User).where(User.email_verified_at.is_(None)).values(email_verified_at=utcnow())
        )
        account = User.by_email(DEMO_EMAIL)
        if account is not None:
            account.set_password(DEMO_PASSWORD)
        db.session.commit()
    account = User.by_email(DEMO_EMAIL)
    usable = account is not None and account.check_password(DEMO_PASSWORD)
    return DemoResult(
        loaded=loaded, summary=summary, created=created, email=DEMO_EMAIL if usable else None
    )
