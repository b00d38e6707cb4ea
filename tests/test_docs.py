"""The README documents every command and every setting."""

from __future__ import annotations

from pathlib import Path

import click

from app.config import ENVIRONMENT

README = (Path(__file__).resolve().parent.parent / "README.md").read_text()
# Flask's own commands and Flask-Migrate's group are documented by those projects.
FOREIGN = {"run", "shell", "routes", "db"}


def command_lines(group: click.Group, prefix: str = "flask"):
    for name, command in group.commands.items():
        if prefix == "flask" and name in FOREIGN:
            continue
        if isinstance(command, click.Group):
            yield from command_lines(command, f"{prefix} {name}")
        else:
            yield f"{prefix} {name}"


def test_readme_opens_with_the_two_commands():
    setup = README.split("## ", 2)[1]
    assert "make run" in setup
    assert "make test" in setup


def test_every_cli_command_is_in_the_readme(app):
    commands = list(command_lines(app.cli))
    assert "flask users create-admin" in commands
    missing = [c for c in commands if c not in README]
    assert not missing, f"not in README.md: {missing}"
    assert "flask db upgrade" in README


def test_every_setting_is_in_the_readme():
    missing = [name for name in ENVIRONMENT if f"`{name}`" not in README]
    assert not missing, f"not in README.md: {missing}"
