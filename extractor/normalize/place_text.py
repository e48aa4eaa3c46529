"""Text normalisation for place lookup: the surface form a mention and a
gazetteer entry are compared in, and the lookup candidates of a mention.

``_candidates`` implements steps 1-3 of the lookup rules documented in
:mod:`extractor.normalize.places` (``Gazetteer.resolve``); the gazetteer checks
and the span pattern builder reuse ``_clean``, ``_key`` and ``_fold`` so that
config, lookup and patterns agree on what "the same form" means.
"""

from __future__ import annotations

import re
import unicodedata

_SUFFIX_RE = re.compile(
    r"\s+(?:special self governing province|special self governing city|metropolitan city|"
    r"special city|special economic zone|autonomous prefecture|autonomous county|"
    r"province|prefecture|city|county|district|islands|island|islet|isle|region|"
    r"oblast|krai|state|town|village|area|do|gun|si|gu)$",
    re.IGNORECASE,
)
_PREFIX_RE = re.compile(
    r"^(?:(?:border|port|northern|southern|eastern|western|central|coastal|north[a-z]*|"
    r"south[a-z]*|remote|frontier|resort|capital)\s+)*"
    r"(?:city|town|county|port|island|islands|province|village|region|area|prefecture|state)"
    r"\s+of\s+",
    re.IGNORECASE,
)
_THE_RE = re.compile(r"^the\s+", re.IGNORECASE)
_PAREN_RE = re.compile(r"\s*\(([^()]*)\)")
_POSSESSIVE_RE = re.compile(r"(?:'s|s')$", re.IGNORECASE)
_EDGE_PUNCT = " \t\n,;:!?\"'`*[]{}"

_CHAR_MAP = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u02bc": "'", "\u2032": "'", "`": "'",
    "\u201c": '"', "\u201d": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2212": "-",
    "\u00a0": " ", "\u2009": " ", "\u202f": " ", "\u200b": "",
})


def _fold(text: str) -> str:
    """Drop combining marks ("Sinŭiju" -> "Sinuiju", "Türkiye" -> "Turkiye")."""
    decomposed = unicodedata.normalize("NFKD", text)
    return unicodedata.normalize(
        "NFC", "".join(c for c in decomposed if not unicodedata.combining(c))
    )


def _clean(text: str) -> str:
    """Canonical surface form, case preserved: plain quotes and dashes,
    folded diacritics, hyphens as spaces, single spaces."""
    text = unicodedata.normalize("NFKC", text).translate(_CHAR_MAP)
    text = _fold(text)
    text = text.replace("-", " ")
    return " ".join(text.split())


def _key(text: str) -> str:
    return _clean(text).lower()


def _is_acronym(token: str) -> bool:
    letters = [c for c in token if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _candidates(text: str) -> list[str]:
    """Lookup candidates (cleaned, case preserved), most specific first."""
    out: list[str] = []
    for v in _variants(text):
        for f in _stripped_forms(_THE_RE.sub("", v).strip()):
            if f and f not in out:
                out.append(f)
    return out


def _variants(text: str) -> list[str]:
    """Step 2: the whole text, without and inside a parenthetical, without a
    possessive or a trailing full stop, the part before a comma."""
    base = _clean(text.translate(_CHAR_MAP)).strip(_EDGE_PUNCT)
    variants: list[str] = [base]
    if "(" in base:
        outside = _PAREN_RE.sub("", base).strip(_EDGE_PUNCT)
        variants.append(outside)
        variants += [m.strip(_EDGE_PUNCT) for m in _PAREN_RE.findall(base)]
    for v in list(variants):
        stripped = _POSSESSIVE_RE.sub("", v) if v.lower().endswith(("'s", "s'")) else v
        if stripped != v:
            variants.append(stripped.strip(_EDGE_PUNCT))
        if v.endswith("."):
            variants.append(v.rstrip(".").strip(_EDGE_PUNCT))
    for v in list(variants):
        if "," in v:
            variants.append(v.split(",", 1)[0].strip(_EDGE_PUNCT))
    return variants


def _stripped_forms(v: str) -> list[str]:
    """Step 3: the exact form, then generic prefixes and suffixes stripped,
    one at a time."""
    forms = [v]
    current = v
    for _ in range(4):
        nxt = _PREFIX_RE.sub("", current)
        nxt = _THE_RE.sub("", nxt)
        nxt = _SUFFIX_RE.sub("", nxt).strip()
        if not nxt or nxt == current:
            break
        forms.append(nxt)
        current = nxt
    return forms
