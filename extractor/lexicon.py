"""The assembler's word lists (``configs/lexicon.json``) as ready-to-use sets."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from extractor.config import load_json


@dataclass(frozen=True)
class Lexicon:
    type_words: dict[str, str]            # surface word/phrase (lower) -> canonical type
    defection_nouns: frozenset[str]
    people_nouns: frozenset[str]
    group_nouns: frozenset[str]
    triggers: frozenset[str]
    strong_triggers: frozenset[str]
    subject_negative_lemmas: frozenset[str]
    arrival_lemmas: frozenset[str]
    companion_phrases: tuple[str, ...]
    statistic_verbs: frozenset[str]
    negative_lemmas: frozenset[str]
    negative_phrases: tuple[str, ...]
    forecast_lemmas: frozenset[str]
    reporting_lemmas: frozenset[str]
    stock_lemmas: frozenset[str]
    stock_phrases: tuple[str, ...]
    incident_verbs: frozenset[str]
    incident_verb_forms: frozenset[str]
    reentry_cues: tuple[str, ...]
    route_cues: dict[str, tuple[str, ...]]
    crossing_prepositions: frozenset[str]
    origin_prepositions: frozenset[str]
    destination_prepositions: frozenset[str]
    sources: tuple[str, ...]
    attribution_cues: tuple[str, ...]
    headline_max_words: int
    duration_lemmas: frozenset[str]
    event_objects: frozenset[str]
    breakdown_nouns: frozenset[str]
    small_group_max: int
    subset_cues: tuple[str, ...]
    trigger_phrases: tuple[str, ...]
    container_nouns: frozenset[str]
    end_point_cues: tuple[str, ...] = ()
    composition_cues: tuple[str, ...] = ()
    parallel_links: frozenset[str] = frozenset()
    tally_nouns: frozenset[str] = frozenset()
    attribution_lemmas: frozenset[str] = frozenset()
    vanish_lemmas: frozenset[str] = frozenset()
    visit_purpose_lemmas: frozenset[str] = frozenset()
    delegation_nouns: frozenset[str] = frozenset()
    vehicle_nouns: frozenset[str] = frozenset()
    aftermath_lemmas: frozenset[str] = frozenset()
    kin_nouns: frozenset[str] = frozenset()
    ordinal_words: frozenset[str] = frozenset()
    separate_cues: tuple[str, ...] = ()
    visitor_nouns: frozenset[str] = frozenset()
    source_head_nouns: frozenset[str] = frozenset()


def _type_words(table: dict[str, list[str]]) -> dict[str, str]:
    words: dict[str, str] = {}
    for canonical, synonyms in table.items():
        for word in [canonical, *synonyms]:
            words.setdefault(word.lower(), canonical)
    return words


@lru_cache(maxsize=None)
def load_lexicon(name: str = "lexicon.json") -> Lexicon:
    raw = load_json(name)
    lower = lambda items: tuple(i.lower() for i in items)  # noqa: E731
    return Lexicon(
        type_words=_type_words(raw["defector_types"]),
        defection_nouns=frozenset(lower(raw["defection_nouns"])),
        people_nouns=frozenset(lower(raw["people_nouns"])),
        group_nouns=frozenset(lower(raw["group_nouns"])),
        triggers=frozenset(lower(raw["triggers"])),
        strong_triggers=frozenset(lower(raw["strong_triggers"])),
        subject_negative_lemmas=frozenset(lower(raw["subject_negative_lemmas"])),
        arrival_lemmas=frozenset(lower(raw["arrival_lemmas"])),
        companion_phrases=lower(raw["companion_phrases"]),
        statistic_verbs=frozenset(lower(raw["statistic_verbs"])),
        negative_lemmas=frozenset(lower(raw["negative_lemmas"])),
        negative_phrases=lower(raw["negative_phrases"]),
        forecast_lemmas=frozenset(lower(raw["forecast_lemmas"])),
        reporting_lemmas=frozenset(lower(raw["reporting_lemmas"])),
        stock_lemmas=frozenset(lower(raw["stock_lemmas"])),
        stock_phrases=lower(raw["stock_phrases"]),
        incident_verbs=frozenset(lower(raw["incident_verbs"])),
        incident_verb_forms=frozenset(lower(raw["incident_verb_forms"])),
        reentry_cues=lower(raw["reentry_cues"]),
        route_cues={k: lower(v) for k, v in raw["route_cues"].items()},
        crossing_prepositions=frozenset(lower(raw["crossing_prepositions"])),
        origin_prepositions=frozenset(lower(raw["origin_prepositions"])),
        destination_prepositions=frozenset(lower(raw["destination_prepositions"])),
        sources=lower(raw["sources"]),
        attribution_cues=lower(raw["attribution_cues"]),
        headline_max_words=int(raw["headline_max_words"]),
        duration_lemmas=frozenset(lower(raw["duration_lemmas"])),
        event_objects=frozenset(lower(raw["event_objects"])),
        breakdown_nouns=frozenset(lower(raw["breakdown_nouns"])),
        small_group_max=int(raw["small_group_max"]),
        subset_cues=lower(raw["subset_cues"]),
        trigger_phrases=lower(raw["trigger_phrases"]),
        container_nouns=frozenset(lower(raw["container_nouns"])),
        end_point_cues=lower(raw.get("end_point_cues", [])),
        composition_cues=lower(raw.get("composition_cues", [])),
        parallel_links=frozenset(lower(raw.get("parallel_links", []))),
        tally_nouns=frozenset(lower(raw.get("tally_nouns", []))),
        attribution_lemmas=frozenset(lower(raw.get("attribution_lemmas", []))),
        vanish_lemmas=frozenset(lower(raw.get("vanish_lemmas", []))),
        visit_purpose_lemmas=frozenset(lower(raw.get("visit_purpose_lemmas", []))),
        delegation_nouns=frozenset(lower(raw.get("delegation_nouns", []))),
        vehicle_nouns=frozenset(lower(raw.get("vehicle_nouns", []))),
        aftermath_lemmas=frozenset(lower(raw.get("aftermath_lemmas", []))),
        kin_nouns=frozenset(lower(raw.get("kin_nouns", []))),
        ordinal_words=frozenset(lower(raw.get("ordinal_words", []))),
        separate_cues=lower(raw.get("separate_cues", [])),
        visitor_nouns=frozenset(lower(raw.get("visitor_nouns", []))),
        source_head_nouns=frozenset(lower(raw.get("source_head_nouns", []))),
    )
