"""Checks on the gazetteer config (``configs/gazetteer.json`` and
``configs/countries.json``): schema problems and surface forms that would
resolve to two different places. ``Gazetteer`` runs both when built strictly.
"""

from __future__ import annotations

import re
from typing import Any

from extractor.normalize.place_text import _clean, _key

COUNTRIES_FILE = "countries.json"

KINDS = frozenset(
    {"border", "crossing", "province", "city", "county", "island", "sea", "river",
     "region", "facility", "country"}
)
ROUTES = frozenset({"dmz", "maritime", "third_country", "air"})


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
    problems = _duplicate_names(places_cfg, countries_cfg)
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


def _duplicate_names(places_cfg: dict, countries_cfg: dict) -> list[str]:
    names: dict[str, int] = {}
    for p in places_cfg.get("places", []):
        names[p["name"]] = names.get(p["name"], 0) + 1
    for c in countries_cfg.get("countries", []):
        names[c["name"]] = names.get(c["name"], 0) + 1
    return [f"canonical name {n!r} used {k} times" for n, k in names.items() if k > 1]


def validate_config(places_cfg: dict, countries_cfg: dict) -> list[str]:
    """Schema problems in the two config files (empty list: all good)."""
    problems: list[str] = []
    codes: set = set()
    for c in countries_cfg.get("countries", []):
        code = c.get("code")
        if not (isinstance(code, str) and re.fullmatch(r"[A-Z]{2}", code)):
            problems.append(f"country {c.get('name')!r}: bad code {code!r}")
        if code in codes:
            problems.append(f"country code {code!r} listed twice")
        codes.add(code)
        problems += _check_coords(c.get("name"), c.get("lat"), c.get("lon"))
    for p in places_cfg.get("places", []):
        problems += _check_place(p, codes)
    for alias, code in countries_cfg.get("korean_context_aliases", {}).items():
        if code not in codes:
            problems.append(f"korean context alias {alias!r}: unknown code {code!r}")
    return problems


def _check_place(p: dict, codes: set) -> list[str]:
    name = p.get("name")
    if not isinstance(name, str) or not name.strip():
        return [f"place without a name: {p!r}"]
    problems: list[str] = []
    if p.get("kind") not in KINDS or p.get("kind") == "country":
        problems.append(f"{name}: unknown kind {p.get('kind')!r}")
    if p.get("route") is not None and p.get("route") not in ROUTES:
        problems.append(f"{name}: unknown route {p.get('route')!r}")
    country = p.get("country")
    if country is not None and country not in codes:
        problems.append(f"{name}: country {country!r} not in {COUNTRIES_FILE}")
    if not isinstance(p.get("aliases", []), list):
        problems.append(f"{name}: aliases must be a list")
    return problems + _check_coords(name, p.get("lat"), p.get("lon"))


def _check_coords(name: Any, lat: Any, lon: Any) -> list[str]:
    ok_lat = isinstance(lat, (int, float)) and not isinstance(lat, bool) and -90 <= lat <= 90
    ok_lon = isinstance(lon, (int, float)) and not isinstance(lon, bool) and -180 <= lon <= 180
    return [] if ok_lat and ok_lon else [f"{name}: bad coordinates {lat!r}, {lon!r}"]


def _case_sensitive(places_cfg: dict, countries_cfg: dict) -> frozenset[str]:
    return frozenset(
        [*places_cfg.get("case_sensitive_aliases", []),
         *countries_cfg.get("case_sensitive_aliases", [])]
    )
