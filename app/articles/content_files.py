"""Reading curated content files: YAML with line numbers, and problems by file and line.

The generic checks (keys, control characters, problems with their place) are
app/validation.py's; the topics (app/articles/topics.py) and the guides
(app/articles/guides.py) read their files with these helpers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from app.validation import Problems, has_control_characters

SLUG_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
MARKUP_RE = re.compile(r"<\s*[A-Za-z/!?]")
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class ContentError(ValueError):
    """Content files that cannot be synced; ``problems`` name each file and line."""

    def __init__(self, message: str, problems: list[str] | None = None):
        super().__init__(message)
        self.message = message
        self.problems = problems or []

    def __str__(self) -> str:
        return "\n".join([self.message, *(f"  {problem}" for problem in self.problems)])


class FileProblems(Problems):
    """The problems found in one file, each with its line."""

    def __init__(self, path: Path, found: list[str]):
        super().__init__(found)
        self.path = path

    def line(self, line: int, message: str) -> None:
        """Record a problem on a line of the file."""
        self.add(f"{self.path}, line {line}", message)


def yaml_error(error: yaml.YAMLError, first_line: int) -> tuple[int, str]:
    """The line of a YAML error in the file, and what went wrong (and where it began)."""
    mark = getattr(error, "problem_mark", None)
    problem = getattr(error, "problem", None) or str(error)
    context = getattr(error, "context", None)
    context_mark = getattr(error, "context_mark", None)
    if context and context_mark is not None and mark is not None and context_mark.line != mark.line:
        context = f"{context} (from line {first_line + context_mark.line})"
    text = f"{context}, {problem}" if context else problem
    return (first_line + mark.line if mark is not None else first_line), f"invalid YAML: {text}"


def parse_yaml(source: str, first_line: int, problems: FileProblems) -> tuple[Any, Any]:
    """The data of a YAML text and its node tree (for line numbers); None, None if invalid.

    ``first_line`` is the line of the file the text starts on.
    """
    try:
        root = yaml.compose(source, Loader=_YAML_LOADER)
        data = yaml.load(source, Loader=_YAML_LOADER)  # noqa: S506 (a safe loader)
    except yaml.YAMLError as error:
        problems.line(*yaml_error(error, first_line))
        return None, None
    return data, root


def key_nodes(node: Any, first_line: int, problems: FileProblems) -> dict[str, yaml.Node]:
    """For each key of a mapping node, the node of its value; a key given twice is a problem."""
    nodes: dict[str, yaml.Node] = {}
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            name = str(key.value)
            if name in nodes:
                problems.line(first_line + key.start_mark.line, f"the key {name!r} is given twice")
            nodes[name] = value
    return nodes


def key_line(nodes: dict, key: str, first_line: int, index: int | None = None) -> int:
    node = nodes.get(key)
    if node is None:
        return first_line
    if index is not None and isinstance(node, yaml.SequenceNode) and index < len(node.value):
        node = node.value[index]
    return first_line + node.start_mark.line


def read_text(path: Path, problems: FileProblems) -> str | None:
    try:
        data = path.read_bytes()
    except OSError as error:
        problems.line(1, f"cannot be read: {error.strerror or error}")
        return None
    try:
        return data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as error:
        problems.line(data[: error.start].count(b"\n") + 1, "is not valid UTF-8 text")
        return None


def bad_text(value: str, multiline: bool = False) -> str | None:
    """Why a text cannot be shown as is, or None."""
    if has_control_characters(value, multiline):
        return "holds invisible control characters"
    return None


def plain_text(data: dict, key: str, limit: int, check: KeyCheck) -> str | None:
    value = data.get(key)
    if not isinstance(value, str) or not value.strip():
        check.add(key, "must be a text that is not empty")
        return None
    value = " ".join(value.split())
    if len(value) > limit:
        check.add(key, f"has more than {limit} characters")
    elif problem := bad_text(value):
        check.add(key, problem)
    elif MARKUP_RE.search(value):
        check.add(key, "must be plain text, without HTML tags")
    else:
        return value
    return None


@dataclass
class KeyCheck:
    """Problems of one YAML mapping, each reported on the line of its key."""

    problems: FileProblems
    nodes: dict
    first_line: int
    where: str = ""

    def add(self, key: str, message: str, index: int | None = None) -> None:
        line = key_line(self.nodes, key, self.first_line, index)
        item = f" #{index + 1}" if index is not None else ""
        self.problems.line(line, f"{self.where}{key}{item}: {message}")


def text_list(data: dict, key: str, check: KeyCheck) -> list[str]:
    value = data.get(key, [])
    if value is None:
        return []
    if not isinstance(value, list):
        check.add(key, "must be a list, like [a, b]")
        return []
    texts = []
    for index, item in enumerate(value):
        if not isinstance(item, str) or not item.strip():
            check.add(key, f"must be a text, not {item!r}", index)
        else:
            texts.append(item.strip())
    return texts
