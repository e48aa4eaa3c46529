"""Assembler rules on short invented sentences, checked by hand against the contract."""

from __future__ import annotations

import datetime as dt

from extractor.article import Article
from extractor.pipeline import process_article


def records(text: str, published: str = "2024-06-14") -> list:
    article = Article(text=text, source="test", published=dt.date.fromisoformat(published))
    return process_article(article).records


def test_person_named_by_the_type_tagger_acts_through_a_later_conjoined_verb():
    recs = records("Ten years ago today, a North Korean air force captain took off on a routine "
                   "flight and flew his jet across the sea border into South Korean airspace.")
    assert len(recs) == 1
    rec = recs[0]
    assert (rec.kind, rec.count.value, rec.count.qualifier) == ("incident", 1, "exact")
    assert (rec.period.start, rec.period.end) == (dt.date(2014, 6, 14), dt.date(2014, 6, 14))
    assert rec.defector_types == ["soldier"]
    assert rec.route == "air"  # the flight passes over the sea border


def test_hyphenated_given_name_with_lower_case_tail_is_a_person():
    recs = records("On July 2, 1985, Maj. Kang Woong-pyeong flew a MiG-21 across the western border.")
    assert [(r.kind, r.count.value, r.count.qualifier) for r in recs] == [("incident", 1, "exact")]
    assert "Woong-pyeong" in recs[0].count.text
    assert recs[0].period.start == dt.date(1985, 7, 2)


def test_part_of_a_figure_with_its_own_period_is_a_record_of_its_own():
    recs = records("About 40 defectors have returned to North Korea since 2015, "
                   "including three in the past two years.", published="2024-06-14")
    by_value = {r.count.value: r for r in recs}
    assert set(by_value) == {40, 3}
    part = by_value[3]
    assert part.kind == "aggregate"
    assert (part.period.start, part.period.end) == (dt.date(2022, 6, 14), dt.date(2024, 6, 14))
    assert (part.origin, part.destination) == ("KR", "KP")


def test_part_without_a_period_of_its_own_takes_the_wholes_period_and_its_own_types():
    recs = records("In 2023, 196 North Koreans arrived in the South, including 160 women.")
    by_value = {r.count.value: r for r in recs}
    assert set(by_value) == {196, 160}
    assert by_value[196].defector_types == []  # the whole takes no type from its part
    part = by_value[160]
    assert (part.kind, part.defector_types, part.origin, part.destination) == ("aggregate", ["woman"], "KP", "KR")
    assert (part.period.start, part.period.end) == (dt.date(2023, 1, 1), dt.date(2023, 12, 31))


def test_listed_part_of_a_non_defection_figure_gives_nothing():
    assert records("Officials said 98 people died in the shelling, including 39 soldiers.") == []


def test_partitive_share_and_fronted_whole_parts_are_records():
    recs = records("A total of 196 North Koreans reached the South in 2023. More than half, or 105, were in "
                   "their 20s. Fourteen of the new arrivals had served in the military. Of last year's arrivals, "
                   "31 were men and 165 were women.", published="2024-01-18")
    by_value = {r.count.value: r for r in recs}
    assert {105, 14, 31, 165} <= set(by_value)
    for value in (105, 14, 31, 165):
        part = by_value[value]
        assert part.kind == "aggregate"
        assert (part.period.start, part.period.end) == (dt.date(2023, 1, 1), dt.date(2023, 12, 31))
    assert by_value[165].defector_types == ["woman"] and by_value[31].defector_types == []


def test_conjoined_breakdown_of_an_aggregate_is_not_summed():
    recs = records("Two men and 60 women arrived in the South in the second quarter, the ministry said.")
    assert sorted(r.count.value for r in recs) == [2, 60]
    assert all(r.kind == "aggregate" and r.period.granularity == "quarter" for r in recs)


def test_make_up_of_a_figure_gives_parts_but_the_make_up_of_one_group_does_not():
    recs = records("Some 236 defectors arrived last year. The arrivals were made up of 26 men and 210 women, "
                   "the ministry said.", published="2025-01-20")
    assert sorted(r.count.value for r in recs) == [26, 210, 236]
    group = records("A group of 11 North Koreans arrived in Thailand on Monday. The group, made up of two "
                    "families and three women, had crossed into China in May.", published="2025-06-18")
    assert [r.count.value for r in group] == [11]


