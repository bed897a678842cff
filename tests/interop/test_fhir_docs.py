"""docs/fhir.md publishes every code of our local code systems, under the system's name."""

from pathlib import Path

import pytest

from assessments import catalogue
from consultations.models import Consultation, Pregnancy
from interop import fhir
from portal.models import PainActivity, PainMoment

DOC = (Path(__file__).resolve().parents[2] / "docs" / "fhir.md").read_text()

SYSTEMS = [
    (fhir.PAIN_CONTEXT, catalogue.PainContext.values),
    (fhir.PAIN_ACTIVITY, PainActivity.values),
    (fhir.REPORTED_BY, ["patient"]),
    (fhir.PELVIC_TEST, catalogue.PelvicTest.values),
    (fhir.TEST_RESULT, catalogue.TestResult.values),
    (fhir.SIDE, catalogue.Side.values),
    (fhir.RED_FLAG, catalogue.RedFlag.values),
    (fhir.RED_FLAG_STATUS, catalogue.RedFlagStatus.values),
    (fhir.CONSULTATION_KIND, Consultation.Kind.values),
    (fhir.EDD_SOURCE, Pregnancy.EddSource.values),
    (fhir.REFERRAL_TARGET, [code for code in catalogue.Referral.values if code != "none"]),
    (fhir.MEASURE, ["aslr-total", "aslr-with-compression", "pgq-total", "pgq-activity",
                    "pgq-symptom", "physiotherapy-referral", "home-programme", "psfs",
                    "psfs-activity", "patient-report"]),
]


def section(system):
    """The lines of docs/fhir.md from the system's URN to the next heading."""
    start = DOC.index(f"`{system}`")
    end = DOC.find("\n#", start)
    return DOC[start:end if end > 0 else None]


@pytest.mark.parametrize(("system", "codes"), SYSTEMS, ids=[s for s, _c in SYSTEMS])
def test_every_local_code_is_published_under_its_system(system, codes):
    listed = {line.split("`")[1] for line in section(system).splitlines()
              if line.startswith("| `")}
    assert listed == set(codes)


def test_the_measure_codes_in_the_doc_are_the_ones_the_export_uses():
    source = Path(fhir.__file__).read_text()
    used = {code for code in SYSTEMS[-1][1] if f'"{code}"' in source}
    assert used == set(SYSTEMS[-1][1])


def test_the_standard_codes_are_named_in_the_doc():
    for code in ("11778-8", "11884-4", "72514-3", "38214-3", "O26.7", "DO267", fhir.CPR,
                 fhir.SKS, fhir.ICD10, fhir.LOINC, fhir.PGQ_QUESTIONNAIRE,
                 fhir.PAIN_CONTEXT_EXTENSION, fhir.PAIN_ACTIVITY_EXTENSION,
                 *fhir.DOSAGE_EXTENSION.values()):
        assert code in DOC, code


def test_the_moments_she_reports_are_pain_context_codes():
    """Her "now" and "worst in the last week" go in the pain-context extension, so they must be
    codes of that published system."""
    assert set(PainMoment.values) <= set(catalogue.PainContext.values)
