"""Place recognition and disambiguation on the seed and on short sentences of the same kind."""

from __future__ import annotations

import datetime as dt
import math

import pytest

from frontwatch.gazetteer.geo import haversine_km, nearest_km, prepare_points
from frontwatch.models import Analysis, Report
from frontwatch.nlp import places
from frontwatch.nlp.pipeline import get_nlp


def find_places(text: str):
    analysis = Analysis(report=Report(text=text, published=dt.date(2022, 9, 12)))
    return places.extract(get_nlp()(text), analysis)


def by_text(found, text):
    return [p for p in found if p.text == text]


@pytest.fixture(scope="module")
def seed_places(seed_report):
    return find_places(seed_report.text)


@pytest.mark.parametrize("mention, name, feature, country", [
    ("Kharkiv region", "Kharkiv Oblast", "admin1", "UA"),
    ("Kharkiv Oblast", "Kharkiv Oblast", "admin1", "UA"),
    ("Izyum", "Izyum", "settlement", "UA"),
    ("Hoptivka", "Hoptivka", "settlement", "UA"),
    ("Kherson", "Kherson", "settlement", "UA"),
    ("Kyiv", "Kyiv", "settlement", "UA"),
    ("Donbas", "Donbas", "region", "UA"),
    ("Dnipro River", "Dnipro", "river", "UA"),
    ("Russia", "Russia", "country", "RU"),
    ("Ukraine", "Ukraine", "country", "UA"),
    ("Greater London", "Greater London", "admin2", "GB"),
])
def test_every_seed_place_is_resolved(seed_places, mention, name, feature, country):
    found = by_text(seed_places, mention)
    assert found, f"{mention} not found"
    assert all((p.name, p.feature, p.country_code) == (name, feature, country) for p in found)
    assert all(p.lat is not None and p.confidence > 0.5 for p in found)


def test_seed_roles_and_non_places(seed_places):
    kyiv = by_text(seed_places, "Kyiv")
    assert [p.role for p in kyiv] == ["actor", "location"]  # "Kyiv had recaptured" / "Battle of Kyiv"
    assert by_text(seed_places, "Hoptivka")[0].admin1_name == "Kharkiv Oblast"
    texts = {p.text for p in seed_places}
    assert not texts & {"Russian", "Ukrainian", "MoD", "British"}
    (border,) = [p for p in seed_places if p.feature == "border"]
    assert border.text == "Russian border"


@pytest.mark.parametrize("sentence, mention, geonameid", [
    ("Russian troops shelled Kup'yans'k overnight.", "Kup'yans'k", 703656),
    ("Artillery hit Kupiansk and the bridge.", "Kupiansk", 703656),
    ("Artillery hit Kupyansk again.", "Kupyansk", 703656),
    ("Ukrainian forces entered Izium on Saturday.", "Izium", 707292),
    ("The battle for Izyum's outskirts went on.", "Izyum", 707292),
    ("Troops left Balakliia in a hurry.", "Balakliia", 712926),
    ("Troops left Balakliya in a hurry.", "Balakliya", 712926),
    ("Soldiers retook Balakleya, officials said.", "Balakleya", 712926),
    ("Residents of Goptovka welcomed the soldiers.", "Goptovka", 807105),
    ("Missiles struck Kharkov at dawn.", "Kharkov", 706483),
    ("The embassy returned to Kiev.", "Kiev", 703448),
    ("Fighting raged around Artemivsk.", "Artemivsk", 713174),
    ("Обстріл Харків тривав.", "Харків", 706483),
])
def test_spelling_variants_resolve(sentence, mention, geonameid):
    found = by_text(find_places(sentence), mention)
    assert found and found[0].geonameid == geonameid


def test_dnieper_is_the_river():
    (river,) = by_text(find_places("Pontoons were laid across the Dnieper overnight."), "Dnieper")
    assert river.feature == "river" and river.key == "river:dnipro"


def test_lyman_with_donetsk_context_is_the_donetsk_town():
    found = find_places("Ukrainian troops advanced on Lyman in the Donetsk region after "
                        "taking Sviatohirsk.")
    (lyman,) = by_text(found, "Lyman")
    assert lyman.admin1_name == "Donetsk Oblast"
    assert lyman.lat == pytest.approx(48.99, abs=0.02) and lyman.lon == pytest.approx(37.80, abs=0.02)
    assert any(c.name == "Lyman" and c.admin1_code == "07" for c in lyman.candidates)


def test_lyman_among_kharkiv_villages_is_the_kharkiv_one():
    found = find_places("Fighting continued near Lyman, east of Balakliia and Shevchenkove, "
                        "in the Kharkiv region.")
    (lyman,) = by_text(found, "Lyman")
    assert lyman.admin1_name == "Kharkiv Oblast"
    assert by_text(found, "Shevchenkove")[0].admin1_name == "Kharkiv Oblast"


