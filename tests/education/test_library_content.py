"""The shared exercise library and education topics: structure, dosage, wording, drawings.

Plain data checks; no database needed.
"""

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from assessments.rules import fear_phrases
from education import library_content
from education.library_content import EXERCISES, LIBRARY_VERSION, TOPICS

ILLUSTRATIONS = Path(__file__).resolve().parents[2] / "static" / "education" / "exercises"
SVG_NS = "{http://www.w3.org/2000/svg}"
ALLOWED_SVG_TAGS = {"svg", "g", "path", "circle", "ellipse", "rect", "line", "polyline", "polygon"}

CATEGORIES = {"mobility", "strength", "load_transfer", "breathing_relaxation",
              "resting_position", "bed_mobility"}
REGIONS = {"posterior", "anterior", "general"}
KEY_MESSAGES = {"stable_pelvis", "common_harmless", "movement_safe", "pacing", "sleep_turning",
                "belt_optional", "work", "training", "after_birth", "seek_help"}
TRIMESTER_FLAGS = ("first_trimester", "second_trimester", "third_trimester", "postpartum")
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

EXERCISE_STRINGS = ("title_da", "title_en", "purpose_da", "purpose_en", "start_position_da",
                    "start_position_en", "caution_da", "caution_en")
EXERCISE_KEYS = {
    "slug", "category", *EXERCISE_STRINGS, "instructions_da", "instructions_en", "sets", "reps",
    "hold_seconds", "times_per_day", *TRIMESTER_FLAGS, "long_supine", "regions", "illustration",
}
TOPIC_KEYS = {"slug", "key_message", "title_da", "title_en", "body_da", "body_en"}
# Database column limits (education.models).
MAX_LENGTHS = {"title_da": 120, "title_en": 120, "purpose_da": 300, "purpose_en": 300,
               "start_position_da": 300, "start_position_en": 300, "caution_da": 400,
               "caution_en": 400}

# Words that describe the pelvis as harmed or out of position (section 7.2 of the brief).
HARM_WORDS = {
    "en": re.compile(r"\b(damage[ds]?|displaced|slipped|out of place|wear and tear|worn out|"
                     r"unstable)\b", re.IGNORECASE),
    "da": re.compile(r"\b(forskubbet|forskubbede|slidt|slidte|gået af led|ustabil\w*)\b",
                     re.IGNORECASE),
}
# Frequent Danish words: every Danish text should contain at least one of them.
DANISH_MARKERS = re.compile(
    r"[æøå]|\b(og|du|dig|din|dit|dine|det|den|at|er|en|et|på|med|til|som|så|der|af|ikke|"
    r"lad|ud|op|ned|over|om|fra|mod)\b",
    re.IGNORECASE,
)
ENGLISH_ONLY = re.compile(r"\b(the|and|your|you|with|while|when)\b", re.IGNORECASE)


def _texts(entry):
    """Every (field, language, text) of an exercise or topic."""
    for field, value in entry.items():
        if field.endswith(("_da", "_en")):
            for text in value if isinstance(value, list) else [value]:
                yield field, field[-2:], text


ALL_ENTRIES = [*EXERCISES, *TOPICS]
ALL_TEXTS = [(entry["slug"], field, language, text)
             for entry in ALL_ENTRIES for field, language, text in _texts(entry)]


def _id(entry):
    return entry["slug"]


def test_library_version():
    assert LIBRARY_VERSION == "2026-11-26"
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", library_content.LIBRARY_VERSION)


# ------------------------------------------------------------------------------- exercises

def test_enough_exercises_and_every_category_used():
    assert len(EXERCISES) >= 15
    assert {exercise["category"] for exercise in EXERCISES} == CATEGORIES
    for category in ("mobility", "strength", "load_transfer"):
        assert sum(exercise["category"] == category for exercise in EXERCISES) >= 2, category


def test_exercise_slugs_unique():
    slugs = [exercise["slug"] for exercise in EXERCISES]
    assert len(slugs) == len(set(slugs))