def test_members_of_one_incident_are_not_parts():
    recs = records("A family of nine, including four children, crossed the sea border on Tuesday.")
    assert [(r.kind, r.count.value) for r in recs] == [("incident", 9)]


def test_partitive_with_its_own_year_and_took_place_is_not_a_duration():
    recs = records("More than 500 soldiers have surrendered to Ukraine since the hotline opened. "
                   "Some 200 of those surrenders took place in 2023, officials said.", published="2024-06-14")
    part = [r for r in recs if r.count.value == 200]
    assert len(part) == 1 and part[0].kind == "aggregate"
    assert (part[0].period.start, part[0].period.end) == (dt.date(2023, 1, 1), dt.date(2023, 12, 31))


def test_since_clause_dates_the_start_of_a_total():
    recs = records("More than 500 Russian soldiers have surrendered to Ukraine since the hotline "
                   "was set up in May 2023, officials said.", published="2024-06-14")
    assert len(recs) == 1
    assert (recs[0].period.start, recs[0].period.end) == (dt.date(2023, 5, 1), dt.date(2024, 6, 14))
    assert recs[0].period.granularity == "multi_year"


def test_one_person_singled_out_of_a_figure_is_an_incident():
    recs = records("Five North Korean soldiers defected across the border in 2023, including one "
                   "who was shot as he ran across the Joint Security Area in April 2023.", published="2024-06-14")
    incidents = [r for r in recs if r.kind == "incident"]
    assert len(incidents) == 1
    one = incidents[0]
    assert (one.count.value, one.count.qualifier) == (1, "exact")
    assert (one.period.start, one.period.end) == (dt.date(2023, 4, 1), dt.date(2023, 4, 30))
    assert one.defector_types == ["soldier"]


def test_pronoun_dating_another_crossing_is_a_new_incident():
    recs = records("A North Korean man crossed the Military Demarcation Line into the North on Saturday, "
                   "the military said. He had come south in March 2019 by climbing the border fence.",
                   published="2024-06-17")
    assert [(r.kind, r.count.value) for r in recs] == [("incident", 1), ("incident", 1)]
    earlier = recs[1]
    assert earlier.evidence.text.startswith("He had come south")
    assert (earlier.period.start, earlier.period.end) == (dt.date(2019, 3, 1), dt.date(2019, 3, 31))
    assert (earlier.origin, earlier.destination) == ("KP", "KR")


def test_pronoun_without_a_date_of_its_own_adds_to_the_known_incident():
    recs = records("A North Korean soldier defected to South Korea, the military said on Monday. "
                   "He crossed the Military Demarcation Line on Sunday.", published="2024-06-17")
    assert len(recs) == 1
    assert recs[0].period.start == dt.date(2024, 6, 16)


def test_people_belonging_to_another_noun_are_not_the_movers():
    recs = records("A North Korean soldier fled across the border in May, an escape that led to "
                   "the dismissal of several officers.", published="2024-06-17")
    assert [(r.kind, r.count.value) for r in recs] == [("incident", 1)]


def test_previous_year_shifts_the_topic_year_not_a_later_year_in_the_sentence():
    recs = records("The number of North Koreans who fled to the South in 2019 fell to 1,047, the ministry said. "
                   "That was down from 1,137 the previous year, and far below the record set in 2009.",
                   published="2020-01-20")
    previous = [r for r in recs if r.count.value == 1137]
    assert len(previous) == 1
    assert (previous[0].period.start, previous[0].period.end) == (dt.date(2018, 1, 1), dt.date(2018, 12, 31))


def test_half_without_a_year_takes_the_topic_year():
    recs = records("Defections to South Korea in 2019 fell to 1,047, the ministry said. "
                   "In the first half, 587 defectors arrived.", published="2020-01-20")
    half = [r for r in recs if r.count.value == 587]
    assert len(half) == 1
    assert (half[0].period.start, half[0].period.end) == (dt.date(2019, 1, 1), dt.date(2019, 6, 30))


def test_unlikely_to_exceed_is_a_forecast():
    recs = records("In 2023, 196 North Koreans arrived in the South. An official said this year's total "
                   "was unlikely to exceed 250.", published="2024-06-14")
    assert [r.count.value for r in recs] == [196]


