"""Precision rules of the assembler: what looks like a defection figure but is none (invented sentences)."""

from __future__ import annotations

import datetime as dt

import pytest

from test_assemble_rules import records


def test_number_inside_a_name_is_a_label_not_a_count():
    recs = records("The defector said he was held in Camp 22 for a decade before escaping in 2010. "
                   "He wrote a memoir called Escape from Camp 22.")
    assert all(r.count is None or r.count.value != 22 for r in recs)


def test_escape_from_a_prison_is_no_defection_but_a_prison_camp_escape_is_kept():
    assert records("Three men escaped from a county jail in Texas on Sunday, police said.") == []
    assert records("Daniel Ray Cooper, a convicted robber, escaped from a prison work detail near Dallas "
                   "on Friday.") == []
    kept = records("In 2009 a North Korean woman escaped from a prison camp and fled across the Tumen River to China.")
    assert [r.kind for r in kept] == ["incident"]


def test_going_over_to_a_party_or_a_club_is_no_defection():
    assert records("Carlos Mendez defected to bitter rivals Boca Juniors for a record fee in 2003.") == []
    assert records("Twelve Labour councillors defected in March, party officials said.") == []
    kept = records("Two Syrian army officers defected to the opposition on Monday, activists said.")
    assert [(r.kind, r.count.value) for r in kept] == [("incident", 2)]


def test_war_refugees_give_no_record_but_soldiers_in_the_same_paragraph_do():
    text = ("Shelling has driven thousands north. About 2,300 people crossed into Moldova on Sunday, the UN said. "
            "A Russian army officer crossed into Moldova on Sunday and asked for asylum.")
    recs = records(text)
    assert [(r.kind, r.count.value) for r in recs] == [("incident", 1)]
    assert records("In late April, with her two children, Olena Petrenko fled her home in Kharkiv for Poland.") == []


def test_rescued_counts_only_when_the_sentence_or_the_one_before_says_defection():
    assert records("The coastguard has rescued 85 people since their boat sank on Tuesday, the agency said.") == []
    kept = records("Arrivals by sea are rare. In May 2019, five North Koreans were found aboard a fishing boat "
                   "off Sokcho; they later went on to Seoul.")
    assert [(r.kind, r.count.value) for r in kept] == [("incident", 5)]


def test_running_total_is_an_open_stock_of_its_of_object():
    recs = records("Two army officers fled overnight to Turkey, bringing the number of Syrian army officers "
                   "in Turkey to 25, an official said.", published="2012-07-18")
    total = [r for r in recs if r.count is not None and r.count.value == 25]
    assert len(total) == 1 and total[0].kind == "aggregate"
    assert (total[0].period.start, total[0].period.end) == (None, dt.date(2012, 7, 18))
    assert records("The vote grew the list of Republican senators backing the bill to more than 30.") == []


def test_huge_count_on_one_day_is_a_day_figure_not_an_incident():
    recs = records("More than 3,000 North Koreans crossed into China on Monday alone, officials said.")
    assert [(r.kind, r.count.value) for r in recs] == [("aggregate", 3000)]
    assert recs[0].period.start == recs[0].period.end


def test_undated_large_perfect_figure_is_an_open_stock():
    recs = records("A rebel commander estimated that about 20,000 soldiers had deserted the army.",
                   published="2012-02-10")
    assert [(r.kind, r.count.value) for r in recs] == [("aggregate", 20000)]
    assert (recs[0].period.start, recs[0].period.end) == (None, dt.date(2012, 2, 10))


def test_defectors_who_arrived_on_one_day_are_one_group():
    recs = records("The ministry said it had admitted 13 defectors, all restaurant workers who arrived on April 7.",
                   published="2016-04-13")
    assert [(r.kind, r.count.value) for r in recs] == [("incident", 13)]


TOPIC = "In 2023, 196 North Korean defectors arrived in South Korea, the ministry said. "


