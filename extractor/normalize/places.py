"""Place resolution against the packaged gazetteer (``configs/gazetteer.json``
and ``configs/countries.json``); local data only, never a web service.

``Gazetteer.resolve`` maps a mention as written ("Incheon city", "the
Demilitarised Zone (DMZ)", "North Korean") to a canonical :class:`Place`;
``Gazetteer.span_patterns`` turns the same data into spaCy token patterns for a
``span_ruler`` / ``entity_ruler``. The parts live next door: text normalisation
and lookup candidates in ``place_text``, config checks in ``place_checks``,
pattern building (spaCy's tokenizer, loaded lazily) in ``place_patterns``; the
names this module always exported are re-exported from here.

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

from dataclasses import dataclass

from extractor.normalize.place_checks import (  # noqa: F401 - re-exported
    COUNTRIES_FILE,
    KINDS,
    ROUTES,
    _case_sensitive,
    _entries,
    find_collisions,
    validate_config,
)
from extractor.normalize.place_patterns import (  # noqa: F401 - re-exported
    LABEL_COUNTRY,
    LABEL_DEMONYM,
    LABEL_KOREAN_CONTEXT,
    LABEL_PLACE,
    PATTERN_SUFFIXES,
    THE_KINDS,
    PatternBuilder,
    korean_context_patterns,
)
from extractor.normalize.place_text import _EDGE_PUNCT, _candidates, _clean, _key
from extractor.records import Location

GAZETTEER_FILE = "gazetteer.json"


@dataclass(frozen=True)
class Place:
    name: str
    kind: str
    country: str | None
    lat: float | None
    lon: float | None
    route: str | None


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

        self._load_places(places_cfg)
        self._load_countries(countries_cfg)
        self._index_forms(places_cfg, countries_cfg)
        self._context: dict[str, str] = {
            _key(alias): code
            for alias, code in countries_cfg.get("korean_context_aliases", {}).items()
        }
        self._patterns: list[dict] | None = None

    def _load_places(self, places_cfg: dict) -> None:
        self._places: dict[str, Place] = {}
        self._place_forms: dict[str, list[str]] = {}
        for p in places_cfg.get("places", []):
            place = Place(
                name=p["name"], kind=p["kind"], country=p.get("country"),
                lat=float(p["lat"]), lon=float(p["lon"]), route=p.get("route"),
            )
            self._places[place.name] = place
            self._place_forms[place.name] = [p["name"], *p.get("aliases", [])]

    def _load_countries(self, countries_cfg: dict) -> None:
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

    def _index_forms(self, places_cfg: dict, countries_cfg: dict) -> None:
        """key -> Place; case-sensitive forms keep their capitalisation."""
        self._ci: dict[str, Place] = {}
        self._cs: dict[str, Place] = {}
        for target, form, _ in _entries(places_cfg, countries_cfg):
            place = self._places[target[1]] if target[0] == "place" else self._countries[target[1]]
            if form in self._case_sensitive:
                self._cs.setdefault(_clean(form), place)
            else:
                self._ci.setdefault(_key(form), place)

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
            aliases = self._countries_cfg.get("korean_context_aliases", {})
            patterns += korean_context_patterns(aliases, names)
        return [dict(p) for p in patterns]

    def _build_patterns(self) -> list[dict]:
        builder = PatternBuilder(self._case_sensitive, self._ci)
        for name, forms in self._place_forms.items():
            builder.add_place(self._places[name], forms)
        for code, forms in self._country_forms.items():
            builder.add_country(self._countries[code], forms, self._demonyms[code])
        return builder.patterns


def to_location(place: Place, text: str, role: str) -> Location:
    """A contract ``Location`` for a resolved place; ``text`` is the mention
    as written in the article, ``role`` one of crossing_point, origin_place,
    destination_place, mentioned."""
    return Location(
        name=place.name, text=text, role=role, country=place.country,
        lat=place.lat, lon=place.lon,
    )
