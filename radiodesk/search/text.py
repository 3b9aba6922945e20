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
from functools import lru_cache

# A word: letters and digits. The underscore is a separator, as everywhere else in text.
WORD_RE = re.compile(r"[^\W_]+")
_ASCII_WORD_RE = re.compile(r"[a-z0-9]+")
# Sastrawi works on plain Latin words; longer "words" are codes, URLs or noise.
_STEMMABLE_RE = re.compile(r"[a-z]{4,30}")
# Long tokens are cut: nobody searches for the 200th letter of a word.
MAX_TOKEN_LENGTH = 60

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


@lru_cache(maxsize=262_144)
def stem(word: str) -> str:
    """The Indonesian stem of one folded word ("diwawancarai" → "wawancara").

    Words that are not plain Latin letters of 4 to 30 characters are returned unchanged.
    """
    if not _STEMMABLE_RE.fullmatch(word):
        return word
    with _stemmer_lock:
        root = _sastrawi().stem_word(word)
    # Sastrawi may strip a word to nothing or to something that is not a word.
    return root if root and _ASCII_WORD_RE.fullmatch(root) else word


def words(text: str) -> list[str]:
    """The folded words of ``text``, in order."""
    if text.isascii():
        return [w[:MAX_TOKEN_LENGTH] for w in _ASCII_WORD_RE.findall(text.lower())]
    # Words are found in the written text and then folded, as for highlighting.
    return [w for _start, _end, folded in word_spans(text) for w in folded]


def analyse(text: str) -> tuple[str, str]:
    """The two indexed forms of ``text``: (stems, affixed surface words), space-separated."""
    surface = words(text)
    stems = [stem(w) for w in surface]
    affixed = [w for w, s in zip(surface, stems, strict=True) if w != s]
    return " ".join(stems), " ".join(affixed)


def word_spans(text: str) -> Iterator[tuple[int, int, list[str]]]:
    """Each word of the original ``text`` as (start, end, its folded words).

    Offsets are into ``text`` itself, for highlighting; folding can split one written word
    into several (a ligature, "½"), hence the list.
    """
    for match in WORD_RE.finditer(text):
        piece = match.group()
        folded = [w[:MAX_TOKEN_LENGTH] for w in WORD_RE.findall(fold(piece))]
        if folded:
            yield match.start(), match.end(), folded
