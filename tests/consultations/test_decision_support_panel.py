"""Issue 13 on the pages: the panel says what it cannot decide and what is missing, with links;
handled red flags; the follow-up flag; the postpartum rule; neutral labels in what she
carries; the rules page; no developer text in the clinician's view."""

import datetime

from django.urls import reverse
from django.utils import timezone

from assessments.models import PainScore, PelvicTestResult
from consultations.decision import support_for_record
from consultations.demo import consultation_form_data
from consultations.pages import _postpartum
from consultations.models import Consultation
from education.handouts import render_handout_html

from ..factories import make_consultation
from ..pdf_text import pdf_text

POS = "positive_familiar"


def panel(client, patient, **fields):
    url = reverse("consultations:consultation_support", args=[patient.public_id])
    response = client.post(url, consultation_form_data(**fields),
                           headers={"accept-language": "da"})
    assert response.status_code == 200
    return response.content.decode()


def test_item1_the_panel_says_what_to_examine_with_a_link(alice_client, patient):
    html = panel(alice_client, patient, pain_regions=["sij_left", "sij_right", "symphysis"],
                 tests={"p4_left": POS, "p4_right": POS})
    assert "Kan ikke afgøres: undersøg symfysen." in html
    assert 'href="#id_test-symphysis_palpation_midline"' in html
    assert "Dobbeltsidigt" not in html and "Double-sided" not in html


def test_item1_the_saved_suggestion_is_blank_and_the_letter_guesses_nothing(alice_client, patient):
    url = reverse("consultations:consultation_create", args=[patient.public_id])
    data = consultation_form_data(action="save", pain_regions=["sij_left"],
                                  tests={"p4_left": POS, "p4_right": "not_performed"})
    assert alice_client.post(url, data).status_code == 302
    visit = Consultation.objects.filter(patient=patient).order_by("-pk").first()
    assert visit.suggested_subgroup == ""
    assert visit.suggested_diagnosis  # the assessment suggestion is still kept
    letter = render_handout_html(visit, "referral", "en")
    assert "One-sided SIJ" not in letter and "Pain at the back of the pelvis, left" not in letter


def test_item2_the_missing_criterion_links_to_its_field(alice_client, patient):
    html = panel(alice_client, patient, pain_regions=["sij_left", "sij_right"],
                 tests={"p4_left": POS, "p4_right": POS, "faber_left": POS},
                 neuro_strength="normal", neuro_sensation="normal", neuro_reflexes="normal",
                 neuro_slr="normal", **{"test-aslr_left": "1", "test-aslr_right": "1"})
    assert 'data-testid="criterion-lumbar_movement" data-met="not-recorded"' in html
    assert '<a href="#id_lumbar_movement">Lumbal bevægelighed registreret normal</a>' in html
    assert 'data-testid="criterion-neuro_screen" data-met="yes"' in html
    assert 'data-code="lumbar_movement"' in html  # also in the examination list


def test_item3_an_abnormal_slr_prompts_for_nerve_root_signs(alice_client, patient):
    html = panel(alice_client, patient, neuro_slr="abnormal")
    assert 'data-testid="red-flag-prompt"' in html and "Spørg ind til tegn på rodtryk" in html


def test_item4_the_new_warning_signs_are_on_the_form(alice_client, patient):
    page = alice_client.get(reverse("consultations:consultation_create",
                                    args=[patient.public_id])).content.decode()
    assert 'name="flag-severe_itching"' in page
    assert 'name="flag-unilateral_lower_abdominal_pain"' in page
    assert "Voldsom kløe (mulig graviditetskolestase)" in page