# --- quality2: rules added after scoring eight new unseen articles -----------------------------

def test_as_of_end_point_closes_a_total_that_runs_since_a_year():
    recs = records("The number of North Korean defectors who have settled in the South since 2000 "
                   "rose to 30,120 as of the end of March.", published="2024-05-02")
    assert [(r.count.value, r.period.start, r.period.end) for r in recs] == [
        (30120, dt.date(2000, 1, 1), dt.date(2024, 3, 31))]


def test_as_of_end_point_without_a_start_is_an_open_stock():
    recs = records("A total of 30,120 North Korean defectors had arrived in the South as of March 31.",
                   published="2024-05-02")
    assert len(recs) == 1
    assert (recs[0].period.start, recs[0].period.end, recs[0].period.granularity) == (None, dt.date(2024, 3, 31), "open")


def test_second_figure_of_a_pair_in_another_clause_is_a_record():
    recs = records("Defections fell during the pandemic. Arrivals dropped to 50 in 2021 after the North "
                   "shut its border, before recovering to 140 in 2022 and 180 in 2023.", published="2024-03-01")
    got = {(r.count.value, r.period.start.year) for r in recs}
    assert got == {(50, 2021), (140, 2022), (180, 2023)}


def test_compared_with_figure_takes_its_own_period():
    recs = records("In the July-September quarter, 40 North Korean defectors arrived, compared with 31 "
                   "in the same quarter of 2022.", published="2023-10-20")
    got = {(r.count.value, r.period.start, r.period.end) for r in recs}
    assert got == {(40, dt.date(2023, 7, 1), dt.date(2023, 9, 30)), (31, dt.date(2022, 7, 1), dt.date(2022, 9, 30))}


def test_make_up_of_a_group_is_not_a_figure_and_adds_its_types():
    recs = records("A group of eight North Korean defectors arrived in Seoul on Monday, an aid group said. "
                   "The group, made up of two families and three women travelling alone, crossed into China in May.",
                   published="2024-06-14")
    assert [(r.kind, r.count.value) for r in recs] == [("incident", 8)]
    assert {"family", "woman"} <= set(recs[0].defector_types)


def test_ordinal_time_remark_is_not_an_incident_of_its_own():
    recs = records("A North Korean soldier crossed the MDL on Tuesday, the JCS said. It marks the third time "
                   "this year that a North Korean soldier has crossed the border. In March, another soldier "
                   "crossed the MDL in the western sector.", published="2024-06-14")
    assert sorted((r.period.start.month, r.period.end.day) for r in recs) == [(3, 31), (6, 11)]


def test_nationality_of_other_people_in_the_sentence_is_not_the_origin():
    recs = records("In March, a North Korean soldier crossed the MDL and was taken into custody by South Korean troops.",
                   published="2024-06-14")
    assert [(r.origin, r.destination) for r in recs] == [("KP", "KR")]


def test_headline_after_a_release_line_repeats_the_body():
    recs = records("PRESS RELEASE\nFor immediate release\n\nNine North Koreans reach Seoul via Thailand\n\n"
                   "A group of nine North Koreans has arrived in Seoul after escaping through China and Thailand, "
                   "the group said on Monday.\n", published="2024-06-14")
    assert [(r.kind, r.count.value) for r in recs] == [("incident", 9)]
    assert "A group of nine" in recs[0].evidence.text


def test_date_of_others_being_sent_back_is_not_the_defection_date():
    recs = records("Two North Korean fishermen who crossed the sea border last month have chosen to stay in the South, "
                   "while three others were sent back on Monday, the ministry said.", published="2024-06-14")
    assert len(recs) == 1
    assert (recs[0].period.start, recs[0].period.end) == (dt.date(2024, 5, 1), dt.date(2024, 5, 31))


def test_next_sentence_about_the_same_boat_adds_its_place_and_finer_date():
    recs = records("Two North Korean fishermen whose boat drifted across the sea border last month have chosen "
                   "to stay in South Korea, the ministry said.\n"
                   "The navy found the boat off Sokcho on May 21 and towed it to port.", published="2024-06-14")
    assert len(recs) == 1
    rec = recs[0]
    assert (rec.period.start, rec.period.end) == (dt.date(2024, 5, 21), dt.date(2024, 5, 21))
    assert "Sokcho" in {loc.name for loc in rec.locations}


