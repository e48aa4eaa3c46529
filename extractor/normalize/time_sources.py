"""Regex sources of the period normalizer, built from one ``time.json`` and ``eras.json``.

:func:`rule_sources` turns the lexicons (month names, number words, rate words,
eras...) into one regex *source* (a string) per rule of
:class:`~extractor.normalize.time_grammar.TimeGrammar`, keyed by the rule's
name; what each match means is decided by the resolvers
(:mod:`~extractor.normalize.time_resolvers`, :mod:`~extractor.normalize.time_relative`).
Sources that do not depend on the lexicons are module constants.

Conventions of the sources below:

* building blocks contain no capturing groups, so they can be embedded anywhere;
  the rule sources add named groups around them;
* month and weekday names are case-sensitive (``(?-i:...)``) so that the modal
  verb "may" and the verb "march" never look like months, while the rules are
  compiled with ``re.IGNORECASE`` ("Last year", "In the first half").
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from extractor.normalize.time_words import TimeWords, alt

# --- sources that do not depend on the lexicons ------------------------------------------
CLOCK = r"(?:\d{1,2}(?::\d{2})?\s*(?:a\.m\.|p\.m\.|am\b|pm\b)|\d{1,2}:\d{2}|noon|midnight)"
TOD_TAIL = r"(?:\s+(?:morning|afternoon|evening|night))"
DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?![\d:])\b"
# 1900..2100, not part of a longer number ("1,998", "12024", "$2000") nor a decade ("1990s").
YEAR4 = r"(?<![\d,.$#£€])(?:19\d\d|20\d\d|2100)(?!\d|[,.]\d|['’]?s\b)"
YEAR_REL = (
    r"(?:(?:this|last|next)\s+year|the\s+(?:previous|prior|preceding)\s+year"
    r"|a\s+year\s+(?:earlier|before|ago)"
    r"|the\s+year\s+(?:before|earlier)(?!\s+(?:last|the|that|this|its|their|his|her|a|an)\b))"
)
YEARX = rf"(?:{YEAR4}|{YEAR_REL})"
PART_SEP = r"(?:\s*-\s*|\s+)"
ERA_EDGE = r"(?:the\s+(?:start|beginning|outbreak|onset|end)\s+of\s+)"
DASHES = ("-", "\u2013", "\u2014")
HAS_YEAR = re.compile(YEAR4)
_YEAR_OR_REL = rf"(?:{YEAR4}|(?:last|this)\s+year)"

FIXED_SOURCES: dict[str, str] = {
    "iso": r"(?P<y>\d{4})-(?P<mo>\d{1,2})-(?P<d>\d{1,2})\b",
    "half_code": rf"(?:H(?P<h1>[12])|(?P<h2>[12])H)\s*(?P<y>{YEAR4})",
    "qcode": rf"(?:Q(?P<q1>[1-4])|(?P<q2>[1-4])Q)(?:\s*(?:of\s+)?(?P<y>{YEAR4}))?",
    "quarter_rel": (
        r"(?:last|this|next)\s+quarter|the\s+(?:previous|prior|preceding)\s+quarter"
        r"|(?:a|the)\s+quarter\s+(?:earlier|before)(?!\s+(?:last|the|that|this|its|a|an)\b)"
    ),
    "so_far": (
        r"(?:earlier|so\s+far)\s+this\s+(?P<u>year|month|week)|this\s+(?P<u2>year|month)\s+so\s+far"
        r"|(?:the\s+)?year[-\s]to[-\s]date"
        r"|since\s+the\s+(?:start|beginning)\s+of\s+(?:the|this)\s+(?P<u3>year|month)"
        rf"|(?:so\s+far\s+in\s+(?P<y>{YEAR4})|(?:in\s+)?(?P<y2>{YEAR4})\s+so\s+far)"
    ),
    "week_rel": r"(?:this|last|next)\s+week|the\s+(?:previous|prior|preceding)\s+week"
                r"|a\s+week\s+(?:earlier|before|ago)",
    "before_last": r"the\s+(?P<u>week|month|year)\s+before\s+last",
    "weekend": r"(?P<rel>last|(?:this|the)\s+past|the)\s+weekend",
    "yesterday": r"yesterday",
    "same_period": rf"the\s+same\s+(?:period|time|months?|quarter|half)\s+(?:of\s+|in\s+)?{YEAR_REL}",
}


def strip_groups(source: str) -> str:
    """Turn named groups into non-capturing ones so a rule pattern can be embedded in another."""
    return re.sub(r"\(\?P<\w+>", "(?:", source)


def rule_sources(time: Mapping[str, Any], words: TimeWords) -> dict[str, str]:
    """The regex source of every rule, by rule name, plus ``neutral_preps`` (a building block)."""
    a = _atoms(time, words)
    sources = {**FIXED_SOURCES, **_date_sources(a), **_period_sources(a), "rate": _rate(time)}
    sources["era"] = (
        rf"(?P<edge>{ERA_EDGE})?(?:(?P<era>{a['era_name']})|(?P<pp>pre|post)-?(?P<short>{a['era_prefixable']}))"
    )
    sources.update(_compound_sources(sources, a))
    sources["neutral_preps"] = a["neutral_preps"]
    return sources


def _atoms(time: Mapping[str, Any], words: TimeWords) -> dict[str, str]:
    """Building blocks without groups: month and weekday names, numbers, parts, units..."""
    full_months = alt(time["months"], case_sensitive=True)
    abbr_months = alt({a.rstrip(".") for a in time["month_abbreviations"]}, case_sensitive=True)
    part = alt(time["parts"])
    # "the night of", "dawn on", "the early hours of": a part of the day before a date or weekday.
    tod_lead = rf"(?:(?:the\s+)?{alt(time['times_of_day'])}\s+(?:of|on)\s+)"
    weekday = rf"(?:{alt(time['weekdays'], case_sensitive=True)}\b)"
    holiday = "(?-i:" + "|".join(
        re.escape(h).replace(r"\ ", r"\s+").replace("'", "['\u2019]")
        for h in sorted(time["fixed_holidays"], key=len, reverse=True)) + r")\b"
    return {
        "month": rf"(?:{full_months}\b|{abbr_months}\b\.?)", "weekday": weekday, "tod_lead": tod_lead,
        "date_lead": rf"{tod_lead}?(?:{weekday},?\s+)?{tod_lead}?",
        "same_day": alt(time["same_day"]), "season": rf"(?:{alt(time['seasons'])})\b",
        "season_context_preps": alt(time["season_context_prepositions"]), "holiday": holiday,
        "week_ord": alt(time["week_of_month_ordinals"]),
        "century_ord": _alt_or_never(time.get("century_ordinals", {})),
        "end_relation": _alt_or_never(time.get("end_relations", {})),
        "num": rf"(?:\d{{1,3}}|{alt(time['number_words'])})",
        "count_nouns": rf"(?!\s*(?:%|{alt(time['count_nouns'])}\b))",
        "part": part, "partp": rf"(?:(?P<part>{part}){PART_SEP})?",
        "unit": alt(time["units"]), "rolling": alt(time["rolling_words"]),
        "half_ord": alt(time["half_ordinals"]), "quarter_ord": alt(time["quarter_ordinals"]),
        "relation": alt(time["relations"]), "neutral_preps": alt(time["neutral_prepositions"]),
        "month_context_preps": alt(time["month_context_prepositions"]),
        "duration_blockers": rf"(?!\s*(?:{alt(time['duration_blockers'])})(?!\w))",
        "era_name": _era_alt(words.era_aliases), "era_prefixable": _era_alt(words.era_prefixable),
    }


def _date_sources(a: dict[str, str]) -> dict[str, str]:
    """Days, months, years, weekdays, seasons and holidays."""
    month, partp = a["month"], a["partp"]
    return {
        "date_mdy": (
            rf"{a['date_lead']}(?P<mon>{month})\s*(?P<d1>{DAY})(?:\s*(?:-|\u2013|and)\s*(?P<d2>{DAY}))?"
            rf"(?:,?\s+(?P<y>{_YEAR_OR_REL}))?{a['count_nouns']}"
        ),
        "date_dmy": (
            rf"{a['date_lead']}(?:the\s+)?(?<![\d,.])(?P<d1>{DAY})(?:\s*[-\u2013]\s*(?P<d2>{DAY}))?"
            rf"\s+(?:of\s+)?(?P<mon>{month})(?:,?\s+(?P<y>{_YEAR_OR_REL}))?"
        ),
        "month": rf"{partp}(?:(?P<rel>last|this|next)\s+)?(?P<mon>{month})(?:,?\s+(?:of\s+)?(?P<y>{YEARX}))?",
        "month_ctx": rf"{a['month_context_preps']}\s+(?P<mon>{month})",
        "year": rf"{partp}(?P<y>{YEAR4}){a['count_nouns']}",
        "year_rel": rf"{partp}(?P<rel>{YEAR_REL})",
        "part_year": rf"(?P<part>{a['part']}){PART_SEP}the\s+(?P<u>year|month)\b",
        # "the 20th century" only: "20th-century buildings" and "21st Century Fox" are no period
        "century": rf"the\s+(?P<c>\d{{1,2}}(?:st|nd|rd|th)|{a['century_ord']})\s+century\b(?!-)",
        "decade": rf"(?:the\s+)?(?:(?P<part>{a['part']}){PART_SEP}(?:the\s+)?)?(?P<dec>(?:19|20)\d0)['\u2019]?s\b",
        "week_of_month": (
            rf"(?:the\s+)?(?P<ord>{a['week_ord']})\s+week\s+of\s+(?P<mon>{month})"
            rf"(?:,?\s+(?:of\s+)?(?P<y>{YEARX}))?"
        ),
        "weekday": (
            rf"{a['tod_lead']}?(?:(?:early|late)(?:\s+on)?\s+)?(?:(?P<rel>this\s+past|last|this|past)\s+)?"
            rf"(?P<wd>{a['weekday']}){TOD_TAIL}?"
        ),
        "season": (
            rf"(?:(?P<rel>last|this|past|next)\s+)?(?:the\s+)?(?P<season>{a['season']})(?:\s+of)?"
            rf"(?:,?\s+(?P<y>{YEAR4})(?:\s*[-\u2013/]\s*(?P<y2>\d\d(?!\d)|{YEAR4}))?)?"
        ),
        "season_ctx": rf"{a['season_context_preps']}\s+the\s+(?P<season>{a['season']})",
        "holiday": rf"{a['tod_lead']}?(?P<hol>{a['holiday']})(?:,?\s+(?P<y>{_YEAR_OR_REL}))?",
        "same_day": rf"(?P<clock>{CLOCK}\s+)?(?P<sd>{a['same_day']})|{CLOCK}\s+(?P<today>today)|(?P<bare>today)",
    }


def _period_sources(a: dict[str, str]) -> dict[str, str]:
    """Halves, quarters, month windows, relative months and rolling windows."""
    of_year = rf"(?:\s+of\s+the\s+year)?(?:,?\s+(?:of\s+)?(?P<y>{YEARX}))?"
    num, unit = a["num"], a["unit"]
    return {
        "half": rf"(?:the\s+)?(?P<ord>{a['half_ord']})[-\s]+half{of_year}",
        "quarter": rf"(?:the\s+)?(?P<ord>{a['quarter_ord']})[-\s]+quarter{of_year}",
        "first_n_months": rf"(?:the\s+)?first\s+(?P<n>{num})\s+months{of_year}",
        "months_to": (
            rf"(?:(?:the\s+)?(?P<yr>year)|(?:the\s+)?(?P<n>{num})\s+months?)\s+(?:to|through|ending(?:\s+in)?"
            rf"|ended(?:\s+in)?|up\s+to)\s+(?:the\s+end\s+of\s+)?(?P<mon>{a['month']})(?:,?\s+(?P<y>{YEAR4}))?"
        ),
        "month_rel": (
            rf"{a['partp']}(?P<rel>(?:this|last|next)\s+month|the\s+(?:previous|prior|preceding)\s+month"
            r"|a\s+month\s+(?:earlier|before|ago))"
        ),
        "past_n": rf"(?:(?P<the>the)\s+)?(?P<rel>{a['rolling']})\s+(?:(?P<n>{num})\s+)?(?P<unit>{unit})\b",
        "ago": rf"(?P<n>{num}|an?)\s+(?P<unit>{unit})\s+ago(?P<today>\s+today)?",
        "in_a": rf"(?:in|within)\s+(?:an?|one)\s+(?P<unit>{unit})\b(?!\s+(?:or|and)\b)",
        "duration": rf"(?<![\d,.])(?P<n>{num})\s+(?P<unit>{unit})\b{a['duration_blockers']}",
    }


def _compound_sources(s: dict[str, str], a: dict[str, str]) -> dict[str, str]:
    """Ranges ("from 2011 to 2019") and relations ("since the pandemic") built from other rules."""
    side = "|".join(strip_groups(x) for x in (s["iso"], s["date_mdy"], s["date_dmy"],
                                              rf"{a['month']}(?:,?\s+{YEAR4})?", YEAR4))
    target = "|".join(strip_groups(s[name]) for name in (
        "era", "iso", "date_mdy", "date_dmy", "half_code", "half", "quarter", "qcode", "month", "decade",
        "year", "year_rel", "month_rel", "weekday", "season", "holiday", "same_day", "part_year", "century"))
    dates = "|".join(strip_groups(s[name]) for name in ("date_mdy", "date_dmy"))
    return {
        "week_of": rf"(?:the\s+)?week\s+of\s+(?P<d>{dates})",
        "unit_before": rf"the\s+(?P<unit>decade|year)\s+(?:before|prior\s+to|preceding)\s+(?P<x>{target})",
        "range": (
            rf"(?:(?P<pre>from|between)\s+)?(?:the\s+)?(?P<a>{side})"
            rf"(?P<conn>\s*[-\u2013\u2014]\s*|\s+(?:to|through|until|till|and)\s+)(?P<b>{side}|\d\d(?!\d))"
            rf"(?:\s+(?:period|quarter|months))?(?:,?\s+(?:of\s+)?(?P<y>{YEARX}))?"
        ),
        "relation": (
            rf"(?P<rel>{a['relation']})\s+(?P<x>{target})|from\s+(?P<fx>{target})\s+onwards?"
            rf"|(?P<erel>{a['end_relation']})\s+(?P<ex>(?=the\s+end\s+of\b)(?:{target}))"
        ),
    }


def _rate(time: Mapping[str, Any]) -> str:
    """Rate words ("annually", "a year", "daily") in lower case only: "Daily NK" is a name."""
    adjectives = set(time["rate_adjectives"])
    follow = rf"(?=\s*(?:[.,;:)!?\"'’”]|$|{alt(time['rate_adjective_followers'])}\b))"
    block = rf"(?!\s+{alt(time['rate_blockers'])}\b)(?![-\w])"
    article = [w for w in time["rates"] if w.startswith(("a ", "an "))]
    plain = [w for w in time["rates"] if w not in adjectives and w not in article]
    return f"(?-i:{alt(article)}{block}|{alt(plain)}(?![-\\w])|{alt(adjectives)}\\b{follow})"


def _era_regex(alias: str) -> str:
    """A tolerant pattern for one alias: spaces/hyphens interchangeable, curly or straight apostrophes."""
    tokens = []
    for token in alias.split():
        piece = re.escape(token).replace(r"\-", r"[-\s]?").replace("'", "['’]")
        tokens.append(piece)
    return r"\s+".join(tokens)


def _alt_or_never(words) -> str:
    """``alt`` of the words, or a pattern that never matches when a rules directory has none."""
    return alt(words) if words else "(?!)"


def _era_alt(words: list[str]) -> str:
    if not words:
        return "(?!)"
    return "(?:" + "|".join(_era_regex(w) for w in sorted(words, key=len, reverse=True)) + ")"
