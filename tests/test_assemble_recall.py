"""Recall of defection events (issue 13): who can be a mover, and how a defection can be told.

Short invented sentences run through the real pipeline.
"""

from __future__ import annotations

import datetime as dt

from extractor.article import Article
from extractor.pipeline import process_article


def records(text: str, published: str = "2024-06-14") -> list:
    article = Article(text=text, source="test", published=dt.date.fromisoformat(published))
    return process_article(article).records


def test_an_office_or_a_rank_names_a_person_who_can_defect():
    recs = records("Syria's deputy prime minister defected to Turkey on Monday.", published="2013-03-06")
    assert [(r.kind, r.count.value) for r in recs] == [("incident", 1)]
    assert recs[0].destination == "TR" and recs[0].defector_types == []  # an office is no defector type
    recs = records("Three colonels and two generals fled to Turkey on Tuesday.", published="2013-03-06")
    assert sorted(r.count.value for r in recs) == [2, 3] or [r.count.value for r in recs] == [5]


def test_switching_party_or_club_is_no_defection():
    assert records("A Labour lawmaker has defected to the opposition party, officials said on Monday.") == []
    assert records("The senator defected to the ruling coalition on Monday.") == []
    assert records("The midfielder defected to rivals Inter Milan in 2019.") == []


def test_a_person_with_n_other_people_is_one_group():
    recs = records("A Syrian colonel has crossed into Turkey with 8 other soldiers, an official said on Monday.",
                   published="2013-03-06")
    assert [(r.kind, r.count.value, r.count.qualifier) for r in recs] == [("incident", 9, "exact")]
    assert recs[0].defector_types == ["soldier"]


def test_a_relative_clause_tells_a_named_persons_defection_dated_by_that_clause():
    recs = records("Former pitcher Carlos Ortega, who defected from Cuba 12 years ago, declined to comment.",
                   published="2020-05-01")
    assert [(r.kind, r.count.value) for r in recs] == [("incident", 1)]
    assert (recs[0].period.start, recs[0].period.end) == (dt.date(2008, 1, 1), dt.date(2008, 12, 31))
    assert recs[0].origin == "CU"


def test_a_relative_clause_under_a_denied_main_clause_or_a_mere_arrival_is_no_record():
    assert records("Pak Sung-chol, a soldier who fled across the border last year, was killed on Monday.") == []
    assert records("Maria Lopez, 34, who arrived with her five children, said the town was quiet.") == []


def test_the_defection_of_a_named_person_is_an_incident_of_one():
    recs = records("The shift was illustrated in 1997 by the defection of Kim Jong Su, a senior party secretary.")
    assert [(r.kind, r.count.value) for r in recs] == [("incident", 1)]
    assert recs[0].period.start == dt.date(1997, 1, 1)
    assert records("The election was triggered by the defection of Tom Smith from the Labour Party.") == []


def test_asking_to_stay_or_refusing_to_go_back_beats_the_negative_words_inside():
    recs = records("Four members of the Chadian rowing team have asked to be allowed to stay in Britain "
                   "rather than return home.")
    assert [(r.kind, r.count.value) for r in recs] == [("incident", 4)]
    recs = records("Seven members of Eritrea's national cycling team have refused to return home "
                   "after a race in Kenya.")
    assert [(r.kind, r.count.value) for r in recs] == [("incident", 7)]
    assert records("Seven members of the team returned home after a race in Kenya.") == []


def test_a_stay_phrase_in_a_reported_clause_does_not_make_the_reporters_defect():
    recs = records("Two cyclists from Eritrea's team slipped out of their hotel and did not return, "
                   "team officials said on Sunday.")
    assert [r.count.value for r in recs] == [2]


def test_more_people_choosing_to_defect_is_a_trend_not_an_incident():
    assert records("More workers who had been posted overseas chose to defect rather than return home.") == []


def test_one_word_of_a_full_name_given_earlier_is_that_person():
    recs = records("Omar Khalid Rahimi worked as an engineer in Basra. "
                   "Rahimi came to Sweden in 2003 seeking asylum.")
    assert [(r.kind, r.count.value) for r in recs] == [("incident", 1)]
    assert recs[0].period.start == dt.date(2003, 1, 1)