def test_sentence_without_a_reference_back_adds_nothing():
    recs = records("A North Korean soldier crossed the MDL on Tuesday, the JCS said.\n"
                   "Tourists visited Paju on Wednesday.", published="2024-06-14")
    assert len(recs) == 1
    assert "Paju" not in {loc.name for loc in recs[0].locations}
    assert recs[0].period.start == dt.date(2024, 6, 11)


def test_relatives_who_came_along_make_a_family_not_a_count_or_other_types():
    recs = records("In 2016, Kim Chol-su, a counsellor at the North Korean embassy in Rome, defected with his wife "
                   "and two sons.", published="2024-06-14")
    assert len(recs) == 1
    rec = recs[0]
    assert rec.count is None or rec.count.value != 2
    assert set(rec.defector_types) == {"diplomat", "family"}
    assert (rec.period.start, rec.period.end) == (dt.date(2016, 1, 1), dt.date(2016, 12, 31))
    assert "Rome" in {loc.name for loc in rec.locations}


def test_two_people_in_one_sentence_each_keep_their_own_date():
    recs = records("In July 2023, a counsellor at the embassy in Cuba, Ri Il Gyu, flew to Seoul with his family, "
                   "and Thae Yong Ho, the No. 2 at the embassy in London, defected in 2016.", published="2024-06-14")
    starts = sorted(r.period.start for r in recs if r.period is not None)
    assert starts == [dt.date(2016, 1, 1), dt.date(2023, 7, 1)]
    thae = [r for r in recs if r.period and r.period.start.year == 2016][0]
    assert "London" in {loc.name for loc in thae.locations}


def test_hyphen_in_a_name_is_not_a_dateline_dash():
    recs = records("In 2016, Thae Yong-ho defected to South Korea.", published="2024-06-14")
    assert [(r.period.start, r.period.end) for r in recs] == [(dt.date(2016, 1, 1), dt.date(2016, 12, 31))]


def test_appositive_after_a_dateline_is_the_subject():
    recs = records("SEOUL (AP) — A North Korean diplomat who had been posted to Thailand fled to South Korea "
                   "in September, the spy agency said.", published="2024-10-02")
    assert [(r.kind, r.period.start) for r in recs] == [("incident", dt.date(2024, 9, 1))]


def test_second_age_of_a_pair_is_no_count():
    recs = records("Two Cuban pitchers defected in Mexico on Saturday. The players, aged 22 and 25, "
                   "left the hotel before dawn.", published="2024-06-14")
    assert all(r.count is None or r.count.value != 25 for r in recs)


# --- quality3 -----------------------------------------------------------------------------

def test_time_before_a_postposed_reporting_clause_dates_the_event():
    recs = records("Two soldiers defected this week, the military said Friday. "
                   "One soldier crossed the Military Demarcation Line (MDL) on the central front in Cheorwon, "
                   "Gangwon Province, at around 5 a.m. Tuesday, the JCS said.", published="2025-11-07")
    one = [r for r in recs if r.count and r.count.value == 1]
    assert len(one) == 1
    assert (one[0].period.start, one[0].period.end) == (dt.date(2025, 11, 4), dt.date(2025, 11, 4))


def test_source_word_inside_a_longer_name_is_not_the_source():
    recs = records("A North Korean soldier crossed the Military Demarcation Line on Tuesday, the JCS said.",
                   published="2025-11-07")
    assert len(recs) == 1
    assert recs[0].reported_by == "JCS"


def test_previous_quarter_is_the_quarter_before_the_one_in_the_sentence():
    recs = records("A total of 64 North Korean defectors arrived in South Korea in the July-September period, "
                   "up from 51 in the previous quarter, the ministry said.", published="2025-10-14")
    by_value = {r.count.value: r.period for r in recs}
    assert (by_value[64].start, by_value[64].end) == (dt.date(2025, 7, 1), dt.date(2025, 9, 30))
    assert (by_value[51].start, by_value[51].end) == (dt.date(2025, 4, 1), dt.date(2025, 6, 30))