@pytest.mark.parametrize("exercise", EXERCISES, ids=_id)
def test_exercise_keys_and_types(exercise):
    assert set(exercise) == EXERCISE_KEYS
    assert SLUG.match(exercise["slug"]) and len(exercise["slug"]) <= 80
    assert exercise["category"] in CATEGORIES
    for field in EXERCISE_STRINGS:
        assert isinstance(exercise[field], str), field
        assert len(exercise[field]) <= MAX_LENGTHS[field], field
        if not field.startswith("caution"):
            assert exercise[field].strip(), field
    assert bool(exercise["caution_da"]) == bool(exercise["caution_en"])
    for field in ("instructions_da", "instructions_en"):
        steps = exercise[field]
        assert isinstance(steps, list) and 2 <= len(steps) <= 5, field
        assert all(isinstance(step, str) and step.strip() and "\n" not in step
                   for step in steps), field
    assert len(exercise["instructions_da"]) == len(exercise["instructions_en"])
    for field in (*TRIMESTER_FLAGS, "long_supine"):
        assert isinstance(exercise[field], bool), field
    assert any(exercise[flag] for flag in TRIMESTER_FLAGS)
    assert isinstance(exercise["regions"], list) and exercise["regions"]
    assert set(exercise["regions"]) <= REGIONS
    assert len(exercise["regions"]) == len(set(exercise["regions"]))
    assert exercise["illustration"] == f"{exercise['slug']}.svg"


@pytest.mark.parametrize("exercise", EXERCISES, ids=_id)
def test_exercise_dosage_is_sane(exercise):
    for field in ("sets", "times_per_day"):
        assert type(exercise[field]) is int, field
    assert 1 <= exercise["sets"] <= 3
    assert 1 <= exercise["times_per_day"] <= 4
    assert exercise["reps"] is not None or exercise["hold_seconds"] is not None
    if exercise["reps"] is not None:
        assert type(exercise["reps"]) is int and 1 <= exercise["reps"] <= 30
    if exercise["hold_seconds"] is not None:
        # The programme form accepts holds up to 600 seconds.
        assert type(exercise["hold_seconds"]) is int and 1 <= exercise["hold_seconds"] <= 600


@pytest.mark.parametrize("exercise", [e for e in EXERCISES if e["long_supine"]], ids=_id)
def test_long_lying_on_the_back_carries_a_caution_in_both_languages(exercise):
    # Whatever the trimester (no trimester limit without a source: issue 13 item 8, and the
    # test below), a card for long lying on the back says how to adapt it, in both languages.
    assert exercise["caution_da"].strip() and exercise["caution_en"].strip()


def test_some_exercises_are_marked_as_long_lying_on_the_back():
    # Otherwise the test above would check nothing.
    assert {"bridge", "dead-bug-after-birth"} <= {e["slug"] for e in EXERCISES if e["long_supine"]}


@pytest.mark.parametrize(
    "exercise",
    [e for e in EXERCISES if e["long_supine"] and any(e[flag] for flag in TRIMESTER_FLAGS[:3])],
    ids=_id,
)
def test_back_lying_cautions_in_pregnancy_offer_the_side(exercise):
    assert "side" in exercise["caution_en"].lower()
    assert "siden" in exercise["caution_da"].lower()


def test_library_covers_the_requested_exercises():
    slugs = {exercise["slug"] for exercise in EXERCISES}
    categories = {exercise["slug"]: exercise["category"] for exercise in EXERCISES}
    assert categories["turning-in-bed"] == "bed_mobility"
    assert categories["side-lying-rest"] == "resting_position"
    assert categories["calm-belly-breathing"] == "breathing_relaxation"
    assert {"pelvic-floor-deep-abdominals", "side-lying-clam", "bridge", "sit-to-stand",
            "cat-camel-all-fours", "pelvic-circles-ball", "standing-weight-shift",
            "step-up-stair", "walking-normal-stride", "seated-seat-stretch",
            "standing-pelvic-tilt"} <= slugs
    assert any(exercise["postpartum"] and not exercise["third_trimester"]
               for exercise in EXERCISES), "a postpartum progression"
    for region in REGIONS:
        assert any(region in exercise["regions"] for exercise in EXERCISES), region


