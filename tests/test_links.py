"""Links by public id (pgp_clinic/links.py) are the addresses reverse() gives, under any
script prefix (a deployment below a path) and in either language."""

import uuid

from django.urls import reverse, set_script_prefix
from django.utils import translation

from pgp_clinic.links import by_public_id


def test_a_link_by_public_id_is_what_reverse_gives():
    for name in ("consultations:patient_detail", "consultations:consultation_detail",
                 "consultations:consultation_edit"):
        for language in ("da", "en"):
            with translation.override(language):
                public_id = uuid.uuid4()
                assert by_public_id(name, public_id) == reverse(name, args=[public_id])
                assert by_public_id(name, str(public_id)) == reverse(name, args=[public_id])


def test_a_link_follows_the_script_prefix():
    public_id = uuid.uuid4()
    try:
        set_script_prefix("/clinic/")
        assert by_public_id("consultations:patient_detail", public_id) == (
            f"/clinic/patients/{public_id}/")
    finally:
        set_script_prefix("/")
    assert by_public_id("consultations:patient_detail", public_id) == f"/patients/{public_id}/"


def test_an_address_is_what_reverse_gives_for_ids_slugs_and_no_arguments():
    from pgp_clinic.links import address

    cases = [("clinical_rules",), ("consultations:referral_targets",),
             ("consultations:progress", uuid.uuid4()),
             ("consultations:pregnancy_edit", uuid.uuid4(), str(uuid.uuid4())),
             ("consultations:handout_pdf", uuid.uuid4(), "programme"),
             ("consultations:handout_preview", uuid.uuid4(), "referral"),
             ("education:exercise_edit", 7)]  # an int: its converter refuses a stand-in
    for language in ("da", "en"):
        with translation.override(language):
            for name, *args in cases * 2:  # the second time from what was remembered
                assert address(name, *args) == reverse(name, args=args)
    try:
        set_script_prefix("/clinic/")
        public_id = uuid.uuid4()
        assert address("consultations:handout_pdf", public_id, "summary") == (
            f"/clinic/consultations/{public_id}/handouts/summary.pdf")
    finally:
        set_script_prefix("/")


def test_an_address_the_view_would_not_take_is_refused_as_reverse_refuses_it():
    import pytest
    from django.urls import NoReverseMatch

    from pgp_clinic.links import address

    for args in (["programme"], ["a b"], [uuid.uuid4(), "not a slug"]):  # no id; spaces
        name = "consultations:progress" if len(args) == 1 else "consultations:handout_pdf"
        for _twice in range(2):
            with pytest.raises(NoReverseMatch):
                address(name, *args)