def test_the_year_before_is_the_year_before_the_sentence_year():
    recs = records("The ministry said 236 North Koreans reached the South in 2024, up from 196 the year before.",
                   published="2025-03-23")
    by_value = {r.count.value: r.period for r in recs}
    assert by_value[196].start == dt.date(2023, 1, 1) and by_value[196].end == dt.date(2023, 12, 31)
    assert by_value[236].start == dt.date(2024, 1, 1)


def test_people_who_crossed_separately_are_a_figure_not_one_incident():
    recs = records("Two North Korean soldiers crossed the MDL separately in the central and eastern sectors "
                   "in October, the military said.", published="2025-12-01")
    assert [(r.kind, r.count.value) for r in recs] == [("aggregate", 2)]
    assert (recs[0].period.start, recs[0].period.end) == (dt.date(2025, 10, 1), dt.date(2025, 10, 31))


def test_crossing_the_dmz_from_the_north_ends_in_the_south():
    recs = records("Only three North Korean soldiers defected across the DMZ in 2024, according to the "
                   "Joint Chiefs of Staff.", published="2025-12-02")
    assert len(recs) == 1
    assert (recs[0].origin, recs[0].destination, recs[0].route) == ("KP", "KR", "dmz")


def test_movers_misparsed_as_subject_of_the_reporting_verb_defected():
    recs = records("Two North Korean fishermen defected by boat across the NLL on Sunday, the JCS said.",
                   published="2025-06-20")
    assert len(recs) == 1
    rec = recs[0]
    assert (rec.kind, rec.count.value, rec.defector_types) == ("incident", 2, ["fisherman"])
    assert (rec.period.start, rec.origin, rec.destination, rec.route) == (dt.date(2025, 6, 15), "KP", "KR", "maritime")
    assert rec.reported_by == "JCS"


def test_reduced_relative_before_the_defection_verb_is_not_the_predicate():
    recs = records("North Koreans are still hiding in China. Four women interviewed for the report escaped "
                   "through Laos and Thailand and reached Seoul in March, the group said.", published="2025-06-20")
    assert [(r.kind, r.count.value) for r in recs] == [("incident", 4)]
    assert recs[0].period.start == dt.date(2025, 3, 1)
    assert recs[0].defector_types == ["woman"]


def test_family_of_n_with_a_nationality_is_one_incident_of_n():
    recs = records("A North Korean family of five has arrived in Seoul after crossing the Mekong river "
                   "by boat from Laos into Thailand.", published="2025-03-23")
    assert [(r.kind, r.count.value) for r in recs] == [("incident", 5)]
    assert "family" in recs[0].defector_types


def test_tourists_crossing_into_north_korea_are_no_defection():
    assert records("A group of 120 Chinese tourists crossed into Sinuiju on Tuesday on a one-day tour.",
                   published="2025-05-08") == []


def test_workers_returning_home_are_no_defection():
    assert records("About a dozen North Korean workers returned home across the bridge last week "
                   "after their contracts ended.", published="2025-05-08") == []


def test_members_of_one_named_team_in_a_year_are_an_incident():
    recs = records("Eight members of Burundi's team at the 2018 Commonwealth Games went missing "
                   "and sought asylum.", published="2026-04-15")
    assert [(r.kind, r.count.value) for r in recs] == [("incident", 8)]
    assert (recs[0].period.start, recs[0].period.end) == (dt.date(2018, 1, 1), dt.date(2018, 12, 31))


def test_organisation_subject_of_a_reporting_verb_is_the_source():
    recs = records("A North Korean family of five has arrived in Seoul after crossing the Mekong river, "
                   "a South Korean aid group said on Sunday.", published="2025-03-23")
    assert len(recs) == 1 and recs[0].reported_by == "South Korean aid group"
    recs = records("Four members of Burundi's national cycling team walked out of their hotel on Saturday "
                   "night, Cycling Australia officials confirmed.", published="2026-04-15")
    assert len(recs) == 1 and "Cycling Australia" in recs[0].reported_by


def test_person_subject_of_a_reporting_verb_is_no_source():
    recs = records("A North Korean soldier crossed the DMZ on Tuesday, he said.", published="2025-11-07")
    assert len(recs) == 1 and recs[0].reported_by is None


