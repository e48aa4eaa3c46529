"""Regex building blocks for the period normalizer, built once from configs/.

Every lexicon (month names, number words, rate words, eras...) comes from
``configs/time.json`` and ``configs/eras.json`` (house rule 1); this module only
turns them into regex *sources* (strings) and lookup helpers.  The rules that
combine them, and what each match means, live in :mod:`extractor.normalize.time`.

Conventions of the sources below:

* they contain no capturing groups, so they can be embedded anywhere; the rule
  patterns in ``time.py`` add named groups around them;
* month and weekday names are case-sensitive (``(?-i:...)``) so that the modal
  verb "may" and the verb "march" never look like months, while the rules are
  compiled with ``re.IGNORECASE`` ("Last year", "In the first half").
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from extractor.config import load_json

TIME = load_json("time.json")
ERAS = load_json("eras.json")


def alt(words, *, case_sensitive: bool = False) -> str:
    """An alternation of literal phrases, longest first, spaces matching any whitespace."""
    parts = sorted(set(words), key=len, reverse=True)
    body = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in parts)
    return f"(?-i:{body})" if case_sensitive else f"(?:{body})"


def norm_key(text: str) -> str:
    """Lookup key for a matched phrase: lower case, single spaces, straight quotes, no dots."""
    text = text.replace("\u2019", "'").replace(".", "").lower()
    return re.sub(r"\s+", " ", text).strip()


# --- months and weekdays ---------------------------------------------------------
MONTHS: dict[str, int] = {norm_key(k): v for k, v in TIME["months"].items()}
MONTHS.update({norm_key(k): v for k, v in TIME["month_abbreviations"].items()})
MONTH_NEEDS_CONTEXT = frozenset(
    [norm_key(m) for m in TIME["months_needing_context"]]
    + [norm_key(a) for a in TIME["month_abbreviations"]]
)
_FULL_MONTHS = alt(TIME["months"], case_sensitive=True)
_ABBR_MONTHS = alt({a.rstrip(".") for a in TIME["month_abbreviations"]}, case_sensitive=True)
MONTH = rf"(?:{_FULL_MONTHS}\b|{_ABBR_MONTHS}\b\.?)"
WEEKDAYS: dict[str, int] = {norm_key(k): v for k, v in TIME["weekdays"].items()}
WEEKDAY = rf"(?:{alt(TIME['weekdays'], case_sensitive=True)}\b)"
# "the night of", "dawn on", "the early hours of": a part of the day before a date or weekday.
TIME_OF_DAY = alt(TIME["times_of_day"])
TOD_LEAD = rf"(?:(?:the\s+)?{TIME_OF_DAY}\s+(?:of|on)\s+)"
TOD_TAIL = r"(?:\s+(?:morning|afternoon|evening|night))"
# "this morning", "overnight", "at 7:30 a.m. today": the publication day (or the day before).
SAME_DAY: dict[str, int] = {norm_key(k): v for k, v in TIME["same_day"].items()}
CLOCK = r"(?:\d{1,2}(?::\d{2})?\s*(?:a\.m\.|p\.m\.|am\b|pm\b)|\d{1,2}:\d{2}|noon|midnight)"
SAME_DAY_SRC = rf"(?P<clock>{CLOCK}\s+)?(?P<sd>{alt(TIME['same_day'])})|{CLOCK}\s+(?P<today>today)"

# --- seasons and fixed holidays ----------------------------------------------------------
SEASONS: dict[str, tuple[int, int]] = {norm_key(k): tuple(v) for k, v in TIME["seasons"].items()}
SEASON = rf"(?:{alt(TIME['seasons'])})\b"
SEASON_CONTEXT_PREPS = alt(TIME["season_context_prepositions"])
HOLIDAYS: dict[str, tuple[int, int]] = {norm_key(k): tuple(v) for k, v in TIME["fixed_holidays"].items()}
HOLIDAY = "(?-i:" + "|".join(
    re.escape(h).replace(r"\ ", r"\s+").replace("'", "['\u2019]")
    for h in sorted(TIME["fixed_holidays"], key=len, reverse=True)) + r")\b"
WEEK_OF_MONTH: dict[str, int] = {norm_key(k): v for k, v in TIME["week_of_month_ordinals"].items()}
WEEK_ORD = alt(TIME["week_of_month_ordinals"])

# --- numbers -----------------------------------------------------------------------
NUMBER_WORDS: dict[str, int] = {norm_key(k): v for k, v in TIME["number_words"].items()}
NUM = rf"(?:\d{{1,3}}|{alt(TIME['number_words'])})"
DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?![\d:])\b"
# 1900..2100, not part of a longer number ("1,998", "12024", "$2000") nor a decade ("1990s").
YEAR4 = r"(?<![\d,.$#£€])(?:19\d\d|20\d\d|2100)(?!\d|[,.]\d|['’]?s\b)"
COUNT_NOUNS = rf"(?!\s*(?:%|{alt(TIME['count_nouns'])}\b))"

# --- relative words ----------------------------------------------------------------
YEAR_REL = (
    r"(?:(?:this|last|next)\s+year|the\s+(?:previous|prior|preceding)\s+year"
    r"|a\s+year\s+(?:earlier|before|ago)"
    r"|the\s+year\s+(?:before|earlier)(?!\s+(?:last|the|that|this|its|their|his|her|a|an)\b))"
)
YEARX = rf"(?:{YEAR4}|{YEAR_REL})"
PARTS: dict[str, str] = {norm_key(k): v for k, v in TIME["parts"].items()}
PART = alt(TIME["parts"])
PART_SEP = r"(?:\s*-\s*|\s+)"
PART_CUTS = TIME["part_cuts"]
UNITS: dict[str, str] = dict(TIME["units"])
UNIT = alt(TIME["units"])
ROLLING = alt(TIME["rolling_words"])
HALF_ORDINALS: dict[str, int] = {norm_key(k): v for k, v in TIME["half_ordinals"].items()}
QUARTER_ORDINALS: dict[str, int] = {norm_key(k): v for k, v in TIME["quarter_ordinals"].items()}
HALF_ORD = alt(TIME["half_ordinals"])
QUARTER_ORD = alt(TIME["quarter_ordinals"])
RELATIONS: dict[str, str] = {norm_key(k): v for k, v in TIME["relations"].items()}
RELATION = alt(TIME["relations"])
NEUTRAL_PREPS = alt(TIME["neutral_prepositions"])
MONTH_CONTEXT_PREPS = alt(TIME["month_context_prepositions"])
YEAR_APPROXIMATORS = re.compile(
    rf"\b{alt(TIME['year_approximators'])}\s+$", re.IGNORECASE
)
DURATION_BLOCKERS = rf"(?!\s*(?:{alt(TIME['duration_blockers'])})(?!\w))"

# --- rates -------------------------------------------------------------------------
RATES: dict[str, str] = {norm_key(k): v for k, v in TIME["rates"].items()}
_RATE_ADJ = set(TIME["rate_adjectives"])
_RATE_FOLLOW = rf"(?=\s*(?:[.,;:)!?\"'’”]|$|{alt(TIME['rate_adjective_followers'])}\b))"
_RATE_BLOCK = rf"(?!\s+{alt(TIME['rate_blockers'])}\b)(?![-\w])"
_RATE_ARTICLE = [w for w in TIME["rates"] if w.startswith(("a ", "an "))]
_RATE_PLAIN = [w for w in TIME["rates"] if w not in _RATE_ADJ and w not in _RATE_ARTICLE]
# Rate words are matched in lower case only: "Daily NK" and "the JoongAng Daily" are names.
RATE = (
    f"(?-i:{alt(_RATE_ARTICLE)}{_RATE_BLOCK}|{alt(_RATE_PLAIN)}(?![-\\w])"
    rf"|{alt(_RATE_ADJ)}\b{_RATE_FOLLOW})"
)


# --- eras --------------------------------------------------------------------------
@dataclass(frozen=True)
class Era:
    id: str
    start: dt.date
    end: dt.date | None  # None: still running, ends on the publication date


def _era_regex(alias: str) -> str:
    """A tolerant pattern for one alias: spaces/hyphens interchangeable, curly or straight apostrophes."""
    tokens = []
    for token in alias.split():
        piece = re.escape(token).replace(r"\-", r"[-\s]?").replace("'", "['’]")
        tokens.append(piece)
    return r"\s+".join(tokens)


def era_key(text: str) -> str:
    """Lookup key for an era alias: lower case, no spaces, hyphens or dots."""
    return re.sub(r"[\s\-.]+", "", text.replace("\u2019", "'").lower())


def _load_eras() -> tuple[dict[str, Era], dict[str, Era], list[str], list[str]]:
    by_alias: dict[str, Era] = {}
    by_prefix: dict[str, Era] = {}
    aliases: list[str] = []
    prefixable: list[str] = []
    for row in ERAS["eras"]:
        end = dt.date.fromisoformat(row["end"]) if row.get("end") else None
        era = Era(row["id"], dt.date.fromisoformat(row["start"]), end)
        for alias in row["aliases"]:
            by_alias[era_key(alias)] = era
            aliases.append(alias)
        for word in row.get("prefixable", []):
            by_prefix[era_key(word)] = era
            prefixable.append(word)
    return by_alias, by_prefix, aliases, prefixable


ERAS_BY_ALIAS, ERAS_BY_PREFIX, _ERA_ALIASES, _ERA_PREFIXABLE = _load_eras()


def _era_alt(words: list[str]) -> str:
    if not words:
        return "(?!)"
    return "(?:" + "|".join(_era_regex(w) for w in sorted(words, key=len, reverse=True)) + ")"


ERA_NAME = _era_alt(_ERA_ALIASES)
ERA_PREFIXABLE = _era_alt(_ERA_PREFIXABLE)
ERA_EDGE = r"(?:the\s+(?:start|beginning|outbreak|onset|end)\s+of\s+)"


def strip_groups(source: str) -> str:
    """Turn named groups into non-capturing ones so a rule pattern can be embedded in another."""
    return re.sub(r"\(\?P<\w+>", "(?:", source)


# --- rule pattern sources (named groups; the rule table is in time.py) --------------
DASHES = ("-", "\u2013", "\u2014")
HAS_YEAR = re.compile(YEAR4)
_PARTP = rf"(?:(?P<part>{PART}){PART_SEP})?"
_OF_YEAR = rf"(?:\s+of\s+the\s+year)?(?:,?\s+(?:of\s+)?(?P<y>{YEARX}))?"

ISO_SRC = r"(?P<y>\d{4})-(?P<mo>\d{1,2})-(?P<d>\d{1,2})\b"
_DATE_LEAD = rf"{TOD_LEAD}?(?:{WEEKDAY},?\s+)?{TOD_LEAD}?"
_YEAR_OR_REL = rf"(?:{YEAR4}|(?:last|this)\s+year)"
DATE_MDY_SRC = (
    rf"{_DATE_LEAD}(?P<mon>{MONTH})\s*(?P<d1>{DAY})(?:\s*(?:-|\u2013|and)\s*(?P<d2>{DAY}))?"
    rf"(?:,?\s+(?P<y>{_YEAR_OR_REL}))?{COUNT_NOUNS}"
)
DATE_DMY_SRC = (
    rf"{_DATE_LEAD}(?:the\s+)?(?<![\d,.])(?P<d1>{DAY})(?:\s*[-\u2013]\s*(?P<d2>{DAY}))?"
    rf"\s+(?:of\s+)?(?P<mon>{MONTH})(?:,?\s+(?P<y>{_YEAR_OR_REL}))?"
)
MONTH_SRC = rf"{_PARTP}(?:(?P<rel>last|this|next)\s+)?(?P<mon>{MONTH})(?:,?\s+(?:of\s+)?(?P<y>{YEARX}))?"
MONTH_CTX_SRC = rf"{MONTH_CONTEXT_PREPS}\s+(?P<mon>{MONTH})"
YEAR_SRC = rf"{_PARTP}(?P<y>{YEAR4}){COUNT_NOUNS}"
YEAR_REL_SRC = rf"{_PARTP}(?P<rel>{YEAR_REL})"
DECADE_SRC = rf"(?:the\s+)?(?:(?P<part>{PART}){PART_SEP}(?:the\s+)?)?(?P<dec>(?:19|20)\d0)['\u2019]?s\b"
HALF_SRC = rf"(?:the\s+)?(?P<ord>{HALF_ORD})[-\s]+half{_OF_YEAR}"
HALF_CODE_SRC = rf"(?:H(?P<h1>[12])|(?P<h2>[12])H)\s*(?P<y>{YEAR4})"
QUARTER_SRC = rf"(?:the\s+)?(?P<ord>{QUARTER_ORD})[-\s]+quarter{_OF_YEAR}"
QCODE_SRC = rf"(?:Q(?P<q1>[1-4])|(?P<q2>[1-4])Q)(?:\s*(?:of\s+)?(?P<y>{YEAR4}))?"
QUARTER_REL_SRC = (
    r"(?:last|this|next)\s+quarter|the\s+(?:previous|prior|preceding)\s+quarter"
    r"|(?:a|the)\s+quarter\s+(?:earlier|before)(?!\s+(?:last|the|that|this|its|a|an)\b)"
)
FIRST_N_SRC = rf"(?:the\s+)?first\s+(?P<n>{NUM})\s+months{_OF_YEAR}"
MONTHS_TO_SRC = (
    rf"(?:(?:the\s+)?(?P<yr>year)|(?:the\s+)?(?P<n>{NUM})\s+months?)\s+(?:to|through|ending(?:\s+in)?"
    rf"|ended(?:\s+in)?|up\s+to)\s+(?:the\s+end\s+of\s+)?(?P<mon>{MONTH})(?:,?\s+(?P<y>{YEAR4}))?"
)
SO_FAR_SRC = (
    r"(?:earlier|so\s+far)\s+this\s+(?P<u>year|month|week)|this\s+(?P<u2>year|month)\s+so\s+far"
    r"|(?:the\s+)?year[-\s]to[-\s]date"
    r"|since\s+the\s+(?:start|beginning)\s+of\s+(?:the|this)\s+(?P<u3>year|month)"
    rf"|(?:so\s+far\s+in\s+(?P<y>{YEAR4})|(?:in\s+)?(?P<y2>{YEAR4})\s+so\s+far)"
)
MONTH_REL_SRC = (
    rf"{_PARTP}(?P<rel>(?:this|last|next)\s+month|the\s+(?:previous|prior|preceding)\s+month"
    r"|a\s+month\s+(?:earlier|before|ago))"
)
WEEK_REL_SRC = r"(?:this|last|next)\s+week|the\s+(?:previous|prior|preceding)\s+week|a\s+week\s+(?:earlier|before|ago)"
BEFORE_LAST_SRC = r"the\s+(?P<u>week|month|year)\s+before\s+last"
WEEKEND_SRC = r"(?P<rel>last|(?:this|the)\s+past|the)\s+weekend"
WEEK_OF_MONTH_SRC = (
    rf"(?:the\s+)?(?P<ord>{WEEK_ORD})\s+week\s+of\s+(?P<mon>{MONTH})(?:,?\s+(?:of\s+)?(?P<y>{YEARX}))?"
)
WEEKDAY_SRC = (
    rf"{TOD_LEAD}?(?:(?:early|late)\s+)?(?:(?P<rel>this\s+past|last|this|past)\s+)?(?P<wd>{WEEKDAY})"
    rf"{TOD_TAIL}?"
)
SEASON_SRC = (
    rf"(?:(?P<rel>last|this|past|next)\s+)?(?:the\s+)?(?P<season>{SEASON})(?:\s+of)?"
    rf"(?:,?\s+(?P<y>{YEAR4})(?:\s*[-\u2013/]\s*(?P<y2>\d\d(?!\d)|{YEAR4}))?)?"
)
SEASON_CTX_SRC = rf"{SEASON_CONTEXT_PREPS}\s+the\s+(?P<season>{SEASON})"
HOLIDAY_SRC = rf"{TOD_LEAD}?(?P<hol>{HOLIDAY})(?:,?\s+(?P<y>{_YEAR_OR_REL}))?"
PAST_N_SRC = rf"(?:(?P<the>the)\s+)?(?P<rel>{ROLLING})\s+(?:(?P<n>{NUM})\s+)?(?P<unit>{UNIT})\b"
AGO_SRC = rf"(?P<n>{NUM}|an?)\s+(?P<unit>{UNIT})\s+ago(?P<today>\s+today)?"
IN_A_SRC = rf"(?:in|within)\s+(?:an?|one)\s+(?P<unit>{UNIT})\b(?!\s+(?:or|and)\b)"
DURATION_SRC = rf"(?<![\d,.])(?P<n>{NUM})\s+(?P<unit>{UNIT})\b{DURATION_BLOCKERS}"
SAME_PERIOD_SRC = rf"the\s+same\s+(?:period|time|months?|quarter|half)\s+(?:of\s+|in\s+)?{YEAR_REL}"
ERA_SRC = (
    rf"(?P<edge>{ERA_EDGE})?(?:(?P<era>{ERA_NAME})|(?P<pp>pre|post)-?(?P<short>{ERA_PREFIXABLE}))"
)
_SIDE = "|".join(strip_groups(s) for s in (ISO_SRC, DATE_MDY_SRC, DATE_DMY_SRC,
                                           rf"{MONTH}(?:,?\s+{YEAR4})?", YEAR4))
RANGE_SRC = (
    rf"(?:(?P<pre>from|between)\s+)?(?:the\s+)?(?P<a>{_SIDE})"
    rf"(?P<conn>\s*[-\u2013\u2014]\s*|\s+(?:to|through|until|till|and)\s+)(?P<b>{_SIDE}|\d\d(?!\d))"
    rf"(?:\s+(?:period|quarter|months))?(?:,?\s+(?:of\s+)?(?P<y>{YEARX}))?"
)
_TARGET = "|".join(strip_groups(s) for s in (
    ERA_SRC, ISO_SRC, DATE_MDY_SRC, DATE_DMY_SRC, HALF_CODE_SRC, HALF_SRC, QUARTER_SRC,
    QCODE_SRC, MONTH_SRC, DECADE_SRC, YEAR_SRC, YEAR_REL_SRC, MONTH_REL_SRC, WEEKDAY_SRC, SEASON_SRC,
    HOLIDAY_SRC))
RELATION_SRC = rf"(?P<rel>{RELATION})\s+(?P<x>{_TARGET})|from\s+(?P<fx>{_TARGET})\s+onwards?"

