"""Which exercises to suggest for her programme: pure, values in, values out.

An exercise is unsuitable when the library marks it so for her trimester (or for the time
after birth); it is suggested when it is suitable and suits where her pain is.
"""

from dataclasses import dataclass

POSTERIOR_REGIONS = {"sij_left", "sij_right", "gluteal_left", "gluteal_right",
                     "posterior_thigh_left", "posterior_thigh_right"}
ANTERIOR_REGIONS = {"symphysis", "groin_left", "groin_right"}


@dataclass(frozen=True)
class ExerciseChoice:
    exercise: object
    suitable: bool
    suggested: bool


def pain_presentations(pain_regions):
    """"posterior"/"anterior" from the coded pain regions, plus "general" always."""
    regions = set(pain_regions)
    found = {"general"}
    if regions & POSTERIOR_REGIONS:
        found.add("posterior")
    if regions & ANTERIOR_REGIONS:
        found.add("anterior")
    return found


def exercise_choices(exercises, *, trimester, postpartum, pain_regions):
    """Every exercise with whether it suits her now and whether it is suggested, suggested first.

    With pain at the back or the front of the pelvis, the exercises tagged for that pain are
    suggested; with neither recorded yet, those tagged as suiting everyone.
    """
    specific = pain_presentations(pain_regions) - {"general"}
    wanted = specific or {"general"}
    choices = []
    for exercise in exercises:
        suitable = exercise.suitable_at(trimester=trimester, postpartum=postpartum)
        matches = bool(wanted & set(exercise.regions or ["general"]))
        choices.append(ExerciseChoice(exercise, suitable, suitable and matches))
    return sorted(choices, key=lambda c: (not c.suggested, not c.suitable))
