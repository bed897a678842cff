"""Clinical vocabulary for pregnancy-related pelvic girdle pain (PGP), as code.

Everything here is data: choices for model fields and forms, plus small lookup tables used by
``assessments.rules``. Labels are English and wrapped in ``gettext_lazy``; the Danish text comes
from the .po files. Test descriptions and action texts are written in the project's own words.
Sources are listed per rule in docs/clinical-rules.md.
"""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _

DEFAULT_ICD10 = "O26.7"


# Clinical tests ---------------------------------------------------------------------------


class PelvicTest(models.TextChoices):
    P4 = "p4", _("P4 / thigh thrust (posterior pelvic pain provocation)")
    FABER = "faber", _("Patrick's FABER test")
    GAENSLEN = "gaenslen", _("Gaenslen's test")
    LONG_DORSAL_LIGAMENT = "long_dorsal_ligament", _("Long dorsal ligament palpation")
    SYMPHYSIS_PALPATION = "symphysis_palpation", _("Palpation of the symphysis")
    MODIFIED_TRENDELENBURG = "modified_trendelenburg", _("Modified Trendelenburg test")
    ASLR = "aslr", _("Active straight leg raise (ASLR)")


class Side(models.TextChoices):
    LEFT = "left", _("Left")
    RIGHT = "right", _("Right")
    MIDLINE = "midline", _("Midline")


class TestRegion(models.TextChoices):
    __test__ = False  # tell pytest this is not a test class

    POSTERIOR = "posterior", _("Posterior pelvis (sacroiliac joints)")
    ANTERIOR = "anterior", _("Anterior pelvis (symphysis)")
    FUNCTIONAL = "functional", _("Functional (load transfer)")


class TestResult(models.TextChoices):
    __test__ = False  # tell pytest this is not a test class

    # Only POSITIVE_FAMILIAR counts as positive; NOT_PERFORMED is missing data, not negative.
    POSITIVE_FAMILIAR = "positive_familiar", _("Positive, familiar pain")
    PAIN_NOT_FAMILIAR = "pain_not_familiar", _("Pain, but not her familiar pain")
    TENDERNESS_ONLY = "tenderness_only", _("Tenderness only (gone within 5 seconds)")
    NEGATIVE = "negative", _("Negative")
    NOT_PERFORMED = "not_performed", _("Not performed")


@dataclass(frozen=True)
class PelvicTestInfo:
    """How a pelvic test is done and read, in the project's own words."""

    test: PelvicTest
    how_to: str
    positive_when: str
    is_palpation: bool
    sides: tuple[Side, ...]
    region: TestRegion


LEFT_RIGHT = (Side.LEFT, Side.RIGHT)

