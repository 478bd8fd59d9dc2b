"""Who is speaking: a registry of canonical sources and in-report coreference.

War reports cite a small cast again and again (the UK Ministry of Defence, ISW, the Russian
Ministry of Defence, Ukraine's General Staff, named officials, wire agencies) under many names
("Britain's Ministry of Defence", "the MoD", "the ministry", "it"). Resolving every mention to a
stable id lets the store answer "what did ISW say" across reports. Mentions that match nothing
are kept as new sources with a slug id and a guessed type, never dropped.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, field

SourceType = str  # government_military, think_tank, media, official_person, author, other

AUTHOR_ID = "author"


@dataclass(frozen=True)
class Source:
    """A canonical source. ``country`` picks the estimative scale; ``kinds`` are the common
    nouns a report may use to refer back to it ("the ministry", "the Institute")."""

    id: str
    name: str
    type: SourceType
    country: str = ""
    aliases: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    generic: tuple[str, ...] = ()  # names that match only as the whole mention ("the ministry")
    known: bool = True


def _src(id_, name, type_, country, aliases=(), kinds=(), generic=()):
    return Source(id_, name, type_, country, tuple(aliases), tuple(kinds), tuple(generic))


_GOV, _TANK, _MEDIA, _PERSON = "government_military", "think_tank", "media", "official_person"
_MINISTRY_KINDS = ("ministry", "defence ministry", "defense ministry", "department", "mod")

REGISTRY: tuple[Source, ...] = (
    _src("uk_mod", "UK Ministry of Defence", _GOV, "GB",
         ["UK Ministry of Defence", "British Ministry of Defence", "Britain's Ministry of Defence",
          "UK MoD", "British MoD", "MoD", "Ministry of Defence", "UK Defence Intelligence",
          "British Defence Intelligence", "Defence Intelligence", "British military intelligence",
          "UK defence ministry", "British defence ministry", "Britain's defence ministry"],
         _MINISTRY_KINDS + ("intelligence",), ["ministry", "defence ministry"]),
    _src("isw", "Institute for the Study of War", _TANK, "US",
         ["Institute for the Study of War", "ISW"],
         ("institute", "think tank", "think-tank", "group", "organisation", "organization"),
         ["institute", "think tank", "think-tank"]),
    _src("ru_mod", "Russian Ministry of Defence", _GOV, "RU",
         ["Russian Ministry of Defence", "Russian Ministry of Defense", "Russia's Ministry of Defence",
          "Russia's Ministry of Defense", "Russian defence ministry", "Russian defense ministry",
          "Russia's defence ministry", "Russia's defense ministry", "Russian MoD",
          "Igor Konashenkov", "Konashenkov"],
         _MINISTRY_KINDS + ("spokesman",)),
    _src("ua_mod", "Ministry of Defence of Ukraine", _GOV, "UA",
         ["Ukrainian Ministry of Defence", "Ukrainian Ministry of Defense", "Ukraine's Ministry of "
          "Defence", "Ukraine's Ministry of Defense", "Ukrainian defence ministry",
          "Ukrainian defense ministry", "Ukraine's defence ministry", "Ukraine's defense ministry"],
         _MINISTRY_KINDS),
    _src("ua_general_staff", "General Staff of the Armed Forces of Ukraine", _GOV, "UA",
         ["General Staff of the Armed Forces of Ukraine", "General Staff of Ukraine's Armed Forces",
          "Ukrainian General Staff", "Ukraine's General Staff", "Ukrainian military's General Staff",
          "General Staff"],
         ("general staff", "staff", "military", "army")),
    _src("ru_government", "Russian government", _GOV, "RU",
         ["Kremlin", "Moscow", "Russian government", "Russia"], ("kremlin", "government")),
    _src("ua_government", "Ukrainian government", _GOV, "UA",
         ["Kyiv", "Kiev", "Ukrainian government", "Ukraine"], ("government",)),
    _src("us_dod", "US Department of Defense", _GOV, "US",
         ["Pentagon", "US Department of Defense", "Department of Defense", "US defense officials"],
         ("department", "pentagon")),
    # Ukrainian officials
    _src("ua_president", "Volodymyr Zelensky", _PERSON, "UA",
         ["Volodymyr Zelensky", "Volodymyr Zelenskyy", "Zelensky", "Zelenskyy", "Zelenskiy"],
         ("president",)),
    _src("ua_official_syrskyi", "Oleksandr Syrskyi", _PERSON, "UA",
         ["Oleksandr Syrskyi", "Syrskyi", "Syrsky", "Oleksandr Syrsky"], ("general", "commander")),
    _src("ua_official_zaluzhnyi", "Valerii Zaluzhnyi", _PERSON, "UA",
         ["Valerii Zaluzhnyi", "Valery Zaluzhny", "Zaluzhnyi", "Zaluzhny"],
         ("general", "commander")),
    _src("ua_official_reznikov", "Oleksii Reznikov", _PERSON, "UA",
         ["Oleksii Reznikov", "Oleksiy Reznikov", "Reznikov"], ("minister",)),
    _src("ua_official_maliar", "Hanna Maliar", _PERSON, "UA",
         ["Hanna Maliar", "Hanna Malyar", "Ganna Malyar", "Maliar", "Malyar"], ("minister",)),
    _src("ua_official_arestovych", "Oleksiy Arestovych", _PERSON, "UA",
         ["Oleksiy Arestovych", "Oleksii Arestovych", "Arestovych"], ("adviser", "advisor")),
    _src("ua_official_podolyak", "Mykhailo Podolyak", _PERSON, "UA",
         ["Mykhailo Podolyak", "Mykhailo Podoliak", "Podolyak", "Podoliak"], ("adviser", "advisor")),
    _src("ua_official_kuleba", "Dmytro Kuleba", _PERSON, "UA", ["Dmytro Kuleba", "Kuleba"], ("minister",)),
    _src("ua_official_budanov", "Kyrylo Budanov", _PERSON, "UA", ["Kyrylo Budanov", "Budanov"], ("chief",)),
    _src("ua_official_syniehubov", "Oleh Syniehubov", _PERSON, "UA",
         ["Oleh Syniehubov", "Oleh Synehubov", "Syniehubov", "Synehubov"], ("governor",)),
    _src("ua_official_haidai", "Serhiy Haidai", _PERSON, "UA",
         ["Serhiy Haidai", "Serhii Haidai", "Haidai", "Gaidai"], ("governor",)),
    _src("ua_official_humeniuk", "Natalia Humeniuk", _PERSON, "UA",
         ["Natalia Humeniuk", "Nataliya Humenyuk", "Humeniuk", "Humenyuk"],
         ("spokeswoman", "spokesperson")),
    _src("ua_official_cherevatyi", "Serhiy Cherevatyi", _PERSON, "UA",
         ["Serhiy Cherevatyi", "Serhii Cherevatyi", "Cherevatyi", "Cherevaty"],
         ("spokesman", "spokesperson")),
    _src("ua_military_intelligence", "Defence Intelligence of Ukraine (HUR)", _GOV, "UA",
         ["Ukraine's military intelligence", "Ukrainian military intelligence",
          "Ukraine's military intelligence agency", "Ukrainian military intelligence agency",
          "Ukraine's defence intelligence", "Ukrainian defence intelligence", "HUR", "GUR"],
         ("intelligence", "agency")),
    _src("ua_air_force", "Ukrainian Air Force", _GOV, "UA",
         ["Ukraine's air force", "Ukrainian air force", "Air Force of Ukraine"],
         ("air force",)),
    _src("ua_official_presidential_office", "Office of the President of Ukraine", _GOV, "UA",
         ["Office of the President of Ukraine", "Ukraine's presidential office",
          "Ukrainian presidential office", "presidential office", "Zelensky's office",
          "Ukrainian presidential administration"], ("office",)),
    _src("ua_official_prosecutor_general", "Prosecutor General of Ukraine", _PERSON, "UA",
         ["Prosecutor General of Ukraine", "Ukraine's prosecutor-general",
          "Ukraine's prosecutor general", "Ukrainian prosecutor-general",
          "Ukrainian prosecutor general"], ("prosecutor",)),
    _src("ua_officials", "Ukrainian officials", _GOV, "UA",
         ["Ukrainian officials", "Ukrainian authorities", "Ukrainian statements"], ("officials",)),
    # Russian officials
    _src("ru_president", "Vladimir Putin", _PERSON, "RU", ["Vladimir Putin", "Putin"], ("president",)),
    _src("ru_official_shoigu", "Sergei Shoigu", _PERSON, "RU", ["Sergei Shoigu", "Sergey Shoigu", "Shoigu"],
         ("minister",)),
    _src("ru_official_peskov", "Dmitry Peskov", _PERSON, "RU", ["Dmitry Peskov", "Dmitri Peskov", "Peskov"],
         ("spokesman", "spokesperson")),
    _src("ru_official_lavrov", "Sergei Lavrov", _PERSON, "RU", ["Sergei Lavrov", "Sergey Lavrov", "Lavrov"],
         ("minister",)),
    _src("ru_official_surovikin", "Sergei Surovikin", _PERSON, "RU",
         ["Sergei Surovikin", "Sergey Surovikin", "Surovikin"], ("general", "commander")),
    _src("ru_official_gerasimov", "Valery Gerasimov", _PERSON, "RU", ["Valery Gerasimov", "Gerasimov"],
         ("general", "chief")),
    _src("ru_official_saldo", "Vladimir Saldo", _PERSON, "RU", ["Vladimir Saldo", "Volodymyr Saldo", "Saldo"],
         ("official", "governor")),
    _src("ru_official_stremousov", "Kirill Stremousov", _PERSON, "RU",
         ["Kirill Stremousov", "Stremousov"], ("official", "deputy")),
    _src("ru_officials", "Russian officials", _GOV, "RU",
         ["Russian officials", "Russian authorities", "Russian-installed officials",
          "Russian-installed authorities"], ("officials", "authorities")),
    _src("ru_state_media", "Russian state media", _MEDIA, "RU",
         ["Russian state media", "Russian state television", "Russian state TV",
          "Russian state-run media", "Russian state-run television", "Russian state broadcaster",
          "Russian state news agencies"], ("broadcaster", "television")),
    _src("ru_milbloggers", "Russian military bloggers", "other", "RU",
         ["Russian military bloggers", "Russian milbloggers", "pro-Russian military bloggers",
          "Russian war bloggers", "pro-war Russian bloggers", "Russian milblogger"],
         ("bloggers",)),
    _src("ru_investigative_committee", "Investigative Committee of Russia", _GOV, "RU",
         ["Investigative Committee of Russia", "Russia's Investigative Committee",
          "Russian Investigative Committee"], ("committee",)),
    _src("ru_official_pushilin", "Denis Pushilin", _PERSON, "RU", ["Denis Pushilin", "Pushilin"],
         ("leader", "official")),
    _src("ru_official_kadyrov", "Ramzan Kadyrov", _PERSON, "RU", ["Ramzan Kadyrov", "Kadyrov"], ("leader",)),
    _src("ru_official_prigozhin", "Yevgeny Prigozhin", _PERSON, "RU",
         ["Yevgeny Prigozhin", "Yevgeniy Prigozhin", "Prigozhin"], ("founder", "chief")),
    _src("ru_official_medvedev", "Dmitry Medvedev", _PERSON, "RU", ["Dmitry Medvedev", "Medvedev"],
         ("chairman",)),
    # Outlets
    _src("reuters", "Reuters", _MEDIA, "GB", ["Reuters"], ("agency", "news agency")),
    _src("ap", "Associated Press", _MEDIA, "US", ["Associated Press", "AP"], ("agency",)),
    _src("afp", "Agence France-Presse", _MEDIA, "FR", ["Agence France-Presse", "AFP"], ("agency",)),
    _src("bbc", "BBC", _MEDIA, "GB", ["BBC", "BBC News"], ("broadcaster",)),
    _src("cnn", "CNN", _MEDIA, "US", ["CNN"], ("broadcaster", "network")),
    _src("tass", "TASS", _MEDIA, "RU", ["TASS", "Tass"], ("agency", "news agency")),
    _src("ria_novosti", "RIA Novosti", _MEDIA, "RU", ["RIA Novosti", "RIA"], ("agency",)),
    _src("interfax", "Interfax", _MEDIA, "RU", ["Interfax"], ("agency",)),
    _src("sputnik", "Sputnik", _MEDIA, "RU", ["Sputnik"], ("agency",)),
    _src("tsargrad", "Tsargrad", _MEDIA, "RU", ["Tsargrad"], ("channel",)),
    _src("komsomolskaya_pravda", "Komsomolskaya Pravda", _MEDIA, "RU", ["Komsomolskaya Pravda"],
         ("newspaper",)),
    _src("xinhua", "Xinhua", _MEDIA, "CN", ["Xinhua"], ("agency", "news agency")),
    _src("unian", "UNIAN", _MEDIA, "UA", ["UNIAN"], ("agency",)),
    _src("kyiv_independent", "Kyiv Independent", _MEDIA, "UA",
         ["Kyiv Independent", "The Kyiv Independent"], ("outlet", "newspaper")),
    _src("ukrinform", "Ukrinform", _MEDIA, "UA", ["Ukrinform"], ("agency",)),
    _src("ukrainska_pravda", "Ukrainska Pravda", _MEDIA, "UA", ["Ukrainska Pravda"], ("outlet",)),
    _src("guardian", "The Guardian", _MEDIA, "GB", ["The Guardian", "Guardian"], ("newspaper",)),
    _src("nyt", "The New York Times", _MEDIA, "US", ["New York Times", "NYT"], ("newspaper",)),
    _src("washington_post", "The Washington Post", _MEDIA, "US", ["Washington Post"],
         ("newspaper",)),
    _src("al_jazeera", "Al Jazeera", _MEDIA, "QA", ["Al Jazeera"], ("broadcaster",)),
    _src("rt", "RT", _MEDIA, "RU", ["RT", "Russia Today"], ("broadcaster", "channel")),
)

BY_ID: dict[str, Source] = {s.id: s for s in REGISTRY}

# Nationality/country words that qualify an institution ("Russia's defence ministry").
COUNTRY_WORDS: dict[str, str] = {
    "russia": "RU", "russian": "RU", "moscow": "RU", "kremlin": "RU",
    "ukraine": "UA", "ukrainian": "UA", "kyiv": "UA", "kiev": "UA",
    "britain": "GB", "british": "GB", "uk": "GB", "u.k.": "GB", "united kingdom": "GB",
    "us": "US", "u.s.": "US", "american": "US", "united states": "US",
}
# (country, institution noun) → id, for "Russian defence ministry", "Kyiv's General Staff" ...
_INSTITUTIONS: dict[tuple[str, str], str] = {
    ("RU", "ministry"): "ru_mod", ("UA", "ministry"): "ua_mod", ("GB", "ministry"): "uk_mod",
    ("RU", "mod"): "ru_mod", ("UA", "mod"): "ua_mod", ("GB", "mod"): "uk_mod",
    ("US", "department"): "us_dod", ("UA", "general staff"): "ua_general_staff",
    ("UA", "military"): "ua_general_staff", ("UA", "army"): "ua_general_staff",
    ("RU", "military"): "ru_mod", ("RU", "army"): "ru_mod",
    ("RU", "government"): "ru_government", ("UA", "government"): "ua_government",
    ("RU", "officials"): "ru_officials", ("UA", "officials"): "ua_officials",
    ("RU", "authorities"): "ru_officials", ("UA", "authorities"): "ua_officials",
    ("RU", "announcement"): "ru_mod", ("UA", "announcement"): "ua_mod",
    ("RU", "statement"): "ru_mod", ("UA", "statement"): "ua_mod",
    ("RU", "claim"): "ru_mod", ("UA", "claim"): "ua_mod",
    ("RU", "report"): "ru_mod", ("UA", "report"): "ua_general_staff",
}
_INSTITUTION_NOUNS = {
    "ministry of defence": "ministry", "ministry of defense": "ministry",
    "defence ministry": "ministry", "defense ministry": "ministry", "mod": "mod",
    "general staff": "general staff", "military": "military", "army": "army",
    "government": "government", "officials": "officials", "authorities": "authorities",
    "department of defense": "department", "announcement": "announcement",
    "announcements": "announcement", "statement": "statement", "claim": "claim",
    "claims": "claim", "report": "report", "reports": "report",
}

PERSON_PRONOUNS = {"he", "she", "him", "her", "his"}
THING_PRONOUNS = {"it", "its"}
GROUP_PRONOUNS = {"they", "them", "their"}
_PERSON_NOUNS = {
    "official", "officials", "spokesman", "spokeswoman", "spokesperson", "minister", "president",
    "governor", "mayor", "commander", "general", "analyst", "analysts", "expert", "experts",
    "adviser", "advisor", "witness", "witnesses", "resident", "residents", "soldier", "soldiers",
    "leader", "chief", "head", "secretary", "senator", "lawmaker", "diplomat", "aide", "colonel",
    "officer", "journalist", "correspondent", "reporter", "blogger", "bloggers", "source",
    "sources", "people", "man", "woman", "they", "we", "i", "you", "mr", "mrs", "ms", "dr",
    "sen", "gen", "col", "rep", "gov", "lt", "maj", "capt",
}
_GOV_WORDS = {
    "ministry", "army", "forces", "staff", "command", "government", "police", "military",
    "kremlin", "pentagon", "administration", "authorities", "council", "service", "department",
    "intelligence", "office", "navy", "guard", "regiment", "brigade", "battalion",
}
_TANK_WORDS = {"institute", "centre", "center", "think", "foundation", "university", "project",
               "monitor", "observatory", "group", "bellingcat", "oryx"}
_MEDIA_WORDS = {"news", "times", "post", "agency", "tv", "television", "radio", "newspaper",
                "journal", "channel", "media", "telegraph", "guardian", "herald", "daily",
                "gazette", "tribune", "press", "broadcaster", "outlet", "magazine", "telegram"}


@functools.lru_cache(maxsize=16_384)  # pure, and asked again for every mention
def normalise_mention(text: str) -> str:
    """Lower-case, straight apostrophes, no leading article or trailing punctuation."""
    text = unicodedata.normalize("NFKC", text).replace("’", "'").replace("‘", "'")
    text = " ".join(text.split()).strip(" ,.;:\"'()[]").lower()
    return re.sub(r"^(the|a|an)\s+", "", text)


def _alias_index() -> list[tuple[str, Source]]:
    pairs = [(normalise_mention(a), s) for s in REGISTRY for a in (s.name, *s.aliases)]
    return sorted(pairs, key=lambda p: -len(p[0]))  # longest alias wins


_ALIASES = _alias_index()
_GENERIC = {normalise_mention(g): s for s in REGISTRY for g in s.generic}


def _contains_word(haystack: str, needle: str) -> bool:
    return needle in haystack and _word_pattern(needle).search(haystack) is not None


@functools.cache  # one per alias: more than ``re``'s own cache holds, so it kept recompiling
def _word_pattern(needle: str) -> re.Pattern:
    return re.compile(rf"(?<![\w']){re.escape(needle)}(?![\w])")


@functools.lru_cache(maxsize=16_384)  # pure, and asked again for every mention
def country_of(mention: str) -> str:
    """Country qualifier in a mention ("Russia's ministry" → "RU"), or ""."""
    norm = normalise_mention(mention)
    for word, country in COUNTRY_WORDS.items():
        if _contains_word(norm, word):
            return country
    return ""


@functools.cache
def _qualified_aliases() -> list[tuple[str, Source]]:
    """Aliases of several words naming a country ("ukraine's military intelligence"), longest
    first: worked out once, not once per looked-up mention."""
    return [(alias, source) for alias, source in _ALIASES if " " in alias and country_of(alias)]


@functools.lru_cache(maxsize=8192)  # the same entity texts recur in every report
def lookup(mention: str) -> Source | None:
    """The registry source a mention names, if any (institution by country, then alias)."""
    norm = normalise_mention(mention)
    if not norm:
        return None
    for alias, source in _ALIASES:
        if alias == norm:
            return source
    if norm in _GENERIC:
        return _GENERIC[norm]
    # a qualified alias inside a longer mention names something more specific than a country
    # plus an institution noun ("Ukraine's military intelligence agency" is not the military)
    for alias, source in _qualified_aliases():
        if _contains_word(norm, alias):
            return source
    country = country_of(norm)
    if country:
        for noun, key in _INSTITUTION_NOUNS.items():
            if _contains_word(norm, noun) and (country, key) in _INSTITUTIONS:
                return BY_ID[_INSTITUTIONS[(country, key)]]
    for alias, source in _ALIASES:
        # a long alias inside a longer mention ("Ukrainian President Volodymyr Zelensky");
        # short all-caps aliases like "AP" only when they are the whole mention
        if len(alias) > 3 and _contains_word(norm, alias):
            return source
    return None


def slugify(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "_", ascii_text.lower()).strip("_")[:60] or "unknown"


def guess_type(mention: str, entity_label: str = "") -> SourceType:
    """A plausible type for a source the registry does not know."""
    words = set(re.findall(r"[a-z]+", normalise_mention(mention)))
    if words & _MEDIA_WORDS:
        return _MEDIA
    if words & _TANK_WORDS or "tank" in words:
        return _TANK
    if words & _GOV_WORDS or entity_label in {"GPE", "NORP"}:
        return _GOV
    if entity_label == "PERSON" or words & _PERSON_NOUNS:
        return _PERSON
    if entity_label == "ORG":
        return _GOV
    return "other"


_QUANTIFIERS = {"the", "a", "an", "one", "some", "several", "two", "three", "many", "other",
                "another", "senior", "local"}
_COUNTRY_PREFIXES = {"ukrainian": "ua", "ukraine's": "ua", "ukraine": "ua", "russian": "ru",
                     "russia's": "ru", "russia": "ru", "russian-installed": "ru",
                     "pro-russian": "ru", "western": "western"}


def source_slug(name: str) -> str:
    """Id of a source the registry does not know, in the registry's scheme: quantifiers
    dropped and a leading nationality as a prefix ("one Western analyst" → western_analyst,
    "Ukraine's air force" → ua_air_force)."""
    words = normalise_mention(name).split()
    while len(words) > 1 and words[0] in _QUANTIFIERS:
        words.pop(0)
    if len(words) > 1 and words[0] in _COUNTRY_PREFIXES:
        return f"{_COUNTRY_PREFIXES[words[0]]}_{slugify(' '.join(words[1:]))}"
    return slugify(" ".join(words))


def new_source(mention: str, entity_label: str = "") -> Source:
    """A source made from the text itself, for speakers the registry does not know."""
    name = " ".join(mention.split()).strip(" ,.;:\"'")
    name = re.sub(r"^(the|The|a|A|an|An)\s+", "", name)
    return Source(source_slug(name) if name else "unknown", name or mention,
                  guess_type(mention, entity_label), country_of(mention), known=False)


def official_source(person: str, country: str) -> Source:
    """A named official the registry does not know: ``ua_official_<surname>``."""
    surname = slugify(person.split()[-1]) if person.split() else "unknown"
    return Source(f"{country.lower()}_official_{surname}", person, _PERSON, country, known=False)


def author_source(report_source: str = "") -> Source:
    """The report's own voice; its name is the report's publisher when known."""
    publisher = lookup(report_source) if report_source else None
    country = publisher.country if publisher else ""
    return Source(AUTHOR_ID, report_source, "author", country)


# --- coreference -------------------------------------------------------------------------

ANAPHORIC_HEADS = {
    "ministry", "institute", "think tank", "think-tank", "agency", "department", "staff",
    "general staff", "spokesman", "spokeswoman", "spokesperson", "president", "minister",
    "general", "commander", "group", "organisation", "organization", "newspaper", "broadcaster",
    "outlet", "government", "kremlin", "military", "army", "official", "adviser", "advisor",
    "governor", "intelligence", "update", "assessment", "report",
}


@dataclass
class SourceTracker:
    """Sources a report has named so far, most recent last, for "it said".

    Speakers (sources of earlier claims) are preferred over sources merely named in passing.
    """

    speakers: list[Source] = field(default_factory=list)
    named: list[tuple[int, Source]] = field(default_factory=list)  # (char offset, source)
    person_voiced: set[str] = field(default_factory=set)  # spoken for by a person ("he")
    surnames: dict[str, Source] = field(default_factory=dict)  # "reeve" → her source

    def note(self, source: Source, person: str = "", by_person: bool = False) -> None:
        """A source has spoken; ``person`` is the name in its mention, ``by_person`` whether
        a person spoke for it (then "he"/"she" may refer back to it)."""
        if source.id == AUTHOR_ID:
            return
        self.speakers = [s for s in self.speakers if s.id != source.id] + [source]
        if by_person or person:
            self.person_voiced.add(source.id)
        if len(person.split()) > 1:
            self.surnames[normalise_mention(person.split()[-1])] = source

    def recent_country(self) -> str:
        """Country of the latest speaker that has one (the side a new official is on)."""
        return next((s.country for s in reversed(self.speakers) if s.country), "")

    def note_named(self, offset: int, source: Source) -> None:
        self.named.append((offset, source))

    def antecedent(self, mention: str, before: int | None = None) -> Source | None:
        """The last mentioned source compatible with an anaphoric mention, or None."""
        norm = normalise_mention(mention)
        norm = re.sub(r"^(its|their|his|her)\s+", "", norm)
        compatible = _compatibility_test(norm, self.person_voiced)
        if compatible is None:
            return None
        named = [s for offset, s in self.named if before is None or offset < before]
        for pool in (self.speakers, named):
            for source in reversed(pool):
                if compatible(source):
                    return source
        return None


def _compatibility_test(norm: str, person_voiced: set[str]):
    if norm in PERSON_PRONOUNS:
        return lambda s: s.type == _PERSON or s.id in person_voiced
    if norm in THING_PRONOUNS:
        return lambda s: s.type != _PERSON
    if norm in GROUP_PRONOUNS:
        return lambda s: True
    head = norm.split()[-1] if norm else ""
    if norm in ANAPHORIC_HEADS or head in ANAPHORIC_HEADS:
        if head in {"update", "assessment", "report"}:
            return lambda s: s.type != _PERSON
        return lambda s: norm in s.kinds or head in s.kinds or norm in normalise_mention(s.name)
    return None


_ONE_PERSON = {w for w in _PERSON_NOUNS if not w.endswith("s")} - {"they", "we", "i", "you", "people"}


@functools.lru_cache(maxsize=16_384)  # pure, and asked again for every mention
def spoken_by_person(mention: str) -> bool:
    """"the ministry's spokesman", "he": one person speaks (for whatever source it resolves to)."""
    words = set(re.findall(r"[a-z]+", normalise_mention(mention)))
    return bool(words & (_ONE_PERSON | {"he", "she"}))


@functools.lru_cache(maxsize=16_384)  # pure, and asked again for every mention
def is_anaphoric(mention: str) -> bool:
    """True for pronouns and bare definite descriptions ("the ministry") that need an antecedent."""
    raw = " ".join(mention.split()).strip(" ,.;:\"'")
    norm = normalise_mention(raw)
    norm = re.sub(r"^(its|their|his|her)\s+", "", norm)
    if norm in PERSON_PRONOUNS | THING_PRONOUNS | GROUP_PRONOUNS:
        return True
    definite = raw.lower().startswith(("the ", "its ", "their ", "his ", "her "))
    return definite and norm in ANAPHORIC_HEADS


_SPOKESPEOPLE = (r"spokesman|spokeswoman|spokesperson|press secretary|press service|"
                 r"representative|adviser|advisor|aide")
_EXPERTS = r"analyst|researcher|fellow|expert|scholar|economist|director"
_ROLE_OF = re.compile(rf"\b(?P<role>{_SPOKESPEOPLE}|{_EXPERTS})\s+(?:for|of|at|from|with|in)\s+"
                      r"(?P<org>[^,()]+)")
_ORGS_ROLE = re.compile(rf"^(?P<org>[\w' .-]+?)'s\s+(?:[\w-]+\s+)?(?P<role>{_SPOKESPEOPLE})$")
_TITLES = re.compile(r"^(?:mr|mrs|ms|dr|gen|col|lt|maj|capt|sen|rep|gov)\.?\s+")


def _affiliation(norm: str, tracker: SourceTracker, at: int | None) -> Source | None:
    """The organisation a spokesperson speaks for ("the ministry's spokesman"), or a think
    tank or outlet an expert speaks for ("an analyst at the X Institute")."""
    match = _ROLE_OF.search(norm) or _ORGS_ROLE.match(norm)
    if match is None:
        return None
    org_text = re.sub(r"\s+(?:in|based in)\s+[\w .-]+$", "", match.group("org")).strip()
    if not org_text:
        return None
    org = None
    if is_anaphoric(f"the {org_text}"):
        org = tracker.antecedent(org_text, before=at)
    org = org or lookup(org_text) or new_source(org_text)
    if re.fullmatch(_SPOKESPEOPLE, match.group("role")) or org.type in {_TANK, _MEDIA}:
        return org
    return None


def _recent_institution(mention: str, tracker: SourceTracker) -> Source | None:
    """"The ministry" with no ministry named before it: the institution of the country the
    latest speakers belong to ("Russia's defence minister ... The ministry later said"), not
    the registry's default holder of the word."""
    norm = re.sub(r"^(its|their|his|her)\s+", "", normalise_mention(mention))
    key = (tracker.recent_country(), _INSTITUTION_NOUNS.get(norm, norm))
    return BY_ID[_INSTITUTIONS[key]] if key in _INSTITUTIONS else None


def resolve(
    mention: str, tracker: SourceTracker, entity_label: str = "", at: int | None = None,
    person: str = "",
) -> Source:
    """Mention → source: anaphora and surnames named before, then the registry, then the
    organisation a spokesperson or expert speaks for, then a named official on the side the
    mention or the latest speaker gives (``ua_official_<surname>``), else a new source."""
    if is_anaphoric(mention):
        found = tracker.antecedent(mention, before=at) or _recent_institution(mention, tracker)
        if found is not None:
            return found
    norm = _TITLES.sub("", normalise_mention(mention))
    surname = normalise_mention(person.split()[-1]) if person.split() else norm
    for key in (norm, surname):
        if key in tracker.surnames:
            return tracker.surnames[key]
    found = lookup(mention) or _affiliation(norm, tracker, at)
    if found is not None:
        return found
    if person:
        country = country_of(mention) or tracker.recent_country()
        if country in {"UA", "RU"}:
            return official_source(person, country)
    return new_source(mention, entity_label)
