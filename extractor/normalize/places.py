"""Place resolution against the packaged gazetteer (``configs/gazetteer.json``
and ``configs/countries.json``); local data only, never a web service.

``Gazetteer.resolve`` maps a mention as written ("Incheon city", "the
Demilitarised Zone (DMZ)", "North Korean") to a canonical :class:`Place`;
``Gazetteer.span_patterns`` turns the same data into spaCy token patterns for a
``span_ruler`` / ``entity_ruler``. This module does not import spaCy at module
level; the pattern builder uses spaCy's English tokenizer lazily (so hyphens,
apostrophes and "'s" split exactly as in the pipeline) and falls back to a
small regex tokenizer when spaCy is missing.

Lookup rules (``resolve``), first hit wins:

1. text is normalised: NFKC, curly quotes and dashes made plain, diacritics
   folded ("Sinŭiju" = "Sinuiju"), hyphens read as spaces, case folded except
   for the few aliases listed under ``case_sensitive_aliases`` ("US", "Polish");
2. the whole text, then without a parenthetical ("the Demilitarised Zone
   (DMZ)"), then the parenthetical itself, then without a possessive "'s" or a
   trailing full stop, then the part before a comma ("Hyesan, Ryanggang");
3. for each of those: a leading "the" is dropped, the exact form is tried
   first ("Tumen city" is the Chinese city, "Tumen" the river), then generic
   prefixes ("the border city of") and suffixes ("city", "county", "island",
   "province", "district", "prefecture", "region", "state", "oblast", Korean
   "-do"/"-gun"/"-si", ...) are stripped and tried again.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Iterable

from extractor.records import Location

GAZETTEER_FILE = "gazetteer.json"
COUNTRIES_FILE = "countries.json"

KINDS = frozenset(
    {"border", "crossing", "province", "city", "county", "island", "sea", "river",
     "region", "facility", "country"}
)
ROUTES = frozenset({"dmz", "maritime", "third_country", "air"})

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


@dataclass(frozen=True)
class Place:
    name: str
    kind: str
    country: str | None
    lat: float | None
    lon: float | None
    route: str | None


# ----------------------------------------------------------------------------
# normalisation


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


# ----------------------------------------------------------------------------
# config checks


def _entries(places_cfg: dict, countries_cfg: dict) -> list[tuple[tuple[str, str], str, bool]]:
    """Every (target, surface form, is_demonym) pair; target is ("place", name)
    or ("country", code)."""
    out: list[tuple[tuple[str, str], str, bool]] = []
    for p in places_cfg.get("places", []):
        target = ("place", p["name"])
        for form in [p["name"], *p.get("aliases", [])]:
            out.append((target, form, False))
    for c in countries_cfg.get("countries", []):
        target = ("country", c["code"])
        for form in [c["name"], *c.get("aliases", [])]:
            out.append((target, form, False))
        for form in c.get("demonyms", []):
            out.append((target, form, True))
    return out


def find_collisions(places_cfg: dict, countries_cfg: dict) -> list[str]:
    """Surface forms that map to two different places/countries after
    normalisation (case folded, diacritics folded, hyphens as spaces). Aliases
    declared case-sensitive are compared as written and also against the
    case-folded forms. Also reports canonical names used twice."""
    case_sensitive = _case_sensitive(places_cfg, countries_cfg)
    seen_ci: dict[str, tuple[str, str]] = {}
    seen_cs: dict[str, tuple[str, str]] = {}
    problems: list[str] = []
    names: dict[str, int] = {}
    for p in places_cfg.get("places", []):
        names[p["name"]] = names.get(p["name"], 0) + 1
    for c in countries_cfg.get("countries", []):
        names[c["name"]] = names.get(c["name"], 0) + 1
    problems += [f"canonical name {n!r} used {k} times" for n, k in names.items() if k > 1]
    for target, form, _ in _entries(places_cfg, countries_cfg):
        if form in case_sensitive:
            key, table = _clean(form), seen_cs
        else:
            key, table = _key(form), seen_ci
        other = table.setdefault(key, target)
        if other != target:
            problems.append(f"{form!r} maps to both {other} and {target}")
    for key, target in seen_cs.items():
        other = seen_ci.get(key.lower())
        if other is not None and other != target:
            problems.append(f"{key!r} maps to both {other} and {target}")
    return problems


def validate_config(places_cfg: dict, countries_cfg: dict) -> list[str]:
    """Schema problems in the two config files (empty list: all good)."""
    problems: list[str] = []
    codes = set()
    for c in countries_cfg.get("countries", []):
        code = c.get("code")
        if not (isinstance(code, str) and re.fullmatch(r"[A-Z]{2}", code)):
            problems.append(f"country {c.get('name')!r}: bad code {code!r}")
        if code in codes:
            problems.append(f"country code {code!r} listed twice")
        codes.add(code)
        problems += _check_coords(c.get("name"), c.get("lat"), c.get("lon"))
    for p in places_cfg.get("places", []):
        name = p.get("name")
        if not isinstance(name, str) or not name.strip():
            problems.append(f"place without a name: {p!r}")
            continue
        if p.get("kind") not in KINDS or p.get("kind") == "country":
            problems.append(f"{name}: unknown kind {p.get('kind')!r}")
        if p.get("route") is not None and p.get("route") not in ROUTES:
            problems.append(f"{name}: unknown route {p.get('route')!r}")
        country = p.get("country")
        if country is not None and country not in codes:
            problems.append(f"{name}: country {country!r} not in {COUNTRIES_FILE}")
        if not isinstance(p.get("aliases", []), list):
            problems.append(f"{name}: aliases must be a list")
        problems += _check_coords(name, p.get("lat"), p.get("lon"))
    for alias, code in countries_cfg.get("korean_context_aliases", {}).items():
        if code not in codes:
            problems.append(f"korean context alias {alias!r}: unknown code {code!r}")
    return problems


def _check_coords(name: Any, lat: Any, lon: Any) -> list[str]:
    ok_lat = isinstance(lat, (int, float)) and not isinstance(lat, bool) and -90 <= lat <= 90
    ok_lon = isinstance(lon, (int, float)) and not isinstance(lon, bool) and -180 <= lon <= 180
    return [] if ok_lat and ok_lon else [f"{name}: bad coordinates {lat!r}, {lon!r}"]


def _case_sensitive(places_cfg: dict, countries_cfg: dict) -> frozenset[str]:
    return frozenset(
        [*places_cfg.get("case_sensitive_aliases", []),
         *countries_cfg.get("case_sensitive_aliases", [])]
    )


# ----------------------------------------------------------------------------
# tokenisation for span patterns


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


# ----------------------------------------------------------------------------
# the gazetteer


class Gazetteer:
    """Places and countries from the packaged config, with lookup and spaCy
    patterns. Build one with :meth:`default` (cached) or from dicts."""

    def __init__(self, places_cfg: dict, countries_cfg: dict, *, strict: bool = True) -> None:
        if strict:
            problems = validate_config(places_cfg, countries_cfg) + find_collisions(
                places_cfg, countries_cfg
            )
            if problems:
                raise ValueError("gazetteer config problems: " + "; ".join(problems[:10]))
        self._places_cfg = places_cfg
        self._countries_cfg = countries_cfg
        self._case_sensitive = _case_sensitive(places_cfg, countries_cfg)

        self._places: dict[str, Place] = {}
        self._place_forms: dict[str, list[str]] = {}
        for p in places_cfg.get("places", []):
            place = Place(
                name=p["name"], kind=p["kind"], country=p.get("country"),
                lat=float(p["lat"]), lon=float(p["lon"]), route=p.get("route"),
            )
            self._places[place.name] = place
            self._place_forms[place.name] = [p["name"], *p.get("aliases", [])]

        self._countries: dict[str, Place] = {}
        self._country_forms: dict[str, list[str]] = {}
        self._demonyms: dict[str, list[str]] = {}
        for c in countries_cfg.get("countries", []):
            place = Place(
                name=c["name"], kind="country", country=c["code"],
                lat=float(c["lat"]), lon=float(c["lon"]), route=None,
            )
            self._countries[c["code"]] = place
            self._country_forms[c["code"]] = [c["name"], *c.get("aliases", [])]
            self._demonyms[c["code"]] = list(c.get("demonyms", []))

        # key -> Place; case-sensitive forms keep their capitalisation
        self._ci: dict[str, Place] = {}
        self._cs: dict[str, Place] = {}
        for target, form, _ in _entries(places_cfg, countries_cfg):
            place = self._places[target[1]] if target[0] == "place" else self._countries[target[1]]
            if form in self._case_sensitive:
                self._cs.setdefault(_clean(form), place)
            else:
                self._ci.setdefault(_key(form), place)
        self._context: dict[str, str] = {
            _key(alias): code
            for alias, code in countries_cfg.get("korean_context_aliases", {}).items()
        }
        self._patterns: list[dict] | None = None

    # -- construction -------------------------------------------------------

    @classmethod
    def default(cls) -> "Gazetteer":
        """The packaged gazetteer (configs/gazetteer.json + countries.json),
        loaded once per process and config directory."""
        from extractor.rules import load_rules  # rules builds gazetteers from this module

        return load_rules().gazetteer

    # -- access ---------------------------------------------------------------

    @property
    def places(self) -> list[Place]:
        return list(self._places.values())

    @property
    def countries(self) -> list[Place]:
        return list(self._countries.values())

    def place(self, name: str) -> Place | None:
        """A gazetteer place by its canonical name (exact)."""
        return self._places.get(name)

    def country(self, code: str) -> Place | None:
        """A country by ISO alpha-2 code."""
        return self._countries.get(code.upper())

    def aliases(self, name: str) -> list[str]:
        """All surface forms of a place (canonical name first) or country
        (name, aliases, demonyms) as configured."""
        if name in self._place_forms:
            return list(self._place_forms[name])
        for code, country in self._countries.items():
            if country.name == name or code == name:
                return [*self._country_forms[code], *self._demonyms[code]]
        return []

    # -- lookup ---------------------------------------------------------------

    def resolve(self, text: str) -> Place | None:
        """Canonical place for a mention as written, or None if unknown.

        Countries and demonyms resolve to a Place of kind "country" whose
        ``country`` is the ISO code. Contextual "the North"/"the South" are not
        resolved here (see :meth:`country_code`)."""
        if not text or not text.strip():
            return None
        for candidate in _candidates(text):
            hit = self._lookup(candidate)
            if hit is not None:
                return hit
        return None

    def country_code(self, text: str, *, korean_context: bool = False) -> str | None:
        """ISO code for a country name, alias or demonym ("DPRK", "Chinese").

        Places are not countries here ("Pyongyang" gives None, since the city
        is often a metonym for the government). With ``korean_context=True``,
        "the North"/"the South" give KP/KR: only use it for Korean-peninsula
        articles."""
        if korean_context and text:
            code = self._context.get(_key(text.strip(_EDGE_PUNCT)))
            if code is not None:
                return code
        place = self.resolve(text)
        if place is not None and place.kind == "country":
            return place.country
        return None

    def route_for(self, text: str) -> str | None:
        """The defection route a mention of this place implies, if any."""
        place = self.resolve(text)
        return place.route if place else None

    def _lookup(self, candidate: str) -> Place | None:
        hit = self._cs.get(candidate)
        if hit is not None:
            return hit
        key = candidate.lower()
        if key in self._ci:
            return self._ci[key]
        return None

    # -- spaCy patterns -------------------------------------------------------

    def span_patterns(self, *, include_korean_context: bool = False) -> list[dict]:
        """Token patterns for spaCy's ``span_ruler`` / ``entity_ruler``.

        Each pattern is ``{"label": "PLACE"|"COUNTRY"|"DEMONYM", "pattern":
        [...], "id": canonical name}`` (countries and demonyms carry the
        country's canonical name; ``country_code(id)`` gives its code).
        Patterns may start with an optional "the" (features, multiword
        countries) and end with an optional kind suffix ("city", "county",
        "island", "province", ...); a full form with its acronym in brackets
        ("the Demilitarised Zone (DMZ)") is one pattern too. Overlapping
        matches are expected: use a longest-match filter, e.g.
        ``nlp.add_pipe("span_ruler", config={"spans_filter":
        {"@misc": "spacy.first_longest_spans_filter.v1"}})`` or
        ``annotate_ents=True``. With ``include_korean_context`` the contextual
        "the North"/"the South" are added with label "KOREAN_CONTEXT"."""
        if self._patterns is None:
            self._patterns = self._build_patterns()
        patterns = list(self._patterns)
        if include_korean_context:
            names = {code: c.name for code, c in self._countries.items()}
            for alias, code in self._countries_cfg.get("korean_context_aliases", {}).items():
                tokens = _tokens(alias)
                spec = [
                    {"LOWER": t.lower()} if t.lower() == "the" else {"ORTH": t} for t in tokens
                ]
                patterns.append(
                    {"label": LABEL_KOREAN_CONTEXT, "pattern": spec, "id": names.get(code, code)}
                )
        return [dict(p) for p in patterns]

    def _build_patterns(self) -> list[dict]:
        out: list[dict] = []
        seen: set[str] = set()

        def emit(label: str, ident: str, spec: list[dict]) -> None:
            first = spec[0].get("LOWER") if spec else None
            if first in ("north", "south"):
                # "the North Korean crew", "the North Hamgyong": let a
                # longest-match filter prefer these over contextual "the North"
                spec = [{"LOWER": "the", "OP": "?"}, *spec]
            marker = repr((label, ident, spec))
            if marker not in seen:
                seen.add(marker)
                out.append({"label": label, "pattern": spec, "id": ident})

        for name, forms in self._place_forms.items():
            place = self._places[name]
            acronyms = [f for f in forms if _is_acronym(f) and " " not in f]
            for form in forms:
                suffixes = self._allowed_suffixes(form, place)
                for variant in _surface_variants(form):
                    base = self._token_specs(variant, form)
                    the = place.kind in THE_KINDS
                    emit(LABEL_PLACE, name, _assemble(base, the, suffixes))
                    if form not in acronyms:
                        for acr in acronyms:
                            emit(LABEL_PLACE, name, _assemble(base, the, suffixes) + _bracketed(acr))

        for code, forms in self._country_forms.items():
            country = self._countries[code]
            acronyms = [f for f in forms if _is_acronym(f) and " " not in f and "." not in f]
            for form in forms:
                the = " " in form.strip() or _is_acronym(form) or form.endswith("s")
                for variant in _surface_variants(form):
                    base = self._token_specs(variant, form)
                    emit(LABEL_COUNTRY, country.name, _assemble(base, the, ()))
                    if form not in acronyms and " " in form:
                        for acr in acronyms:
                            emit(LABEL_COUNTRY, country.name, _assemble(base, the, ()) + _bracketed(acr))
            for form in self._demonyms[code]:
                for variant in _surface_variants(form):
                    emit(LABEL_DEMONYM, country.name, self._token_specs(variant, form))
        return out

    def _token_specs(self, variant: str, form: str) -> list[dict]:
        exact = form in self._case_sensitive
        specs = []
        for tok in _tokens(variant):
            if exact or _is_acronym(tok) or tok in "()":
                specs.append({"ORTH": tok})
            else:
                specs.append({"LOWER": tok.lower()})
        return specs

    def _allowed_suffixes(self, form: str, place: Place) -> tuple[str, ...]:
        """Kind suffixes this form may take, minus any that would make it the
        name of another place ("Tumen" + "city" is the city, not the river)."""
        allowed = []
        for suffix in PATTERN_SUFFIXES.get(place.kind, ()):
            other = self._ci.get(_key(f"{form} {suffix}"))
            if other is None or other == place:
                allowed.append(suffix)
        return tuple(allowed)



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


def _candidates(text: str) -> list[str]:
    """Lookup candidates (cleaned, case preserved), most specific first."""
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

    out: list[str] = []
    for v in variants:
        v = _THE_RE.sub("", v).strip()
        forms = [v]
        # strip generic prefixes and suffixes, one at a time
        current = v
        for _ in range(4):
            nxt = _PREFIX_RE.sub("", current)
            nxt = _THE_RE.sub("", nxt)
            nxt = _SUFFIX_RE.sub("", nxt).strip()
            if not nxt or nxt == current:
                break
            forms.append(nxt)
            current = nxt
        for f in forms:
            if f and f not in out:
                out.append(f)
    return out


def to_location(place: Place, text: str, role: str) -> Location:
    """A contract ``Location`` for a resolved place; ``text`` is the mention
    as written in the article, ``role`` one of crossing_point, origin_place,
    destination_place, mentioned."""
    return Location(
        name=place.name, text=text, role=role, country=place.country,
        lat=place.lat, lon=place.lon,
    )