# --- quality5 ---------------------------------------------------------------------------------
def test_same_day_expressions_resolve_against_publication_and_bare_today_does_not():
    from extractor.normalize.time import find_periods
    found = {m.text: m.period.start for m in find_periods(
        "He crossed at around 7:30 a.m. today; another man arrived early this morning and a boat drifted "
        "south late last night. Today she runs a bakery.", "2026-03-04")}
    assert found == {"7:30 a.m. today": dt.date(2026, 3, 4), "early this morning": dt.date(2026, 3, 4),
                     "late last night": dt.date(2026, 3, 3)}


def test_incident_dated_today_by_clock_time():
    recs = records("A North Korean soldier crossed the Military Demarcation Line at around 7:30 a.m. today, "
                   "the Joint Chiefs of Staff said.", published="2026-03-04")
    assert len(recs) == 1 and recs[0].period.start == dt.date(2026, 3, 4)


def test_generic_source_takes_the_name_given_earlier():
    recs = records("In 2009, 2,914 North Koreans reached the South, according to the Ministry of Unification. "
                   "Last year 236 arrived, the ministry says.", published="2025-11-10")
    last = [r for r in recs if r.count.value == 236]
    assert len(last) == 1 and last[0].reported_by == "the Ministry of Unification"
    assert last[0].destination == "KR"


def test_country_as_source_yields_to_the_agency_in_the_merged_sentence():
    recs = records("Ukraine says a Russian army pilot has defected with his helicopter.\n\n"
                   "The pilot flew his Mi-8 across the front line and landed at an airfield in the Kharkiv region "
                   "early on Tuesday, Ukraine's military intelligence agency said on Thursday.", published="2025-09-12")
    assert len(recs) == 1
    assert "military intelligence" in recs[0].reported_by
    assert (recs[0].origin, recs[0].destination) == ("RU", "UA")  # landing in a place of Ukraine, told later


def test_unyeared_quarter_never_moves_forward_into_the_lead_year():
    recs = records("The number of North Koreans reaching South Korea fell to 38 in the first three months of "
                   "the year, the ministry said. In the whole of last year 224 defectors arrived. "
                   "The figure for the fourth quarter, published in January, was 61.", published="2026-04-09")
    q4 = [r for r in recs if r.count.value == 61]
    assert len(q4) == 1 and (q4[0].period.start, q4[0].period.end) == (dt.date(2025, 10, 1), dt.date(2025, 12, 31))


def test_a_year_earlier_after_a_half_is_the_same_half():
    recs = records("The number of North Korean defectors who arrived in the South in the first half of this year "
                   "fell to 89, down from 105 a year earlier.", published="2025-07-10")
    earlier = [r for r in recs if r.count.value == 105]
    assert len(earlier) == 1
    assert (earlier[0].period.start, earlier[0].period.end) == (dt.date(2024, 1, 1), dt.date(2024, 6, 30))


def test_a_compared_figure_keeps_its_own_time_across_a_reporting_clause():
    """The parser hangs "up from 67 a year earlier" on "said": the time is still the compared
    figure's, not the day of the report, and the running total's "last year" is not its period."""
    recs = records("A total of 196 North Korean defectors arrived in South Korea last year, the Unification "
                   "Ministry said on Thursday, up from 67 a year earlier.", published="2024-01-18")
    periods = {r.count.value: (r.period.start, r.period.end) for r in recs}
    assert periods == {196: (dt.date(2023, 1, 1), dt.date(2023, 12, 31)),
                       67: (dt.date(2022, 1, 1), dt.date(2022, 12, 31))}


def test_finer_period_after_the_figure_beats_the_frame_before_it():
    recs = records("Arrivals have picked up this year, with 99 North Koreans reaching the South in the first half of 2023.",
                   published="2023-10-13")
    assert len(recs) == 1 and recs[0].period.end == dt.date(2023, 6, 30)


def test_member_list_of_a_named_family_and_causes_are_no_figures():
    recs = records("A North Korean family of five arrived in Seoul on Tuesday. The family \u2013 a couple, their teenage son, "
                   "a daughter and the husband's mother \u2013 had hidden in China for three years.", published="2025-03-23")
    assert [r.count.value for r in recs] == [5]
    assert records("Officials attributed the uptick in defector arrivals partly to several diplomats and trade officials "
                   "posted overseas.", published="2025-10-14") == []