def test_one_word_of_a_name_with_a_mere_movement_is_no_defection():
    assert records("Omar Khalid Rahimi runs a bakery in Basra. Rahimi flew to Sweden in 2003 for a fair.") == []
    assert records("Rahimi came to Sweden in 2003 seeking asylum.") == []  # no full name given before


def test_going_back_said_in_the_clause_turns_a_korean_incident_north():
    recs = records("Kim Chol-min defected from North Korea in 2017. In 2020 he crossed back over the "
                   "heavily guarded border, officials said.")
    back = [r for r in recs if r.period is not None and r.period.start == dt.date(2020, 1, 1)]
    assert len(back) == 1 and (back[0].origin, back[0].destination) == ("KR", "KP")


def test_a_defector_going_back_north_is_a_re_defection_of_its_own():
    recs = records("Kim Chol-min defected from North Korea in 2017. Then a year later, he went back the way he came.",
                   published="2022-02-18")
    assert len(recs) == 2 and (recs[1].origin, recs[1].destination) == ("KR", "KP")
    assert records("The workers went back to their factory in Sinuiju after the holiday.") == []


def test_a_relative_clause_about_another_event_does_not_date_the_incident():
    recs = records("Syria's best-known pilot -- Colonel Omar Haddad, who flew in a 1987 air show -- "
                   "crossed into Turkey on Saturday, officials said.", published="2012-08-06")
    assert len(recs) == 1 and recs[0].period.start == dt.date(2012, 8, 4)


def test_the_last_person_who_defected_is_an_incident_and_keeps_its_date_to_itself():
    recs = records("A soldier crossed the border on Saturday after killing two officers. "
                   "The last North Korean soldier who defected over land was in March 2010.", published="2012-10-06")
    periods = sorted((r.period.start, r.period.end) for r in recs if r.period is not None)
    assert periods == [(dt.date(2010, 3, 1), dt.date(2010, 3, 31)), (dt.date(2012, 10, 6), dt.date(2012, 10, 6))]


def test_a_pronoun_follow_up_dates_every_group_its_sentence_told():
    recs = records("Five members of a group of 23 North Koreans who drifted across the sea border on a fishing boat "
                   "have decided to stay in the South, the Red Cross said. Officials said the fishermen were in good "
                   "health. The intelligence agency questioned the North Koreans for two weeks since they crossed "
                   "over in February, the Red Cross said.", published="2011-03-02")
    assert sorted(r.count.value for r in recs) == [5, 23]
    assert all(r.period is not None and r.period.start == dt.date(2011, 2, 1) for r in recs)


def test_a_team_that_defects_is_a_mover_but_a_team_on_a_trip_is_not():
    recs = records("In 2011 the Malian national handball team fled during a tournament in Ghana.")
    assert [(r.kind, r.count) for r in recs] == [("incident", None)]
    assert recs[0].period.start == dt.date(2011, 1, 1)
    recs = records("The national cycling team took the chance to defect once they had lost to Kenya.")
    assert [r.kind for r in recs] == ["incident"]
    assert records("The national cycling team travelled to Kenya for a race in 2011.") == []


def test_walking_across_the_border_between_the_koreas_is_the_dmz_route():
    recs = records("Earlier this month, a North Korean man walked across the eastern section of the border "
                   "into South Korea, the military said.")
    assert [r.route for r in recs] == ["dmz"]


def test_a_rank_title_before_a_name_types_the_person():
    recs = records("The best-known case came in March 1991, when Cuban Air Force Major Ramon Diaz Alvarez flew "
                   "his MiG-23 fighter to a naval air station near Key West, Florida.", published="2022-10-10")
    assert recs and recs[0].defector_types == ["soldier"]


