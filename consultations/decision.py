"""Build the decision-support input from a saved record or from the forms on the page."""

from dataclasses import replace

from assessments.rules import RedFlagAnswer, fear_phrases, red_flag_summary
from assessments.support import ExamInput, FollowUpInput, decision_support

NEURO_FIELDS = ("neuro_strength", "neuro_sensation", "neuro_reflexes", "neuro_slr")
# Plan texts that reach her handouts: checked for fear-inducing phrases (rule R9).
PLAN_TEXT_FIELDS = ("activity_advice", "work_advice", "pelvic_belt_when", "treatment_notes",
                    "plan_notes")


def language_hits(values):
    """Fear-inducing phrases in the plan texts, with a calm alternative (both languages)."""
    return tuple(
        (field, hit)
        for field in PLAN_TEXT_FIELDS
        for hit in fear_phrases(values.get(field) or "")
    )


def follow_up_input(previous, scores, consultation=None):
    """What her last visit allows to compare: pain on the same scale and context, and the PGQ
    total when both visits have one; None without a last visit. ``scores`` are today's
    (scale, context, value)."""
    if previous is None:
        return None
    before = {}
    for score in previous.pain_scores.all():
        before.setdefault((score.scale, score.context), score.value)
    pairs = tuple(
        (scale, before[(scale, context)], value)
        for scale, context, value in scores
        if (scale, context) in before
    )
    return FollowUpInput(
        pain_pairs=pairs,
        pgq_total_change=_pgq_change(previous, consultation),
        after_education_or_programme=bool(
            previous.education_given or previous.programme_items.all()
        ),
    )


def _pgq_total(consultation):
    totals = [q.total for q in consultation.questionnaires.all() if q.total is not None]
    return totals[-1] if totals else None


def _pgq_change(previous, consultation):
    if consultation is None or consultation.pk is None:
        return None
    before, after = _pgq_total(previous), _pgq_total(consultation)
    return None if before is None or after is None else float(after - before)


def support_for_record(consultation, previous=None):
    """Decision support for a saved consultation (uses prefetched parts when present);
    ``previous`` is her last visit before it, for the follow-up rule."""
    tests = list(consultation.test_results.all())
    aslr = {row.side: row.aslr_score for row in tests if row.test == "aslr"}
    support = decision_support(ExamInput(
        pain_regions=frozenset(consultation.pain_regions),
        test_rows=tuple(row.as_rule_row() for row in tests if row.test != "aslr"),
        aslr_left=aslr.get("left"),
        aslr_right=aslr.get("right"),
        red_flags=red_flag_answers(consultation),
        pain_scores=tuple((s.scale, s.value) for s in consultation.pain_scores.all()),
        **_common(consultation.__dict__, consultation.yellow_flags),
        ga_days=consultation.ga_days_at_visit,
        postpartum_days=consultation.postpartum_days_at_visit,
        follow_up=follow_up_input(
            previous,
            [(s.scale, s.context, s.value) for s in consultation.pain_scores.all()],
            consultation,
        ),
    ))
    return replace(support, language_hits=language_hits(consultation.__dict__))


def red_flag_answers(consultation):
    """The saved red-flag answers as rule R1 reads them."""
    return {a.flag: RedFlagAnswer(a.status, a.action_taken)
            for a in consultation.red_flag_answers.all()}


def signing_blockers(consultation):
    """What keeps a saved consultation from being signed: rule R1 on its red-flag answers
    alone (the rest of the decision support never blocks signing)."""
    return red_flag_summary(red_flag_answers(consultation)).signing_blockers


def support_for_blank(stage=None):
    """Decision support before anything is recorded: it lists what is missing."""
    if stage is None:
        return decision_support(ExamInput())
    return decision_support(ExamInput(
        ga_days=stage.ga_days if stage.kind != "postpartum" else None,
        postpartum_days=stage.postpartum_days,
    ))


def support_for_forms(*, form, tests_form, pain_formset, red_flag_form, stage, previous=None):
    """Decision support for what is on the page now; fields with errors count as not recorded.
    ``previous`` is her last visit, for the follow-up rule."""
    data = _valid_data(form)
    tests = _valid_data(tests_form)
    flags = _valid_data(red_flag_form)
    scores = []
    for score_form in pain_formset.forms:
        score = _valid_data(score_form)
        # Only the score's own fields count: the live panel posts a saved draft's rows to a
        # view without the draft, whose row ids it cannot look up.
        if score.get("scale") and score.get("value") is not None and not score.get("DELETE") \
                and not any(name in score_form.errors for name in ("scale", "context", "value")):
            scores.append((score["scale"], score.get("context") or "", score["value"]))
    support = decision_support(ExamInput(
        pain_regions=frozenset(data.get("pain_regions") or ()),
        test_rows=tuple(
            (name.rsplit("_", 1)[0], name.rsplit("_", 1)[1], value)
            for name, value in tests.items()
            if value and not name.startswith("aslr")
        ),
        aslr_left=tests.get("aslr_left"),
        aslr_right=tests.get("aslr_right"),
        red_flags={
            code: RedFlagAnswer(status, flags.get(f"{code}_action", "") or "")
            for code, status in flags.items()
            if not code.endswith("_action") and status
        },
        pain_scores=tuple((scale, value) for scale, _context, value in scores),
        **_common(data, form.yellow_flags() if hasattr(form, "cleaned_data") else {}),
        ga_days=stage.ga_days if stage.kind != "postpartum" else None,
        postpartum_days=stage.postpartum_days,
        follow_up=follow_up_input(previous, scores, form.instance),
    ))
    return replace(support, language_hits=language_hits(data))


def _valid_data(form):
    form.is_valid()
    return {k: v for k, v in form.cleaned_data.items() if k not in form.errors}


def _common(values, yellow_flags):
    return {
        "lumbar_movement": values.get("lumbar_movement") or "",
        "neuro": tuple(values.get(name) or "" for name in NEURO_FIELDS),
        "gait": values.get("gait") or "",
        "painful_hip_rotation": bool(values.get("painful_hip_rotation")),
        "risk_factors": tuple(values.get("risk_factors") or ()),
        "yellow_flags": yellow_flags,
        "onset_ga_weeks": values.get("onset_ga_weeks"),
        "systolic": values.get("systolic"),
        "diastolic": values.get("diastolic"),
        "temperature": float(values["temperature"]) if values.get("temperature") is not None else None,
    }