def test_demonyms_and_common_words_are_not_places():
    found = find_places("Russian and Ukrainian officials met. Mobile units moved along the "
                        "road. Most of them came back. Jackson said nothing.")
    assert found == []


def test_capital_as_subject_is_an_actor_but_as_destination_a_location():
    actor = find_places("Moscow said the strikes would continue.")
    where = find_places("The delegation flew to Moscow on Monday.")
    assert actor[0].role == "actor" and where[0].role == "location"
    assert actor[0].country_code == where[0].country_code == "RU"


def test_a_bare_name_is_a_place():
    (kharkiv,) = find_places("Kharkiv")
    assert kharkiv.geonameid == 706483


@pytest.mark.parametrize("text, mention, admin1", [
    ("HURRICANE, W.Va. - Officers searched the river on Monday.", "HURRICANE", "West Virginia"),
    ("The family flew from Oroville, Calif., to Montana.", "Oroville", "California"),
    ("Scandal-plagued pastor buried in Lithonia, Ga., on Friday.", "Lithonia", "Georgia"),
])
def test_city_state_and_ap_abbreviations(text, mention, admin1):
    found = find_places(text)
    (city,) = by_text(found, mention)
    assert city.admin1_name == admin1 and city.feature == "settlement"
    assert any(p.feature == "admin1" and p.admin1_name == admin1 for p in found)


def test_place_cues_rescue_names_the_model_mislabels():
    found = find_places("Stephen Davis, of Chiefland, had been arguing with a neighbour. "
                        "Gainesville Police arrested him in Newberry on Friday.")
    assert {p.text for p in found} >= {"Chiefland", "Gainesville", "Newberry"}
    assert {p.country_code for p in found} == {"US"}


def test_part_of_a_person_name_is_no_place():
    found = find_places("Ukrainian units are dug in west of Svatove, according to the "
                        "regional governor, Serhiy Haidai.")
    assert [p.text for p in found] == ["Svatove"]


def test_region_after_a_name_picks_the_candidate_in_it():
    found = find_places("Ukraine would probably try to reach Lyman in Donetsk Oblast before "
                        "winter, after Kupiansk.")
    (lyman,) = by_text(found, "Lyman")
    assert lyman.admin1_name == "Donetsk Oblast"


def test_the_dnipro_lies_where_the_report_is():
    (river,) = [p for p in find_places("Russia cannot hold the west bank of the Dnipro near "
                                       "Kherson.") if p.feature == "river"]
    assert river.lat == pytest.approx(46.63, abs=0.1) and river.lon == pytest.approx(32.61, abs=0.1)


@pytest.mark.parametrize("text, word", [
    ("Drone footage of the Airport after the strike.", "Airport"),  # a US town named Airport
    ("Arty pounding positions, 3 WIA reported.", "WIA"),  # an abbreviation, not Iwye
    ("Russian Arty hit positions overnight.", "Arty"),  # not Arti: a skeleton only
    ("Footage near University, 3 killed.", "University"),  # very common: a cue is not enough
    ("Coca Cola plant struck.", "Cola"),  # an alternate name of Kola, Russia
])
def test_common_words_are_not_places_without_support(text, word):
    assert not by_text(find_places(text), word)


@pytest.mark.parametrize("text, word, country", [
    ("Shelling was reported in Kiev on Monday.", "Kiev", "UA"),  # big enough to be the word's sense
    ("The storm hit Hurricane, W.Va., on Monday.", "Hurricane", "US"),  # a cue and a state
    ("Talks continued in London and Manchester.", "London", "GB"),
])
def test_common_words_with_support_stay_places(text, word, country):
    found = by_text(find_places(text), word)
    assert found and found[0].country_code == country


@pytest.mark.parametrize("text, word, geonameid", [
    ("Floods hit Mexico on Monday, killing 12 people in Oaxaca.", "Mexico", 3996063),  # country
    ("Prices rose across Europe last year.", "Europe", 6255148),  # continent
    ("Gas prices in the EU rose again.", "EU", 6255148),  # the Union is placed in Europe
    ("The rain in England and Wales was heavy.", "England", 6269131),  # a nation of the UK
    ("The rain in England and Wales was heavy.", "Wales", 2634895),
])
def test_world_regions_and_countries_over_same_named_cities(text, word, geonameid):
    found = by_text(find_places(text), word)
    assert found and found[0].geonameid == geonameid


@pytest.mark.parametrize("text, word", [
    ("One serviceman killed in separatist east - Kiev military", "Kiev"),
    ("Kiev forces shell DPR 25 times over past 24 hours", "Kiev"),
])
def test_state_of_an_institution_is_an_actor(text, word):
    assert [p.role for p in by_text(find_places(text), word)] == ["actor"]