def test_figure_with_its_own_relative_clause_is_a_figure():
    recs = records("Of the 236 North Korean defectors who arrived in 2024, about 90 percent had left the North before 2020.",
                   published="2025-07-15")
    assert [(r.kind, r.count.value) for r in recs] == [("aggregate", 236)]
    assert recs[0].period.start == dt.date(2024, 1, 1)
    recs = records("The Parks are among roughly 220 North Koreans who have been resettled in the United States "
                   "as refugees since 2006.", published="2025-06-22")
    assert len(recs) == 1 and recs[0].count.value == 220 and recs[0].destination == "US"
    assert recs[0].period.start == dt.date(2006, 1, 1)


def test_total_of_counts_its_noun_after_a_speaker_label():
    recs = records("Q: How many defectors live in the South?\n\nA: A total of 34,448 North Koreans had entered the South "
                   "since 1998, as of the end of June.", published="2025-07-15")
    assert len(recs) == 1 and recs[0].count.value == 34448 and recs[0].period.start == dt.date(1998, 1, 1)


def test_organisation_name_is_no_country_and_possessive_country_is_the_origin():
    recs = records("Four members of Burundi's national cycling team walked out of their hotel on Saturday night, "
                   "Cycling Australia officials confirmed.", published="2026-04-15")
    assert len(recs) == 1 and recs[0].origin == "BI"
    assert all(loc.name != "Australia" for loc in recs[0].locations)


def test_athletes_who_disappear_abroad_defect_but_a_fisherman_who_disappears_does_not():
    recs = records("Six Burundian cyclists disappeared in Switzerland in 2017.", published="2026-04-15")
    assert [(r.kind, r.count.value, r.origin) for r in recs] == [("incident", 6, "BI")]
    assert records("Two North Korean fishermen disappeared in a storm in 2017.", published="2026-04-15") == []


def test_trip_with_a_purpose_and_the_pronoun_one_are_no_defection():
    assert records("At the last one, in August 2018, 89 South Koreans crossed the border to meet relatives "
                   "in North Korea.", published="2025-09-30") == []


def test_when_clause_takes_the_date_it_hangs_on():
    recs = records("It was the first crossing of the land border by a North Korean soldier since August last year, "
                   "when a soldier crossed the central front.", published="2025-03-07")
    incidents = [r for r in recs if r.kind == "incident"]
    assert len(incidents) == 1
    assert (incidents[0].period.start, incidents[0].period.end) == (dt.date(2024, 8, 1), dt.date(2024, 8, 31))


def test_relatives_beside_the_mover_make_one_family_incident():
    recs = records("Park Sung-il, 51, his wife, Lee Hyun-ju, 47, and their two daughters fled North Korea in October 2012.",
                   published="2025-06-22")
    assert len(recs) == 1 and recs[0].defector_types == ["family"] and recs[0].count is None


def test_the_three_of_them_are_people():
    recs = records("On the night of Feb. 11, 2019, the three of them, Kim, her teenage son and a neighbour, "
                   "crossed the frozen river near Hyesan.", published="2025-11-10")
    assert [(r.kind, r.count.value) for r in recs] == [("incident", 3)]
    assert recs[0].period.start == dt.date(2019, 2, 11)


def test_time_in_another_adverbial_clause_is_not_the_figures():
    recs = records("By 2019, the number of North Korean defectors arriving had fallen to 1,047, and after Pyongyang "
                   "sealed its borders at the start of the pandemic it collapsed.", published="2025-11-10")
    fig = [r for r in recs if r.count.value == 1047]
    assert len(fig) == 1 and fig[0].kind == "aggregate" and fig[0].period.start.year == 2019


def test_topped_is_more_than():
    recs = records("Annual arrivals of North Korean defectors topped 2,000 in 2009.", published="2025-07-15")
    assert len(recs) == 1 and (recs[0].count.qualifier, recs[0].count.low) == ("more_than", 2001)


def test_part_whole_named_by_its_number_takes_that_figures_period():
    recs = records("A total of 64 North Korean defectors arrived in the third quarter. So far this year 162 "
                   "have arrived. Of the 64, 52 were women and 12 were men.", published="2025-10-14")
    parts = {r.count.value: r for r in recs if r.count.value in (52, 12)}
    assert set(parts) == {52, 12}
    assert all((p.period.start, p.period.end) == (dt.date(2025, 7, 1), dt.date(2025, 9, 30)) for p in parts.values())
    assert parts[52].defector_types == ["woman"]


