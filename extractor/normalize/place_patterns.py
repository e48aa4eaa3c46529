"""spaCy token patterns for the gazetteer (``Gazetteer.span_patterns``).

Surface forms are tokenised with spaCy's blank English tokenizer, loaded
lazily, so hyphens, apostrophes and "'s" split exactly as in the pipeline; a
small regex tokenizer stands in when spaCy is missing. Patterns may start with
an optional "the" and end with an optional kind suffix ("city", "island", ...).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING, Iterable, Mapping

from extractor.normalize.place_text import _fold, _is_acronym, _key

if TYPE_CHECKING:  # places imports this module: a runtime import would be a cycle
    from extractor.normalize.places import Place

LABEL_PLACE = "PLACE"
LABEL_COUNTRY = "COUNTRY"
LABEL_DEMONYM = "DEMONYM"
LABEL_KOREAN_CONTEXT = "KOREAN_CONTEXT"

# Optional trailing tokens a span pattern accepts, by kind ("Incheon city",
# "Uiju county", "Gyodong Island", "Ishikawa Prefecture"). Kept narrow on
# purpose: "Pyongyang state media" must not become a place "Pyongyang state".
PATTERN_SUFFIXES: dict[str, tuple[str, ...]] = {
    "city": ("city", "county", "district"),
    "county": ("county", "city", "district"),
    "province": ("province", "prefecture", "region", "oblast"),
    "region": ("region", "province", "prefecture", "oblast", "area"),
    "island": ("island", "islet"),
}
# Kinds whose mentions naturally take "the" ("the DMZ", "the Yellow Sea").
THE_KINDS = frozenset({"border", "crossing", "sea", "river", "region", "facility"})


@lru_cache(maxsize=1)
def _spacy_tokenizer():
    try:
        import spacy  # local import: only the pattern builder needs spaCy
    except ImportError:  # pragma: no cover - spaCy is a project dependency
        return None
    return spacy.blank("en").tokenizer


_FALLBACK_TOKEN_RE = re.compile(r"'s\b|[()\-,]|[^\s()\-,]+?(?='s\b)|[^\s()\-,]+")


def _tokens(text: str) -> list[str]:
    tokenizer = _spacy_tokenizer()
    if tokenizer is None:  # pragma: no cover
        return _FALLBACK_TOKEN_RE.findall(text)
    return [t.text for t in tokenizer(text) if not t.is_space]


class PatternBuilder:
    """Collects the PLACE / COUNTRY / DEMONYM patterns of a gazetteer, each
    distinct pattern once, in the order they are added.

    ``case_sensitive`` are the forms matched as written; ``forms`` maps every
    case-folded surface form (``_key``) to its place, so that a suffix is not
    allowed where it would name another place."""

    def __init__(self, case_sensitive: frozenset[str], forms: Mapping[str, "Place"]) -> None:
        self._case_sensitive = case_sensitive
        self._forms = forms
        self.patterns: list[dict] = []
        self._seen: set[str] = set()

    def add_place(self, place: "Place", forms: list[str]) -> None:
        acronyms = [f for f in forms if _is_acronym(f) and " " not in f]
        the = place.kind in THE_KINDS
        for form in forms:
            suffixes = self._allowed_suffixes(form, place)
            for variant in _surface_variants(form):
                base = self._token_specs(variant, form)
                self._emit(LABEL_PLACE, place.name, _assemble(base, the, suffixes))
                if form not in acronyms:
                    for acr in acronyms:
                        self._emit(LABEL_PLACE, place.name, _assemble(base, the, suffixes) + _bracketed(acr))

    def add_country(self, country: "Place", forms: list[str], demonyms: list[str]) -> None:
        acronyms = [f for f in forms if _is_acronym(f) and " " not in f and "." not in f]
        for form in forms:
            the = " " in form.strip() or _is_acronym(form) or form.endswith("s")
            for variant in _surface_variants(form):
                base = self._token_specs(variant, form)
                self._emit(LABEL_COUNTRY, country.name, _assemble(base, the, ()))
                if form not in acronyms and " " in form:
                    for acr in acronyms:
                        self._emit(LABEL_COUNTRY, country.name, _assemble(base, the, ()) + _bracketed(acr))
        for form in demonyms:
            for variant in _surface_variants(form):
                self._emit(LABEL_DEMONYM, country.name, self._token_specs(variant, form))

    def _emit(self, label: str, ident: str, spec: list[dict]) -> None:
        first = spec[0].get("LOWER") if spec else None
        if first in ("north", "south"):
            # "the North Korean crew", "the North Hamgyong": let a
            # longest-match filter prefer these over contextual "the North"
            spec = [{"LOWER": "the", "OP": "?"}, *spec]
        marker = repr((label, ident, spec))
        if marker not in self._seen:
            self._seen.add(marker)
            self.patterns.append({"label": label, "pattern": spec, "id": ident})

    def _token_specs(self, variant: str, form: str) -> list[dict]:
        exact = form in self._case_sensitive
        specs = []
        for tok in _tokens(variant):
            if exact or _is_acronym(tok) or tok in "()":
                specs.append({"ORTH": tok})
            else:
                specs.append({"LOWER": tok.lower()})
        return specs

    def _allowed_suffixes(self, form: str, place: "Place") -> tuple[str, ...]:
        """Kind suffixes this form may take, minus any that would make it the
        name of another place ("Tumen" + "city" is the city, not the river)."""
        allowed = []
        for suffix in PATTERN_SUFFIXES.get(place.kind, ()):
            other = self._forms.get(_key(f"{form} {suffix}"))
            if other is None or other == place:
                allowed.append(suffix)
        return tuple(allowed)


def korean_context_patterns(aliases: Mapping[str, str], names: Mapping[str, str]) -> list[dict]:
    """KOREAN_CONTEXT patterns for the contextual "the North"/"the South";
    ``aliases`` maps each alias to a country code, ``names`` codes to names."""
    patterns = []
    for alias, code in aliases.items():
        spec = [{"LOWER": t.lower()} if t.lower() == "the" else {"ORTH": t} for t in _tokens(alias)]
        patterns.append({"label": LABEL_KOREAN_CONTEXT, "pattern": spec, "id": names.get(code, code)})
    return patterns


def _surface_variants(form: str) -> list[str]:
    """The form as written, with folded diacritics and with a curly apostrophe
    (spaCy keeps "Namp'o" and "Namp’o" as different token texts)."""
    variants = [form]
    folded = _fold(form)
    if folded != form:
        variants.append(folded)
    for v in list(variants):
        if "'" in v:
            variants.append(v.replace("'", "\u2019"))
    return variants


def _assemble(base: list[dict], the: bool, suffixes: Iterable[str]) -> list[dict]:
    spec: list[dict] = []
    if the:
        spec.append({"LOWER": "the", "OP": "?"})
    spec.extend(dict(t) for t in base)
    suffixes = tuple(suffixes)
    if suffixes:
        spec.append({"LOWER": {"IN": list(suffixes)}, "OP": "?"})
    return spec


def _bracketed(acronym: str) -> list[dict]:
    return [{"ORTH": "("}, {"ORTH": acronym}, {"ORTH": ")"}]
