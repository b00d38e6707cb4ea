"""The gazetteer: places with coordinates and region, and every name they go by."""

from __future__ import annotations

from flask_babel import get_locale
from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.places.regions import region_name

NAME_LENGTH = 200


class Place(db.Model):
    __tablename__ = "places"

    id: Mapped[int] = mapped_column(primary_key=True)
    geonameid: Mapped[int] = mapped_column(unique=True)
    #: The local or official name, as the place itself writes it.
    name: Mapped[str] = mapped_column(String(NAME_LENGTH))
    #: ISO 3166 alpha-2.
    country: Mapped[str] = mapped_column(String(2), index=True)
    #: A code from app.places.regions: "BE-VLG", "FR-IDF", "NL-ZH", "LU"...
    region: Mapped[str] = mapped_column(String(10), index=True)
    latitude: Mapped[float] = mapped_column(index=True)
    longitude: Mapped[float]
    population: Mapped[int] = mapped_column(default=0)

    names: Mapped[list[PlaceName]] = relationship(
        back_populates="place", cascade="all, delete-orphan", passive_deletes=True
    )

    def __repr__(self) -> str:
        return f"<Place {self.geonameid} {self.name} {self.country}>"

    def region_name(self, lang: str | None = None) -> str:
        """The region's name in ``lang``, by default the current interface language."""
        if lang is None:
            locale = get_locale()
            lang = str(locale) if locale else "en"
        return region_name(self.region, lang)

    @property
    def coordinates(self) -> tuple[float, float]:
        return (self.latitude, self.longitude)


class PlaceName(db.Model):
    """One name of a place; ``folded`` (app.text.fold) is what lookups compare."""

    __tablename__ = "place_names"
    # text_pattern_ops lets PostgreSQL serve prefix searches (LIKE 'gen%') from the index
    # whatever the database's collation; SQLite compares code points anyway.
    __table_args__ = (
        Index("ix_place_names_folded", "folded", postgresql_ops={"folded": "text_pattern_ops"}),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    place_id: Mapped[int] = mapped_column(ForeignKey("places.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(NAME_LENGTH))
    folded: Mapped[str] = mapped_column(String(NAME_LENGTH))
    #: nl, fr or en when the name is known to be that language's; GeoNames' are untagged.
    lang: Mapped[str | None] = mapped_column(String(5))

    place: Mapped[Place] = relationship(back_populates="names")

    def __repr__(self) -> str:
        return f"<PlaceName {self.name!r} of {self.place_id}>"