def test_item5_a_handled_flag_stays_visible_and_the_assessment_is_shown(alice_client, patient):
    seed = dict(pain_regions=["sij_left", "sij_right"], lumbar_movement="normal",
                neuro_strength="normal", neuro_sensation="normal", neuro_reflexes="normal",
                neuro_slr="normal", tests={"p4_left": POS, "p4_right": POS})
    unhandled = panel(alice_client, patient, **seed, **{"flag-trauma": "present"})
    assert 'data-testid="red-flag-alert"' in unhandled
    assert "Rødt flag: en alvorlig årsag skal udelukkes" in unhandled
    handled = panel(alice_client, patient, **seed, **{"flag-trauma": "present",
                                                      "flag-trauma_action": "Sendt til egen læge"})
    assert 'data-testid="red-flag-alert"' not in handled
    assert 'data-testid="red-flag-handled"' in handled and "Sendt til egen læge" in handled
    assert "Rødt flag: en alvorlig årsag skal udelukkes" not in handled
    assert "håndtér det røde flag først" not in handled


def _visit(patient, alice, days_ago, value, **fields):
    visit = make_consultation(patient, patient.pregnancies.get(), alice,
                              seen_at=timezone.now() - datetime.timedelta(days=days_ago),
                              **fields)
    if value is not None:
        PainScore.objects.create(consultation=visit, scale="nrs", context="now", value=value)
    return visit


def test_item6_no_improvement_since_the_last_visit_is_flagged(alice, patient):
    before = _visit(patient, alice, 14, 6, education_given=["movement_safe"])
    now = patient.consultations.exclude(pk=before.pk).get()
    PainScore.objects.create(consultation=now, scale="nrs", context="now", value=6)
    PelvicTestResult.objects.create(consultation=now, test="p4", side="left", result=POS)
    assert "no_improvement" in support_for_record(now, before).prognosis.flags
    assert support_for_record(now).no_improvement is None  # no last visit: unknown
    PainScore.objects.filter(consultation=now).update(value=3)
    assert "no_improvement" not in support_for_record(now, before).prognosis.flags


def test_item6_the_detail_page_shows_the_flag(alice_client, alice, patient):
    before = _visit(patient, alice, 14, 6, education_given=["movement_safe"])
    now = patient.consultations.exclude(pk=before.pk).get()
    PainScore.objects.create(consultation=now, scale="nrs", context="now", value=7)
    html = alice_client.get(reverse("consultations:consultation_detail",
                                    args=[now.public_id])).content.decode()
    assert 'data-code="no_improvement"' in html


def _delivered(patient, days_ago):
    pregnancy = patient.pregnancies.get()
    pregnancy.delivery_date = timezone.localdate() - datetime.timedelta(days=days_ago)
    pregnancy.edd, pregnancy.delivery_mode = pregnancy.delivery_date, "vaginal"
    pregnancy.save()
    return pregnancy


def _timeline(patient):
    return list(Consultation.objects.filter(patient=patient).for_timeline())


def test_item7_a_visit_before_the_birth_says_nothing_about_pain_after_it(alice, patient):
    patient.consultations.all().delete()
    _visit(patient, alice, 130, 8)  # in pregnancy, in pain
    pregnancy = _delivered(patient, 120)
    advice = _postpartum(pregnancy, _timeline(patient), timezone.localdate())
    assert not advice.suggest_physiotherapy_referral  # was: "pain more than 3 months after"
    _visit(patient, alice, 10, None)  # after the birth, no score: still unknown
    advice = _postpartum(pregnancy, _timeline(patient), timezone.localdate())
    assert not advice.suggest_physiotherapy_referral
    assert "ask whether she still has pain" in str(advice.explanation) or "spørg" in str(
        advice.explanation)


def test_item7_pain_recorded_more_than_3_months_after_birth_suggests_referral(alice, patient):
    patient.consultations.all().delete()
    pregnancy = _delivered(patient, 120)
    _visit(patient, alice, 5, 0)  # no pain late
    assert not _postpartum(pregnancy, _timeline(patient),
                           timezone.localdate()).suggest_physiotherapy_referral
    _visit(patient, alice, 2, 5)  # the latest late visit: pain
    assert _postpartum(pregnancy, _timeline(patient),
                       timezone.localdate()).suggest_physiotherapy_referral


