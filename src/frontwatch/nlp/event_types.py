"""Our event types, their ACLED and VIINA equivalents, and the trigger lexicon.

The table is the single place where a type is defined: extraction, exports and the docs
(``docs/events.md``) all read it, so a join with ACLED (``event_type``/``sub_event_type``)
or VIINA (``t_*`` columns) uses exactly the mapping the extractor was written against.

The spaCy pipeline runs without a lemmatizer (it is excluded for speed), so the lexicon
lists base forms and expands their regular inflections itself (``_verb_forms``,
``_noun_forms``); irregular forms are listed explicitly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

BATTLES = "Battles"
REMOTE = "Explosions/Remote violence"
VAC = "Violence against civilians"
STRATEGIC = "Strategic developments"


@dataclass(frozen=True)
class EventType:
    """One of our codes with the columns other datasets use for the same kind of event."""

    code: str
    description: str
    acled_event_type: str
    acled_sub_event_type: str
    viina: tuple[str, ...]


EVENT_TYPES: dict[str, EventType] = {
    t.code: t
    for t in [
        EventType("capture", "territory or a place taken or retaken", BATTLES,
                  "Non-state actor overtakes territory", ("t_control", "t_occupy")),
        EventType("withdrawal", "retreat, flight, 'regrouping', pull-back", STRATEGIC,
                  "Non-violent transfer of territory", ("t_retreat",)),
        EventType("advance", "offensive movement, breakthrough, lines penetrated", BATTLES,
                  "Armed clash", ("t_raid",)),
        EventType("clash", "armed clash, fighting, battle", BATTLES, "Armed clash",
                  ("t_firefight",)),
        EventType("artillery", "shelling, MLRS, artillery or unattributed remote strikes",
                  REMOTE, "Shelling/artillery/missile attack", ("t_artillery",)),
        EventType("air_strike", "air, drone or missile strike", REMOTE, "Air/drone strike",
                  ("t_airstrike",)),
        EventType("air_defense", "aircraft, drone or missile shot down or intercepted", REMOTE,
                  "Air/drone strike", ("t_aad",)),
        EventType("equipment_loss", "vehicles or weapons destroyed, captured or abandoned",
                  BATTLES, "Armed clash", ("t_armor",)),
        EventType("infrastructure_damage", "bridges, power, buildings, property damaged",
                  REMOTE, "Shelling/artillery/missile attack", ("t_property",)),
        EventType("military_casualties", "soldiers killed or wounded", BATTLES, "Armed clash",
                  ("t_milcas",)),
        EventType("civilian_casualties", "civilians killed or wounded", REMOTE,
                  "Shelling/artillery/missile attack", ("t_civcas",)),
        EventType("attack_on_civilians", "civilians deliberately attacked, executed, abused",
                  VAC, "Attack", ("t_civcas",)),
        EventType("arrest", "detention, abduction, prisoners of war", STRATEGIC, "Arrests",
                  ("t_arrest",)),
        EventType("cyber", "cyber attack", STRATEGIC, "Other", ("t_cyber",)),
        EventType("sanctions", "economic sanctions", STRATEGIC, "Other", ("t_san",)),
        EventType("announcement", "official statement about the war", STRATEGIC, "Other", ()),
    ]
}


def acled_columns(type_code: str, initiator_side: str) -> tuple[str, str]:
    """ACLED (event_type, sub_event_type) for one of our events.

    Captures split by who takes the ground: ACLED codes a government retaking its own
    territory as "Government regains territory" and everyone else's gains as
    "Non-state actor overtakes territory".
    """
    spec = EVENT_TYPES[type_code]
    if type_code == "capture" and initiator_side == "UA":
        return spec.acled_event_type, "Government regains territory"
    return spec.acled_event_type, spec.acled_sub_event_type


# --- trigger lexicon -------------------------------------------------------------------
# Frames are what a trigger word means before its arguments are known; ``events.py`` turns a
# frame into a type once it has seen the patient ("destroyed tanks" → equipment_loss,
# "destroyed a school" → infrastructure_damage).

_VERB_FRAMES: dict[str, list[str]] = {
    "capture": ["capture", "recapture", "seize", "retake", "retook", "retaken", "liberate", "occupy",
                "overrun", "overran", "regain", "reclaim", "take", "took", "taken", "fall", "fell",
                "fallen", "raise", "hoist", "restore", "free", "freed"],
    "withdraw": ["withdraw", "withdrew", "withdrawn", "retreat", "flee", "fled", "regroup",
                 "abandon", "pull", "evacuate"],
    "advance": ["advance", "penetrate", "push", "reach", "enter", "storm", "break", "broke",
                "broken", "cross", "recross", "counterattack", "counter-attack", "rout"],
    "clash": ["fight", "fought", "clash", "attack", "engage", "repel",
              "ambush", "skirmish", "fire", "shoot", "shot"],
    "strike": ["shell", "strike", "struck", "bomb", "bombard", "hit", "target", "pound",
               "launch", "land", "explode", "detonate", "blast", "impact", "drop", "use"],
    "destroy": ["destroy", "damage", "burn", "burnt", "demolish", "wreck", "ruin", "raze",
                "level", "blow", "blew", "blown", "lose", "lost", "knock", "crash", "collapse",
                "sink", "sank", "sunk", "scuttle", "overturn"],
    "kill": ["kill", "die", "died", "wound", "injure", "slay", "slain", "murder", "perish"],
    "detain": ["arrest", "detain", "abduct", "kidnap", "interrogate", "imprison", "deport",
               "apprehend", "jail", "handcuff", "blindfold"],
    "shootdown": ["intercept", "down"],
    "cyber": ["hack"],
    "sanction": ["sanction"],
    "announce": ["announce", "declare", "proclaim"],
    "civharm": ["execute", "torture", "rape"],
    "redeploy": ["transfer", "redeploy", "relocate"],
    "relieve": ["lift", "relieve"],
}

_NOUN_FRAMES: dict[str, list[str]] = {
    "capture": ["capture", "recapture", "seizure", "liberation", "takeover", "fall"],
    "withdraw": ["withdrawal", "retreat", "regrouping", "pullout", "pull-out", "pullback"],
    "advance": ["advance", "breakthrough", "counteroffensive", "counter-offensive", "offensive",
                "push", "assault", "incursion", "raid", "gains", "penetration", "bridgehead",
                "counterattack", "counter-attack", "crossing"],
    "clash": ["fighting", "fight", "battle", "clash", "firefight", "skirmish", "combat",
              "attack", "engagement", "ambush", "gunfire", "shootout", "firing"],
    "strike": ["shelling", "strike", "airstrike", "air-strike", "bombing", "bombardment",
               "shell", "explosion", "blast", "impact", "crater", "barrage", "salvo", "hit",
               "arrival", "use"],
    "destroy": ["destruction", "damage", "wreckage", "ruins", "fire", "flames", "smoke",
                "aftermath", "losses"],
    "kill": ["death", "casualty", "fatality", "body", "corpse", "grave", "graveyard", "dead",
             "killing", "victim", "injury", "kia", "wia"],
    "detain": ["arrest", "detention", "abduction", "pow", "prisoner", "captive", "filtration",
               "deportation", "detainee", "hostage", "captivity", "custody", "kidnapping"],
    "shootdown": ["interception", "shootdown", "shoot-down"],
    "cyber": ["cyberattack", "cyber-attack", "hack", "ddos", "hacker", "malware"],
    "sanction": ["sanction", "embargo"],
    "announce": ["announcement", "statement", "declaration"],
    "civharm": ["execution", "torture", "massacre", "atrocity"],
    "redeploy": ["transfer", "redeployment", "relocation"],
}

# Adjectives and participles used attributively ("destroyed Russian tank", "dead soldiers").
_ADJ_FRAMES: dict[str, list[str]] = {
    "destroy": ["destroyed", "damaged", "burned", "burnt", "burning", "burned-out", "overturned",
                "burnt-out", "charred", "wrecked", "demolished", "ruined", "abandoned",
                "captured", "downed"],
    "kill": ["dead", "killed", "wounded", "injured", "deceased"],
}

# Irregular past forms: listed as they are, never inflected further.
_IRREGULAR_FORMS = frozenset(
    {"took", "taken", "retook", "retaken", "fell", "fallen", "overran", "withdrew", "withdrawn",
     "fled", "broke", "broken", "blew", "blown", "fought", "shot", "struck", "burnt", "slain",
     "lost", "died", "repelled", "repelling"}
)


def _verb_forms(base: str) -> set[str]:
    """Regular inflections of an English verb base (no lemmatizer in the pipeline)."""
    forms = {base}
    if base.endswith("ee"):
        forms |= {base + "s", base + "d", base + "ing"}
    elif base.endswith("e"):
        forms |= {base + "s", base + "d", base[:-1] + "ing"}
    elif re.search(r"[^aeiou]y$", base):
        forms |= {base[:-1] + "ies", base[:-1] + "ied", base + "ing"}
    elif re.search(r"(s|sh|ch|x|z)$", base):
        forms |= {base + "es", base + "ed", base + "ing"}
    else:
        forms |= {base + "s", base + "ed", base + "ing"}
        if re.search(r"[^aeiou][aeiou][bdgmnpt]$", base) and len(base) <= 4:
            forms |= {base + base[-1] + "ed", base + base[-1] + "ing"}
    return forms


def _noun_forms(base: str) -> set[str]:
    if base.endswith(("s", "sh", "ch", "x")):
        return {base, base + "es"}
    if re.search(r"[^aeiou]y$", base):
        return {base, base[:-1] + "ies"}
    return {base, base + "s"}


def _index(frames: dict[str, list[str]], forms) -> dict[str, str]:
    return {
        form: frame
        for frame, words in frames.items()
        for w in words
        for form in ({w} if w in _IRREGULAR_FORMS else forms(w))
    }


VERB_TRIGGERS: dict[str, str] = _index(_VERB_FRAMES, _verb_forms)
NOUN_TRIGGERS: dict[str, str] = _index(_NOUN_FRAMES, _noun_forms)
ADJ_TRIGGERS: dict[str, str] = _index(_ADJ_FRAMES, lambda w: {w})

# Verbs whose meaning depends on a particle: (verb frame word, particle) → frame.
PHRASAL: dict[tuple[str, str], str] = {
    ("pull", "back"): "withdraw", ("pull", "out"): "withdraw", ("fall", "back"): "withdraw",
    ("break", "through"): "advance", ("push", "forward"): "advance",
    ("push", "back"): "clash", ("shoot", "down"): "shootdown", ("blow", "up"): "destroy",
    ("knock", "out"): "destroy", ("take", "out"): "destroy", ("take", "over"): "capture",
    ("leave", "behind"): "withdraw",
}
# Verbs that only trigger in their phrasal use.
PHRASAL_ONLY = frozenset({"pull", "blow", "knock", "break", "push"})

# --- argument classes ---------------------------------------------------------------------

EQUIPMENT_WORDS = frozenset(
    w
    for base in [
        "tank", "vehicle", "apc", "ifv", "howitzer", "helicopter", "jet", "plane", "warplane",
        "drone", "uav", "ship", "vessel", "boat", "warship", "cruiser", "truck", "convoy",
        "column", "launcher", "radar", "pontoon", "armour", "armor", "carrier", "missile",
        "rocket", "gun", "mortar", "system", "hardware", "weapon", "humvee", "grad", "tug",
        "mrap", "bushmaster", "submarine", "frigate", "spaag", "atgm", "pantsir", "buk",
    ]
    for w in _noun_forms(base)
) | {"aircraft", "equipment", "ammunition", "ammo", "materiel", "artillery", "bmp", "btr",
     "mlrs", "mrls", "himars", "armoured", "armored"}
# Model designations such as T-72, BMP-2, Su-25, Ka-52, Mi-8, An-26, Il-76, MiG-29.
EQUIPMENT_DESIGNATION = re.compile(r"^((t|bmp|btr|bmd|bm|mt-lb|su|ka|mi|tu|msta|an|il|mig|yak)-?\d|2s\d)",
                                   re.I)

INFRASTRUCTURE_WORDS = frozenset(
    w
    for base in [
        "building", "house", "home", "apartment", "block", "school", "kindergarten",
        "hospital", "clinic", "church", "mosque", "bridge", "crossing", "road", "railway",
        "station", "depot", "plant", "factory", "refinery", "infrastructure", "facility",
        "market", "mall", "shop", "store", "warehouse", "airport", "airfield", "port", "dam",
        "substation", "grid", "pipeline", "tower", "museum", "university", "theatre",
        "theater", "stadium", "hotel", "office", "centre", "center", "property", "garage",
        "headquarters", "base", "barracks", "library", "cafe", "restaurant", "dormitory",
        "house", "roof", "power", "electricity", "rail", "network", "supermarket",
        "residential", "neighbourhood", "neighborhood", "street", "yard", "complex",
        "terminal", "port", "hall", "bunker", "storage", "silo", "granary", "monument",
        "cathedral", "monastery", "college", "gymnasium", "pharmacy", "playground",
        "structure", "residence", "dwelling", "housing", "shelter", "institute", "academy",
        "embassy", "ministry", "cemetery", "memorial", "cinema", "lyceum", "nursery",
        "orphanage", "sanatorium", "premises", "kiosk", "greenhouse", "farm", "quarry",
        "pier", "dock", "harbour", "harbor", "lighthouse", "courthouse", "faculty",
        "pool", "carousel", "hermitage", "lavra", "tram", "trolleybus", "kindergarden",
        "policlinic", "polyclinic", "workshop", "laboratory", "lab",
    ]
    for w in _noun_forms(base)
)

CIVILIAN_WORDS = frozenset(
    w
    for base in [
        "civilian", "resident", "person", "child", "kid", "woman", "family", "volunteer",
        "journalist", "teacher", "doctor", "worker", "passenger", "pensioner", "boy", "girl",
        "inhabitant", "villager", "citizen", "protester", "organizer", "mayor", "baby",
        "teenager", "student", "medic", "farmer", "refugee", "evacuee", "local",
        "father", "mother", "son", "daughter", "husband", "wife", "parent", "grandmother",
        "grandfather", "grandparent", "brother", "sister", "pedestrian", "driver", "priest",
        "nurse", "neighbour", "neighbor", "shopper", "customer",
    ]
    for w in _noun_forms(base)
) | {"people", "children", "women", "men", "man", "elderly", "civilians"}

MILITARY_WORDS = frozenset(
    w
    for base in [
        "soldier", "serviceman", "servicemember", "militant", "militiaman", "combatant",
        "officer", "commander", "general", "marine", "paratrooper", "sailor", "pilot",
        "mercenary", "conscript", "crew", "fighter", "defender", "troop", "rebel",
        "separatist", "guardsman", "sniper", "infantryman", "recruit", "colonel", "major",
    ]
    for w in _noun_forms(base)
) | {"servicemen", "militiamen", "personnel", "troops", "pows", "pow", "prisoners"}

TERRITORY_WORDS = frozenset(
    w
    for base in [
        "territory", "village", "town", "city", "settlement", "position", "ground", "region",
        "oblast", "district", "border", "height", "outskirt", "bridgehead", "area", "line",
        "km", "kilometre", "kilometer", "mile", "hamlet", "suburb", "island", "stronghold",
        "direction", "front", "frontline", "front-line", "hill", "hilltop", "trench",
        "outpost", "checkpoint",
    ]
    for w in _noun_forms(base)
)

# Modifiers that make an area a built-up one ("a residential area", "the industrial zone").
BUILT_UP_MODIFIERS = frozenset({"residential", "industrial", "commercial", "civilian",
                                "built-up", "urban", "housing", "shopping"})
# What is dropped, fired or used in a strike ("drones dropping grenades", "use of
# incendiary munitions"): with these words "drop", "use", "impact" and "arrivals" are strikes.
WEAPON_WORDS = frozenset(
    w
    for base in ["missile", "rocket", "shell", "bomb", "munition", "projectile", "ordnance",
                 "mortar", "grenade", "explosive", "warhead", "incendiary", "mine"]
    for w in _noun_forms(base)
) | {"artillery", "incendiaries", "phosphorus", "napalm", "thermobaric", "cluster", "ordenance"}

# Words that tell how a strike was delivered, anywhere in the trigger's phrase or clause.
ARTILLERY_MEANS = frozenset(
    {"artillery", "shelling", "shelled", "shells", "shell", "howitzer", "howitzers",
     "mortar", "mortars", "mlrs", "mrls", "grad", "grads", "uragan", "smerch", "himars",
     "tornado", "cannon", "rocket", "rockets", "tank", "gun", "guns", "shelling"}
)
AIR_MEANS = frozenset(
    {"air", "airstrike", "airstrikes", "air-strike", "aircraft", "jet", "jets", "plane",
     "planes", "warplane", "helicopter", "helicopters", "bomb", "bombs", "bomber",
     "bombers", "bombing", "drone", "drones", "uav", "uavs", "shahed", "shaheds", "missile",
     "missiles", "cruise", "ballistic", "kalibr", "iskander", "kinzhal", "tochka",
     "tochka-u", "loitering", "kamikaze", "aerial", "glide"}
)

# Modal and control contexts that make an event unreal (future, hypothetical, attempted).
FUTURE_AUX = frozenset({"will", "would", "could", "might", "may", "shall", "'ll", "wo"})
UNREAL_CONTROLLERS = frozenset(
    w
    for base in ["plan", "intend", "expect", "try", "attempt", "aim", "want", "seek",
                 "threaten", "prepare", "hope", "predict", "forecast", "fail", "struggle",
                 "prevent", "need", "refuse"]
    for w in _verb_forms(base)
) | {"likely", "unlikely", "unable", "poised", "ready", "going"}
# Controllers whose complement did happen ("ordered its troops to withdraw").
ORDERED_CONTROLLERS = frozenset(
    w for base in ["order", "force", "command", "instruct", "compel", "decide"]
    for w in _verb_forms(base)
)
# Controllers whose infinitive complement did happen ("managed to cross", "began to
# withdraw", "had to retreat"); under any other controller, and as a purpose clause
# ("launched the invasion to liberate Donbas"), an infinitive names an intention.
IMPLICATIVE_CONTROLLERS = frozenset(
    w for base in ["manage", "begin", "start", "continue", "help", "succeed", "proceed",
                   "keep", "use", "appear", "seem", "happen"]
    for w in _verb_forms(base)
) | {"began", "begun", "kept", "had", "has", "have", "having", "able", "took",
     "said", "reported", "believed", "thought", "known", "understood", "claimed"}
# Nouns an "entered" settlement is named by ("entered the city"); "the centre of X" is X.
SETTLEMENT_NOUNS = frozenset({"city", "town", "village", "settlement", "centre", "center",
                              "downtown"})
FLAG_WORDS = frozenset({"flag", "flags", "banner"})
# Verbs of defence: in "Russian troops repelled Ukrainian attacks" the attacker initiates the
# clash and the subject is its target.
REPELLING_VERBS = frozenset(
    w for base in ["repulse", "thwart", "foil", "rebuff"] for w in _verb_forms(base)
) | {"repel", "repels", "repelled", "repelling", "fend", "fended"}
# Capture verbs that presuppose the place belonged to the capturer ("recaptured Izium",
# "liberated Davydiv Brid"): with no named agent, the side whose view the text takes.
RESTORATIVE_CAPTURE = ("recapt", "retak", "retook", "regain", "reclaim", "liberat", "freed",
                       "de-occup", "deoccup")
# Sieges whose lifting is an offensive ("will lift the encirclement of Lyman").
SIEGE_WORDS = frozenset({"encirclement", "encirclements", "blockade", "blockades", "siege",
                         "sieges", "cauldron"})
# Where a redeployment goes that makes it a withdrawal: behind a river ("to the left bank").
RIVER_LINE_WORDS = frozenset({"bank", "banks", "river", "shore"})
# Subordinators of a condition and of an embedded question: the clause is not asserted.
CONDITIONAL_MARKS = frozenset({"if", "unless", "lest"})
QUESTION_MARKS = frozenset({"whether"})
