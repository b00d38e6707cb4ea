"""How complete a member's profile is, and what it still lacks."""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

from app.members.models import Profile

#: Skills a profile needs for that part to count as complete.
ENOUGH_SKILLS = 3

#: (key, what is missing, the edit form's anchor), in the order the home page lists them.
PARTS = (
    ("headline", _l("a headline"), "headline"),
    ("place", _l("your place"), "place"),
    ("languages", _l("the languages you speak"), "languages"),
    ("skills", _l("at least three skills"), "skills"),
    ("bio", _l("a few words about you"), "bio"),
    ("photo", _l("a photo"), "photo"),
    ("modes", _l("how you like to help and learn"), "modes"),
)


@dataclass(frozen=True)
class Completeness:
    """A share of the parts filled in, and the parts still missing (key, label, anchor)."""

    percent: int
    missing: tuple[tuple[str, object, str], ...]

    @property
    def complete(self) -> bool:
        return not self.missing


def _filled(profile: Profile, key: str) -> bool:
    if key == "place":
        return profile.place_id is not None
    if key == "skills":
        return len(profile.skills) >= ENOUGH_SKILLS
    return bool(getattr(profile, key))


def profile_completeness(profile: Profile | None) -> Completeness:
    """How much of ``profile`` is filled in (0 without a profile), and what is missing."""
    if profile is None:
        return Completeness(0, PARTS)
    missing = tuple(part for part in PARTS if not _filled(profile, part[0]))
    # The name is always there: it counts as one part done.
    total = len(PARTS) + 1
    return Completeness(round(100 * (total - len(missing)) / total), missing)