def test_the_country_the_movers_went_to_is_among_the_records_places():
    recs = records("A Syrian general crossed into Turkey on Sunday with his family.", published="2013-03-06")
    assert len(recs) == 1 and recs[0].destination == "TR"
    turkey = [loc for loc in recs[0].locations if loc.name == "Turkey"]
    assert turkey and turkey[0].role == "destination_place" and turkey[0].lat is not None
    recs = records("A Syrian lawmaker has defected to Turkey, the council said on Monday.", published="2013-03-06")
    assert "Turkey" in {loc.name for loc in recs[0].locations}
    recs = records("The Syrian ambassador to Belarus defected on Monday.", published="2013-03-06")
    assert all(loc.name != "Belarus" for r in recs for loc in r.locations)  # a posting, not where he went
    recs = records("A North Korean soldier defected to South Korea on Monday.", published="2013-03-06")
    assert all(loc.country not in ("KP", "KR") for r in recs for loc in r.locations)  # the sides, not places


def test_the_country_a_team_stands_for_is_the_origin_of_its_members():
    text = ("Sudanese officials said three Sudanese runners were missing on Sunday. "
            "Five members of the Cameroon team, all boxers, have asked to stay in Britain, officials said on Monday.")
    recs = [r for r in records(text, published="2012-08-14") if r.count is not None and r.count.value == 5]
    assert len(recs) == 1 and recs[0].origin == "CM"


def test_one_of_a_plural_people_noun_who_defects_is_an_incident_of_one():
    recs = records("One of Iraq's most senior generals -- Ali Hassan -- defected on Monday.", published="2013-03-06")
    assert [(r.kind, r.count.value, r.count.qualifier) for r in recs] == [("incident", 1, "exact")]
    assert recs[0].origin == "IQ" and recs[0].period.start == dt.date(2013, 3, 4)
    assert records("One of the soldiers was killed on Monday.") == []
    assert records("One of the defectors said life was hard.") == []


def test_an_article_of_an_earlier_noun_does_not_make_a_count_definite():
    recs = records("Before the 2010 Games nine members of the Haitian volleyball team sought asylum after a qualifying "
                   "game in Canada.", published="2013-03-06")
    assert [(r.kind, r.count.value, r.origin) for r in recs] == [("incident", 9, "HT")]
    assert records("The nine defectors arrived in Seoul on Monday.") == []  # a follow-up on a known group


def test_people_a_subordinate_verb_acts_upon_are_not_the_movers_type():
    recs = records("About 4,000 soldiers had defected after refusing orders to shoot civilians, officials said on "
                   "Monday.", published="2013-03-06")
    assert len(recs) == 1 and recs[0].defector_types == ["soldier"]


def test_a_team_with_its_own_verb_beside_a_counted_group_is_an_incident_of_its_own():
    text = ("In 2015 four members of the Peruvian chess team sought asylum in Canada, "
            "and in 2016 the entire Ethiopian national handball team fled during a tournament in Ghana.")
    recs = sorted(records(text, published="2020-05-01"), key=lambda r: r.period.start)
    assert [(r.kind, r.count.value if r.count else None) for r in recs] == [("incident", 4), ("incident", None)]
    assert (recs[1].period.start, recs[1].origin, recs[1].destination) == (dt.date(2016, 1, 1), "ET", "GH")
    assert [loc.name for loc in recs[1].locations] == ["Ghana"]  # the country of the event they left the team at


def test_a_group_counted_in_its_own_clause_gives_no_second_record():
    recs = records("A group of North Koreans, three men and six women, crossed the sea border on Monday.")
    assert [(r.kind, r.count.value) for r in recs] == [("incident", 9)]


def test_a_naming_participle_after_the_subject_is_not_its_verb():
    text = "One report explains how the national boxing team, dubbed the Desert Lions, took the chance to {} once " \
        "they had lost to Kenya."
    recs = records(text.format("flee"), published="2015-06-01")
    assert [(r.kind, r.count) for r in recs] == [("incident", None)]
    assert records(text.format("rest"), published="2015-06-01") == []
    assert records("The team was dubbed the Desert Lions after it fled to Kenya.", published="2015-06-01") == []


def test_some_of_a_force_who_went_over_in_the_past_is_an_incident_without_a_count():
    recs = records("A commander said some Bolivian police officers had defected and joined the protesters.",
                   published="2019-11-10")
    assert [(r.kind, r.count) for r in recs] == [("incident", None)]
    assert recs[0].origin == "BO"
    assert records("Some Bolivian police officers defect every year, a commander said.", published="2019-11-10") == []


