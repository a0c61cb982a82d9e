"""Vietnamese text analysis for search: NFC first, then words, lower case, diacritic folding.

No stop words and no stemming: English lists would delete Vietnamese syllables ("an", "to").
Every word has two forms: the *exact* one (lower case, diacritics kept: "dừa") and the
*folded* one ("dua", with đ → d). Both backends index both, so that "keo dua" finds *Kẹo dừa*
while "dừa" (coconut) ranks above "dưa" (melon).
"""
import html
import re
from dataclasses import dataclass
from functools import lru_cache

from markupsafe import Markup
from whoosh.analysis import Filter, LowercaseFilter, Token, Tokenizer

from marketplace.text import fold, nfc

# After NFC every Vietnamese letter is one code point, so a word is a run of letters/digits.
# (Underscore is a \w character but not part of a word here.)
WORD = re.compile(r"[^\W_]+")
MAX_WORD_LENGTH = 40
MAX_QUERY_WORDS = 8
MAX_QUERY_CHARS = 200


@lru_cache(maxsize=200_000)
def fold_word(word):
    """`fold` of one word, cached: a catalogue has a small vocabulary."""
    return fold(word)


def words(text):
    """The lower-cased NFC words of `text`, in order."""
    return WORD.findall(nfc(text or "").lower())


# Whoosh analyzers: a tokenizer that normalises to NFC first, then filters.


class WordTokenizer(Tokenizer):
    """NFC, then words (positions and character offsets refer to the NFC text)."""

    def __call__(self, value, positions=False, chars=False, keeporiginal=False, removestops=True,
                 start_pos=0, start_char=0, tokenize=True, mode="", **kwargs):
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        text = nfc(value)
        if not tokenize:
            token.original = token.text = text
            token.boost = 1.0
            if positions:
                token.pos = start_pos
            if chars:
                token.startchar, token.endchar = start_char, start_char + len(text)
            yield token
            return
        for position, match in enumerate(WORD.finditer(text)):
            token.text = match.group()
            token.boost = 1.0
            token.stopped = False
            if keeporiginal:
                token.original = token.text
            if positions:
                token.pos = start_pos + position
            if chars:
                token.startchar, token.endchar = start_char + match.start(), start_char + match.end()
            yield token


class FoldFilter(Filter):
    """Strips diacritics, đ → d (after LowercaseFilter)."""

    def __call__(self, tokens):
        for token in tokens:
            token.text = fold_word(token.text)
            yield token


class MarkedOnlyFilter(Filter):
    """Keeps the words that carry diacritics: for the others the exact form *is* the folded
    one, already in the folded field, and queries only look exact forms up for marked words."""

    def __call__(self, tokens):
        for token in tokens:
            if fold_word(token.text) != token.text:
                yield token


def folded_analyzer():
    return WordTokenizer() | LowercaseFilter() | FoldFilter()


def exact_analyzer():
    return WordTokenizer() | LowercaseFilter() | MarkedOnlyFilter()


# Queries


@dataclass(frozen=True)
class Word:
    exact: str  # lower case, diacritics kept
    folded: str

    @property
    def marked(self):
        """The shopper typed diacritics: exact matches should rank first."""
        return self.exact != self.folded


@dataclass(frozen=True)
class SearchQuery:
    """What a shopper typed, as words. The last one may be a prefix still being typed."""

    text: str
    words: tuple

    def __bool__(self):
        return bool(self.words)

    @property
    def folded(self):
        return " ".join(word.folded for word in self.words)


def parse_query(text):
    """Words of a query: bounded in number and length whatever arrives (2,000 characters,
    emoji, control characters, `AND OR (" * ?` are plain text here: syntax is never parsed)."""
    text = nfc((text or "")[:MAX_QUERY_CHARS]).strip()
    seen, parsed = set(), []
    for word in words(text):
        word = word[:MAX_WORD_LENGTH]
        if word not in seen:
            seen.add(word)
            parsed.append(Word(word, fold_word(word)))
        if len(parsed) == MAX_QUERY_WORDS:
            break
    return SearchQuery(text, tuple(parsed))


# Highlighting


def _matches(word, terms, prefixes):
    folded = fold_word(word.lower())
    return folded in terms or (prefixes and folded.startswith(prefixes))


def highlight(text, terms, prefixes=()):
    """`text` escaped, with the words whose folded form is in `terms` (or starts with one of
    `prefixes`) wrapped in <mark>. Escaping comes first, so the result is safe HTML."""
    text = nfc(text or "")
    prefixes = tuple(prefixes)
    parts, last = [], 0
    for match in WORD.finditer(text):
        if _matches(match.group(), terms, prefixes):
            parts += (html.escape(text[last:match.start()]), "<mark>", html.escape(match.group()), "</mark>")
            last = match.end()
    parts.append(html.escape(text[last:]))
    return Markup("".join(parts))


_MARKDOWN_SYNTAX = re.compile(r"[*_`]+|^[ \t]*[#>]+|!?\[([^\]]*)\]\([^)]*\)", re.MULTILINE)


def snippet(text, terms, prefixes=(), width=24):
    """About `width` words of plain text around the first matching word, highlighted; empty
    when nothing matches (the card then needs no snippet)."""
    plain = _MARKDOWN_SYNTAX.sub(lambda m: m.group(1) or "", nfc(text or ""))
    matches = list(WORD.finditer(plain))
    prefixes = tuple(prefixes)
    first = next((i for i, m in enumerate(matches) if _matches(m.group(), terms, prefixes)), None)
    if first is None:
        return Markup("")
    start_word = max(0, first - width // 3)
    end_word = min(len(matches), start_word + width)
    start = matches[start_word].start() if start_word else 0
    end = matches[end_word - 1].end() if end_word < len(matches) else len(plain)
    body = highlight(plain[start:end], terms, prefixes)
    return Markup("%s%s%s") % ("… " if start else "", body, " …" if end < len(plain) else "")