def test_river_is_placed_by_the_places_beside_it_not_far_ones():
    text = "Near Kherson, troops could not cross the Dnipro, Bakhmut officials said."
    (river,) = [p for p in find_places(text) if p.feature == "river"]
    assert abs(river.lat - 46.63) < 0.5 and abs(river.lon - 32.61) < 0.5  # at Kherson


def test_lowercase_entities_are_descriptions_not_names():
    text = "Civilians were moved from the west bank of the Dnipro to the east bank near Kherson."
    assert not [p for p in find_places(text) if p.text.islower()]


def test_place_starting_an_organisation_name_is_kept_when_the_report_supports_it():
    supported = find_places("The Dublin Historical Society met in Columbus, Ohio, on Monday.")
    dublin = by_text(supported, "Dublin")
    assert dublin and (dublin[0].country_code, dublin[0].admin1_code) == ("US", "OH")
    assert not by_text(find_places("The Dublin Historical Society met on Monday."), "Dublin")


@pytest.mark.parametrize("text, mention, geonameid", [
    # a county among the report's places: the one in the same state
    ("Deputies in Burlington, Ky., said the Boone County jail was full.", "Boone County", 4048522),
    # a list closed by "counties" names counties, not the towns of the same names
    ("Shoppers in Geauga and Medina counties drive to Cleveland, Ohio.", "Medina", 5162517),
    ("Fighting was reported across Ontario and Quebec, officials said.", "Ontario", 6093943),
])
def test_counties_and_world_regions_resolve(text, mention, geonameid):
    (place,) = by_text(find_places(text), mention)
    assert place.geonameid == geonameid


@pytest.mark.parametrize("text", [
    "Five Ukrainian soldiers killed, 12 wounded in past day: Kiev",
    "One Ukrainian serviceman killed in separatist attacks - Kiev military",
])
def test_the_source_closing_a_headline_is_an_actor(text):
    (kiev,) = by_text(find_places(text), "Kiev")
    assert kiev.role == "actor"


def test_own_name_in_another_romanisation_beats_an_old_alternate_name():
    (place,) = by_text(find_places("Shelling hit Sloviansk."), "Sloviansk")
    assert place.name == "Slovyansk" and place.admin1_name == "Donetsk Oblast"


def test_a_place_named_alone_is_the_theatres_namesake():
    (place,) = find_places("Georgiyevka")
    assert place.country_code == "UA" and place.admin1_name == "Luhansk Oblast"


def places_on(text: str, day: dt.date):
    analysis = Analysis(report=Report(text=text, published=day))
    return places.extract(get_nlp()(text), analysis)


def test_a_lone_village_is_the_namesake_where_the_war_was_that_day():
    # Mykhailivka (Luhansk Oblast) in 2015; before the war the Crimean one, more populous
    text = "Shelling hit Mikhaylovka overnight."
    assert places_on(text, dt.date(2015, 6, 3))[0].admin1_name == "Luhansk Oblast"
    assert places_on(text, dt.date(2013, 1, 1))[0].admin1_name != "Luhansk Oblast"
    # 2022-: Zaporizhzhia joined the front, its Mykhailivka is the bigger one there
    assert places_on(text, dt.date(2023, 3, 10))[0].admin1_name in (
        "Zaporizhzhia Oblast", "Luhansk Oblast")


def test_the_theatre_prior_never_overrides_a_named_region():
    text = "Shelling hit Mikhaylovka in the Volgograd region."
    found = places_on(text, dt.date(2015, 6, 3))
    assert found[0].country_code == "RU" and "Volgograd" in found[0].admin1_name


def test_a_first_name_before_a_surname_is_no_place():
    assert places_on("Artem Mazur was killed by a sniper.", dt.date(2021, 8, 16)) == []
    # the same word with a place cue is the town
    assert by_text(places_on("Shelling hit Artem overnight.", dt.date(2021, 8, 16)),
                   "Artem") or by_text(places_on("Protests in Artem grew.", dt.date(2021, 8, 16)),
                                       "Artem")


@pytest.mark.parametrize("text", ["Kiev authorities ban rallies in the east.",
                                  "Kiev sabotages the peace agreements, the rebels say."])
def test_capital_as_subject_of_political_verbs_or_authorities_is_an_actor(text):
    assert by_text(find_places(text), "Kiev")[0].role == "actor"


@pytest.mark.parametrize("text, mention, admin1", [
    ("A drone hit a school in Donetsk Obl overnight.", "Donetsk Obl", "05"),
    ("Two fighters were wounded in Luhansk Obl. on Friday.", "Luhansk Obl", "14"),
    ("Power was cut in parts of Kharkiv obl. after the strike.", "Kharkiv obl", "07"),
    ("Evacuations continue across Sumy oblast this week.", "Sumy oblast", "21"),
    ("Mines were found in Kherson Oblast' villages.", "Kherson Oblast", "08"),
])
def test_shortened_and_lowercase_oblast_names_are_the_oblast(text, mention, admin1):
    (place,) = by_text(find_places(text), mention)
    assert (place.feature, place.country_code, place.admin1_code) == ("admin1", "UA", admin1)


