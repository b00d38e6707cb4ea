"""Snippets: the passages of a hit's text around the words searched for, marked and escaped."""

from __future__ import annotations

import re

import pytest

from app.search.engine.schema import folding_analyzer
from app.search.snippets import fold, snippet
from tests.test_rendering import PAYLOADS


def marked(html: str) -> list[str]:
    return re.findall(r"<mark>(.*?)</mark>", html)


def test_words_are_marked_however_they_are_written_as_the_index_folds_them():
    text = "Ik doe BOEKHOUDING en comptabilité; Comptabilite ook. Fiscalité niet."
    html = snippet(text, frozenset({"boekhouding", "comptabilite"}))
    assert marked(html) == ["BOEKHOUDING", "comptabilité", "Comptabilite"]
    assert html.startswith("Ik doe <mark>") and html.endswith("Fiscalité niet.")


@pytest.mark.parametrize("word", ["Comptabilité", "ÆRØ", "İstanbul", "Straße", "3.5", "ﬁscaal"])
def test_fold_is_the_text_fields_analyzer(word):
    assert [fold(word)] == [token.text for token in folding_analyzer()(word)]


def test_nothing_marked_gives_an_empty_snippet():
    assert snippet("Boekhouding in Gent", frozenset({"facturen"})) == ""
    assert snippet("", frozenset({"facturen"})) == ""
    assert snippet("Boekhouding", frozenset()) == ""


def test_long_text_gives_the_passages_with_most_words_in_text_order():
    text = " ".join(
        ["a " * 200, "facturen", "b " * 200, "boekhouding facturen", "c " * 200, "facturen"]
    )
    html = snippet(text, frozenset({"facturen", "boekhouding"}))
    first, second = html.split(" … ")
    assert marked(first) == ["facturen"] and first.startswith("a ") and first.endswith(" b")
    assert marked(second) == ["boekhouding", "facturen"]
    assert len(html) < 400


def test_passages_whose_context_overlaps_are_shown_once():
    # Two passages (a passage is 200 characters at most) 40 characters apart.
    text = "facturen " + "x " * 70 + "facturen " + "x " * 16 + "boekhouding " + "y " * 10
    html = snippet(text, frozenset({"facturen", "boekhouding"}))
    assert " … " not in html
    assert html.count("boekhouding") == 1 and html.count("x ") == 86
    assert marked(html) == ["facturen", "facturen", "boekhouding"]


@pytest.mark.parametrize("payload", PAYLOADS[::7])
def test_text_around_and_inside_marks_is_escaped(payload):
    html = snippet(f"{payload} facturen {payload}", frozenset({"facturen", "script", "img", "x"}))
    assert "<" not in html.replace("<mark>", "").replace("</mark>", "")


def test_only_whole_words_are_marked_as_the_index_splits_them():
    text = "facturen, www.facturen.be, facturen.be en 3.5 of 3 facturenlijst _facturen"
    html = snippet(text, frozenset({"facturen", "3"}))
    assert marked(html) == ["facturen", "3"]


def test_text_that_folding_lengthens_is_marked_a_word_at_a_time():
    # "İ" lower-cases to two characters: the folded text no longer lines up with the text.
    html = snippet("İzmir: advies, ook in IZMIR.", frozenset({fold("İzmir"), "advies"}))
    assert marked(html) == ["İzmir", "advies"]
    assert html.endswith("</mark>, ook in IZMIR.")