PELVIC_TESTS: dict[PelvicTest, PelvicTestInfo] = {
    PelvicTest.P4: PelvicTestInfo(
        test=PelvicTest.P4,
        how_to=_(
            "On her back with the tested hip and knee bent to a right angle, steady the pelvis "
            "and press gently down the line of the thigh."
        ),
        positive_when=_("Her familiar pain is felt deep in the buttock on the pressed side."),
        is_palpation=False,
        sides=LEFT_RIGHT,
        region=TestRegion.POSTERIOR,
    ),
    PelvicTest.FABER: PelvicTestInfo(
        test=PelvicTest.FABER,
        how_to=_(
            "On her back, rest the foot of the tested leg on the other knee, let the knee drop "
            "outwards and press it gently while steadying the opposite side of the pelvis."
        ),
        positive_when=_(
            "Her familiar pain appears at the back of the pelvis; groin pain points to the hip."
        ),
        is_palpation=False,
        sides=LEFT_RIGHT,
        region=TestRegion.POSTERIOR,
    ),
    PelvicTest.GAENSLEN: PelvicTestInfo(
        test=PelvicTest.GAENSLEN,
        how_to=_(
            "At the couch edge, one leg hangs down while she hugs the other knee to her chest; "
            "press the hanging leg gently towards the floor."
        ),
        positive_when=_("Her familiar pain appears over the sacroiliac joint."),
        is_palpation=False,
        sides=LEFT_RIGHT,
        region=TestRegion.POSTERIOR,
    ),
    PelvicTest.LONG_DORSAL_LIGAMENT: PelvicTestInfo(
        test=PelvicTest.LONG_DORSAL_LIGAMENT,
        how_to=_(
            "Side-lying with hips and knees slightly bent, press on the ligament just below "
            "the posterior superior iliac spine."
        ),
        positive_when=_(
            "Pain is still there more than 5 seconds after the finger is lifted; "
            "if it fades sooner it is tenderness only."
        ),
        is_palpation=True,
        sides=LEFT_RIGHT,
        region=TestRegion.POSTERIOR,
    ),
    PelvicTest.SYMPHYSIS_PALPATION: PelvicTestInfo(
        test=PelvicTest.SYMPHYSIS_PALPATION,
        how_to=_("On her back, press gently over the whole front of the pubic symphysis."),
        positive_when=_(
            "Pain is still there more than 5 seconds after the hand is lifted; "
            "if it fades sooner it is tenderness only."
        ),
        is_palpation=True,
        sides=(Side.MIDLINE,),
        region=TestRegion.ANTERIOR,
    ),
    PelvicTest.MODIFIED_TRENDELENBURG: PelvicTestInfo(
        test=PelvicTest.MODIFIED_TRENDELENBURG,
        how_to=_(
            "She stands on the tested leg and lifts the other with hip and knee bent to a "
            "right angle."
        ),
        positive_when=_("Her familiar pain appears at the symphysis."),
        is_palpation=False,
        sides=LEFT_RIGHT,
        region=TestRegion.ANTERIOR,
    ),
    PelvicTest.ASLR: PelvicTestInfo(
        test=PelvicTest.ASLR,
        how_to=_(
            "On her back with feet 20 cm apart, she lifts each straight leg 20 cm off the couch "
            "and rates how hard it was from 0 to 5."
        ),
        positive_when=_("The scores of both sides add up to 1 or more."),
        is_palpation=False,
        sides=LEFT_RIGHT,
        region=TestRegion.FUNCTIONAL,
    ),
}

POSTERIOR_TESTS = frozenset(
    t for t, info in PELVIC_TESTS.items() if info.region == TestRegion.POSTERIOR
)
SYMPHYSIS_TESTS = frozenset(
    t for t, info in PELVIC_TESTS.items() if info.region == TestRegion.ANTERIOR
)
# Provocation tests counted for prognosis (the palpation tests and ASLR are not provocation).
PROVOCATION_TESTS = frozenset(
    {
        PelvicTest.P4,
        PelvicTest.FABER,
        PelvicTest.GAENSLEN,
        PelvicTest.MODIFIED_TRENDELENBURG,
    }
)


def allowed_results(test: str) -> tuple[TestResult, ...]:
    """Results that may be recorded for a test (tenderness only for palpation tests)."""
    if PELVIC_TESTS[PelvicTest(test)].is_palpation:
        return tuple(TestResult)
    return tuple(r for r in TestResult if r != TestResult.TENDERNESS_ONLY)


# ASLR ---------------------------------------------------------------------------------------


class AslrScore(models.IntegerChoices):
    NOT_DIFFICULT = 0, _("Not difficult at all")
    MINIMALLY_DIFFICULT = 1, _("Minimally difficult")
    SOMEWHAT_DIFFICULT = 2, _("Somewhat difficult")
    FAIRLY_DIFFICULT = 3, _("Fairly difficult")
    VERY_DIFFICULT = 4, _("Very difficult")
    UNABLE = 5, _("Unable to do")


ASLR_SIDE_MIN = 0
ASLR_SIDE_MAX = 5
ASLR_TOTAL_MAX = 10
ASLR_POSITIVE_FROM = 1


# Pain -----------------------------------------------------------------------------------


class PainScale(models.TextChoices):
    NRS = "nrs", _("NRS (0-10)")
    VAS = "vas", _("VAS (0-100 mm)")

    @property
    def min_value(self) -> int:
        return 0

    @property
    def max_value(self) -> int:
        return 10 if self == "nrs" else 100


