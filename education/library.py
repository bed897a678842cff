"""Load the shared library from library_content.py (idempotent; also used by migrations)."""

from . import library_content

EXERCISE_FIELDS = (
    "category", "title_da", "title_en", "purpose_da", "purpose_en", "start_position_da",
    "start_position_en", "caution_da", "caution_en", "sets", "reps", "hold_seconds",
    "times_per_day", "first_trimester", "second_trimester", "third_trimester", "postpartum",
    "long_supine", "regions", "illustration",
)
TOPIC_FIELDS = ("key_message", "title_da", "title_en", "body_da", "body_en")


def _known(model, values):
    """Only the fields this (possibly historical, in a migration) model has."""
    names = {field.name for field in model._meta.get_fields()}
    return {key: value for key, value in values.items() if key in names}


def load_library(exercise_model, topic_model):
    """Create or update the shared exercises and topics; return how many of each."""
    for position, entry in enumerate(library_content.EXERCISES):
        values = {name: entry[name] for name in EXERCISE_FIELDS}
        values["instructions_da"] = "\n".join(entry["instructions_da"])
        values["instructions_en"] = "\n".join(entry["instructions_en"])
        exercise_model.objects.update_or_create(
            clinic=None, slug=entry["slug"],
            defaults=_known(exercise_model, {**values, "position": position}),
        )
    for position, entry in enumerate(library_content.TOPICS):
        values = {**{name: entry[name] for name in TOPIC_FIELDS}, "position": position}
        topic_model.objects.update_or_create(
            clinic=None, slug=entry["slug"], defaults=_known(topic_model, values)
        )
    return len(library_content.EXERCISES), len(library_content.TOPICS)
