"""Indonesian words for search: folding, tokens and stems.

Search must find *berkolaborasi* when a user types *kolaborasi*, and
*mengawasi* beside *pengawasan*: both engines index the stems of a text's
words next to the words themselves (``database.fts``). Tokens are what SQLite
FTS5's ``unicode61`` tokenizer would cut (runs of letters and digits, accents
folded), so the two engines and the Python snippets agree on what a word is.

Stemming uses Sastrawi (the Nazief–Adriani algorithm with its Indonesian
dictionary). Its dictionary loads in ~20 ms on first use, never at import.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import Iterable, Iterator

# Runs of letters and digits: what FTS5's unicode61 tokenizer calls a token
# (underscore and punctuation separate words).
_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)
# A word shorter than this is left as it is: stemming "di", "ke", "kpu" only
# merges unrelated words.
_MIN_STEM_LENGTH = 4
# Longer tokens are not words (hashes, pasted URLs); PostgreSQL refuses
# lexemes over 2 KB.
MAX_TOKEN = 100


def fold(text: str) -> str:
    """Lower case without accents (``Pémilu`` → ``pemilu``), as FTS5 folds."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def tokens(text: str) -> list[str]:
    """Folded tokens of ``text`` in order."""
    return [t for t in _TOKEN.findall(fold(text)) if len(t) <= MAX_TOKEN]


def spans(text: str) -> Iterator[tuple[int, int, str]]:
    """``(start, end, folded token)`` of each token in the original text (for snippets)."""
    for m in _TOKEN.finditer(text):
        yield m.start(), m.end(), fold(m.group())


@functools.lru_cache(maxsize=1)
def _stemmer():  # noqa: ANN202 - Sastrawi has no types
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    return StemmerFactory().create_stemmer()


@functools.lru_cache(maxsize=200_000)
def stem(token: str) -> str:
    """The stem of one folded token (``berkolaborasi`` → ``kolaborasi``)."""
    if len(token) < _MIN_STEM_LENGTH or not token.isalpha():
        return token
    result = _stemmer().stem(token)
    # Sastrawi returns "" for a few inputs it cannot parse; keep the word.
    return result if result and _TOKEN.fullmatch(result) else token


def stems_of(texts: Iterable[str]) -> str:
    """The distinct stems that differ from their words, space-separated.

    Indexed in a column of their own: a word that is its own stem is already
    found through the text columns, so only the affixed forms add anything.
    """
    seen: dict[str, None] = {}
    for text in texts:
        for token in tokens(text or ""):
            s = stem(token)
            if s != token:
                seen.setdefault(s)
    return " ".join(seen)