class PainContext(models.TextChoices):
    NOW = "now", _("Now")
    WORST_24H = "worst_24h", _("Worst in the last 24 hours")
    WORST_WEEK = "worst_week", _("Worst in the last week")
    AVERAGE_WEEK = "average_week", _("Average over the last week")
    AT_REST = "at_rest", _("At rest")
    ON_ACTIVITY = "on_activity", _("On activity")
    MORNING = "morning", _("Morning")
    EVENING = "evening", _("Evening")
    AFTER_TREATMENT = "after_treatment", _("After treatment")


class PainRegion(models.TextChoices):
    SIJ_LEFT = "sij_left", _("Sacroiliac joint, left")
    SIJ_RIGHT = "sij_right", _("Sacroiliac joint, right")
    SYMPHYSIS = "symphysis", _("Pubic symphysis")
    LUMBAR = "lumbar", _("Low back (lumbar)")
    GLUTEAL_LEFT = "gluteal_left", _("Buttock, left")
    GLUTEAL_RIGHT = "gluteal_right", _("Buttock, right")
    GROIN_LEFT = "groin_left", _("Groin, left")
    GROIN_RIGHT = "groin_right", _("Groin, right")
    POSTERIOR_THIGH_LEFT = "posterior_thigh_left", _("Back of the thigh, left")
    POSTERIOR_THIGH_RIGHT = "posterior_thigh_right", _("Back of the thigh, right")
    BELOW_KNEE_LEFT = "below_knee_left", _("Below the knee, left")
    BELOW_KNEE_RIGHT = "below_knee_right", _("Below the knee, right")
    COCCYX = "coccyx", _("Tailbone (coccyx)")


POSTERIOR_PELVIC_REGIONS = frozenset(
    {
        PainRegion.SIJ_LEFT,
        PainRegion.SIJ_RIGHT,
        PainRegion.GLUTEAL_LEFT,
        PainRegion.GLUTEAL_RIGHT,
    }
)
ANTERIOR_PELVIC_REGIONS = frozenset({PainRegion.SYMPHYSIS})
PELVIC_REGIONS = POSTERIOR_PELVIC_REGIONS | ANTERIOR_PELVIC_REGIONS
LUMBAR_REGIONS = frozenset({PainRegion.LUMBAR})
BELOW_KNEE_REGIONS = frozenset({PainRegion.BELOW_KNEE_LEFT, PainRegion.BELOW_KNEE_RIGHT})
GROIN_REGIONS = frozenset({PainRegion.GROIN_LEFT, PainRegion.GROIN_RIGHT})


def regions_in(regions, group: frozenset) -> bool:
    """True if any of the given region codes belongs to the group."""
    return any(PainRegion(r) in group for r in regions)


# History, risk and psychosocial factors ------------------------------------------------------


class AggravatingActivity(models.TextChoices):
    TURNING_IN_BED = "turning_in_bed", _("Turning over in bed")
    STANDING = "standing", _("Standing")
    SITTING = "sitting", _("Sitting")
    WALKING = "walking", _("Walking")
    STAIRS = "stairs", _("Stairs")
    STRIDE_LENGTH = "stride_length", _("Normal stride length")
    LIFTING = "lifting", _("Lifting")
    WORK = "work", _("Work")


class YesNoNotAsked(models.TextChoices):
    YES = "yes", _("Yes")
    NO = "no", _("No")
    NOT_ASKED = "not_asked", _("Not asked")


class YellowFlag(models.TextChoices):
    FEAR_OF_MOVEMENT = "fear_of_movement", _("Fear of movement")
    WORRY_BABY_BIRTH = "worry_baby_birth", _("Worry about the baby or the birth")
    CATASTROPHISING = "catastrophising", _("Catastrophising thoughts")
    DISTRESS = "distress", _("Distress or low mood")
    STOPPED_ACTIVITY = "stopped_activity", _("Stopped usual activity or training")


