"""Fill the English catalogue: every message translates to its own msgid."""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

CATALOGUE = Path("app/translations/en/LC_MESSAGES/messages.po")


def main() -> int:
    with CATALOGUE.open("rb") as f:
        catalog = read_po(f, locale="en")
    for message in catalog:
        if not message.id:
            continue
        message.string = message.id
        message.flags.discard("fuzzy")
    with CATALOGUE.open("wb") as f:
        write_po(f, catalog, width=100)
    return 0


if __name__ == "__main__":
    sys.exit(main())
