"""Facts across articles: the matching rules, table-driven, and the consolidated values."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from extractor.facts import build_facts
from extractor.records import Period
from factbuild import count, day, meta, month, place, record, stock, vague, year


def pair(first, second, published=("2024-01-10", "2024-01-12")):
    """Two records from two articles (a, b), a published first."""
    return [(meta("a", published[0]), first), (meta("b", published[1]), second)]


CASES = [
    # name, records of article a and b, number of facts, conflict fields of the first fact
    ("more than 100 admits 105", record("a1", count=count(100, "more_than"), period=year(2023)),
     record("b1", count=count(105), period=year(2023)), 1, []),
    ("nearly 200 admits 196", record("a1", count=count(200, "less_than", "nearly 200"), period=year(2023)),
     record("b1", count=count(196), period=year(2023)), 1, []),
    ("about 200 admits 196", record("a1", count=count(200, "approximate"), period=year(2023)),
     record("b1", count=count(196), period=year(2023)), 1, []),
    ("hundreds admits 300", record("a1", count=vague(200, 999, "hundreds"), period=year(2023)),
     record("b1", count=count(300), period=year(2023)), 1, []),
    ("196 vs 195 for one year: a count conflict", record("a1", count=count(196), period=year(2023)),
     record("b1", count=count(195), period=year(2023)), 1, ["count"]),
    ("other years are other facts", record("a1", count=count(196), period=year(2023)),
     record("b1", count=count(196), period=year(2022)), 2, []),
    ("other defector types are other facts", record("a1", count=count(10), period=year(2023)),
     record("b1", count=count(10), period=year(2023), defector_types=["soldier"]), 2, []),
    ("a rate is not the year's figure", record("a1", count=count(1000, "approximate"), period=year(2023)),
     record("b1", count=count(1000, "approximate"), period=year(2023).model_copy(update={"rate": "per_year"})),
     2, []),
    ("a null count never contradicts", record("a1", count=None, period=year(2023)),
     record("b1", count=count(196), period=year(2023)), 1, []),
    ("open stocks three weeks apart: one stock",
     record("a1", count=count(34000, "more_than"), period=stock("2024-03-01")),
     record("b1", count=count(34078), period=stock("2024-03-22")), 1, []),
    ("open stocks 31 days apart: one stock", record("a1", count=count(34078), period=stock("2024-03-01")),
     record("b1", count=count(34078), period=stock("2024-04-01")), 1, []),
    ("open stocks two months apart: two", record("a1", count=count(34000, "more_than"), period=stock("2024-03-01")),
     record("b1", count=count(34078), period=stock("2024-05-01")), 2, []),
    ("a day inside a month: one incident", record("a1", "incident", count=count(9), period=month(2024, 5)),
     record("b1", "incident", count=count(9), period=day("2024-05-06")), 1, []),
    ("a day inside a year: one incident", record("a1", "incident", count=count(1), period=year(2023)),
     record("b1", "incident", count=count(1), period=day("2023-08-20")), 1, []),
    ("a day inside years (compared with every record): one incident",
     record("a1", "incident", count=count(1), period=year(2020).model_copy(update={"end": dt.date(2024, 12, 31)})),
     record("b1", "incident", count=count(1), period=day("2023-08-20")), 1, []),
    ("May 6 vs May 8: one incident, a period conflict", record("a1", "incident", period=day("2024-05-06")),
     record("b1", "incident", period=day("2024-05-08")), 1, ["period"]),
    ("May 6 vs May 9 (3 days): one incident, a period conflict", record("a1", "incident", period=day("2024-05-06")),
     record("b1", "incident", period=day("2024-05-09")), 1, ["period"]),
    ("May 6 vs May 10 (4 days): two incidents", record("a1", "incident", period=day("2024-05-06")),
     record("b1", "incident", period=day("2024-05-10")), 2, []),
    ("a re-defection KR to KP is never a KP to KR defection",
     record("a1", "incident", count=count(1), period=day("2024-05-06")),
     record("b1", "incident", count=count(1), period=day("2024-05-06"), origin="KR", destination="KP"), 2, []),
    ("incidents with contradicting counts are two", record("a1", "incident", count=count(9), period=day("2024-05-06")),
     record("b1", "incident", count=count(2), period=day("2024-05-06")), 2, []),
    ("nearly 10 admits 9 in an incident",
     record("a1", "incident", count=count(10, "less_than", "nearly 10"), period=day("2024-05-06")),
     record("b1", "incident", count=count(9), period=day("2024-05-06")), 1, []),
    ("incidents by sea and over the DMZ are two", record("a1", "incident", route="maritime", period=day("2024-05-06")),
     record("b1", "incident", route="dmz", period=day("2024-05-06")), 2, []),
    ("an unknown route never contradicts", record("a1", "incident", route="maritime", period=day("2024-05-06")),
     record("b1", "incident", period=day("2024-05-06")), 1, []),
    ("disjoint types are two incidents", record("a1", "incident", defector_types=["soldier"], period=day("2024-05-06")),
     record("b1", "incident", defector_types=["fisherman"], period=day("2024-05-06")), 2, []),
    ("no types never contradicts", record("a1", "incident", defector_types=["soldier"], period=day("2024-05-06")),
     record("b1", "incident", period=day("2024-05-06")), 1, []),
    ("other crossing places are two incidents",
     record("a1", "incident", locations=[place("Gangwon")], period=day("2024-05-06")),
     record("b1", "incident", locations=[place("Ganghwa")], period=day("2024-05-06")), 2, []),
    ("undated incidents stay apart", record("a1", "incident", count=count(1)),
     record("b1", "incident", count=count(1)), 2, []),
    ("an incident whose period fixes no date stays apart",
     record("a1", "incident", count=count(1), period=Period(granularity="day", text="on Tuesday")),
     record("b1", "incident", count=count(1), period=day("2024-05-06")), 2, []),
]


@pytest.mark.parametrize("name,first,second,number,conflicts", CASES, ids=[case[0] for case in CASES])
def test_matching_rules(name, first, second, number, conflicts):
    facts = build_facts(pair(first, second))
    assert len(facts) == number
    if number == 1:
        assert [c.field for c in facts[0].conflicts] == conflicts
        assert sorted(s.record_id for s in facts[0].sources) == ["a1", "b1"]


@pytest.mark.parametrize("first,second,value,qualifier", [
    (count(200, "less_than", "nearly 200"), count(196), 196, "exact"),
    (count(196), count(200, "less_than", "nearly 200"), 196, "exact"),
    (count(100, "more_than"), count(105), 105, "exact"),
    (count(200, "approximate"), count(200), 200, "exact"),
])
def test_the_precise_count_wins_over_a_vaguer_compatible_one(first, second, value, qualifier):
    fact, = build_facts(pair(record("a1", count=first, period=year(2023)),
                             record("b1", count=second, period=year(2023))))
    assert (fact.count.value, fact.count.qualifier) == (value, qualifier)


def test_a_count_conflict_lists_each_value_and_the_majority_wins():
    items = pair(record("a1", count=count(195), period=year(2023)), record("b1", count=count(196), period=year(2023)))
    items.append((meta("c", "2024-01-15"), record("c1", count=count(196), period=year(2023))))
    fact, = build_facts(items)
    assert fact.count.value == 196
    conflict, = fact.conflicts
    assert [(v.value["value"], v.record_ids) for v in conflict.values] == [(195, ["a1"]), (196, ["b1", "c1"])]


def test_a_tie_goes_to_the_earliest_publication():
    late_first = pair(record("a1", count=count(196), period=year(2023)),
                      record("b1", count=count(195), period=year(2023)),
                      published=("2024-02-01", "2024-01-05"))
    fact, = build_facts(late_first)
    assert fact.count.value == 195


def test_a_day_inside_a_month_is_the_consolidated_date():
    fact, = build_facts(pair(record("a1", "incident", period=month(2024, 5)),
                             record("b1", "incident", period=day("2024-05-06"))))
    assert (fact.period.start, fact.period.granularity) == (dt.date(2024, 5, 6), "day")


def test_a_period_conflict_names_both_dates():
    fact, = build_facts(pair(record("a1", "incident", period=day("2024-05-06")),
                             record("b1", "incident", period=day("2024-05-09"))))
    values = fact.conflicts[0].values
    assert [(v.value["start"], v.record_ids) for v in values] == [("2024-05-06", ["a1"]), ("2024-05-09", ["b1"])]


def test_null_fields_never_win_over_values():
    fact, = build_facts(pair(record("a1", "incident", period=day("2024-05-06")),
                             record("b1", "incident", period=day("2024-05-06"), count=count(9), route="maritime",
                                    defector_types=["fisherman"], locations=[place("Sokcho")], reported_by="JCS")))
    assert (fact.count.value, fact.route, fact.reported_by) == (9, "maritime", "JCS")
    assert fact.defector_types == ["fisherman"]
    assert [loc.name for loc in fact.locations] == ["Sokcho"]
    assert fact.conflicts == []


def test_two_records_of_one_article_are_never_one_fact():
    whole, part = record("a1", count=count(196), period=year(2023)), record("a2", count=count(32), period=year(2023))
    items = [(meta("a"), whole), (meta("a"), part),
             (meta("b", "2024-01-12"), record("b1", count=count(196), period=year(2023)))]
    facts = build_facts(items)
    assert sorted(sorted(s.record_id for s in f.sources) for f in facts) == [["a1", "b1"], ["a2"]]
    assert all(f.conflicts == [] for f in facts)
    assert len({f.fact_id for f in facts}) == 2


def test_one_text_through_two_inputs_is_one_source_per_input():
    rec = record("r1", count=count(196), period=year(2023))
    items = [(meta("a", source="https://x.example/1"), rec), (meta("a", source="https://x.example/amp/1"), rec),
             (meta("a", source="https://x.example/1"), rec)]  # the same input read twice
    fact, = build_facts(items)
    assert sorted(s.source for s in fact.sources) == ["https://x.example/1", "https://x.example/amp/1"]
    assert {s.record_id for s in fact.sources} == {"r1"}


def _corpus():
    items = [(meta("a", "2024-01-10"), record("a1", count=count(196), period=year(2023))),
             (meta("a", "2024-01-10"), record("a2", "incident", count=count(9), period=day("2024-05-06"))),
             (meta("b", "2024-01-12"), record("b1", count=count(195), period=year(2023))),
             (meta("b", "2024-01-12"), record("b2", "incident", count=count(9), period=day("2024-05-08"))),
             (meta("c", None), record("c1", count=count(200, "less_than", "nearly 200"), period=year(2023))),
             (meta("c", None), record("c2", count=count(34000, "more_than"), period=stock("2024-03-01"))),
             (meta("d", "2024-03-20"), record("d1", count=count(34078), period=stock("2024-03-20"))),
             (meta("d", "2024-03-20"), record("d2", "incident", count=count(1), period=day("2024-05-20")))]
    return items


def test_the_facts_do_not_depend_on_the_order_of_the_inputs():
    expected = [fact.model_dump() for fact in build_facts(_corpus())]
    assert len(expected) == 4
    for seed in range(20):
        items = _corpus()
        random.Random(seed).shuffle(items)
        assert [fact.model_dump() for fact in build_facts(items)] == expected


def test_adding_inputs_keeps_the_ids_of_facts_whose_key_is_unchanged():
    before = {tuple(sorted(s.record_id for s in f.sources)): f.fact_id for f in build_facts(_corpus()[:4])}
    after = build_facts(_corpus())
    ids = {f.fact_id for f in after}
    assert set(before.values()) <= ids
    assert len(ids) == len(after)


def test_two_escapes_in_one_month_get_two_ids():
    items = [(meta("a"), record("a1", "incident", count=count(1), route="dmz", period=day("2024-05-02"))),
             (meta("b"), record("b1", "incident", count=count(9), route="maritime", period=day("2024-05-20")))]
    facts = build_facts(items)
    assert len({f.fact_id for f in facts}) == 2


def test_a_fact_has_the_record_fields_of_the_contract():
    from extractor.facts.models import VALUE_FIELDS, Fact
    from extractor.records import DefectionRecord

    assert list(Fact.model_fields) == ["fact_id", *VALUE_FIELDS, "sources", "conflicts"]
    for name in VALUE_FIELDS:
        assert Fact.model_fields[name].annotation == DefectionRecord.model_fields[name].annotation
    with pytest.raises(ValueError):
        Fact(fact_id="x", kind="incident", origin="North Korea", sources=[])