class RiskFactor(models.TextChoices):
    # Multiparity is derived from the pregnancy's para, so it is not a checkbox here.
    PREVIOUS_LBP = "previous_lbp", _("Previous low back pain")
    PREVIOUS_PGP = "previous_pgp", _("Pelvic girdle pain in an earlier pregnancy")
    TRAUMA = "trauma", _("Previous trauma to back or pelvis")
    STRENUOUS_WORK = "strenuous_work", _("Physically strenuous work")
    HIGH_STRESS = "high_stress", _("High stress")
    LOW_JOB_SATISFACTION = "low_job_satisfaction", _("Low job satisfaction")


class PrognosticFlag(models.TextChoices):
    ALL_THREE_JOINTS = "all_three_joints", _("Pain in all three pelvic joints")
    MANY_POSITIVE_TESTS = "many_positive_tests", _("Three or more positive provocation tests")
    PREVIOUS_LBP_OR_PGP = "previous_lbp_or_pgp", _("Previous low back or pelvic girdle pain")
    EARLY_COMBINED_PAIN = "early_combined_pain", _(
        "Combined back and pelvic pain starting before week 18"
    )
    HIGH_PAIN = "high_pain", _("High pain intensity (NRS 7 or more / VAS 70 or more)")
    FEAR_OR_DISTRESS = "fear_or_distress", _("Fear of movement, catastrophising or distress")
    NO_IMPROVEMENT = "no_improvement", _("No improvement after education and home exercises")


# Red flags -----------------------------------------------------------------------------------


class Urgency(models.TextChoices):
    # Declared most urgent first; ``rank`` relies on this order.
    EMERGENCY = "emergency", _("Emergency")
    SAME_DAY = "same_day", _("Same day")
    URGENT = "urgent", _("Urgent")
    ROUTINE = "routine", _("Routine")

    @property
    def rank(self) -> int:
        """0 for the most urgent level, larger numbers for less urgent ones."""
        return list(type(self)).index(self)


class RedFlagFamily(models.TextChoices):
    CAUDA_EQUINA = "cauda_equina", _("Cauda equina")
    OBSTETRIC = "obstetric", _("Obstetric")
    SPINAL_MEDICAL = "spinal_medical", _("Spinal or general medical")


class RedFlagStatus(models.TextChoices):
    ABSENT = "absent", _("Absent")
    PRESENT = "present", _("Present")
    NOT_ASKED = "not_asked", _("Not asked")


class RedFlag(models.TextChoices):
    CE_BILATERAL_SCIATICA = "ce_bilateral_sciatica", _("Sciatica in both legs")
    CE_SADDLE_ANAESTHESIA = "ce_saddle_anaesthesia", _(
        "Numbness around the anus, perineum or genitals (saddle area)"
    )
    CE_BLADDER_BOWEL = "ce_bladder_bowel", _(
        "New trouble starting to pass urine, less feeling of urine flow or of a full rectum"
    )
    CE_SEXUAL_DYSFUNCTION = "ce_sexual_dysfunction", _("New sexual dysfunction")
    CE_PROGRESSIVE_WEAKNESS = "ce_progressive_weakness", _(
        "Severe or worsening weakness in both legs"
    )
    RADICULAR_SIGNS = "radicular_signs", _(
        "Nerve-root signs, one-sided, stable and mild: pain below the knee in a dermatome, "
        "positive SLR, sensory, reflex or power change"
    )
    RADICULAR_PROGRESSIVE = "radicular_progressive", _(
        "Nerve-root signs with weakness that is getting worse (progressive motor deficit)"
    )
    FEVER_INFECTION = "fever_infection", _(
        "Fever or signs of infection (night sweats, severe constant pain, cannot bear weight)"
    )
    TRAUMA = "trauma", _("Significant recent trauma (fall, traffic accident)")
    MALIGNANCY = "malignancy", _(
        "Previous cancer, unexplained weight loss or night pain not eased by rest"
    )
    INFLAMMATORY_PATTERN = "inflammatory_pattern", _(
        "Inflammatory pattern (morning stiffness over 30 minutes, night pain, "
        "better with movement)"
    )
    DVT_PE = "dvt_pe", _(
        "Signs of thrombosis or embolism (one swollen painful leg, chest pain, breathlessness)"
    )
    PRETERM_LABOUR = "preterm_labour", _(
        "Signs of pre-term labour before 37+0 (regular tightenings, rhythmic backache, "
        "pelvic pressure)"
    )
    BLEEDING_OR_FLUID = "bleeding_or_fluid", _("Vaginal bleeding or leaking fluid")
    ABRUPTION = "abruption", _("Sudden constant abdominal or back pain with a hard, tender uterus")
    REDUCED_FETAL_MOVEMENTS = "reduced_fetal_movements", _("Reduced fetal movements")
    PREECLAMPSIA = "preeclampsia", _(
        "Pre-eclampsia symptoms (severe headache, visual disturbance, upper abdominal pain, "
        "sudden swelling of face or hands)"
    )
    URINARY_PYELONEPHRITIS = "urinary_pyelonephritis", _(
        "Urinary symptoms with fever or loin pain"
    )
    HIP_GROIN_LIMP = "hip_groin_limp", _("Hip or groin pain with a limp")
    SEVERE_ITCHING = "severe_itching", _("Severe itching (possible cholestasis of pregnancy)")
    UNILATERAL_LOWER_ABDOMINAL_PAIN = "unilateral_lower_abdominal_pain", _(
        "Pain low in the abdomen on one side"
    )