@pytest.mark.parametrize("text, word", [
    ("Sat 17 Sep: artillery hit Kupiansk at dawn.", "Sat"),
    ("A soldier was killed near Bakhmut on Wed, the brigade said.", "Wed"),
    ("Mon, 3 Oct — shelling went on around Lyman.", "Mon"),
    ("TASS: the ministry reports strikes on Avdiivka.", "TASS"),
    ("RIA Novosti said a depot burned near Svatove.", "RIA"),
    ("Xinhua reported heavy fighting near Bakhmut.", "Xinhua"),
    ("VOLYA ?? @VOLYAwatch · 3h Fires reported in Kreminna.", "VOLYA"),
])
def test_dates_outlets_and_account_names_are_not_places(text, word):
    found = find_places(text)
    assert not [p for p in found if word in p.text]
    assert [p for p in found if p.country_code == "UA"]  # the real place is still found


def test_an_outlet_named_after_a_city_keeps_the_city():
    found = find_places("The Kyiv Independent reported fighting near Bakhmut.")
    assert by_text(found, "Kyiv") and by_text(found, "Bakhmut")


def test_a_name_before_an_unrelated_handle_stays_a_place():
    assert by_text(find_places("Footage from Kupiansk via @warwatcher shows the bridge."),
                   "Kupiansk")


@pytest.mark.parametrize("text, venue, battlefield", [
    ("The Minsk talks did not stop the shelling of Avdiivka.", "Minsk", "Avdiivka"),
    ("At the Paris peace summit leaders condemned strikes on Kharkiv.", "Paris", "Kharkiv"),
    ("During talks in Istanbul a ceasefire near Mariupol was discussed.", "Istanbul", "Mariupol"),
    ("Putin made statements in Kaliningrad about the attack on Kherson.", "Kaliningrad",
     "Kherson"),
    ("The delegations met in Geneva while fighting went on in Bakhmut.", "Geneva", "Bakhmut"),
])
def test_where_diplomacy_happened_is_a_venue(text, venue, battlefield):
    found = find_places(text)
    assert [p.role for p in by_text(found, venue)] == ["venue"]
    assert [p.role for p in by_text(found, battlefield)] == ["location"]


@pytest.mark.parametrize("text, word", [
    ("Two soldiers were killed after failed Ukraine talks.", "Ukraine"),  # the topic
    ("A ceasefire in Donetsk collapsed within hours.", "Donetsk"),
    ("Russian troops shelled a meeting point in Kharkiv.", "Kharkiv"),
])
def test_a_place_talks_are_about_stays_a_location(text, word):
    assert [p.role for p in by_text(find_places(text), word)] == ["location"]


def test_the_token_table_says_what_spacy_tokens_say():
    """The per-Doc arrays the matcher and the cues read instead of ``Token`` objects."""
    doc = get_nlp()("The Hague said so. KYIV — In Kharkiv, Izyum's outskirts and the "
                    "Stratford-upon-Avon office of Reuters were shelled.\n\nBakhmut")
    tokens = places._TokenTable.of(doc)
    for t in doc:
        assert (tokens.word(t.i), tokens.lower[t.i]) == (t.text, t.lower)
        assert (tokens.sentence_begin(t.i), tokens.sentence_end(t.i)) == (t.sent.start, t.sent.end)
        assert tokens.may_begin_name[t.i] == (t.text[0].isupper() and t.pos_ != "DET")
    for start in range(len(doc)):
        for end in range(start + 1, min(len(doc), start + 6) + 1):
            words = [t for t in doc[start:end] if t.is_alpha]
            lone_stop = end - start == 1 and doc[start].is_stop and not doc[start].is_upper
            expected = bool(words) and doc[start].text[0].isupper() and not lone_stop and all(
                t.text[0].isupper() or t.lower_ in places.NAME_PARTICLES for t in words)
            assert tokens.capitalised(start, end) == expected, doc[start:end].text


def test_nearest_km_is_the_nearest_haversine_distance():
    """The context's distance to the nearest other place (one arc sine per candidate)."""
    points = [(47.1, 37.5), (48.6, 38.0), (50.0, 36.2), (46.6, 32.6)]
    for lat, lon in [(48.0, 37.8), (49.9, 36.3), (-33.9, 151.2), (47.1, 37.5)]:
        assert nearest_km(lat, lon, prepare_points(points)) \
            == min(haversine_km(lat, lon, *p) for p in points)
    assert nearest_km(48.0, 37.8, []) == math.inf
