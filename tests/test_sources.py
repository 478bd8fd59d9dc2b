"""Source registry lookups and in-report coreference."""

from frontwatch.nlp import sources


def test_registry_aliases_resolve_to_canonical_ids():
    cases = {
        "the British Ministry of Defence": "uk_mod",
        "Britain's Ministry of Defence": "uk_mod",
        "the MoD.": "uk_mod",
        "UK Defence Intelligence": "uk_mod",
        "the Institute for the Study of War": "isw",
        "ISW": "isw",
        "Russia's defence ministry": "ru_mod",
        "the Russian Ministry of Defense": "ru_mod",
        "Igor Konashenkov": "ru_mod",
        "the General Staff of the Armed Forces of Ukraine": "ua_general_staff",
        "Ukrainian President Volodymyr Zelensky": "ua_president",
        "Kremlin spokesman Dmitry Peskov": "ru_official_peskov",
        "TASS": "tass",
        "The Kyiv Independent": "kyiv_independent",
    }
    for mention, expected in cases.items():
        found = sources.lookup(mention)
        assert found is not None and found.id == expected, mention


def test_source_types():
    assert sources.BY_ID["isw"].type == "think_tank"
    assert sources.BY_ID["uk_mod"].type == "government_military"
    assert sources.BY_ID["reuters"].type == "media"
    assert sources.BY_ID["ru_official_shoigu"].type == "official_person"
    assert sources.author_source("BBC").type == "author"


def test_unknown_source_is_created_not_dropped():
    tracker = sources.SourceTracker()
    made = sources.resolve("the Luhansk regional military administration", tracker)
    assert made.id == "luhansk_regional_military_administration"
    assert made.type == "government_military" and not made.known
    person = sources.resolve("a local resident", tracker, entity_label="")
    assert person.type == "official_person"


def test_coreference_prefers_last_compatible_speaker():
    tracker = sources.SourceTracker()
    tracker.note(sources.BY_ID["uk_mod"])
    assert sources.resolve("It", tracker).id == "uk_mod"
    assert sources.resolve("the ministry", tracker).id == "uk_mod"
    tracker.note(sources.BY_ID["isw"])
    assert sources.resolve("the Institute", tracker).id == "isw"
    assert sources.resolve("the ministry", tracker).id == "uk_mod"
    tracker.note(sources.BY_ID["ru_mod"])
    assert sources.resolve("the ministry", tracker).id == "ru_mod"
    tracker.note(sources.BY_ID["ru_official_peskov"])
    assert sources.resolve("he", tracker).id == "ru_official_peskov"
    assert sources.resolve("it", tracker).id == "ru_mod"


def test_bare_generic_names_fall_back_to_registry_without_antecedent():
    tracker = sources.SourceTracker()
    assert sources.resolve("the ministry", tracker).id == "uk_mod"
    assert sources.resolve("the Institute", tracker).id == "isw"