@dataclass(frozen=True)
class RedFlagInfo:
    """One red-flag item: who it belongs to, how urgent it is and what to do."""

    code: RedFlag
    family: RedFlagFamily
    urgency: Urgency
    action: str

    @property
    def label(self) -> str:
        return self.code.label


def _flag(code, family, urgency, action) -> tuple[RedFlag, RedFlagInfo]:
    return code, RedFlagInfo(code=code, family=family, urgency=urgency, action=action)


_CE, _OB, _SM = RedFlagFamily.CAUDA_EQUINA, RedFlagFamily.OBSTETRIC, RedFlagFamily.SPINAL_MEDICAL
_CE_ACTION = _("Immediate hospital referral for MRI; do not defer to physiotherapy.")
_BIRTH_UNIT_ACTION = _("Same-day assessment at her birth unit.")
_OBSTETRIC_CONTACT = _("Same-day contact with her birth unit (obstetric warning sign).")

RED_FLAGS: dict[RedFlag, RedFlagInfo] = dict(
    [
        _flag(RedFlag.CE_BILATERAL_SCIATICA, _CE, Urgency.EMERGENCY, _CE_ACTION),
        _flag(RedFlag.CE_SADDLE_ANAESTHESIA, _CE, Urgency.EMERGENCY, _CE_ACTION),
        _flag(RedFlag.CE_BLADDER_BOWEL, _CE, Urgency.EMERGENCY, _CE_ACTION),
        _flag(RedFlag.CE_SEXUAL_DYSFUNCTION, _CE, Urgency.EMERGENCY, _CE_ACTION),
        _flag(RedFlag.CE_PROGRESSIVE_WEAKNESS, _CE, Urgency.EMERGENCY, _CE_ACTION),
        # Brief section 3: one-sided, stable, mild -> GP assessment; progressive motor deficit
        # -> urgent. The brief names no urgency class for the first; "routine" is our reading.
        _flag(
            RedFlag.RADICULAR_SIGNS, _SM, Urgency.ROUTINE,
            _("GP assessment outside the PGP pathway; urgent if weakness starts to get worse."),
        ),
        _flag(
            RedFlag.RADICULAR_PROGRESSIVE, _SM, Urgency.URGENT,
            _("Urgent medical assessment of the nerve root; not the PGP pathway."),
        ),
        _flag(
            RedFlag.FEVER_INFECTION, _SM, Urgency.URGENT,
            _("Urgent medical assessment for infection of joint, bone or spine."),
        ),
        _flag(
            RedFlag.TRAUMA, _SM, Urgency.URGENT,
            _("Urgent medical assessment; the physician decides on imaging; check the pregnancy."),
        ),
        _flag(RedFlag.MALIGNANCY, _SM, Urgency.URGENT, _("Urgent GP or specialist work-up.")),
        _flag(
            RedFlag.INFLAMMATORY_PATTERN, _SM, Urgency.ROUTINE,
            _("Routine rheumatology referral; MRI may be considered."),
        ),
        _flag(
            RedFlag.DVT_PE, _SM, Urgency.EMERGENCY,
            _("Emergency assessment for thrombosis or pulmonary embolism."),
        ),
        _flag(RedFlag.PRETERM_LABOUR, _OB, Urgency.SAME_DAY, _BIRTH_UNIT_ACTION),
        _flag(RedFlag.BLEEDING_OR_FLUID, _OB, Urgency.SAME_DAY, _BIRTH_UNIT_ACTION),
        _flag(
            RedFlag.ABRUPTION, _OB, Urgency.EMERGENCY,
            _("Emergency obstetric assessment now; do not wait for a booked visit."),
        ),
        _flag(RedFlag.REDUCED_FETAL_MOVEMENTS, _OB, Urgency.SAME_DAY, _BIRTH_UNIT_ACTION),
        _flag(
            RedFlag.PREECLAMPSIA, _OB, Urgency.SAME_DAY,
            _("Same-day obstetric assessment; emergency if symptoms are severe."),
        ),
        _flag(
            RedFlag.URINARY_PYELONEPHRITIS, _SM, Urgency.SAME_DAY,
            _("Same-day medical assessment and urine test."),
        ),
        _flag(
            RedFlag.HIP_GROIN_LIMP, _SM, Urgency.URGENT,
            _("Urgent medical assessment; consider MRI for transient osteoporosis of the hip "
              "and protect weight bearing."),
        ),
        _flag(RedFlag.SEVERE_ITCHING, _OB, Urgency.SAME_DAY, _OBSTETRIC_CONTACT),
        _flag(RedFlag.UNILATERAL_LOWER_ABDOMINAL_PAIN, _OB, Urgency.SAME_DAY, _OBSTETRIC_CONTACT),
    ]
)