def test_lying_on_the_back_is_not_ruled_out_by_trimester_without_a_source():
    # Issue 13 item 8: the brief (section 7.3 lists bridging without a trimester limit) does
    # not say back-lying is unsuitable in the third trimester, so the library does not claim
    # it; the caution is guided by how she feels.
    bridge = next(exercise for exercise in EXERCISES if exercise["slug"] == "bridge")
    assert bridge["long_supine"]
    assert all(bridge[flag] for flag in TRIMESTER_FLAGS)
    for exercise in EXERCISES:
        for text in (exercise["caution_en"], exercise["caution_da"]):
            assert "week 20" not in text and "uge 20" not in text, exercise["slug"]


@pytest.mark.parametrize("exercise", EXERCISES, ids=_id)
def test_every_exercise_states_the_pain_rule(exercise):
    """Each programme repeats it in its own words: ease off if the pain clearly increases."""
    english = " ".join(exercise["instructions_en"]).lower()
    danish = " ".join(exercise["instructions_da"]).lower()
    assert re.search(r"feels? (fine|comfortable|pleasant|good|easiest)|all right|"
                     r"clearly (increases|gets worse)|bothers you least", english)
    assert re.search(r"føles (fint|behagelig|rar|god|lettest)|i orden|tydeligt|"
                     r"generer dig mindst", danish)


def test_stairs_and_normal_stride_are_encouraged():
    by_slug = {exercise["slug"]: exercise for exercise in EXERCISES}
    assert "stairs are perfectly fine" in by_slug["step-up-stair"]["purpose_en"]
    assert "normal" in by_slug["walking-normal-stride"]["instructions_en"][0]
    assert "normale skridt" in by_slug["walking-normal-stride"]["instructions_da"][0]


# ---------------------------------------------------------------------------- illustrations

@pytest.mark.parametrize("exercise", EXERCISES, ids=_id)
def test_illustration_is_a_safe_small_svg(exercise):
    path = ILLUSTRATIONS / exercise["illustration"]
    assert path.is_file(), path
    raw = path.read_bytes()
    assert len(raw) < 4096
    text = raw.decode("utf-8")
    lowered = text.lower()
    for forbidden in ("<script", "<image", "<foreignobject", "href", "url(", "<style",
                      "@import", "<text", "javascript:", "<!doctype", "<!entity"):
        assert forbidden not in lowered, forbidden
    assert not re.search(r"\son\w+\s*=", lowered), "no event handlers"
    root = ET.fromstring(text)
    assert root.tag == f"{SVG_NS}svg"
    assert root.get("viewBox") == "0 0 240 160"
    assert root.get("width") == "240" and root.get("height") == "160"
    assert root.get("role") == "img"
    assert root.get("aria-label") == exercise["title_en"]
    tags = {element.tag.removeprefix(SVG_NS) for element in root.iter()}
    assert tags <= ALLOWED_SVG_TAGS, tags - ALLOWED_SVG_TAGS
    assert "#f4f8f6" in text and "#2f6f5e" in text


def test_no_orphan_illustrations():
    drawn = {path.name for path in ILLUSTRATIONS.glob("*.svg")}
    assert drawn == {exercise["illustration"] for exercise in EXERCISES}


# ----------------------------------------------------------------------------------- topics

def test_topics_cover_each_key_message_once():
    assert len(TOPICS) >= 10
    messages = [topic["key_message"] for topic in TOPICS]
    assert sorted(messages) == sorted(KEY_MESSAGES)
    slugs = [topic["slug"] for topic in TOPICS]
    assert len(slugs) == len(set(slugs))


