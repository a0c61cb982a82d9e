"""Vietnamese analysis: NFC first, words, lower case, folding with đ → d, no stop words."""
import unicodedata

import pytest

from marketplace.search.analysis import (
    MAX_QUERY_WORDS, MAX_WORD_LENGTH, exact_analyzer, folded_analyzer, highlight, parse_query, snippet,
)


def tokens(analyzer, text):
    return [token.text for token in analyzer(text)]


@pytest.mark.parametrize(
    "text,folded",
    [
        ("Kẹo dừa", ["keo", "dua"]),
        ("KẸO DỪA", ["keo", "dua"]),
        ("Đường đen", ["duong", "den"]),
        ("ĐƯỜNG", ["duong"]),
        ("hoà bình / hòa bình", ["hoa", "binh", "hoa", "binh"]),  # tone mark on either vowel
        ("Bánh tráng Mỹ Lồng 400g", ["banh", "trang", "my", "long", "400g"]),
        ("ăn ở và to", ["an", "o", "va", "to"]),  # syllables an English stop list would drop
        ("dừa, dứa; dưa.", ["dua", "dua", "dua"]),
    ],
)
def test_folded_analyzer(text, folded):
    assert tokens(folded_analyzer(), text) == folded


def test_decomposed_text_gives_the_same_words():
    decomposed = unicodedata.normalize("NFD", "Kẹo dừa Mỏ Cày")
    assert decomposed != "Kẹo dừa Mỏ Cày"
    assert tokens(folded_analyzer(), decomposed) == ["keo", "dua", "mo", "cay"]
    assert tokens(exact_analyzer(), decomposed) == ["kẹo", "dừa", "mỏ", "cày"]


def test_exact_analyzer_keeps_diacritics_and_only_needs_marked_words():
    assert tokens(exact_analyzer(), "Kẹo dừa Thanh Long ĐƯỜNG") == ["kẹo", "dừa", "đường"]


def test_positions_and_offsets_refer_to_the_nfc_text():
    found = [(t.text, t.pos, t.startchar, t.endchar) for t in folded_analyzer()("Kẹo  dừa", positions=True, chars=True)]
    assert found == [("keo", 0, 0, 3), ("dua", 1, 5, 8)]


def test_query_words_keep_both_forms():
    query = parse_query("Kẹo DUA kẹo")
    assert [(w.exact, w.folded, w.marked) for w in query.words] == [("kẹo", "keo", True), ("dua", "dua", False)]


@pytest.mark.parametrize(
    "text",
    ["", "   ", "\t\n", 'AND OR (" * ?', "🥥🥥🥥", "\x00\x01\x1f\x7f", "%_\\'--;", "'; DROP TABLE products; --"],
)
def test_bad_queries_parse_to_plain_words_or_nothing(text):
    query = parse_query(text)
    for word in query.words:
        assert word.folded.isalnum()


def test_syntax_is_never_parsed():
    assert [w.folded for w in parse_query('keo AND (dua OR "mut") *').words] == ["keo", "and", "dua", "or", "mut"]


def test_long_queries_are_bounded():
    query = parse_query(" ".join(f"tu{n}" + "a" * 100 for n in range(500)))
    assert len(query.words) <= MAX_QUERY_WORDS
    assert all(len(w.exact) <= MAX_WORD_LENGTH for w in query.words)


def test_highlight_escapes_then_marks():
    marked = highlight("<b>Kẹo</b> dừa & \"đường\"", {"dua", "duong"})
    assert str(marked) == "&lt;b&gt;Kẹo&lt;/b&gt; <mark>dừa</mark> &amp; &quot;<mark>đường</mark>&quot;"


def test_highlight_marks_prefixes():
    assert str(highlight("Kẹo dừa", {"keo"}, ("du",))) == "<mark>Kẹo</mark> <mark>dừa</mark>"


def test_snippet_is_a_window_around_the_first_match_without_markdown():
    text = "Một hai ba bốn năm sáu bảy tám chín mười. Kẹo **dừa** nấu từ [nước cốt](https://x.vn) dừa. " + "chữ " * 40
    found = str(snippet(text, {"dua"}, width=10))
    assert found.startswith("… ") and found.endswith(" …")
    assert "<mark>dừa</mark>" in found and "**" not in found and "https" not in found
    assert str(snippet("Không có gì", {"dua"})) == ""