# Items that must be answered (present/absent) before an assessment can be signed.
MUST_ANSWER_FAMILIES = frozenset({RedFlagFamily.CAUDA_EQUINA, RedFlagFamily.OBSTETRIC})


@dataclass(frozen=True)
class PlausibleRange:
    """Closed range of values accepted for a measurement."""

    min: float
    max: float
    unit: str

    def contains(self, value: float) -> bool:
        return self.min <= value <= self.max


SYSTOLIC_RANGE = PlausibleRange(60, 250, "mmHg")
DIASTOLIC_RANGE = PlausibleRange(30, 150, "mmHg")
TEMPERATURE_RANGE = PlausibleRange(34.0, 42.0, "°C")


# Assessment outcome -----------------------------------------------------------------------


class DiagnosisSuggestion(models.TextChoices):
    PGP_LIKELY = "pgp_likely", _("Pelvic girdle pain likely (clinical criteria met)")
    PGP_SUSPECTED = "pgp_suspected", _("Pelvic girdle pain suspected")
    LUMBAR = "lumbar", _("Low back (lumbar) cause more likely")
    HIP = "hip", _("Consider hip pathology")
    OTHER = "other", _("Other or unclear")
    RED_FLAG = "red_flag", _("Red flag: a serious cause must be ruled out")


class Joint(models.TextChoices):
    """The three pelvic joints the sub-groups are built from (the object of "examine ...")."""

    SIJ_LEFT = "sij_left", _("the left sacroiliac joint")
    SIJ_RIGHT = "sij_right", _("the right sacroiliac joint")
    SYMPHYSIS = "symphysis", _("the symphysis")


class Subgroup(models.TextChoices):
    # Labels are the clinician (Albert) names; patients see SUBGROUP_PATIENT_LABELS instead.
    PELVIC_GIRDLE_SYNDROME = "pelvic_girdle_syndrome", _("Pelvic girdle syndrome")
    SYMPHYSEAL = "symphyseal", _("Symphysiolysis (symphyseal PGP)")
    ONE_SIDED_SIJ_LEFT = "one_sided_sij_left", _("One-sided SIJ syndrome, left")
    ONE_SIDED_SIJ_RIGHT = "one_sided_sij_right", _("One-sided SIJ syndrome, right")
    DOUBLE_SIDED_SIJ = "double_sided_sij", _("Double-sided SIJ syndrome")
    MISCELLANEOUS = "miscellaneous", _("Miscellaneous (inconsistent findings)")
    NOT_CLASSIFIED = "not_classified", _("Not classified")


