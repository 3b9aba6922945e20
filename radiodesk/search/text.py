"""Text analysis shared by the index and the queries: folding, words, Indonesian stems.

Both sides go through the same functions, so a word is found exactly when its analysed form
matches: "Diwawancarai" and "wawancara" both become the stem ``wawancara``, "Pelayanan" and
"layanan" both ``layan``; case and accents are folded away ("Café" → ``cafe``).

The index stores two analysed texts per document:

- ``stems``: every word's stem, in order, so phrases and plain words match on stems;
- ``words``: the folded surface form of the words whose stem differs from it (the affixed
  ones), so a prefix typed by someone ("pelay*") also finds "pelayanan".

Stemming uses PySastrawi (Nazief-Adriani/ECS). It takes about a quarter of a millisecond per
word, so stems are cached: a station's vocabulary is a few tens of thousands of words.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Iterator

# A word: letters and digits (the underscore separates, as everywhere else in text). A
# longer run is cut into words of MAX_TOKEN_LENGTH: nobody searches for its 200th letter.
MAX_TOKEN_LENGTH = 60
WORD_RE = re.compile(rf"[^\W_]{{1,{MAX_TOKEN_LENGTH}}}")
_ASCII_WORD_RE = re.compile(rf"[a-z0-9]{{1,{MAX_TOKEN_LENGTH}}}")
_NON_ASCII_RE = re.compile(r"[^\x00-\x7f]")
# Sastrawi works on plain Latin words; longer "words" are codes, URLs or noise.
_STEMMABLE_RE = re.compile(r"[a-z]{4,30}")

_stemmer_lock = threading.Lock()
_stemmer = None


def fold(text: str) -> str:
    """``text`` lower-cased (case-folded) with accents and compatibility forms removed."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return unicodedata.normalize("NFKC", stripped.casefold())


def _sastrawi():  # type: ignore[no-untyped-def]
    global _stemmer
    if _stemmer is None:
        from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

        # The plain stemmer (not Sastrawi's cached one): we cache ourselves, with a bound.
        _stemmer = StemmerFactory().create_stemmer().delegatedStemmer
    return _stemmer


# Stems already found. A plain dict: looked up for every word indexed, it must be cheap.
# Filled from any thread; a word stemmed twice at once gets the same stem twice.
_stems: dict[str, str] = {}
MAX_CACHED_STEMS = 500_000


def stem(word: str) -> str:
    """The Indonesian stem of one folded word ("diwawancarai" → "wawancara").

    Words that are not plain Latin letters of 4 to 30 characters are returned unchanged.
    """
    found = _stems.get(word)
    if found is not None:
        return found
    root = word
    if _STEMMABLE_RE.fullmatch(word):
        with _stemmer_lock:
            root = _sastrawi().stem_word(word)
        # Sastrawi may strip a word to nothing or to something that is not a word.
        if not root or not _ASCII_WORD_RE.fullmatch(root):
            root = word
    if len(_stems) >= MAX_CACHED_STEMS:
        _stems.clear()
    _stems[word] = root
    return root


def _ascii_words(text: str) -> bool:
    """Whether every word of ``text`` is plain ASCII: other characters are only dashes,
    quotes, spaces and the like, which separate words whatever folding does."""
    if text.isascii():
        return True
    return not any(
        c.isalnum() or unicodedata.combining(c) for c in set(_NON_ASCII_RE.findall(text))
    )


def words(text: str) -> list[str]:
    """The folded words of ``text``, in order."""
    if _ascii_words(text):
        return _ASCII_WORD_RE.findall(text.lower())
    # Words are found in the written text and then folded, as for highlighting.
    return [w for _start, _end, folded in word_spans(text) for w in folded]


def analyse(text: str) -> tuple[str, str]:
    """The two indexed forms of ``text``: (stems, affixed surface words), space-separated."""
    surface = words(text)
    cache = _stems
    stems = [cache[w] if w in cache else stem(w) for w in surface]
    affixed = [w for w, s in zip(surface, stems, strict=True) if w != s]
    return " ".join(stems), " ".join(affixed)


def word_spans(text: str) -> Iterator[tuple[int, int, list[str]]]:
    """Each word of the original ``text`` as (start, end, its folded words).

    Offsets are into ``text`` itself, for highlighting; folding can split one written word
    into several (a ligature, "½"), hence the list.
    """
    if _ascii_words(text):
        lowered = text.lower()
        if len(lowered) == len(text):
            for match in _ASCII_WORD_RE.finditer(lowered):
                yield match.start(), match.end(), [match.group()]
            return
    for match in WORD_RE.finditer(text):
        piece = match.group()
        folded = WORD_RE.findall(fold(piece))
        if folded:
            yield match.start(), match.end(), folded