def test_a_number_from_a_country_counts_its_people_who_vanish_from_a_delegation():
    recs = records("Two from Senegal and one from Mali have vanished as their teammates flew home, officials said.",
                   published="2016-08-25")
    assert sorted((r.kind, r.count.value, r.origin) for r in recs) == [("incident", 1, "ML"), ("incident", 2, "SN")]
    assert records("Two from Senegal have vanished, the police said.", published="2016-08-25") == []
    assert records("Two from Senegal won medals as their teammates watched.", published="2016-08-25") == []


def test_members_of_a_delegation_that_officials_are_looking_for_are_missing():
    recs = records("Police are searching for three members of the Peruvian chess team, officials said on Monday.",
                   published="2016-08-25")
    assert [(r.kind, r.count.value, r.origin) for r in recs] == [("incident", 3, "PE")]
    assert records("Police are searching for three fishermen, officials said on Monday.", published="2016-08-25") == []
    assert records("The club is looking for three members of the Peruvian chess team to join.",
                   published="2016-08-25") == []  # recruits, on no trip abroad


def test_a_relative_clause_that_crosses_a_border_tells_the_named_persons_defection():
    text = "Omar Haddad, the Syrian conscript who ran across the {} into Turkey in 2019, spoke to reporters on Monday."
    recs = records(text.format("border"), published="2021-03-01")
    assert [(r.kind, r.count.value) for r in recs] == [("incident", 1)]
    assert (recs[0].period.start, recs[0].origin, recs[0].destination) == (dt.date(2019, 1, 1), "SY", "TR")
    assert records(text.format("street"), published="2021-03-01") == []


def test_the_latest_of_a_list_of_defections_named_after_it_is_an_incident_of_one():
    recs = records("Senior Venezuelan officers have defected in recent months. "
                   "The latest is Pedro Alvarez, a colonel in the air force.", published="2019-03-01")
    assert [(r.kind, r.count.value, r.origin) for r in recs] == [("incident", 1, "VE")]
    assert "Pedro Alvarez" in recs[0].evidence.text
    assert records("Several Venezuelan ministers resigned in recent months. "
                   "The latest is Pedro Alvarez, the finance minister.", published="2019-03-01") == []


def test_a_bare_number_of_defectors_who_went_back_beside_their_figure_is_a_re_defection():
    recs = records("While some 2,000 North Korean defectors have reached South Korea since 2015, only 12 have gone "
                   "back, officials said.", published="2024-06-14")
    back = [r for r in recs if r.count.value == 12]
    assert [(r.kind, r.origin, r.destination) for r in back] == [("aggregate", "KR", "KP")]
    recs = records("While some 2,000 North Korean defectors have reached South Korea since 2015, 12 were sent "
                   "home, officials said.", published="2024-06-14")
    assert [r.count.value for r in recs] == [2000]


def test_a_crossing_from_one_korea_is_its_origin_whatever_the_movers_nationality():
    recs = records("John Miller, the Canadian soldier who ran across the border from South to North Korea last "
                   "year, was freed on Monday.", published="2024-06-14")
    assert [(r.origin, r.destination) for r in recs] == [("KR", "KP")]


def test_a_defector_told_by_a_relative_clause_who_went_back_is_a_re_defection():
    recs = records("A North Korean defector who previously escaped across the border was able to return "
                   "undetected, officials in Seoul said.", published="2024-06-14")
    assert [(r.kind, r.origin, r.destination) for r in recs] == [("incident", "KR", "KP")]


def test_a_crossing_told_in_the_counted_peoples_relative_clause_is_the_event():
    """The main verb is a request or a wish ("have asked to defect", "want to stay"); the people's own
    relative clause crossed a border: that crossing is the incident. A street is no border."""
    for main in ("have asked to defect", "want to stay in the South"):
        (rec,) = records(f"Four North Koreans who crossed the sea border into South Korea on a wooden boat on Oct 21 "
                         f"{main}, officials in Seoul said.", published="2023-10-27")
        assert (rec.kind, rec.count.value, rec.route, rec.destination) == ("incident", 4, "maritime", "KR")
        assert rec.period.start == dt.date(2023, 10, 21)
    assert records("Two children who ran across the street on Monday want to go home, officials said.",
                   published="2023-10-27") == []