# Neutral wording for handouts and anything the woman reads; never "loosening".
SUBGROUP_PATIENT_LABELS: dict[Subgroup, str] = {
    Subgroup.PELVIC_GIRDLE_SYNDROME: _("Pain at the front and back of the pelvis"),
    Subgroup.SYMPHYSEAL: _("Pain at the front of the pelvis"),
    Subgroup.ONE_SIDED_SIJ_LEFT: _("Pain at the back of the pelvis, left side"),
    Subgroup.ONE_SIDED_SIJ_RIGHT: _("Pain at the back of the pelvis, right side"),
    Subgroup.DOUBLE_SIDED_SIJ: _("Pain at the back of the pelvis, both sides"),
    Subgroup.MISCELLANEOUS: _("Pelvic girdle pain with a mixed pattern"),
    Subgroup.NOT_CLASSIFIED: _("Pelvic girdle pain, pattern not described"),
}


class Referral(models.TextChoices):
    NONE = "none", _("No referral")
    PHYSIOTHERAPIST = "physiotherapist", _("Physiotherapist in private practice")
    SPECIALISED_PHYSIOTHERAPIST = "specialised_physiotherapist", _(
        "Specialised (obstetric) physiotherapist"
    )
    OBSTETRIC_DEPARTMENT = "obstetric_department", _("Obstetric department")
    EMERGENCY = "emergency", _("Emergency referral")


# Plan ---------------------------------------------------------------------------------------


class KeyMessage(models.TextChoices):
    """Education given at the visit: the key messages of a fear-reducing explanation."""

    STABLE_PELVIS = "stable_pelvis", _("The pelvis is strong and stable; the pain is a sensitive alarm, not damage")
    COMMON_HARMLESS = "common_harmless", _("Common, harmless to the baby, and does not decide how the birth goes")
    MOVEMENT_SAFE = "movement_safe", _("Movement is safe and helps")
    PACING = "pacing", _("Pacing and varying positions through the day")
    SLEEP_TURNING = "sleep_turning", _("Sleep and turning in bed (satin sheet)")
    BELT_OPTIONAL = "belt_optional", _("The pelvic belt is an optional supplement")
    WORK = "work", _("Work, adjustments and sick leave")
    TRAINING = "training", _("Returning to her own training")
    AFTER_BIRTH = "after_birth", _("Most women improve after the birth")
    SEEK_HELP = "seek_help", _("When to seek help at once")


class Treatment(models.TextChoices):
    MANUAL_MOBILISATION = "manual_mobilisation", _("Manual mobilisation")
    SOFT_TISSUE = "soft_tissue", _("Soft-tissue treatment")
    EXERCISE_INSTRUCTION = "exercise_instruction", _("Exercise instruction")
    ACUPUNCTURE = "acupuncture", _("Acupuncture")


# PGQ item topics ----------------------------------------------------------------------------

# Our own short words for what each PGQ item is about, so the clinician entering her paper
# form knows which number is which. The published item wording is third-party text and is
# not reproduced; a clinic holding a licence may load it (PgqWording), shown instead of these.
PGQ_TOPICS = {
    1: _("dressing"),
    2: _("standing < 10 min"),
    3: _("standing > 60 min"),
    4: _("bending"),
    5: _("sitting < 10 min"),
    6: _("sitting > 60 min"),
    7: _("walking < 10 min"),
    8: _("walking > 60 min"),
    9: _("stairs"),
    10: _("housework"),
    11: _("light loads"),
    12: _("heavy loads"),
    13: _("getting up, sitting down"),
    14: _("shopping trolley"),
    15: _("running"),
    16: _("sport"),
    17: _("lying"),
    18: _("turning in bed"),
    19: _("sex life"),
    20: _("pushing with one foot"),
    21: _("pain in the morning"),
    22: _("pain in the evening"),
    23: _("legs giving way"),
    24: _("doing things slower"),
    25: _("sleep broken"),
}