def test_part_types_come_from_its_own_copula_attribute():
    recs = records("Some 212 North Koreans arrived in the South last year. Officials noted that 10 of last year's "
                   "arrivals were former diplomats, trade officials or overseas students.", published="2026-01-19")
    part = [r for r in recs if r.count.value == 10]
    assert len(part) == 1
    assert set(part[0].defector_types) == {"diplomat", "official", "student"}
    assert part[0].period.start == dt.date(2025, 1, 1)


def test_present_existential_figure_is_an_open_stock_never_the_topic_period():
    recs = records("A North Korean soldier defected across the border in March 2010. There are currently more "
                   "than 20,000 North Korean defectors in South Korea.", published="2012-10-06")
    stock = [r for r in recs if r.count is not None and r.count.value == 20000]
    assert len(stock) == 1 and stock[0].kind == "aggregate"
    assert (stock[0].period.start, stock[0].period.end, stock[0].period.granularity) == \
        (None, dt.date(2012, 10, 6), "open")


def test_since_the_division_of_korea_starts_at_the_era():
    recs = records("More than 24,000 refugees have entered the South from the North since the division of "
                   "the peninsula, officials said.", published="2012-10-06")
    assert [(r.kind, r.period.start, r.period.end) for r in recs] == \
        [("aggregate", dt.date(1945, 8, 15), dt.date(2012, 10, 6))]


def test_from_a_to_b_with_two_times_pairs_them_in_order():
    recs = records("The annual number of North Korean defectors arriving in the South grew from fewer than 100 in "
                   "the 1990s to more than 2,000 a year since 2006. Seoul said 2012 saw a sharp drop in arrivals "
                   "compared to 2011 (from 2,700 to 1,500).",
                   published="2013-03-01")
    by_value = {r.count.value: r.period for r in recs}
    assert (by_value[100].start, by_value[100].end) == (dt.date(1990, 1, 1), dt.date(1999, 12, 31))
    assert by_value[2000].start == dt.date(2006, 1, 1)
    assert (by_value[2700].start, by_value[1500].start) == (dt.date(2011, 1, 1), dt.date(2012, 1, 1))


def test_time_after_from_dates_the_compared_figure_not_the_new_one():
    recs = records("The number of North Korean defectors who reached South Korea last year nearly tripled from "
                   "a year earlier to 196, the ministry said.", published="2024-01-18")
    assert [(r.count.value, r.period.start) for r in recs] == [(196, dt.date(2023, 1, 1))]


def test_unnamed_whole_of_a_share_is_the_articles_lead_figure():
    recs = records("Some 196 North Koreans reached the South last year. In the first half of 2022, only 35 had "
                   "made it. More than half, or 105, were in their 20s and 30s.", published="2024-01-18")
    share = [r for r in recs if r.count.value == 105]
    assert len(share) == 1 and share[0].period.start == dt.date(2023, 1, 1)


def test_stock_is_not_dated_by_another_clause_of_its_sentence():
    recs = records("Some 34,000 North Koreans have resettled in the South, but the flow has slowed to a trickle "
                   "since the North sealed its border during the pandemic.", published="2025-03-23")
    assert [(r.period.start, r.period.end, r.period.granularity) for r in recs] == \
        [(None, dt.date(2025, 3, 23), "open")]


def test_stock_takes_the_since_start_of_its_subject_not_a_year_of_the_frame():
    recs = records("With last year's arrivals, the total number of North Korean defectors who have settled in "
                   "the South since 1998 rose to 34,078.", published="2024-01-18")
    assert [(r.count.value, r.period.start, r.period.end) for r in recs] == \
        [(34078, dt.date(1998, 1, 1), dt.date(2024, 1, 18))]


def test_a_share_of_a_figure_gives_it_no_type():
    recs = records("The ministry said 43 North Korean defectors arrived in the South in the first quarter, "
                   "most of them women.", published="2024-04-26")
    assert [(r.count.value, r.defector_types) for r in recs] == [(43, [])]
