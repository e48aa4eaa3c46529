"""The assembler's word lists (``configs/lexicon.json``) as one checked, immutable model.

Every key of the file is a field here, declared once: an unknown or misspelt
key, a defector type or route outside the contract, or a missing key is a
validation error (reported by :mod:`extractor.rules` as ``config_invalid``),
never a rule silently turned off. Words are lower-cased on load. Keys that
start with ``_`` are comments.
"""

from __future__ import annotations

from functools import cached_property
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict

from extractor.records import DefectorType, Route


def _lower_all(items: Any) -> Any:
    if isinstance(items, (list, tuple, set, frozenset)):
        return [item.lower() if isinstance(item, str) else item for item in items]
    return items


Words = Annotated[frozenset[str], BeforeValidator(_lower_all)]      # membership tests
Phrases = Annotated[tuple[str, ...], BeforeValidator(_lower_all)]   # substring tests, in order


class Lexicon(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    defector_types: dict[DefectorType, Phrases]       # canonical type -> its synonyms
    defection_nouns: Words
    people_nouns: Words
    group_nouns: Words
    triggers: Words
    strong_triggers: Words
    trigger_phrases: Phrases
    subject_negative_lemmas: Words
    arrival_lemmas: Words
    companion_phrases: Phrases
    negative_lemmas: Words
    negative_phrases: Phrases
    forecast_lemmas: Words
    reporting_lemmas: Words
    stock_lemmas: Words
    stock_phrases: Phrases
    incident_verbs: Words
    incident_verb_forms: Words
    reentry_cues: Phrases
    route_cues: dict[Route, Phrases]
    crossing_prepositions: Words
    origin_prepositions: Words
    destination_prepositions: Words
    sources: Phrases
    headline_max_words: int
    duration_lemmas: Words
    event_objects: Words
    breakdown_nouns: Words
    part_attribute_lemmas: Words
    share_words: Words
    small_group_max: int
    subset_cues: Phrases
    container_nouns: Words
    end_point_cues: Phrases
    composition_cues: Phrases
    parallel_links: Words
    tally_nouns: Words
    attribution_lemmas: Words
    vanish_lemmas: Words
    going_back_lemmas: Words
    search_lemmas: Words
    some_determiners: Words
    naming_lemmas: Words
    event_abroad_nouns: Words
    event_abroad_prepositions: Words
    visit_purpose_lemmas: Words
    delegation_nouns: Words
    vehicle_nouns: Words
    aftermath_lemmas: Words
    kin_nouns: Words
    ordinal_words: Words
    separate_cues: Phrases
    visitor_nouns: Words
    source_head_nouns: Words
    report_ambiguous_type_terms: Words   # type words that are also adjectives, for the report
    # contract v1.2 senses that are no defection (assemble/senses.py)
    non_state_origins: Phrases       # "escaped from a prison work detail": the place left is a prison
    non_state_destinations: Words    # "defected to hated rivals": a party or a club, not a state
    politician_nouns: Words          # "councillors have switched": party changes unless a country is named
    war_flight_cues: Phrases         # "fled her home", "since the war began": flight from a war
    civilian_nouns: Words            # movers a war cue in their paragraph makes war refugees
    weak_triggers: Words             # "rescued", "found": a defection only with another cue in the sentence
    running_total_verbs: Words       # "bringing the number of X to N": a running total of X
    running_total_nouns: Words       # the number, total or list a running total verb sets
    defection_event_nouns: Words     # defection nouns naming events ("crossings"), not people ("defectors")
    statistic_verbs: Words           # "rose to 196", "was 61": verbs a bare figure of the topic hangs on
    movement_verbs: Words            # "arrived", "entered": a defection only with a border, a state or a cue
    movement_nouns: Words            # "arrival", "crossing": defection nouns that are movements too
    border_nouns: Phrases            # "the border", "the river": what a movement crosses to be a defection
    org_head_words: Words            # "Red Crescent", "Volcker Rule": a name that is no person's
    captivity_lemmas: Words          # "after giving themselves up ... were held": the main clause undoes it
    defector_activity_lemmas: Words  # "defectors gathered", "defectors learn": what defectors do, no figure
    trigger_objects: dict[str, Words]  # "seek" -> asylum, refuge ...: the trigger counts only with these objects

    # --- word sets the assembler once kept in Python (extractor/assemble/) -------------------
    bare_count_nouns: Words          # "the number rose to 196": a count with no noun of its own
    age_cues: Words                  # "aged 22": an age, not a count
    handover_lemmas: Words           # "returned 150 prisoners": handed over by others
    topical_lemmas: Words            # a sentence about defection
    relative_figure_lemmas: Words    # "among 220 who have been resettled": the figure's own verb
    destination_verbs: Words         # "reached Seoul": the object is the destination
    origin_verbs: Words              # "fled Pyongyang": the object is the place left
    crossing_verbs: Words            # "crossed the Tumen": the object is the crossing point
    abroad_types: Words              # defector types posted abroad: route third_country
    source_verbs: Words              # their subject names the source (narrower than reporting_lemmas)
    non_source_prefixes: Phrases     # "according to a report ...": a document, not a source
    inter_korean_lines: Words        # gazetteer names of the lines between the Koreas (lower case)
    comparison_cues: Phrases         # "the previous year": a figure compared with
    generic_people: Words            # "people", "defectors": no specific group
    member_nouns: Words              # "members of Burundi's team": one group
    same_period_phrases: Phrases     # "the same period last year"
    companion_core_words: Words      # clause words kept with an incident's people (relatives)

    # --- recall of defection events (issue 13) --------------------------------------------------
    person_role_nouns: Words         # offices and ranks: people who can defect, with no defector type
    owned_event_nouns: Words         # "the defection of Hwang": an event noun a person's name can own
    fate_lemmas: Words               # "a soldier who had defected was killed": a main clause that denies it
    stay_phrases: Phrases            # "refused to return home": staying abroad beats the negatives inside
    back_cues: Phrases               # "went back", "slipped back": in a Korean story, a re-defection (KR -> KP)
    land_border_nouns: Words         # "the border": with a land crossing verb between the Koreas, the DMZ
    land_crossing_lemmas: Words      # "walked across", "ran across": crossing on foot
    party_switch_nouns: Words        # "defected to the opposition party": a party, club or side, no state

    @classmethod
    def from_config(cls, table: dict[str, Any]) -> "Lexicon":
        """The lexicon of one parsed ``lexicon.json`` (comment keys dropped)."""
        if not isinstance(table, dict):
            raise TypeError("lexicon.json must hold one JSON object")
        return cls.model_validate({k: v for k, v in table.items() if not k.startswith("_")})

    @cached_property
    def type_words(self) -> dict[str, str]:
        """Surface word or phrase (lower case) -> canonical defector type."""
        words: dict[str, str] = {}
        for canonical, synonyms in self.defector_types.items():
            for word in (canonical, *synonyms):
                words.setdefault(word.lower(), canonical)
        return words
