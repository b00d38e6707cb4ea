"""The skill taxonomy (content/skills.yaml) as the demo generator and its validation see it."""

from __future__ import annotations

import random
from collections import defaultdict
from pathlib import Path

import yaml
from demo.text import fold

LANGS = ("nl", "fr", "en")


class Taxonomy:
    """Skill labels and synonyms in nl, fr and en, and name -> skill resolution like the app's."""

    def __init__(self, path: Path) -> None:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        self.skills: dict[str, dict] = {skill["id"]: skill for skill in data["skills"]}
        self.order = {skill_id: n for n, skill_id in enumerate(self.skills)}
        self.by_label: dict[str, set[str]] = defaultdict(set)
        self.by_synonym: dict[str, set[str]] = defaultdict(set)
        for skill_id, skill in self.skills.items():
            for label in skill["labels"].values():
                self.by_label[fold(label)].add(skill_id)
            for names in (skill.get("synonyms") or {}).values():
                for name in names:
                    self.by_synonym[fold(name)].add(skill_id)

    def category(self, skill_id: str) -> str:
        return self.skills[skill_id]["category"]

    def label(self, skill_id: str, lang: str) -> str:
        """The preferred label of a skill in ``lang``."""
        return self.skills[skill_id]["labels"][lang]

    def candidates(self, name: str) -> list[str]:
        """The skills ``name`` may stand for: labels before synonyms, then taxonomy order."""
        key = fold(name)
        found = self.by_label.get(key) or self.by_synonym.get(key) or set()
        return sorted(found, key=self.order.__getitem__)

    def resolve(self, name: str) -> str | None:
        """The skill id the app's import finds for ``name`` (any language, case, accents)."""
        found = self.candidates(name)
        return found[0] if found else None

    def synonyms(self, skill_id: str, lang: str) -> list[str]:
        """The synonyms of a skill in ``lang`` that find this skill and no other."""
        names = (self.skills[skill_id].get("synonyms") or {}).get(lang) or []
        return [name for name in names if self.candidates(name) == [skill_id]]

    def name_for(self, rng: random.Random, skill_id: str, lang: str, synonym_rate: float) -> str:
        """How a member writes the skill: mostly its label in ``lang``, sometimes a synonym."""
        if skill_id not in self.skills:
            raise KeyError(f"unknown skill id {skill_id!r}")
        synonyms = self.synonyms(skill_id, lang)
        if synonyms and rng.random() < synonym_rate:
            return rng.choice(synonyms)
        label = self.label(skill_id, lang)
        if self.candidates(label) != [skill_id]:
            # A label shared with another skill: the English one is taken as unambiguous.
            label = self.label(skill_id, "en")
        return label