@pytest.mark.parametrize(("follow", "value"), [
    ("The figure compares with 67 in 2022 and 63 in 2021.", 67),
    ("That was down from 1,418 in 2018, the ministry said.", 1418),
    ("Annual arrivals peaked at 2,914 in 2009.", 2914),
    ("The numbers dwindled to just over 60 in 2021.", 60),
    ("Another 38 came in the first quarter of 2024.", 38),
    ("The figure for the fourth quarter of 2023 was 61.", 61),
    ("Of the 196, 160 were women, the ministry said.", 160),
])
def test_bare_figure_of_the_topic_hanging_on_a_figure_verb_is_kept(follow, value):
    assert value in [r.count.value for r in records(TOPIC + follow) if r.count is not None]


@pytest.mark.parametrize(("follow", "value"), [
    ("Party officials say more than 40 sitting Tory councillors have switched since May.", 40),  # no figure verb
    ("Now 26, she told a newspaper that she missed her home town.", 26),               # an age
    ("He was tortured when he was 13 for trying to escape.", 13),                      # an age
    ("Among 39 civilian casualties were 25 in the capital, a monitor said.", 25),       # a part of an other noun
    ("Out of a total of 1,113 buildings in the town, 358 have been destroyed.", 358),
    ("The population of the camp has shrunk and currently is estimated at around 40,000.", 40000),
    ("The other three were border guards.", 3),                                        # the rest of a group told
])
def test_bare_number_the_topic_alone_carries_is_no_figure(follow, value):
    assert value not in [r.count.value for r in records(TOPIC + follow) if r.count is not None]


@pytest.mark.parametrize("text", [
    "The families of the detained men arrive at the city hall for a press conference on Saturday.",
    "Why did the boy cross the playground? To get to the other slide.",
    "Government troops have entered the town of Maarat on Sunday, a resident said.",
    "The Regional Red Crescent entered the province on Monday with food.",
    "Mayor John Carver did not seek reelection in 2023, and he endorsed his deputy.",
    "The Glass Rule, for example, sought to ban banks from trading in 2010.",
    "6+ Hearts: When I was a little girl, my father abandoned us because he felt trapped.",
])
def test_movement_with_nothing_crossed_and_triggers_without_their_object_are_no_defection(text):
    assert records(text) == []


@pytest.mark.parametrize(("text", "values"), [
    ("A North Korean soldier walked across the Military Demarcation Line on Tuesday.", [1]),
    ("Two North Korean men arrived in Seoul on Friday after a long journey.", [2]),
    ("A North Korean diplomat sought asylum in Italy in 2019, officials said.", [1]),
    ("In 2012, about 60 soldiers abandoned their posts and fled to Turkey, activists said.", [60]),
])
def test_crossings_and_triggers_with_their_object_are_kept(text, values):
    assert [r.count.value for r in records(text) if r.count is not None] == values


def test_relatives_travelling_with_nothing_crossed_are_no_defection():
    text = ("Anna had flown to Boston to see her father and returned a week later to spend Christmas "
            "with her mother and two sisters in the Lake District.")
    assert records(text, published="2012-04-17") == []


def test_defectors_doing_something_else_are_no_figure():
    assert records("The launch came hours after a group of about 20 defectors gathered on Gimpo and "
                   "sent balloons toward the North.") == []
    assert records("Hundreds of defectors learn how to live in a free country at the centre each year.") == []
    kept = records("About 20 defectors crossed the border into China on Monday, activists said.")
    assert [r.count.value for r in kept] == [20]


def test_defection_undone_by_the_main_clause_is_no_record():
    assert records("After giving themselves up the defectors and their guides were held for two weeks "
                   "in May 2013.") == []


def test_residents_living_in_a_town_are_no_stock():
    assert records("Along with about 4,000 residents who live in the town, a million people visited the park "
                   "last year.") == []


def test_vague_count_beside_a_named_person_is_one_incident():
    recs = records("In 2004, Kim and several other North Korean nationals defected to Seoul through China.")
    assert [(r.kind, r.count.qualifier) for r in recs] == [("incident", "vague")]


def test_what_a_flight_leaves_behind_is_not_who_moves():
    assert records("Witnesses said the car raced to escape the guards at the checkpoint on Monday.") == []


def test_going_missing_is_vanishing_not_a_movement():
    assert records("Two journalists went missing in Lagos on Monday, their editor said.") == []
    recs = records("Two members of the Kenyan rowing team went missing from the athletes' village on Monday.")
    assert [(r.kind, r.count.value, r.origin) for r in recs] == [("incident", 2, "KE")]