@pytest.mark.parametrize("topic", TOPICS, ids=_id)
def test_topic_keys_and_lengths(topic):
    assert set(topic) == TOPIC_KEYS
    assert SLUG.match(topic["slug"]) and len(topic["slug"]) <= 80
    for field in ("title_da", "title_en"):
        assert isinstance(topic[field], str) and 0 < len(topic[field]) <= 160
    for field in ("body_da", "body_en"):
        body = topic[field]
        assert isinstance(body, str)
        assert 90 <= len(body.split()) <= 220, (field, len(body.split()))
        assert "\n\n" in body, "short paragraphs"
        assert "\n\n\n" not in body and body == body.strip()
        for block in body.split("\n\n"):
            lines = block.splitlines()
            bullets = [line.startswith("- ") for line in lines]
            # A block is a paragraph (one line), or a lead-in line followed by bullets.
            assert len(lines) == 1 or all(bullets[1:]), block


def test_key_facts_are_in_the_topics():
    by_message = {topic["key_message"]: topic for topic in TOPICS}
    assert "stable" in by_message["stable_pelvis"]["body_en"]
    assert "stabilt" in by_message["stable_pelvis"]["body_da"]
    assert "one in five" in by_message["common_harmless"]["body_en"]
    assert "hver femte" in by_message["common_harmless"]["body_da"]
    assert "50,000" in by_message["movement_safe"]["body_en"]
    assert "50.000" in by_message["movement_safe"]["body_da"]
    assert "30 minutes" in by_message["pacing"]["body_en"]
    assert "30 minutter" in by_message["pacing"]["body_da"]
    assert "satin" in by_message["sleep_turning"]["body_en"]
    assert "satin" in by_message["sleep_turning"]["body_da"]
    assert "not a treatment on its own" in by_message["belt_optional"]["body_en"]
    assert "partial sick leave" in by_message["work"]["body_en"]
    assert "delvis sygemelding" in by_message["work"]["body_da"]
    assert "not because of your pelvis" in by_message["training"]["body_en"]
    for language in ("en", "da"):
        after = by_message["after_birth"][f"body_{language}"]
        assert "3" in after and "8" in after
        seek = by_message["seek_help"][f"body_{language}"]
        assert "112" in seek and "37" in seek
    assert "fødested" in by_message["seek_help"]["body_da"]


# ----------------------------------------------------------------------------------- wording

@pytest.mark.parametrize(("slug", "field", "language", "text"), ALL_TEXTS,
                         ids=[f"{slug}-{field}" for slug, field, _, _ in ALL_TEXTS])
def test_no_fear_inducing_wording(slug, field, language, text):
    assert fear_phrases(text, language) == []
    assert not HARM_WORDS[language].search(text), HARM_WORDS[language].search(text)


def test_fear_checker_would_catch_the_old_phrases():
    """Guard against the checker silently matching nothing."""
    assert fear_phrases("Det skyldes løse led.", "da")
    assert fear_phrases("Please avoid stairs.", "en")


@pytest.mark.parametrize("entry", ALL_ENTRIES, ids=_id)
def test_danish_texts_are_danish(entry):
    for field, language, _ in _texts(entry):
        if language != "da":
            continue
        danish, english = entry[field], entry[f"{field[:-3]}_en"]
        if not danish and not english:
            continue  # an empty caution in both languages
        assert danish != english, field
        for text in danish if isinstance(danish, list) else [danish]:
            if not field.startswith("title"):
                assert DANISH_MARKERS.search(text), (field, text)
            leftovers = ENGLISH_ONLY.findall(text)
            assert not leftovers, (field, leftovers)


@pytest.mark.parametrize("entry", ALL_ENTRIES, ids=_id)
def test_danish_avoids_the_old_name_and_english_avoids_danish(entry):
    for field, language, text in _texts(entry):
        if language == "en":
            # Danish words are allowed only as named institutions (Sundhedsstyrelsen etc.).
            stripped = re.sub(r"\((Sundhedsstyrelsen|fødested|lægevagt)\)", "", text)
            assert not re.search(r"[æøå]", stripped), (field, text)