def test_item9_what_she_carries_uses_the_neutral_label(alice_client, alice, patient):
    visit = patient.consultations.get()
    visit.subgroup = visit.suggested_subgroup = "symphyseal"
    visit.status, visit.signed_by, visit.signed_at = "signed", alice, timezone.now()
    visit.save()
    for language in ("da", "en"):
        letter = render_handout_html(visit, "referral", language)
        assert "ymfysiolyse" not in letter and "ymphysiolysis" not in letter
    assert "Smerter foran i bækkenet" in render_handout_html(visit, "referral", "da")
    response = alice_client.get(reverse("consultations:record_pdf", args=[patient.public_id]))
    assert "ymfysiolyse" not in pdf_text(response.content)
    detail = alice_client.get(visit.get_absolute_url()).content.decode()
    assert "Symfysiolyse" in detail  # the clinician's screen keeps the Albert name


def test_item10_rules_page_renders_the_rules_document(alice_client):
    html = alice_client.get(reverse("clinical_rules")).content.decode()
    assert '<h2 id="R3">R3 — Albert sub-group suggestion</h2>' in html
    assert "Design choices" in html and "<table" in html
    assert "Albert H, Godskesen M, Westergaard J (2000)" in html


def test_item10_no_developer_text_in_the_clinicians_view(alice_client, alice, patient):
    form = alice_client.get(reverse("consultations:consultation_create",
                                    args=[patient.public_id])).content.decode()
    html = panel(alice_client, patient, pain_regions=["sij_left"], tests={"p4_left": POS})
    for text in (form, html):
        assert "docs/clinical-rules.md" not in text and "seed article" not in text
        assert "thigh thrust" not in text
    assert f'href="{reverse("clinical_rules")}"' in html
    assert f'href="{reverse("clinical_rules")}#R3"' in html  # the rule badge opens its rule
    visit = patient.consultations.get()
    visit.neuro_reflexes = visit.neuro_strength = "normal"
    visit.save()
    detail = alice_client.get(visit.get_absolute_url()).content.decode()
    assert "reflekser normal" not in detail and "reflekser: normal" in detail


def test_accept_suggestion_button_carries_the_suggestion(alice_client, patient):
    html = panel(alice_client, patient, pain_regions=["sij_left", "sij_right"],
                 lumbar_movement="normal", neuro_strength="normal", neuro_sensation="normal",
                 neuro_reflexes="normal", neuro_slr="normal",
                 tests={"p4_left": POS, "p4_right": POS,
                        "symphysis_palpation_midline": "tenderness_only"})
    assert ('data-accept-suggestion data-diagnosis="pgp_likely" '
            'data-subgroup="double_sided_sij"') in html


def test_every_link_of_the_panel_lands_on_a_field_of_the_page(alice_client, patient):
    """The criteria, the examination list and the undecided subgroup jump to these ids."""
    from assessments import rules

    page = alice_client.get(reverse("consultations:consultation_create",
                                    args=[patient.public_id])).content.decode()
    targets = set(rules.JOINT_TEST_FIELDS.values()) | set(rules._MISSING_FIELDS.values())
    targets |= {"id_pain_regions_0", "id_lumbar_movement", "id_neuro_strength", "id_gait",
                "id_seen_at", "red-flags"}
    cases = [  # (pain regions, red flag unhandled, GA days): every kind of suggestion
        (["sij_left"], False, None), (["symphysis"], False, None), (["lumbar"], False, None),
        ([], True, None), (["groin_left"], False, 210),
    ]
    for regions, flag, days in cases:
        result = rules.suggest_diagnosis(
            pain_regions=regions, lumbar_movement_normal=None, neuro_screen_normal=None,
            findings=rules.JointFindings(), red_flag_present=flag, groin_pain=True, limp=True,
            ga_days=days,
        )
        targets |= {criterion.field for criterion in result.criteria}
    for target in sorted(targets):
        assert f'id="{target}"' in page, target
